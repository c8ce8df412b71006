/// `/v1/events`.
public enum EventsAPI {
    /// GET with `type` (wildcards allowed), `types[]`, `created[gt|…]`.
    public static let listPath = "/v1/events"

    /// GET /v1/events/{id}
    public static func retrieve(_ id: String) -> StripeRequest {
        StripeRequest(method: .get, path: "\(listPath)/\(APIPath.segment(id))")
    }
}
