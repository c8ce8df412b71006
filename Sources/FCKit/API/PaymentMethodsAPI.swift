/// `/v1/payment_methods`: saved payment methods (`pm_…`).
public enum PaymentMethodsAPI {
    /// GET with `customer` and `type` lists a customer's saved methods.
    public static let listPath = "/v1/payment_methods"

    /// `/v1/payment_methods/{id}`, id escaped.
    public static func path(_ id: String) -> String { "\(listPath)/\(APIPath.segment(id))" }

    /// GET /v1/payment_methods/{id}
    public static func retrieve(_ id: String, expand: [String] = []) -> StripeRequest {
        StripeRequest(method: .get, path: path(id), params: APIPath.expandParams(expand))
    }

    /// POST /v1/payment_methods/{id}/attach with `customer`.
    public static func attach(_ id: String, customer: String) -> StripeRequest {
        StripeRequest(method: .post, path: "\(path(id))/attach", params: ["customer": .string(customer)])
    }

    /// POST /v1/payment_methods/{id}/detach with an empty form body: the method can no longer be used.
    public static func detach(_ id: String) -> StripeRequest {
        StripeRequest(method: .post, path: "\(path(id))/detach")
    }

    /// List filters: a customer's methods, optionally of one type (`us_bank_account`).
    public static func listParams(customer: String, type: String? = nil) -> JSONObject {
        var params: JSONObject = ["customer": .string(customer)]
        if let type { params["type"] = .string(type) }
        return params
    }
}
