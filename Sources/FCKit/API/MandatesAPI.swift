/// `/v1/mandates`: a customer's authorisation to debit a payment method.
public enum MandatesAPI {
    public static let basePath = "/v1/mandates"

    /// `/v1/mandates/{id}`, id escaped.
    public static func path(_ id: String) -> String { "\(basePath)/\(APIPath.segment(id))" }

    /// GET /v1/mandates/{id}
    public static func retrieve(_ id: String, expand: [String] = []) -> StripeRequest {
        StripeRequest(method: .get, path: path(id), params: APIPath.expandParams(expand))
    }
}
