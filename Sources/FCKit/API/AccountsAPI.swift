/// `/v1/financial_connections/accounts`.
public enum AccountsAPI {
    /// GET with `account_holder[customer]`, `account_holder[account]`, `account_holder[customer_account]` or `session`.
    public static let listPath = "/v1/financial_connections/accounts"

    /// `/v1/financial_connections/accounts/{id}`, id escaped.
    public static func path(_ id: String) -> String { "\(listPath)/\(APIPath.segment(id))" }

    /// GET …/accounts/{id}, e.g. `expand: ["ownership"]`.
    public static func retrieve(_ id: String, expand: [String] = []) -> StripeRequest {
        StripeRequest(method: .get, path: path(id), params: APIPath.expandParams(expand))
    }

    /// POST …/accounts/{id}/refresh with `features[]` (`balance`, `ownership`, `transactions`).
    public static func refresh(_ id: String, features: [String]) -> StripeRequest {
        post(id, "refresh", features: features)
    }

    /// POST …/accounts/{id}/subscribe (`features[]=transactions`).
    public static func subscribe(_ id: String, features: [String] = ["transactions"]) -> StripeRequest {
        post(id, "subscribe", features: features)
    }

    /// POST …/accounts/{id}/unsubscribe (`features[]=transactions`).
    public static func unsubscribe(_ id: String, features: [String] = ["transactions"]) -> StripeRequest {
        post(id, "unsubscribe", features: features)
    }

    /// POST …/accounts/{id}/disconnect with an empty form body.
    public static func disconnect(_ id: String) -> StripeRequest {
        StripeRequest(method: .post, path: "\(path(id))/disconnect")
    }

    /// GET path of an account's owners; needs the `ownership` (`fcaowns_…`) query parameter.
    public static func ownersPath(_ id: String) -> String { "\(path(id))/owners" }

    private static func post(_ id: String, _ action: String, features: [String]) -> StripeRequest {
        StripeRequest(method: .post, path: "\(path(id))/\(action)", params: ["features": .array(features.map(JSON.string))])
    }
}
