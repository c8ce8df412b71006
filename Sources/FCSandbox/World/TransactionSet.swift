import FCKit

/// One generated transaction, kept small so an account can hold 100,000 of them.
/// Its status, `transaction_refresh` and `updated` depend on the refreshes that followed
/// it, so they are computed when rendered (see `TransactionSet.render`).
struct GeneratedTransaction: Sendable {
    enum Kind: UInt8, Sendable { case posted, pending, void }
    let id: String
    let transactedAt: Int
    let amount: Int
    let merchant: Int
    let kind: Kind
    /// Index of the successful transaction refresh that first returned it.
    let refresh: Int
}

/// A successful transaction refresh: the `fctxnref_…` id and when it completed.
struct TransactionRefreshMark: Sendable, Equatable {
    let id: String
    let at: Int
}

/// The transactions of one account, generated lazily from the seed and the account id and
/// cached. Stored oldest first (so later refreshes append), with an index by id.
struct TransactionSet: Sendable {
    private(set) var items: [GeneratedTransaction] = []
    private(set) var position: [String: Int] = [:]
    private(set) var refreshes: [TransactionRefreshMark] = []
    let seed: UInt64
    let account: String
    let baseCount: Int

    static let historySeconds = 90 * 86_400

    init(seed: UInt64, account: String, baseCount: Int) {
        self.seed = seed
        self.account = account
        self.baseCount = max(0, baseCount)
    }

    /// Extends the set to cover these refreshes (a prefix-compatible, growing list).
    mutating func sync(with marks: [TransactionRefreshMark]) {
        while refreshes.count < marks.count {
            let index = refreshes.count
            let mark = marks[index]
            if index == 0 {
                generateHistory(until: mark.at)
            } else {
                generateIncrement(refresh: index, from: refreshes[index - 1].at, to: mark.at)
            }
            refreshes.append(mark)
        }
    }

    private mutating func append(_ rng: inout SeededRandom, at time: Int, refresh: Int, pendingChance: Int) {
        let merchant = rng.below(Merchants.all.count)
        let m = Merchants.all[merchant]
        let magnitude = rng.between(m.low, m.high)
        let roll = rng.below(1_000)
        let kind: GeneratedTransaction.Kind = roll < pendingChance ? .pending : (roll >= 990 ? .void : .posted)
        let id = "fctxn_1" + rng.alphanumerics(23)
        position[id] = items.count
        items.append(GeneratedTransaction(id: id, transactedAt: time, amount: m.isCredit ? magnitude : -magnitude,
                                          merchant: merchant, kind: kind, refresh: refresh))
    }

    private mutating func generateHistory(until end: Int) {
        var rng = SeededRandom(seed, SeededRandom.hash(account), 0)
        let count = baseCount
        guard count > 0 else { return }
        items.reserveCapacity(count + 16)
        position.reserveCapacity(count + 16)
        let start = end - TransactionSet.historySeconds
        let step = Double(TransactionSet.historySeconds) / Double(count)
        for i in 0..<count {
            let time = start + Int(Double(i) * step) + rng.below(max(1, Int(step)))
            // Only the last three days can still be pending.
            let recent = end - time < 3 * 86_400
            append(&rng, at: min(time, end - 1), refresh: 0, pendingChance: recent ? 300 : 0)
        }
    }

    private mutating func generateIncrement(refresh: Int, from: Int, to: Int) {
        var rng = SeededRandom(seed, SeededRandom.hash(account), UInt64(refresh))
        let count = rng.between(1, 3)
        let span = max(1, to - from)
        var times = (0..<count).map { _ in from + 1 + rng.below(span) }
        times.sort()
        for time in times { append(&rng, at: min(time, to), refresh: refresh, pendingChance: 300) }
    }

    /// Index of the refresh that last created or updated this transaction.
    func lastRefresh(of t: GeneratedTransaction) -> Int {
        if t.kind == .pending, t.refresh + 1 < refreshes.count { return t.refresh + 1 }
        return t.refresh
    }

    func render(_ t: GeneratedTransaction) -> JSON {
        let last = lastRefresh(of: t)
        var status = "posted"
        var postedAt: JSON = .null
        var voidAt: JSON = .null
        switch t.kind {
        case .posted:
            postedAt = .int(min(t.transactedAt + 86_400, refreshes[t.refresh].at))
        case .pending:
            if last != t.refresh { postedAt = .int(refreshes[last].at) } else { status = "pending" }
        case .void:
            status = "void"
            voidAt = .int(min(t.transactedAt + 3_600, refreshes[t.refresh].at))
        }
        var o = JSONObject()
        o["id"] = .string(t.id)
        o["object"] = "financial_connections.transaction"
        o["account"] = .string(account)
        o["amount"] = .int(t.amount)
        o["currency"] = "usd"
        o["description"] = .string(Merchants.all[t.merchant].description)
        o["livemode"] = false
        o["status"] = .string(status)
        o["status_transitions"] = ["posted_at": postedAt, "void_at": voidAt]
        o["transacted_at"] = .int(t.transactedAt)
        o["transaction_refresh"] = .string(refreshes[last].id)
        o["updated"] = .int(refreshes[last].at)
        return .object(o)
    }

    /// Oldest-first index of the first item with `transactedAt >= time`.
    func lowerBound(_ time: Int) -> Int {
        var low = 0, high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid].transactedAt < time { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
