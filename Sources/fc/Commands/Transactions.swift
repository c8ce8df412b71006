import FCKit

/// `stripe-fc transactions`: an account's (or a customer's accounts') transactions, streamed page by page.
enum Transactions {
    static let command = CommandSpec(
        name: "transactions", aliases: ["txns"], summary: "List transactions of linked accounts",
        description: "Lists Financial Connections transactions (GET /v1/financial_connections/transactions?account=…), newest first, for one account or every account of --customer that has the transactions permission. --since/--until filter on transacted_at (transacted_at[gte]/[lt]); --status is applied here, as the API has no status filter; --after-refresh fctxnref_… returns only what refreshes after that one created or updated (incremental sync: keep the last transaction_refresh.id). Needs a successful transactions refresh: --refresh asks for one first. With --all and jsonl/csv/tsv, rows stream as pages arrive in constant memory.",
        group: "Account data",
        usage: ["(fca_…... | --customer cus_…) [--since T] [--until T] [--status S] [--refresh [--wait]] [--after-refresh fctxnref_…] [--limit N | --all]"],
        options: [
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "Every account of this customer with the transactions permission."),
            OptionSpec(name: "since", valueName: "T", kind: .time, help: "Only transactions at or after this time: YYYY-MM-DD (midnight in the zone tables show: local, TZ, or UTC with --utc), RFC 3339 or unix seconds."),
            OptionSpec(name: "until", valueName: "T", kind: .time, help: "Only transactions before this time (a date: before its midnight, in the same zone as --since)."),
            OptionSpec(name: "status", valueName: "S", kind: .choice(["pending", "posted", "void"]), help: "Only transactions with this status.", list: true),
            OptionSpec(name: "after-refresh", valueName: "fctxnref_…", kind: .id(["fctxnref_"]), help: "Only transactions created or updated by refreshes after this one."),
            .flag("refresh", help: "Refresh transactions first (features[]=transactions)."),
        ] + AccountsRefresh.waitOptions + [CommandTree.limit, CommandTree.all],
        positionals: [PositionalSpec(name: "ACCOUNT", kind: .id(["fca_"]), help: "Linked account ids (fca_…); several are merged newest first.", required: false, variadic: true)],
        examples: [
            "$ stripe-fc transactions fca_123 --since 2026-11-01",
            "$ stripe-fc transactions --customer cus_123 --status posted --all --format jsonl",
            "$ stripe-fc transactions fca_123 --after-refresh fctxnref_123 --all",
        ],
        subcommands: [TransactionsSync.command],
        view: view(multipleAccounts: true), run: run)

    static func view(multipleAccounts: Bool) -> View {
        var columns: [Column] = [.time("DATE", "transacted_at", dateOnly: true, priority: Column.essential)]
        if multipleAccounts { columns.append(.id("ACCOUNT", "account")) }
        columns += [
            .text("DESCRIPTION", "description"),
            .money("AMOUNT", "amount", currencyPath: "currency", priority: Column.essential),
            .path("STATUS", "status", priority: 2),
            .id("ID", "id"),
        ]
        return View(columns: columns, objects: ["financial_connections.transaction"], emptyMessage: "No transactions found.")
    }

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let limit = try context.listLimit()
        if let since = context.time("since"), let until = context.time("until"), since >= until {
            throw CLIError.usage("--since must be before --until")
        }
        let (batch, refreshProblem) = try await listable(context)
        var params = JSONObject()
        var range = JSONObject()
        if let since = context.time("since") { range["gte"] = .int(since) }
        if let until = context.time("until") { range["lt"] = .int(until) }
        if !range.isEmpty { params["transacted_at"] = .object(range) }
        if let after = context.string("after-refresh") { params["transaction_refresh"] = ["after": .string(after)] }
        let client = try context.client()
        let ids = batch.accounts.compactMap { $0["id"]?.stringValue }
        let merged = MergedTransactions(client: client, fleet: context.fleet("listing"), sources: ids.map { ($0, params) },
                                        statuses: Set(context.strings("status")), limit: limit, total: batch.total,
                                        earlierFailures: batch.failures, refreshProblem: refreshProblem)
        return .list(merged.items(), view(multipleAccounts: batch.total > 1))
    }
}

extension Transactions {
    /// The accounts whose transactions can be listed (read, refreshed when asked), and the
    /// problem to report after every other account's rows: an account whose waited-for refresh
    /// failed has no fresh transactions, so it is among the failures, not the listing.
    static func listable(_ context: CommandContext) async throws -> (AccountsRefresh.Batch, (any Error)?) {
        let waited = context.flag("refresh") && context.flag("wait")
        var batch = try await DataAccounts.resolve(context, permission: "transactions", feature: "transactions", refreshFlag: "refresh")
        let problem = AccountsRefresh.failure(batch, features: ["transactions"], waited: waited, context: context)
        if waited {
            batch.accounts.removeAll { $0["transaction_refresh"]?["status"]?.stringValue == "failed" }
        }
        return (batch, problem)
    }
}

