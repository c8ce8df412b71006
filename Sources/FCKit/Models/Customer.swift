/// A `customer` object.
public struct Customer: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// `cus_…`
    public var id: String { json["id"]?.stringValue ?? "" }
    public var email: String? { json["email"]?.stringValue }
    public var name: String? { json["name"]?.stringValue }
    public var phone: String? { json["phone"]?.stringValue }
    public var description: String? { json["description"]?.stringValue }
    /// Unix seconds.
    public var created: Int64? { json["created"]?.int64Value }
    /// True for the stub Stripe returns for a deleted customer.
    public var deleted: Bool { json["deleted"]?.boolValue ?? false }
}
