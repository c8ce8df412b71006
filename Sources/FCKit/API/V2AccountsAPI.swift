/// `/v2/core/accounts`: v2 takes JSON bodies, not forms.
public enum V2AccountsAPI {
    public static let basePath = "/v2/core/accounts"

    /// POST /v2/core/accounts creating an account configured as a customer, which can then
    /// hold FC accounts via `account_holder[customer_account]`. Absent fields are omitted.
    public static func createCustomerAccount(email: String?, name: String?) -> StripeRequest {
        var body = JSONObject()
        if let email { body["contact_email"] = .string(email) }
        if let name { body["display_name"] = .string(name) }
        body["configuration"] = ["customer": .object([:])]
        body["include"] = ["configuration.customer"]
        return StripeRequest(method: .post, path: basePath, jsonBody: .object(body))
    }

    /// GET /v2/core/accounts/{id}
    public static func retrieve(_ id: String) -> StripeRequest {
        StripeRequest(method: .get, path: "\(basePath)/\(APIPath.segment(id))")
    }
}
