/// `/v1/setup_intents`: saving a payment method (and its mandate) for later off-session payments.
public enum SetupIntentsAPI {
    /// Also the list path: GET with `customer`, `payment_method`, `created`.
    public static let basePath = "/v1/setup_intents"

    /// `/v1/setup_intents/{id}`, id escaped.
    public static func path(_ id: String) -> String { "\(basePath)/\(APIPath.segment(id))" }

    /// POST /v1/setup_intents (`customer`, `payment_method_types[]`, `payment_method_data[…]`, `usage`, `confirm`, `mandate_data[…]`, …).
    public static func create(_ params: JSONObject) -> StripeRequest {
        StripeRequest(method: .post, path: basePath, params: params)
    }

    /// GET /v1/setup_intents/{id}
    public static func retrieve(_ id: String, expand: [String] = []) -> StripeRequest {
        StripeRequest(method: .get, path: path(id), params: APIPath.expandParams(expand))
    }

    /// POST /v1/setup_intents/{id}/confirm (`mandate_data[…]`, `payment_method`, …).
    public static func confirm(_ id: String, params: JSONObject = [:]) -> StripeRequest {
        StripeRequest(method: .post, path: "\(path(id))/confirm", params: params)
    }

    /// POST /v1/setup_intents/{id}/cancel, optionally with a `cancellation_reason`.
    public static func cancel(_ id: String, reason: String? = nil) -> StripeRequest {
        var params = JSONObject()
        if let reason { params["cancellation_reason"] = .string(reason) }
        return StripeRequest(method: .post, path: "\(path(id))/cancel", params: params)
    }

    /// List filters: the SetupIntents of a customer, or of one payment method.
    public static func listParams(customer: String? = nil, paymentMethod: String? = nil) -> JSONObject {
        var params = JSONObject()
        if let customer { params["customer"] = .string(customer) }
        if let paymentMethod { params["payment_method"] = .string(paymentMethod) }
        return params
    }
}
