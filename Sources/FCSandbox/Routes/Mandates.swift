import FCKit

/// GET /v1/mandates/{mandate}, and the mandates confirmations create: the customer's
/// authorisation to debit one us_bank_account payment method (`mandate_data[customer_acceptance]`).
/// A SetupIntent's or a saving PaymentIntent's mandate is `multi_use` and can be reused by
/// off-session payments; a one-off payment's is `single_use`.
extension SandboxEngine {
    func mandate(_ id: String, param: String = "mandate", status: Int = 404) throws(APIError) -> JSONObject {
        guard let m = mandates[id] else { throw .noSuch("mandate", id, param: param, status: status) }
        return m
    }

    func retrieveMandate(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        return .json(.object(try mandate(ctx[0])))
    }

    /// Records the acceptance in `mandate_data` (already checked by `checkMandate`) for `paymentMethod`.
    /// `single_use` carries the payment's amount and currency.
    func createMandate(_ p: Params, paymentMethod: String, singleUse: (amount: Int, currency: String)?, status: String, at time: Int) -> String {
        let id = ids.next("mandate")
        var acceptance = JSONObject()
        acceptance["accepted_at"] = .int(p.int("mandate_data.customer_acceptance.accepted_at") ?? time)
        let type = p.text("mandate_data.customer_acceptance.type") ?? "offline"
        if type == "online" {
            acceptance["online"] = ["ip_address": .string(p.text("mandate_data.customer_acceptance.online.ip_address") ?? ""),
                                    "user_agent": .string(p.text("mandate_data.customer_acceptance.online.user_agent") ?? "")]
        } else {
            acceptance["offline"] = [:]
        }
        acceptance["type"] = .string(type)
        var m = JSONObject()
        m["id"] = .string(id)
        m["object"] = "mandate"
        m["customer_acceptance"] = .object(acceptance)
        m["livemode"] = false
        if singleUse == nil { m["multi_use"] = [:] }
        m["payment_method"] = .string(paymentMethod)
        m["payment_method_details"] = ["type": "us_bank_account", "us_bank_account": [:]]
        if let singleUse { m["single_use"] = ["amount": .int(singleUse.amount), "currency": .string(singleUse.currency)] }
        m["status"] = .string(status)
        m["type"] = singleUse == nil ? "multi_use" : "single_use"
        mandates[id] = m
        return id
    }

    /// The newest active multi-use mandate of a payment method: what an off-session payment
    /// without `mandate` debits under.
    func activeMandate(of paymentMethod: String) -> String? {
        mandates.newest { m in
            m["payment_method"]?.stringValue == paymentMethod && m["status"] == "active" && m["type"] == "multi_use"
        }.first
    }

    /// Moves a mandate to `status`, with `mandate.updated` when that is a change.
    func setMandateStatus(_ id: String, _ status: String, at time: Int, origin: EventOrigin) {
        guard var m = mandates[id], m["status"]?.stringValue != status else { return }
        let before = m
        m["status"] = .string(status)
        mandates[id] = m
        emit("mandate.updated", object: m, previous: SandboxEngine.changes(from: before, to: m, keys: ["status"]), at: time, origin: origin)
    }

    /// Before a PaymentIntent confirmation changes anything: the debit needs an authorisation —
    /// `mandate` (an active mandate of this payment method), new `mandate_data`, or an active
    /// multi-use mandate the saved payment method already has.
    func checkPaymentMandate(_ p: Params, paymentMethod: String?) throws(APIError) {
        if let id = p.text("mandate") {
            let m = try mandate(id, param: "mandate", status: 400)
            let owner = m["payment_method"]?.stringValue ?? ""
            if let paymentMethod, owner != paymentMethod {
                throw APIError(message: "The mandate \(id) authorises debits from payment method \(owner), not \(paymentMethod).", param: "mandate")
            }
            let status = m["status"]?.stringValue ?? ""
            guard status == "active" else {
                throw APIError(code: "mandate_inactive", message: "The mandate \(id) is \(status), so it cannot authorise a debit. Collect a new mandate with mandate_data.", param: "mandate")
            }
            if m["type"] == "single_use", charges.newest(where: { JSON.object($0).value(at: "payment_method_details.us_bank_account.mandate")?.stringValue == id }).first != nil {
                throw APIError(code: "mandate_inactive", message: "The mandate \(id) is single_use and was already used for a payment.", param: "mandate")
            }
            return
        }
        if p.has("mandate_data") { return try checkMandate(p) }
        if let paymentMethod, !p.has("payment_method_data"), activeMandate(of: paymentMethod) != nil { return }
        if let paymentMethod, !p.has("payment_method_data"), paymentMethods[paymentMethod]?["customer"]?.stringValue != nil {
            throw APIError(code: "parameter_missing",
                           message: "The payment method \(paymentMethod) has no active mandate. Pass mandate_data[customer_acceptance] to collect one, or mandate with an active mandate of this payment method.",
                           param: "mandate_data")
        }
        throw .missingParameter("mandate_data")
    }

    /// The mandate a confirmation debits under (already checked by `checkPaymentMandate`); a new
    /// one from `mandate_data` is multi-use when the payment also saves the method.
    func paymentMandate(_ p: Params, paymentMethod: String, saving: Bool, amount: Int, currency: String, at time: Int) -> String? {
        if let id = p.text("mandate") { return id }
        if p.has("mandate_data") {
            return createMandate(p, paymentMethod: paymentMethod, singleUse: saving ? nil : (amount, currency), status: "active", at: time)
        }
        return activeMandate(of: paymentMethod)
    }
}
