/// `/v1/customers`.
public enum CustomersAPI {
    public static let listPath = "/v1/customers"

    /// POST /v1/customers (`email`, `name`, `phone`, `description`, `metadata[k]`, …).
    public static func create(_ params: JSONObject) -> StripeRequest {
        StripeRequest(method: .post, path: listPath, params: params)
    }

    /// GET /v1/customers/{id}
    public static func retrieve(_ id: String, expand: [String] = []) -> StripeRequest {
        StripeRequest(method: .get, path: path(id), params: APIPath.expandParams(expand))
    }

    /// `/v1/customers/{id}`, id escaped.
    public static func path(_ id: String) -> String { "\(listPath)/\(APIPath.segment(id))" }
}
