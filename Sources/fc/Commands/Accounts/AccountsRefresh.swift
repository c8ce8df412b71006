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
        view: Accounts.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let features = context.strings("feature").uniqued
        let client = try context.client()
        let targets = context.positionals.uniqued.map { JSON.object(["id": .string($0)]) }
        // The explicit verb always asks: Stripe's refusal inside the cooldown is that account's failure.
        let batch = try await refresh(Batch(accounts: targets, total: targets.count), features: features, wait: context.flag("wait"),
                                      skipCooldown: false, context: context, client: client)
        return try outcome(batch, features: features, waited: context.flag("wait"), view: Accounts.view, context: context)
    }

    /// Accounts a bulk command works on, and those it could not.
    struct Batch: Sendable {
        var accounts: [JSON] = []
        var failures: [AccountFailure] = []
        /// Accounts asked for: the denominator of `N of M accounts failed`.
        var total = 0
        /// When every account is one customer's and that customer's accounts were listed: the
        /// customer and how many accounts it holds, so `--wait` can poll one list instead of each account.
        var holder: (customer: String, accounts: Int)? = nil
    }

    /// Starts the refreshes (several accounts at once), then with `wait` polls until none is
    /// pending. With `skipCooldown` (the data commands' `--refresh`), a feature whose
    /// `next_refresh_available_at` is still ahead is not asked for: a note says when its data is
    /// from, and the current data is used. An account whose refresh could not start is a failure.
    static func refresh(_ batch: Batch, features: [String], wait: Bool, skipCooldown: Bool,
                        context: CommandContext, client: StripeClient) async throws -> Batch {
        let now = Int(context.environment.now())
        let plans: [(account: JSON, features: [String])] = batch.accounts.map { account in
            guard skipCooldown else { return (account, features) }
            return (account, features.filter { feature in
                let state = account[Accounts.refreshField(feature)]
                guard let next = state?["next_refresh_available_at"]?.intValue, next > now else { return true }
                let zone = context.output.timeZone, label = TimeFormat.zoneLabel(zone)
                let from = state?["last_attempted_at"]?.intValue.map { "the refresh at \(TimeFormat.local($0, timeZone: zone)) (\(label))" } ?? "an earlier refresh"
                context.note("\(account["id"]?.displayText ?? "?"): \(feature) data is from \(from); Stripe allows the next refresh at \(TimeFormat.local(next, timeZone: zone)) (\(label)), so none was asked for")
                return false
            })
        }
        let environment = context.environment
        let started = try await context.fleet("refreshing").map(plans) { plan -> (account: JSON, at: Double) in
            guard !plan.features.isEmpty, let id = plan.account["id"]?.stringValue else { return (plan.account, environment.now()) }
            var request = AccountsAPI.refresh(id, features: plan.features)
            request.idempotencyKey = context.idempotencyKey(step: "refresh-\(id)")
            return (try await context.send(request, with: client) ?? plan.account, environment.now())
        }
        if context.flag("dry-run") { throw ClientError.dryRun }
        var result = Batch(failures: batch.failures, total: batch.total, holder: batch.holder)
        var startedAt: [Double] = []
        for (plan, outcome) in zip(plans, started) {
            switch outcome {
            case .success(let (account, at)):
                result.accounts.append(account)
                startedAt.append(at)
            case .failure(let error):
                result.failures.append(AccountFailure(account: plan.account["id"]?.displayText ?? "?",
                                                      step: "\(plan.features.joined(separator: ", ")) refresh", error: error))
            }
        }
        guard wait else { return result }
        return try await self.wait(for: result, startedAt: startedAt, features: features, context: context, client: client)
    }

    /// Polls the pending accounts until none is pending, each when its refresh should have ended
    /// (`RefreshSchedule`): one customer's accounts through one list of that customer's accounts
    /// when that takes fewer requests, else each account (several at once). When the wait gives
    /// up, the accounts as last seen come back, still pending: `outcome` then reports exit 5.
    static func wait(for batch: Batch, startedAt: [Double], features: [String], context: CommandContext, client: StripeClient) async throws -> Batch {
        var latest = batch.accounts, failures = batch.failures
        var lost = Set<Int>()
        var schedule = RefreshSchedule(startedAt: startedAt)
        var holder = batch.holder
        let environment = context.environment
        let started = environment.now(), deadline = started + context.waitTimeout
        while true {
            let pending = latest.indices.filter { !lost.contains($0) && !isSettled(latest[$0], features: features) }
            if pending.isEmpty { break }
            if environment.now() >= deadline { break }
            let listPages = holder.map { ($0.accounts + Paginator.maxPageSize - 1) / Paginator.maxPageSize }
            let byList = listPages.map { $0 < pending.count } ?? false
            let wake = byList ? schedule.due(of: pending).max()! : schedule.due(of: pending).min()!
            let pause = min(wake, deadline) - environment.now()
            if pause > 0 { try await environment.sleep(pause) }
            try Task.checkCancellation()
            let sent = environment.now()
            // A list answers for every pending account; one by one, only those now due are asked.
            let asked = byList ? pending : pending.filter { schedule.due(of: [$0])[0] <= sent + RefreshSchedule.slack }
            if byList, let customer = holder?.customer {
                do {
                    let byID = try await Dictionary(Accounts.all(of: customer, client: client).compactMap { account in
                        account["id"]?.stringValue.map { ($0, account) } }, uniquingKeysWith: { first, _ in first })
                    for index in asked {
                        if let account = latest[index]["id"]?.stringValue.flatMap({ byID[$0] }) { latest[index] = account }
                    }
                } catch {
                    // The list could not be read: ask each account instead, so one account's answer
                    // (or failure) stays that account's.
                    try Task.checkCancellation()
                    holder = nil
                    continue
                }
            } else {
                let ids = asked.map { latest[$0]["id"]?.stringValue ?? "" }
                let fresh = try await context.fleet("waiting").map(ids) { try await client.send(AccountsAPI.retrieve($0)).json }
                for (position, (index, outcome)) in zip(asked, fresh).enumerated() {
                    switch outcome {
                    case .success(let account): latest[index] = account
                    case .failure(let error):
                        lost.insert(index)
                        failures.append(AccountFailure(account: ids[position], step: "retrieve while waiting", error: error))
                    }
                }
            }
            let answered = environment.now()
            for index in asked where !lost.contains(index) {
                schedule.observe(index, settled: isSettled(latest[index], features: features), sent: sent, answered: answered)
            }
            let still = latest.indices.filter { !lost.contains($0) && !isSettled(latest[$0], features: features) }
            if !still.isEmpty {
                context.notice("waiting for \(features.joined(separator: ", ")) refresh of \(still.count == 1 ? latest[still[0]]["id"]?.displayText ?? "" : "\(still.count) accounts") (\(Int(answered - started))s)")
            }
        }
        return Batch(accounts: latest.indices.filter { !lost.contains($0) }.map { latest[$0] }, failures: failures, total: batch.total)
    }

    static func isSettled(_ account: JSON, features: [String]) -> Bool {
        features.allSatisfy { account[Accounts.refreshField($0)]?["status"]?.stringValue != "pending" }
    }

    /// The accounts to print, then the error: every account that failed (a refresh that could not
    /// start, or, waited for, ended `failed`: that account still prints, as last seen), exit 1;
    /// else, when the wait gave up on some, exit 5.
    static func outcome(_ batch: Batch, features: [String], waited: Bool, view: View, context: CommandContext) throws -> CommandOutput {
        try .partial(batch.accounts, view, failure: failure(batch, features: features, waited: waited, context: context))
    }

    /// The error `outcome` reports, or nil when every account succeeded.
    static func failure(_ batch: Batch, features: [String], waited: Bool, context: CommandContext) -> (any Error)? {
        var failures = batch.failures
        var pending: [String] = []
        if waited {
            for account in batch.accounts {
                let id = account["id"]?.displayText ?? "?"
                for feature in features {
                    switch account[Accounts.refreshField(feature)]?["status"]?.stringValue {
                    case "failed":
                        let hint = "the institution could not be reached; try again later"
                        failures.append(AccountFailure(account: id, step: "\(feature) refresh",
                                                       error: CLIError(message: "ended failed (\(hint))", exitCode: ExitCode.failure),
                                                       alone: CLIError(message: "\(feature) refresh of \(id) failed", exitCode: ExitCode.failure, hint: hint)))
                    case "pending": pending.append("\(feature) refresh of \(id)")
                    default: break
                    }
                }
            }
        }
        let failedAccounts = Set(failures.map(\.account))
        if let error = AccountFailure.summary(failures, of: batch.total, succeeded: batch.total - failedAccounts.count) {
            guard !pending.isEmpty, var bulk = error as? CLIError else { return error }
            bulk.hint = "still pending when the wait ended: \(pending.joined(separator: ", "))"
            return bulk
        }
        guard !pending.isEmpty else { return nil }
        return Poller.gaveUp(waitingFor: pending.joined(separator: ", "), after: context.waitTimeout)
    }
}

