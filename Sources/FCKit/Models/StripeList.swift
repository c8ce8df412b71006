/// A list object: `{"object":"list","data":[…],"has_more":…,"url":…}`.
public struct StripeList: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    public var data: [JSON] { json["data"]?.arrayValue ?? [] }
    public var hasMore: Bool { json["has_more"]?.boolValue ?? false }
    public var url: String? { json["url"]?.stringValue }
}
