/// A `financial_connections.account_owner`: someone the institution lists as an owner.
public struct Owner: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// `fcaown_…`
    public var id: String { json["id"]?.stringValue ?? "" }
    public var name: String? { json["name"]?.stringValue }
    public var email: String? { json["email"]?.stringValue }
    public var phone: String? { json["phone"]?.stringValue }
    public var rawAddress: String? { json["raw_address"]?.stringValue }
    /// `fcaowns_…` this owner belongs to.
    public var ownership: String? { json["ownership"]?.stringValue }
    public var refreshedAt: Int64? { json["refreshed_at"]?.int64Value }
}
