/// `/v1/financial_connections/sessions`.
public enum SessionsAPI {
    public static let basePath = "/v1/financial_connections/sessions"

    /// POST /v1/financial_connections/sessions: `account_holder[type]`, `permissions[]`, `filters`, `limits`, …
    public static func create(_ params: JSONObject) -> StripeRequest {
        StripeRequest(method: .post, path: basePath, params: params)
    }

    /// GET /v1/financial_connections/sessions/{id}
    public static func retrieve(_ id: String, expand: [String] = []) -> StripeRequest {
        StripeRequest(method: .get, path: path(id), params: APIPath.expandParams(expand))
    }

    /// `/v1/financial_connections/sessions/{id}`, id escaped.
    public static func path(_ id: String) -> String { "\(basePath)/\(APIPath.segment(id))" }
}

/// Endpoints that exist only on `stripe-fc sandbox`, standing in for Stripe's browser linking UI.
public enum TestHelpersAPI {
    /// POST /v1/test_helpers/financial_connections/sessions/{id}/link (`institution`, `subcategories[]`).
    public static func linkSession(_ id: String, institution: String? = nil, subcategories: [String] = []) -> StripeRequest {
        var params = JSONObject()
        if let institution { params["institution"] = .string(institution) }
        if !subcategories.isEmpty { params["subcategories"] = .array(subcategories.map(JSON.string)) }
        return StripeRequest(method: .post, path: "/v1/test_helpers/financial_connections/sessions/\(APIPath.segment(id))/link",
                             params: params)
    }
}

extension TestHelpersAPI {
    /// GET /v1/test_helpers/financial_connections/hosted_flow: where `stripe-fc sandbox` serves its
    /// own linking flow (`url`, relative to the API base). Stripe answers 404: it has no such flow.
    public static func hostedFlow() -> StripeRequest {
        StripeRequest(method: .get, path: "/v1/test_helpers/financial_connections/hosted_flow")
    }
}
