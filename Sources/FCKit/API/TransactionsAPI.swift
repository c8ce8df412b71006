/// `/v1/financial_connections/transactions`.
public enum TransactionsAPI {
    /// GET with `account` (required), `transacted_at[gte|…]`, `transaction_refresh[after]`.
    public static let listPath = "/v1/financial_connections/transactions"

    /// GET …/transactions/{id}
    public static func retrieve(_ id: String) -> StripeRequest {
        StripeRequest(method: .get, path: "\(listPath)/\(APIPath.segment(id))")
    }
}
