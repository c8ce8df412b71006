/// `stripe-fc sandbox` test helpers that move accounts, payments and the clock (sandbox only).
extension TestHelpersAPI {
    /// POST /v1/test_helpers/financial_connections/accounts/{id}/{verb}: `deactivate`, `reactivate`,
    /// `disconnect`, `refresh`, `update_account_numbers`, `schedule_account_number_expiry`,
    /// `schedule_deactivation`, `update_supported_payment_method_types`.
    public static func account(_ id: String, _ verb: String, params: JSONObject = [:]) -> StripeRequest {
        StripeRequest(method: .post, path: "/v1/test_helpers/financial_connections/accounts/\(APIPath.segment(id))/\(verb)", params: params)
    }

    /// POST /v1/test_helpers/payment_intents/{id}/succeed or …/fail (`failure_code`).
    public static func paymentIntent(_ id: String, _ verb: String, params: JSONObject = [:]) -> StripeRequest {
        StripeRequest(method: .post, path: "/v1/test_helpers/payment_intents/\(APIPath.segment(id))/\(verb)", params: params)
    }

    public static let clockPath = "/v1/test_helpers/sandbox/clock"

    /// GET /v1/test_helpers/sandbox/clock: `now`, `mode` (`system` or `manual`), `frozen_time`.
    public static func clock() -> StripeRequest { StripeRequest(method: .get, path: clockPath) }

    /// POST /v1/test_helpers/sandbox/clock/advance (`seconds`): what falls due on the way runs.
    public static func advanceClock(seconds: Int) -> StripeRequest {
        StripeRequest(method: .post, path: clockPath + "/advance", params: ["seconds": .int(seconds)])
    }

    /// POST /v1/test_helpers/sandbox/clock/freeze: time stands still until advanced.
    public static func freezeClock() -> StripeRequest { StripeRequest(method: .post, path: clockPath + "/freeze") }

    /// GET /v1/test_helpers/sandbox/state: the world as a scenario file.
    public static func state() -> StripeRequest { StripeRequest(method: .get, path: "/v1/test_helpers/sandbox/state") }
}