/// When to look again at a refresh that has started: when it should have ended. How long a
/// refresh takes is learnt as the wait goes: an account seen pending `t` after its refresh
/// started shows it takes longer than `t`; one seen finished shows it can take as little. Until a
/// refresh was seen finished the guess doubles (from 0.5 s, like any poll), after that the
/// shortest refresh seen is the guess; an account still pending past the guess is asked again
/// after its own backoff (0.25 s doubling to 5 s). So a bulk `--wait` asks about each account
/// about once, when it is done, instead of every account every round.
struct RefreshSchedule {
    /// Accounts due within this much of the first are asked in the same round.
    static let slack = 0.05
    private let startedAt: [Double]
    private var lastSeenPending: [Double?]
    private var checks: [Int]
    /// Longest time a refresh was seen still pending after it started.
    private var longestPending = 0.0
    /// Shortest time a refresh was seen finished after it started.
    private var shortestDone: Double?

    init(startedAt: [Double]) {
        self.startedAt = startedAt
        lastSeenPending = Array(repeating: nil, count: startedAt.count)
        checks = Array(repeating: 0, count: startedAt.count)
    }

    /// The expected length of a refresh.
    var guess: Double { shortestDone.map { max($0, longestPending) } ?? max(0.5, 2 * longestPending) }

    /// When each of `indices` should be looked at next.
    func due(of indices: [Int]) -> [Double] {
        indices.map { index in
            let expected = startedAt[index] + guess
            guard let seen = lastSeenPending[index] else { return expected }
            let backoff = min(0.25 * Double(1 << min(checks[index] - 1, 5)), 5)
            return max(expected, seen + backoff)
        }
    }

    /// What one look at account `index` showed: asked at `sent`, answered at `answered`.
    mutating func observe(_ index: Int, settled: Bool, sent: Double, answered: Double) {
        if settled {
            shortestDone = min(shortestDone ?? .infinity, answered - startedAt[index])
        } else {
            longestPending = max(longestPending, sent - startedAt[index])
            lastSeenPending[index] = sent
            checks[index] += 1
        }
    }
}
