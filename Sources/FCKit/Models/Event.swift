/// An `event`.
public struct Event: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// `evt_…`
    public var id: String { json["id"]?.stringValue ?? "" }
    /// e.g. `financial_connections.account.refreshed_balance`.
    public var type: String? { json["type"]?.stringValue }
    public var created: Int64? { json["created"]?.int64Value }
    public var livemode: Bool { json["livemode"]?.boolValue ?? false }
    public var apiVersion: String? { json["api_version"]?.stringValue }
    /// The resource the event is about (`data.object`).
    public var object: JSON? { json["data"]?["object"] }
    /// That resource's id.
    public var objectID: String? { object?["id"]?.stringValue }
}
