import FCKit

/// `stripe-fc balances`: the balance of linked accounts, by id or every account of a customer.
enum Balances {
    static let command = CommandSpec(
        name: "balances", aliases: ["balance"], summary: "Show account balances (one row per currency)",
        description: "Reads the balance of linked accounts (account.balance: current, and cash.available or credit.used, per currency), for the accounts given or every account of --customer. Balances are as of the last successful balance refresh; --refresh asks for a new one first (features[]=balance, needs the balances permission) and --wait waits for it. JSON prints the account objects; tables show one row per currency, money formatted, minor units kept in JSON, CSV and TSV.",
        group: "Account data",
        usage: ["(fca_…... | --customer cus_…) [--refresh [--wait]]"],
        options: [
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "Every account of this customer that has the balances permission."),
            .flag("refresh", help: "Refresh balances first (POST …/refresh features[]=balance)."),
        ] + AccountsRefresh.waitOptions,
        positionals: [PositionalSpec(name: "ACCOUNT", kind: .id(["fca_"]), help: "Linked account ids (fca_…).", required: false, variadic: true)],
        examples: ["$ stripe-fc balances fca_123", "$ stripe-fc balances --customer cus_123 --refresh --wait", "$ stripe-fc balances fca_123 --format csv"],
        view: view, run: run)

    /// One row per currency of `balance.current`: ACCOUNT, INSTITUTION, NAME, TYPE, CURRENCY, CURRENT,
    /// AVAILABLE/USED, AS OF. A row is the account with `currency`, `current` and `available_or_used` added.
    static let view = View(
        columns: [
            .id("ACCOUNT", "id"),
            .text("INSTITUTION", "institution_name"),
            .text("NAME", "display_name"),
            .derived("TYPE", key: "balance.type", priority: 2) { row, _ in
                row.value(at: "balance.type")?.stringValue ?? "(no balance yet)"
            },
            .path("CURRENCY", "currency", priority: Column.essential),
            .money("CURRENT", "current", currencyPath: "currency", priority: Column.essential),
            .money("AVAILABLE/USED", "available_or_used", currencyPath: "currency"),
            .time("AS OF", "balance.as_of"),
        ],
        objects: ["financial_connections.account"],
        rows: { account in
            guard let balance = account["balance"], !balance.isNull, let current = balance["current"]?.objectValue else {
                return [account]
            }
            let secondary = balance["type"]?.stringValue == "credit" ? balance.value(at: "credit.used") : balance.value(at: "cash.available")
            return current.map { currency, amount in
                View.row(account, adding: ["currency": .string(currency), "current": amount,
                                           "available_or_used": secondary?[currency] ?? .null])
            }
        },
        emptyMessage: "No accounts found.")

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let batch = try await DataAccounts.resolve(context, permission: "balances", feature: "balance", refreshFlag: "refresh")
        return try AccountsRefresh.outcome(batch, features: ["balance"], waited: context.flag("refresh") && context.flag("wait"), view: view, context: context)
    }
}

/// Which accounts a data command (balances, transactions) works on: ids given (read several at
/// once), or the customer's accounts holding the needed permission; refreshed first when asked.
/// An account that cannot be read or lacks the permission is a failure beside the others.
enum DataAccounts {
    static func resolve(_ context: CommandContext, permission: String, feature: String, refreshFlag: String) async throws -> AccountsRefresh.Batch {
        let ids = context.positionals.uniqued
        let customer = context.string("customer")
        if ids.isEmpty == (customer == nil) {
            throw CLIError.usage(ids.isEmpty ? "give account ids (fca_…) or --customer cus_…" : "give account ids or --customer, not both")
        }
        if context.flag("wait"), !context.flag(refreshFlag) { throw CLIError.usage("--wait needs --\(refreshFlag)") }
        let client = try context.client()
        // A dry run shows every request, writes included: an account it cannot read stands in as fca_DRYRUN.
        let placeholder = { @Sendable (id: String) -> JSON in ["id": .string(id), "status": "active", "permissions": [.string(permission)]] }
        var batch = AccountsRefresh.Batch()
        if let customer {
            var accounts: [JSON]
            do {
                accounts = try await Accounts.all(of: customer, client: client)
            } catch ClientError.dryRun {
                accounts = [placeholder("fca_DRYRUN")]
            }
            batch.holder = (customer, accounts.count)
            accounts = accounts.filter { Accounts.has($0, permission: permission) && $0["status"]?.stringValue == "active" }
            if accounts.isEmpty {
                throw CLIError(message: "customer \(customer) has no active linked account with the \(permission) permission", exitCode: ExitCode.failure,
                               hint: "link one: stripe-fc sessions create --customer \(customer) --permission \(permission)")
            }
            batch.accounts = accounts
            batch.total = accounts.count
        } else {
            batch.total = ids.count
            let read = try await context.fleet("reading").map(ids) { id in
                try await context.send(AccountsAPI.retrieve(id), with: client) ?? placeholder(id)
            }
            for (id, outcome) in zip(ids, read) {
                switch outcome {
                case .success(let account) where Accounts.has(account, permission: permission):
                    batch.accounts.append(account)
                case .success(let account):
                    batch.failures.append(AccountFailure(account: id, step: "permission",
                                                         error: missingPermission(id, permission: permission, holder: Sessions.holder(account))))
                case .failure(let error):
                    batch.failures.append(AccountFailure(account: id, step: "retrieve", error: error))
                }
            }
        }
        guard context.flag(refreshFlag) else { return batch }
        return try await AccountsRefresh.refresh(batch, features: [feature], wait: context.flag("wait"), skipCooldown: true,
                                                 context: context, client: client)
    }

    static func missingPermission(_ id: String, permission: String, holder: String) -> CLIError {
        let who = holder.hasPrefix("cus_") ? "--customer \(holder)" : holder.hasPrefix("acct_") ? "--account \(holder)" : "--customer cus_…"
        return CLIError(message: "account \(id) was not linked with the \(permission) permission", exitCode: ExitCode.failure,
                        hint: "link it again through a new session that asks for it: stripe-fc sessions create \(who) --permission \(permission)")
    }
}
