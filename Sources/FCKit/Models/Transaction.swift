/// A `financial_connections.transaction` on a linked account.
public struct Transaction: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// `fctxn_…`
    public var id: String { json["id"]?.stringValue ?? "" }
    /// `fca_…`
    public var account: String? { json["account"]?.stringValue }
    /// Minor units; negative for money leaving the account.
    public var amount: Int64? { json["amount"]?.int64Value }
    public var currency: String? { json["currency"]?.stringValue }
    public var description: String? { json["description"]?.stringValue }
    /// `pending`, `posted`, `void`.
    public var status: String? { json["status"]?.stringValue }
    public var transactedAt: Int64? { json["transacted_at"]?.int64Value }
    /// `fctxnref_…` of the refresh that last created or updated it.
    public var transactionRefresh: String? { json["transaction_refresh"]?.stringValue }
    public var postedAt: Int64? { json["status_transitions"]?["posted_at"]?.int64Value }
    public var voidAt: Int64? { json["status_transitions"]?["void_at"]?.int64Value }
    public var updated: Int64? { json["updated"]?.int64Value }
}