/// Transactions of several accounts as one list, newest first across all of them: a streaming
/// k-way merge by `transacted_at` (ties in account order). The first page of every account is
/// fetched at once; later pages only when the merge reaches them, so memory stays within one page
/// per account and `--limit N` means the N newest overall. An account whose listing fails is
/// left out; the failures come at the end, after every other account's rows.
struct MergedTransactions: Sendable {
    let client: StripeClient
    let fleet: Fleet
    /// Each account with the list parameters for it (`transactions sync` gives each its own cursor).
    let sources: [(account: String, params: JSONObject)]
    let statuses: Set<String>
    let limit: Int?
    let total: Int
    let earlierFailures: [AccountFailure]
    let refreshProblem: (any Error)?
    /// Told, once the listing ended, which accounts failed (`transactions sync` keeps their cursors).
    var finished: (@Sendable (_ failed: Set<String>) -> Void)? = nil

    var accounts: [String] { sources.map(\.account) }

    func items() -> AsyncThrowingStream<JSON, Error> {
        let state = State(self)
        return AsyncThrowingStream { try await state.next() }
    }

    /// One account's place in the merge.
    struct Cursor: Sendable {
        var buffer: [JSON] = []
        var after: String?
        var more = true
        var failed = false
        /// Cursors used so far: one handed out twice means the server is repeating itself.
        var seen: Set<String> = []
    }

    /// The next page of source `index` after `after`.
    func page(_ index: Int, after: String?, size: Int) async throws -> (items: [JSON], more: Bool) {
        var params = sources[index].params
        params["account"] = .string(sources[index].account)
        params["limit"] = .int(size)
        if let after { params["starting_after"] = .string(after) }
        let page = try await client.send(StripeRequest(method: .get, path: TransactionsAPI.listPath, params: params)).json
        let items = page["data"]?.arrayValue ?? []
        // Without an id to continue from, asking again would repeat this page forever.
        return (items, (page["has_more"]?.boolValue ?? false) && items.last?["id"]?.stringValue != nil)
    }

    /// The renderer pulls one item at a time, so the state is never used concurrently.
    private final class State: @unchecked Sendable {
        let spec: MergedTransactions
        var cursors: [Cursor]
        var failures: [AccountFailure]
        var yielded = 0
        var finished = false

        init(_ spec: MergedTransactions) {
            self.spec = spec
            self.cursors = spec.accounts.map { _ in Cursor() }
            self.failures = spec.earlierFailures
        }

        /// With a status filter the API cannot count for us: whole pages, until enough match.
        var pageSize: Int {
            guard spec.statuses.isEmpty, let limit = spec.limit else { return Paginator.maxPageSize }
            return min(max(limit, 1), Paginator.maxPageSize)
        }

        func next() async throws -> JSON? {
            while !finished {
                if let limit = spec.limit, yielded >= limit { break }
                try await refill()
                let candidates = cursors.indices.filter { !cursors[$0].buffer.isEmpty }
                guard let newest = candidates.max(by: { a, b in
                    let ta = cursors[a].buffer[0]["transacted_at"]?.intValue ?? 0, tb = cursors[b].buffer[0]["transacted_at"]?.intValue ?? 0
                    return ta != tb ? ta < tb : a > b
                }) else { break }
                let item = cursors[newest].buffer.removeFirst()
                if !spec.statuses.isEmpty, !spec.statuses.contains(item["status"]?.stringValue ?? "") { continue }
                yielded += 1
                return item
            }
            finished = true
            spec.finished?(Set(failures.map(\.account)))
            if let error = AccountFailure.summary(failures, of: spec.total, succeeded: spec.total - Set(failures.map(\.account)).count)
                ?? spec.refreshProblem {
                failures = []
                throw error
            }
            return nil
        }

        /// Fetches the next page of every account whose buffer ran out and has more, at once.
        private func refill() async throws {
            let due = cursors.indices.filter { cursors[$0].buffer.isEmpty && cursors[$0].more && !cursors[$0].failed }
            guard !due.isEmpty else { return }
            let spec = spec, size = pageSize
            let jobs = due.map { (index: $0, after: cursors[$0].after) }
            let pages = try await spec.fleet.map(jobs) { job in try await spec.page(job.index, after: job.after, size: size) }
            for (index, outcome) in zip(due, pages) {
                switch outcome {
                case .success(let page):
                    if page.more, let last = page.items.last?["id"]?.stringValue, !cursors[index].seen.insert(last).inserted {
                        cursors[index].failed = true
                        failures.append(AccountFailure(account: spec.accounts[index], step: "transactions", error: CLIError(
                            message: "the API repeated a page (it continues after \(last) again): stopped instead of paging forever",
                            exitCode: ExitCode.failure)))
                        continue
                    }
                    cursors[index].buffer = page.items
                    cursors[index].after = page.items.last?["id"]?.stringValue
                    cursors[index].more = page.more
                case .failure(let error):
                    if case ClientError.dryRun = error { throw error }
                    cursors[index].failed = true
                    failures.append(AccountFailure(account: spec.accounts[index], step: "transactions", error: error))
                }
            }
        }
    }
}
