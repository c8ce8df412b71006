/// `/v1/payment_intents`.
public enum PaymentIntentsAPI {
    public static let basePath = "/v1/payment_intents"

    /// `/v1/payment_intents/{id}`, id escaped.
    public static func path(_ id: String) -> String { "\(basePath)/\(APIPath.segment(id))" }

    /// POST /v1/payment_intents (`amount`, `currency`, `customer`, `payment_method_data[…]`, `mandate_data[…]`, `confirm`, …).
    public static func create(_ params: JSONObject) -> StripeRequest {
        StripeRequest(method: .post, path: basePath, params: params)
    }

    /// GET /v1/payment_intents/{id}
    public static func retrieve(_ id: String, expand: [String] = []) -> StripeRequest {
        StripeRequest(method: .get, path: path(id), params: APIPath.expandParams(expand))
    }

    /// POST /v1/payment_intents/{id}/confirm
    public static func confirm(_ id: String, params: JSONObject = [:]) -> StripeRequest {
        StripeRequest(method: .post, path: "\(path(id))/confirm", params: params)
    }

    /// POST /v1/payment_intents/{id}/cancel, optionally with a `cancellation_reason`.
    public static func cancel(_ id: String, reason: String? = nil) -> StripeRequest {
        var params = JSONObject()
        if let reason { params["cancellation_reason"] = .string(reason) }
        return StripeRequest(method: .post, path: "\(path(id))/cancel", params: params)
    }
}
