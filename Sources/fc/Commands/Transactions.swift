import FCKit

/// `stripe-fc transactions`: an account's (or a customer's accounts') transactions, streamed page by page.
enum Transactions {
    static let command = CommandSpec(
        name: "transactions", aliases: ["txns"], summary: "List transactions of linked accounts",
        description: "Lists Financial Connections transactions (GET /v1/financial_connections/transactions?account=…), newest first, for one account or every account of --customer that has the transactions permission. --since/--until filter on transacted_at (transacted_at[gte]/[lt]); --status is applied here, as the API has no status filter; --after-refresh fctxnref_… returns only what refreshes after that one created or updated (incremental sync: keep the last transaction_refresh.id). Needs a successful transactions refresh: --refresh asks for one first. With --all and jsonl/csv/tsv, rows stream as pages arrive in constant memory.",
        group: "Account data",
        usage: ["(fca_… | --customer cus_…) [--since T] [--until T] [--status S] [--refresh [--wait]] [--after-refresh fctxnref_…] [--limit N | --all]"],
        options: [
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "Every account of this customer with the transactions permission."),
            OptionSpec(name: "since", valueName: "T", kind: .time, help: "Only transactions at or after this time: YYYY-MM-DD (midnight in the zone tables show: local, TZ, or UTC with --utc), RFC 3339 or unix seconds."),
            OptionSpec(name: "until", valueName: "T", kind: .time, help: "Only transactions before this time (a date: before its midnight, in the same zone as --since)."),
            OptionSpec(name: "status", valueName: "S", kind: .choice(["pending", "posted", "void"]), help: "Only transactions with this status.", list: true),
            OptionSpec(name: "after-refresh", valueName: "fctxnref_…", kind: .id(["fctxnref_"]), help: "Only transactions created or updated by refreshes after this one."),
            .flag("refresh", help: "Refresh transactions first (features[]=transactions)."),
        ] + AccountsRefresh.waitOptions + [CommandTree.limit, CommandTree.all],
        positionals: [PositionalSpec(name: "ACCOUNT", kind: .id(["fca_"]), help: "A linked account's id (fca_…).", required: false)],
        examples: [
            "$ stripe-fc transactions fca_123 --since 2026-11-01",
            "$ stripe-fc transactions --customer cus_123 --status posted --all --format jsonl",
            "$ stripe-fc transactions fca_123 --after-refresh fctxnref_123 --all",
        ],
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
        let accounts = try await DataAccounts.resolve(context, permission: "transactions", feature: "transactions", refreshFlag: "refresh")
        if context.flag("refresh"), context.flag("wait"), let failure = AccountsRefresh.failure(accounts, features: ["transactions"], context: context) {
            throw failure
        }
        var params = JSONObject()
        var range = JSONObject()
        if let since = context.time("since") { range["gte"] = .int(since) }
        if let until = context.time("until") { range["lt"] = .int(until) }
        if !range.isEmpty { params["transacted_at"] = .object(range) }
        if let after = context.string("after-refresh") { params["transaction_refresh"] = ["after": .string(after)] }
        let statuses = Set(context.strings("status"))
        let client = try context.client()
        let ids = accounts.compactMap { $0["id"]?.stringValue }
        let stream = TransactionStream(client: client, accounts: ids, params: params, statuses: statuses, limit: limit)
        return .list(stream.items(), view(multipleAccounts: ids.count > 1))
    }
}

/// Transactions of several accounts one after another, filtered by status, up to a total limit.
/// Pages are fetched only as the renderer consumes rows.
struct TransactionStream: Sendable {
    let client: StripeClient
    let accounts: [String]
    let params: JSONObject
    let statuses: Set<String>
    let limit: Int?

    func items() -> AsyncThrowingStream<JSON, Error> {
        let state = State(self)
        return AsyncThrowingStream { try await state.next() }
    }

    private final class State: @unchecked Sendable {
        let spec: TransactionStream
        var accountIndex = 0
        var iterator: Paginator.AsyncIterator?
        var yielded = 0

        init(_ spec: TransactionStream) { self.spec = spec }

        func next() async throws -> JSON? {
            if let limit = spec.limit, yielded >= limit { return nil }
            while true {
                if iterator == nil {
                    guard accountIndex < spec.accounts.count else { return nil }
                    var params = spec.params
                    params["account"] = .string(spec.accounts[accountIndex])
                    accountIndex += 1
                    // With a status filter the API cannot count for us: page through until enough match.
                    let pageLimit = spec.statuses.isEmpty ? spec.limit.map { $0 - yielded } : nil
                    iterator = spec.client.list(TransactionsAPI.listPath, params: params, limit: pageLimit).makeAsyncIterator()
                }
                guard let item = try await iterator?.next() else { iterator = nil; continue }
                if !spec.statuses.isEmpty, !spec.statuses.contains(item["status"]?.stringValue ?? "") { continue }
                yielded += 1
                return item
            }
        }
    }
}
