/// Connect: connected accounts (`/v1/accounts`), their external (payout) bank accounts, and tokens.
public enum ConnectAPI {
    public static let accountsPath = "/v1/accounts"

    /// POST /v1/accounts: `type`, `country`, `email`, `capabilities[…][requested]`, …
    public static func createAccount(_ params: JSONObject) -> StripeRequest {
        StripeRequest(method: .post, path: accountsPath, params: params)
    }

    /// GET /v1/accounts/{id}
    public static func retrieveAccount(_ id: String) -> StripeRequest {
        StripeRequest(method: .get, path: "\(accountsPath)/\(APIPath.segment(id))")
    }

    /// POST /v1/accounts/{id}/external_accounts with `external_account=btok_…`: the token's bank
    /// account becomes a payout account of the connected account. A token works once.
    public static func createExternalAccount(account: String, token: String) -> StripeRequest {
        StripeRequest(method: .post, path: externalAccountsPath(account), params: ["external_account": .string(token)])
    }

    /// GET /v1/accounts/{id}/external_accounts
    public static func listExternalAccounts(account: String, limit: Int? = nil) -> StripeRequest {
        StripeRequest(method: .get, path: externalAccountsPath(account), params: limit.map { ["limit": .int($0)] } ?? [:])
    }

    /// GET /v1/tokens/{id}
    public static func retrieveToken(_ id: String) -> StripeRequest {
        StripeRequest(method: .get, path: "/v1/tokens/\(APIPath.segment(id))")
    }

    static func externalAccountsPath(_ account: String) -> String { "\(accountsPath)/\(APIPath.segment(account))/external_accounts" }
}
