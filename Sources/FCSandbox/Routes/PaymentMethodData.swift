import FCKit

/// `payment_method_data[…]` for ACH from a linked account, and `mandate_data[…]`.
extension SandboxEngine {
    static let addressParam: ParamKind = addressSpec
    static let paymentMethodDataSpec: ParamKind = .object([
        ("type", .oneOf(["us_bank_account"])),
        ("us_bank_account", .object([("financial_connections_account", .string), ("routing_number", .string), ("account_number", .string),
                                     ("account_holder_type", .oneOf(["company", "individual"])), ("account_type", .oneOf(["checking", "savings"]))])),
        ("billing_details", .object([("name", .emptyableString), ("email", .emptyableString), ("phone", .emptyableString), ("address", addressParam)])),
        ("metadata", .map), ("allow_redisplay", .oneOf(["always", "limited", "unspecified"])),
    ])
    static let mandateDataSpec: ParamKind = .object([
        ("customer_acceptance", .object([("type", .oneOf(["offline", "online"])), ("accepted_at", .integer),
                                         ("online", .object([("ip_address", .string), ("user_agent", .string)])), ("offline", .object([]))])),
    ])

    /// Creates the `pm_…` for `payment_method_data`, checking the linked account can be debited
    /// for this customer. Returns the payment method id. The new method belongs to no customer
    /// until a SetupIntent or a PaymentIntent with `setup_future_usage` saves it (as on Stripe).
    func createBankPaymentMethod(_ p: Params, customer: String?, ctx: RequestContext, intent: String = "PaymentIntent") throws(APIError) -> String {
        let type = try p.require("payment_method_data.type")
        guard type == "us_bank_account" else { throw .invalidEnum("payment_method_data[type]", ["us_bank_account"]) }
        guard let fcaId = p.text("payment_method_data.us_bank_account.financial_connections_account") else {
            if p.has("payment_method_data.us_bank_account.account_number") {
                throw APIError(message: "The stripe-fc sandbox only creates us_bank_account payment methods from a Financial Connections account: pass payment_method_data[us_bank_account][financial_connections_account].",
                               param: "payment_method_data[us_bank_account][financial_connections_account]")
            }
            throw .missingParameter("payment_method_data[us_bank_account][financial_connections_account]")
        }
        guard let name = p.text("payment_method_data.billing_details.name") else {
            throw .missingParameter("payment_method_data[billing_details][name]")
        }
        let param = "payment_method_data[us_bank_account][financial_connections_account]"
        let a = try account(fcaId, param: param, status: 400)
        try requireActive(a, fcaId)
        try requireUnblocked(fcaId, param: param)
        if let numbers = accountRecords[fcaId]?.accountNumbers, !numbers.contains(where: { $0["status"] == "transactable" }) {
            throw APIError(code: "financial_connections_account_unavailable_account_numbers",
                           message: "The Financial Connections account \(fcaId) has no transactable account number (its tokenized number expired or was deactivated), so it cannot be debited. Relink the account through a new session.",
                           param: param)
        }
        if !(a["supported_payment_method_types"]?.arrayValue?.contains("us_bank_account") ?? false) {
            throw APIError(message: "The Financial Connections account \(fcaId) does not support the us_bank_account payment method type, so it cannot be used for ACH Direct Debit.",
                           param: param)
        }
        if !(a["permissions"]?.arrayValue?.contains("payment_method") ?? false) {
            throw APIError(message: "The Financial Connections account \(fcaId) was not linked with the `payment_method` permission, so it cannot be used to create a PaymentMethod. Create a session with permissions[]=payment_method and link the account again.",
                           param: param)
        }
        let holder = a["account_holder"]?["customer"]?.stringValue
        if holder == nil || holder != customer {
            throw APIError(message: "The Financial Connections account \(fcaId) belongs to \(holder.map { "customer \($0)" } ?? "another account holder"), but this \(intent)'s customer is \(customer ?? "not set"). Use the customer the account was linked for.",
                           param: param)
        }
        let record = accountRecords[fcaId]
        let template = record.flatMap { world.template(institution: $0.institution, index: $0.templateIndex) }
        let id = ids.next("pm")
        var rng = SeededRandom(options.seed, SeededRandom.hash(fcaId), 0xF1)
        var billing = JSONObject()
        billing["address"] = ["city": .null, "country": .null, "line1": .null, "line2": .null, "postal_code": .null, "state": .null]
        billing["email"] = p.text("payment_method_data.billing_details.email").map(JSON.string) ?? .null
        billing["name"] = .string(name)
        billing["phone"] = p.text("payment_method_data.billing_details.phone").map(JSON.string) ?? .null
        var bank = JSONObject()
        bank["account_holder_type"] = .string(p.text("payment_method_data.us_bank_account.account_holder_type") ?? "individual")
        bank["account_type"] = .string(template?.subcategory == "savings" ? "savings" : "checking")
        bank["bank_name"] = a["institution_name"] ?? .null
        bank["financial_connections_account"] = .string(fcaId)
        bank["fingerprint"] = .string(rng.alphanumerics(16))
        bank["last4"] = a["last4"] ?? .null
        bank["networks"] = ["preferred": "ach", "supported": ["ach"]]
        bank["routing_number"] = "110000000"
        bank["status_details"] = .null
        var pm = JSONObject()
        pm["id"] = .string(id)
        pm["object"] = "payment_method"
        pm["allow_redisplay"] = .string(p.text("payment_method_data.allow_redisplay") ?? "unspecified")
        pm["billing_details"] = .object(billing)
        pm["created"] = .int(ctx.timestamp)
        pm["customer"] = .null
        pm["livemode"] = false
        pm["metadata"] = .object(p.value("payment_method_data.metadata")?.objectValue ?? JSONObject())
        pm["type"] = "us_bank_account"
        pm["us_bank_account"] = .object(bank)
        paymentMethods[id] = pm
        return id
    }

    /// ACH needs the customer's authorisation: `mandate_data[customer_acceptance]` with the
    /// online details, or offline.
    func checkMandate(_ p: Params) throws(APIError) {
        guard p.has("mandate_data") else { throw .missingParameter("mandate_data") }
        let type = try p.require("mandate_data.customer_acceptance.type")
        if type == "online" {
            _ = try p.require("mandate_data.customer_acceptance.online.ip_address")
            _ = try p.require("mandate_data.customer_acceptance.online.user_agent")
        }
    }
}
