import FCKit

/// `stripe-fc accounts refresh`: POST …/accounts/{account}/refresh, optionally waiting for the result.
enum AccountsRefresh {
    static let features = ["balance", "ownership", "transactions"]

    static let waitOptions: [OptionSpec] = [
        .flag("wait", help: "Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout."),
        OptionSpec(name: "wait-timeout", valueName: "DURATION", kind: .duration(), help: "How long --wait waits (90s, 5m, 1h).", defaultValue: "2m"),
    ]

    static let command = CommandSpec(
        name: "refresh", summary: "Refresh balance, ownership or transactions data",
        description: "Asks the institution for fresh data (POST /v1/financial_connections/accounts/{account}/refresh with features[]). Refreshes are asynchronous: the account's <feature>_refresh.status is pending until it becomes succeeded or failed. With --wait, polls each account (0.5 s backoff up to 5 s) until every requested refresh has finished. Stripe refuses a feature whose permission was not granted (balance needs balances), a disconnected account, and a refresh before next_refresh_available_at.",
        options: [OptionSpec(name: "feature", valueName: "F", kind: .choice(features), help: "Data to refresh.", list: true, required: true)] + waitOptions,
        positionals: [Accounts.accountsArgument],
        examples: ["$ stripe-fc accounts refresh fca_123 --feature balance --wait", "$ stripe-fc accounts refresh fca_1 fca_2 --feature balance,transactions"],
        run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let features = context.strings("feature").uniqued
        let client = try context.client()
        let accounts = try await refresh(context.positionals, features: features, wait: context.flag("wait"), context: context, client: client)
        return outcome(accounts, features: features, waited: context.flag("wait"), view: Accounts.view)
    }

    /// Starts the refreshes, then (with `wait`) polls until none is pending. Returns the latest accounts.
    static func refresh(_ ids: [String], features: [String], wait: Bool, context: CommandContext, client: StripeClient) async throws -> [JSON] {
        var accounts: [JSON] = []
        for id in ids.uniqued {
            var request = AccountsAPI.refresh(id, features: features)
            request.idempotencyKey = context.idempotencyKey(step: "refresh-\(id)")
            if let account = try await context.send(request, with: client) { accounts.append(account) }
        }
        if context.flag("dry-run") { throw ClientError.dryRun }
        guard wait else { return accounts }
        return try await self.wait(for: accounts, features: features, context: context, client: client)
    }

    static func wait(for accounts: [JSON], features: [String], context: CommandContext, client: StripeClient) async throws -> [JSON] {
        var latest = accounts
        let started = context.environment.now()
        let poller = Poller(environment: context.environment, timeout: context.waitTimeout, what: "\(features.joined(separator: ", ")) refresh")
        return try await poller.wait {
            var pending: [String] = []
            for (i, account) in latest.enumerated() where !isSettled(account, features: features) {
                let id = account["id"]?.stringValue ?? ""
                let fresh = try await client.send(AccountsAPI.retrieve(id)).json
                latest[i] = fresh
                if !isSettled(fresh, features: features) { pending.append(id) }
            }
            if pending.isEmpty { return latest }
            context.notice("waiting for \(features.joined(separator: ", ")) refresh of \(pending.joined(separator: ", ")) (\(Int(context.environment.now() - started))s)")
            return nil
        }
    }

    static func isSettled(_ account: JSON, features: [String]) -> Bool {
        features.allSatisfy { account[Accounts.refreshField($0)]?["status"]?.stringValue != "pending" }
    }

    /// The accounts to print, failing with exit 1 when a waited-for refresh ended `failed`.
    static func outcome(_ accounts: [JSON], features: [String], waited: Bool, view: View) -> CommandOutput {
        let output = CommandOutput.list(accounts, view)
        guard waited, let failure = failure(accounts, features: features) else { return output }
        return .failing(output, failure)
    }

    /// Exit 1 naming every requested refresh that ended `failed`, or nil when none did.
    static func failure(_ accounts: [JSON], features: [String]) -> CLIError? {
        let failed = accounts.flatMap { account in
            features.filter { account[Accounts.refreshField($0)]?["status"]?.stringValue == "failed" }
                .map { "\($0) refresh of \(account["id"]?.stringValue ?? "?")" }
        }
        guard !failed.isEmpty else { return nil }
        return CLIError(message: "\(failed.joined(separator: ", ")) failed", exitCode: ExitCode.failure,
                        hint: "the institution could not be reached; try again later")
    }
}
