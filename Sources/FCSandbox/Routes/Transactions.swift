import FCKit

/// GET /v1/financial_connections/transactions[/{transaction}] over the lazily generated,
/// cached transaction sets: pages walk the set by position, never the whole set.
extension SandboxEngine {
    /// The account's transactions, extended to its latest successful refresh.
    func transactionSet(for id: String) -> TransactionSet? {
        guard let record = accountRecords[id], !record.transactionRefreshes.isEmpty else { return nil }
        var set = transactionSets[id] ?? TransactionSet(seed: options.seed, account: id, baseCount: record.seeded?.transactions ?? options.transactionsPerAccount)
        set.sync(with: record.transactionRefreshes)
        transactionSets[id] = set
        return set
    }

    private func readableTransactions(_ id: String, param: String) throws(APIError) -> TransactionSet {
        let a = try account(id, param: param, status: 400)
        try requireActive(a, id)
        if !(a["permissions"]?.arrayValue?.contains("transactions") ?? false) {
            throw APIError(message: "You cannot list transactions of \(id) because the account was not linked with the `transactions` permission.",
                           param: param)
        }
        guard let set = transactionSet(for: id) else {
            throw APIError(code: "financial_connections_no_successful_transaction_refresh",
                           message: "The account \(id) has no successful transaction refresh yet. Refresh it with features[]=transactions and wait for transaction_refresh.status to be succeeded before listing transactions.",
                           param: param)
        }
        return set
    }

    func listTransactions(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, ListPaging.spec + [("account", .string), ("transacted_at", .range),
                                                                 ("transaction_refresh", .object([("after", .string)]))])
        let accountId = try p.require("account")
        if p.has("transaction_refresh"), p.text("transaction_refresh.after") == nil { throw .missingParameter("transaction_refresh[after]") }
        let set = try readableTransactions(accountId, param: "account")
        let limit = try ListPaging.limit(p)
        let (after, before) = try ListPaging.cursors(p)

        // transacted_at bounds as an oldest-first index range [low, high).
        var low = 0, high = set.items.count
        if let exact = p.int("transacted_at") {
            low = set.lowerBound(exact); high = set.lowerBound(exact + 1)
        } else {
            if let gt = p.int("transacted_at.gt") { low = max(low, set.lowerBound(gt + 1)) }
            if let gte = p.int("transacted_at.gte") { low = max(low, set.lowerBound(gte)) }
            if let lt = p.int("transacted_at.lt") { high = min(high, set.lowerBound(lt)) }
            if let lte = p.int("transacted_at.lte") { high = min(high, set.lowerBound(lte + 1)) }
        }
        var afterRefresh = -1
        if let refreshId = p.text("transaction_refresh.after") {
            guard let index = set.refreshes.firstIndex(where: { $0.id == refreshId }) else {
                throw .noSuch("transaction refresh", refreshId, param: "transaction_refresh[after]", status: 400)
            }
            afterRefresh = index
        }
        func matches(_ i: Int) -> Bool {
            i >= low && i < high && (afterRefresh < 0 || set.lastRefresh(of: set.items[i]) > afterRefresh)
        }
        func cursor(_ id: String, _ param: String) throws(APIError) -> Int {
            guard let i = set.position[id], matches(i) else { throw .noSuch("financial connections transaction", id, param: param, status: 400) }
            return i
        }
        var picked: [Int] = []
        var hasMore = false
        if let before {
            // Newer than the cursor: walk up (oldest-first order), then present newest first.
            var i = try cursor(before, "ending_before") + 1
            while i < high {
                if matches(i) {
                    if picked.count == limit { hasMore = true; break }
                    picked.append(i)
                }
                i += 1
            }
            picked.reverse()
        } else {
            var i = (after == nil ? high : try cursor(after!, "starting_after")) - 1
            while i >= low {
                if matches(i) {
                    if picked.count == limit { hasMore = true; break }
                    picked.append(i)
                }
                i -= 1
            }
        }
        let data = picked.map { set.render(set.items[$0]) }
        return .json(ListPaging.envelope(data, hasMore: hasMore, url: "/v1/financial_connections/transactions"))
    }

    func retrieveTransaction(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        let id = ctx[0]
        if id.hasPrefix("fctxn_") {
            for accountId in accounts.ids {
                guard let set = transactionSet(for: accountId), let i = set.position[id] else { continue }
                try requireActive(accounts[accountId]!, accountId)
                return .json(set.render(set.items[i]))
            }
        }
        throw .noSuch("financial connections transaction", id, param: "transaction")
    }
}
