import FCKit

/// GET /v1/payment_methods (by customer and type), GET /v1/customers/{customer}/payment_methods,
/// GET /v1/payment_methods/{payment_method}, POST …/{payment_method}/attach and …/detach. A saved
/// method belongs to one customer; one used once without being saved, or detached, cannot be used again.
extension SandboxEngine {
    static let paymentMethodListSpec: [(String, ParamKind)] = ListPaging.spec + [
        ("type", .string), ("allow_redisplay", .oneOf(["always", "limited", "unspecified"])),
    ]

    func paymentMethod(_ id: String, param: String = "payment_method", status: Int = 404) throws(APIError) -> JSONObject {
        guard let pm = paymentMethods[id] else { throw .noSuch("PaymentMethod", id, param: param, status: status) }
        return pm
    }

    func retrievePaymentMethod(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        return .json(.object(try paymentMethod(ctx[0])))
    }

    /// Without `customer`, Stripe lists the methods attached to the account itself (Treasury
    /// flows), of which the sandbox has none.
    func listPaymentMethods(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.paymentMethodListSpec + [("customer", .string), ("customer_account", .string)])
        let customer = p.text("customer")
        if let customer { _ = try self.customer(customer, param: "customer", status: 400) }
        return .json(try paymentMethodPage(customer: customer, p, url: "/v1/payment_methods"))
    }

    func listCustomerPaymentMethods(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.paymentMethodListSpec)
        let customer = try self.customer(ctx[0], param: "customer")["id"]?.stringValue ?? ctx[0]
        return .json(try paymentMethodPage(customer: customer, p, url: "/v1/customers/\(customer)/payment_methods"))
    }

    private func paymentMethodPage(customer: String?, _ p: Params, url: String) throws(APIError) -> JSON {
        let type = p.text("type"), redisplay = p.text("allow_redisplay")
        let matching = paymentMethods.newest { pm in
            guard let customer, pm["customer"]?.stringValue == customer else { return false }
            if let type, pm["type"]?.stringValue != type { return false }
            if let redisplay, pm["allow_redisplay"]?.stringValue != redisplay { return false }
            return true
        }
        return try ListPaging.page(matching, params: p, url: url, noun: "PaymentMethod") { id throws(APIError) in .object(paymentMethods[id]!) }
    }

    func attachPaymentMethod(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, [("customer", .string), ("customer_account", .string)])
        let customer = try p.require("customer")
        _ = try self.customer(customer, param: "customer", status: 400)
        let id = ctx[0]
        let pm = try paymentMethod(id)
        if let current = pm["customer"]?.stringValue {
            guard current == customer else {
                throw APIError(message: "The payment method you provided has already been attached to a customer.", param: "payment_method")
            }
            return .json(.object(pm))
        }
        try requireUnconsumed(id)
        attach(id, to: customer, at: ctx.timestamp, origin: ctx.origin)
        return .json(.object(paymentMethods[id]!))
    }

    /// Detaching ends the method's mandates, and the method cannot be used again.
    func detachPaymentMethod(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        let id = ctx[0]
        var pm = try paymentMethod(id)
        guard pm["customer"]?.stringValue != nil else {
            throw APIError(message: "The payment method you provided is not attached to a customer so detachment is impossible.", param: "payment_method")
        }
        let before = pm
        pm["customer"] = .null
        paymentMethods[id] = pm
        consumedPaymentMethods.insert(id)
        emit("payment_method.detached", object: pm, previous: SandboxEngine.changes(from: before, to: pm, keys: ["customer"]),
             at: ctx.timestamp, origin: ctx.origin)
        for mandate in mandates.newest(where: { $0["payment_method"]?.stringValue == id && $0["status"] != "inactive" }).reversed() {
            setMandateStatus(mandate, "inactive", at: ctx.timestamp, origin: ctx.origin)
        }
        return .json(.object(pm))
    }

    /// Saves a method to a customer (`payment_method.attached`).
    func attach(_ id: String, to customer: String, at time: Int, origin: EventOrigin) {
        guard var pm = paymentMethods[id], pm["customer"]?.stringValue == nil else { return }
        let before = pm
        pm["customer"] = .string(customer)
        paymentMethods[id] = pm
        emit("payment_method.attached", object: pm, previous: SandboxEngine.changes(from: before, to: pm, keys: ["customer"]),
             at: time, origin: origin)
    }

    func requireUnconsumed(_ id: String) throws(APIError) {
        if consumedPaymentMethods.contains(id) {
            throw APIError(message: "This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.",
                           param: "payment_method")
        }
    }

    /// `payment_method=pm_…` on an intent for `customer`: it must exist, be usable again, and
    /// belong to that customer when it belongs to one.
    func usablePaymentMethod(_ id: String, customer: String?) throws(APIError) -> String {
        let pm = try paymentMethod(id, param: "payment_method", status: 400)
        if let fca = pm["us_bank_account"]?["financial_connections_account"]?.stringValue { try requireUnblocked(fca, param: "payment_method") }
        if let owner = pm["customer"]?.stringValue {
            guard owner == customer else {
                throw APIError(message: customer == nil
                    ? "The provided PaymentMethod is attached to customer \(owner). Pass customer=\(owner) to use it."
                    : "The provided PaymentMethod belongs to customer \(owner), not \(customer!). Use a PaymentMethod attached to \(customer!).",
                    param: "payment_method")
            }
            return id
        }
        try requireUnconsumed(id)
        return id
    }
}
