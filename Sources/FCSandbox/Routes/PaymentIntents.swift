import FCKit

/// POST /v1/payment_intents, GET …/{intent}, POST …/{intent}/confirm and …/cancel, and
/// GET /v1/payment_intents, for ACH Direct Debit from linked accounts or from a saved payment
/// method (off-session, under its mandate): processing → succeeded (or failed) after the settle delay.
extension SandboxEngine {
    static let paymentIntentConfirmSpec: [(String, ParamKind)] = [
        ("payment_method", .string), ("payment_method_data", paymentMethodDataSpec), ("payment_method_options", .any),
        ("mandate", .string), ("mandate_data", mandateDataSpec), ("return_url", .string), ("off_session", .boolean),
        ("setup_future_usage", .oneOf(["", "off_session", "on_session"])), ("capture_method", .oneOf(["automatic", "automatic_async", "manual"])),
        ("receipt_email", .emptyableString), ("error_on_requires_action", .boolean), ("use_stripe_sdk", .boolean),
        ("payment_method_types", .strings(nil)), ("allowed_payment_method_types", .strings(nil)),
    ]

    static var paymentIntentCreateSpec: [(String, ParamKind)] {
        paymentIntentConfirmSpec.filter { $0.0 != "setup_future_usage" } + [
            ("amount", .integer), ("currency", .string), ("customer", .string), ("description", .emptyableString), ("metadata", .map),
            ("statement_descriptor", .string), ("statement_descriptor_suffix", .string), ("confirm", .boolean),
            ("confirmation_method", .oneOf(["automatic", "manual"])), ("setup_future_usage", .oneOf(["off_session", "on_session"])),
            ("automatic_payment_methods", .object([("enabled", .boolean), ("allow_redirects", .oneOf(["always", "never"]))])),
        ]
    }

    func paymentIntent(_ id: String) throws(APIError) -> JSONObject {
        guard let pi = paymentIntents[id] else { throw .noSuch("payment_intent", id, param: "intent") }
        return pi
    }

    func createPaymentIntent(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.paymentIntentCreateSpec)
        guard let amountText = p.string("amount") else { throw .missingParameter("amount") }
        let amount = Int(amountText) ?? 0
        let currency = try p.require("currency").lowercased()
        let types = p.strings("payment_method_types") ?? p.strings("allowed_payment_method_types") ?? ["us_bank_account"]
        for type in types where type != "us_bank_account" {
            throw APIError(message: "The payment method type \"\(type)\" is invalid. The stripe-fc sandbox supports only us_bank_account (ACH Direct Debit from a linked account).",
                           param: "payment_method_types", isValidation: true)
        }
        if currency != "usd" {
            throw APIError(message: "The currency provided (\(currency)) is invalid. Payments with us_bank_account support the following currencies: usd.", param: "currency")
        }
        // A non-positive amount fails Stripe's integer validation; a positive one under the
        // minimum charge is `amount_too_small`.
        if amount < 1 {
            throw APIError(code: "parameter_invalid_integer", message: "This value must be greater than or equal to 1.", param: "amount", isValidation: true)
        }
        if amount < 50 { throw APIError(code: "amount_too_small", message: "Amount must be at least $0.50 usd", param: "amount") }
        if amount > 99_999_999 { throw APIError(code: "amount_too_large", message: "Amount must be no more than $999,999.99", param: "amount") }
        if let descriptor = p.text("statement_descriptor"), descriptor.count > 22 {
            throw APIError(message: "The statement descriptor must be at most 22 characters.", param: "statement_descriptor")
        }
        let customer = p.text("customer")
        if let customer { _ = try self.customer(customer, param: "customer", status: 400) }
        let confirm = p.bool("confirm") ?? false
        for key in ["mandate", "mandate_data"] where !confirm && p.has(key) {
            throw APIError(message: "You can only pass \(key) when confirm=true; pass it to the confirm request instead.", param: key, isValidation: true)
        }
        var paymentMethod: String? = nil
        if !p.has("payment_method_data"), let pm = p.text("payment_method") {
            paymentMethod = try usablePaymentMethod(pm, customer: customer)
        }
        if confirm { try checkPaymentMandate(p, paymentMethod: paymentMethod) }
        if p.has("payment_method_data") {
            paymentMethod = try createBankPaymentMethod(p, customer: customer, ctx: ctx)
        }

        let id = ids.next("pi")
        var pi = JSONObject()
        pi["id"] = .string(id)
        pi["object"] = "payment_intent"
        pi["amount"] = .int(amount)
        pi["amount_capturable"] = 0
        pi["amount_details"] = ["tip": [:]]
        pi["amount_received"] = 0
        pi["application"] = .null
        pi["application_fee_amount"] = .null
        pi["automatic_payment_methods"] = .null
        pi["canceled_at"] = .null
        pi["cancellation_reason"] = .null
        pi["capture_method"] = .string(p.text("capture_method") ?? "automatic_async")
        pi["client_secret"] = .string("\(id)_secret_\(ids.secret(25))")
        pi["confirmation_method"] = .string(p.text("confirmation_method") ?? "automatic")
        pi["created"] = .int(ctx.timestamp)
        pi["currency"] = .string(currency)
        pi["customer"] = customer.map(JSON.string) ?? .null
        pi["description"] = p.text("description").map(JSON.string) ?? .null
        pi["last_payment_error"] = .null
        pi["latest_charge"] = .null
        pi["livemode"] = false
        pi["metadata"] = .object(SandboxEngine.metadata(p))
        pi["next_action"] = .null
        pi["on_behalf_of"] = .null
        pi["payment_method"] = paymentMethod.map(JSON.string) ?? .null
        pi["payment_method_configuration_details"] = .null
        pi["payment_method_options"] = ["us_bank_account": ["verification_method": "automatic"]]
        pi["payment_method_types"] = .array(types.map(JSON.string))
        pi["processing"] = .null
        pi["receipt_email"] = p.text("receipt_email").map(JSON.string) ?? .null
        pi["review"] = .null
        pi["setup_future_usage"] = p.text("setup_future_usage").map(JSON.string) ?? .null
        pi["shipping"] = .null
        pi["source"] = .null
        pi["statement_descriptor"] = p.text("statement_descriptor").map(JSON.string) ?? .null
        pi["statement_descriptor_suffix"] = p.text("statement_descriptor_suffix").map(JSON.string) ?? .null
        pi["status"] = .string(paymentMethod == nil ? "requires_payment_method" : "requires_confirmation")
        pi["transfer_data"] = .null
        pi["transfer_group"] = .null
        paymentIntents[id] = pi
        emit("payment_intent.created", object: pi, at: ctx.timestamp, origin: ctx.origin)
        if confirm { try beginProcessing(id, p, ctx: ctx, attach: false) }
        return .json(.object(paymentIntents[id]!))
    }

    /// GET /v1/payment_intents: newest first, by `customer` and `created`.
    func listPaymentIntents(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, ListPaging.spec + [("customer", .string), ("customer_account", .string), ("created", .range)])
        let customer = p.text("customer")
        let created = try ListPaging.range(p, "created")
        let matching = paymentIntents.newest { pi in
            (customer == nil || pi["customer"]?.stringValue == customer) && created(pi["created"]?.intValue ?? 0)
        }
        return .json(try ListPaging.page(matching, params: p, url: "/v1/payment_intents", noun: "payment_intent") { id throws(APIError) in
            .object(paymentIntents[id]!)
        })
    }

    func retrievePaymentIntent(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [("client_secret", .string)])
        return .json(.object(try paymentIntent(ctx[0])))
    }

    func confirmPaymentIntent(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.paymentIntentConfirmSpec)
        let id = ctx[0]
        let pi = try paymentIntent(id)
        let status = pi["status"]?.stringValue ?? ""
        guard ["requires_payment_method", "requires_confirmation", "requires_action"].contains(status) else {
            throw unexpectedState(pi, verb: "confirm", allowed: "requires_action, requires_confirmation, requires_payment_method")
        }
        let paymentMethod = p.has("payment_method_data") ? nil : p.text("payment_method") ?? pi["payment_method"]?.stringValue
        if let pm = p.text("payment_method"), !p.has("payment_method_data") { _ = try usablePaymentMethod(pm, customer: pi["customer"]?.stringValue) }
        try checkPaymentMandate(p, paymentMethod: paymentMethod)
        try beginProcessing(id, p, ctx: ctx, attach: true)
        return .json(.object(paymentIntents[id]!))
    }

    func cancelPaymentIntent(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, [("cancellation_reason", .oneOf(["abandoned", "duplicate", "fraudulent", "requested_by_customer"]))])
        let id = ctx[0]
        var pi = try paymentIntent(id)
        let status = pi["status"]?.stringValue ?? ""
        // Stripe can cancel some payment methods while `processing`, never a us_bank_account debit
        // already submitted to the bank, the only kind here: the answer names what can be canceled.
        let cancelable = ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action"]
        guard cancelable.contains(status) else {
            throw unexpectedState(pi, verb: "cancel", allowed: cancelable.joined(separator: ", "))
        }
        let before = pi
        pi["canceled_at"] = .int(ctx.timestamp)
        pi["cancellation_reason"] = p.text("cancellation_reason").map(JSON.string) ?? .null
        pi["status"] = "canceled"
        paymentIntents[id] = pi
        emit("payment_intent.canceled", object: pi,
             previous: SandboxEngine.changes(from: before, to: pi, keys: ["canceled_at", "cancellation_reason", "status"]),
             at: ctx.timestamp, origin: ctx.origin)
        return .json(.object(pi))
    }

    private func unexpectedState(_ pi: JSONObject, verb: String, allowed: String) -> APIError {
        unexpectedIntentState(pi, type: "PaymentIntent", key: "payment_intent", verb: verb, allowed: allowed)
    }

    /// Stripe's refusal to confirm or cancel a PaymentIntent or SetupIntent in the wrong status.
    func unexpectedIntentState(_ intent: JSONObject, type: String, key: String, verb: String, allowed: String) -> APIError {
        let status = intent["status"]?.stringValue ?? ""
        var error = APIError(code: "\(key)_unexpected_state",
                             message: "You cannot \(verb) this \(type) because it has a status of \(status). Only a \(type) with one of the following statuses may be \(verb == "cancel" ? "canceled" : "confirmed"): \(allowed).")
        error.extra[key] = .object(intent)
        return error
    }

    /// Confirmation (the mandate already checked): set the payment method, record the mandate,
    /// submit the debit (a `pending` charge), go `processing`, and settle later. A payment with
    /// `setup_future_usage` saves its method to the customer; any other leaves it used up.
    private func beginProcessing(_ id: String, _ p: Params, ctx: RequestContext, attach: Bool) throws(APIError) {
        var pi = try paymentIntent(id)
        let customer = pi["customer"]?.stringValue
        if attach, p.has("payment_method_data") {
            pi["payment_method"] = .string(try createBankPaymentMethod(p, customer: customer, ctx: ctx))
        } else if attach, let pm = p.text("payment_method"), pi["payment_method"]?.stringValue != pm {
            pi["payment_method"] = .string(try usablePaymentMethod(pm, customer: customer))
        }
        if attach, let usage = p.string("setup_future_usage") { pi["setup_future_usage"] = usage.isEmpty ? .null : .string(usage) }
        guard let pmId = pi["payment_method"]?.stringValue else {
            var error = APIError(code: "payment_intent_unexpected_state",
                                 message: "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with \(customer ?? "a customer"), specify a payment method attached to this customer along with the customer ID.")
            error.extra["payment_intent"] = .object(pi)
            throw error
        }
        let saving = pi["setup_future_usage"]?.stringValue != nil
        let mandate = paymentMandate(p, paymentMethod: pmId, saving: saving, amount: pi["amount"]?.intValue ?? 0,
                                     currency: pi["currency"]?.stringValue ?? "usd", at: ctx.timestamp)
        let before = paymentIntents[id]!
        pi["last_payment_error"] = .null
        pi["latest_charge"] = .string(createCharge(for: pi, paymentMethod: pmId, mandate: mandate, at: ctx.timestamp))
        pi["status"] = "processing"
        paymentIntents[id] = pi
        if saving, let customer {
            self.attach(pmId, to: customer, at: ctx.timestamp, origin: ctx.origin)
        } else if paymentMethods[pmId]?["customer"]?.stringValue == nil {
            consumedPaymentMethods.insert(pmId)
        }
        emit("payment_intent.processing", object: pi,
             previous: SandboxEngine.changes(from: before, to: pi, keys: ["last_payment_error", "latest_charge", "payment_method", "setup_future_usage", "status"]),
             at: ctx.timestamp, origin: ctx.origin)
        schedule(.settle(intent: id), afterMS: options.settleDelayMS, from: ctx.now)
    }

    /// The debit clears, or bounces for the insufficient-funds test account (when the settle delay
    /// runs out), or as a test helper says (`failureCode`, nil for success). A return other than
    /// insufficient funds blocks the bank account, as Stripe does.
    func settlePayment(intent id: String, at due: Double) {
        let pmId = paymentIntents[id]?["payment_method"]?.stringValue ?? ""
        let fca = paymentMethods[pmId]?["us_bank_account"]?["financial_connections_account"]?.stringValue ?? ""
        let outcome = accountRecords[fca].flatMap { world.template(institution: $0.institution, index: $0.templateIndex) }?.paymentOutcome ?? .succeeds
        settlePayment(intent: id, at: due, failureCode: outcome == .insufficientFunds ? "insufficient_funds" : nil)
    }

    func settlePayment(intent id: String, at due: Double, failureCode code: String?) {
        guard var pi = paymentIntents[id], pi["status"]?.stringValue == "processing" else { return }
        let before = pi
        let time = Int(due)
        let pmId = pi["payment_method"]?.stringValue ?? ""
        let fca = paymentMethods[pmId]?["us_bank_account"]?["financial_connections_account"]?.stringValue ?? ""
        let charge = pi["latest_charge"]?.stringValue ?? ""
        if let code, let failure = SandboxEngine.achFailures.first(where: { $0.code == code }) {
            settleCharge(charge, failure: (failure.code, failure.message))
            if let reason = failure.blockReason, var record = accountRecords[fca] {
                record.blocked = (failure.code, reason, failure.networkCode)
                accountRecords[fca] = record
                blockPaymentMethods(of: fca, reason: reason, networkCode: failure.networkCode)
            }
            var error = JSONObject()
            error["code"] = .string(failure.code)
            error["doc_url"] = .string("https://stripe.com/docs/error-codes/\(failure.code.replacing("_", with: "-"))")
            error["message"] = .string(failure.message)
            error["payment_method"] = paymentMethods[pmId].map(JSON.object) ?? .null
            error["type"] = "card_error"
            pi["last_payment_error"] = .object(error)
            pi["payment_method"] = .null
            pi["status"] = "requires_payment_method"
            paymentIntents[id] = pi
            emit("payment_intent.payment_failed", object: pi,
                 previous: SandboxEngine.changes(from: before, to: pi, keys: ["last_payment_error", "payment_method", "status"]),
                 at: time, origin: .automatic)
        } else {
            settleCharge(charge, failure: nil)
            pi["amount_received"] = pi["amount"] ?? 0
            pi["status"] = "succeeded"
            paymentIntents[id] = pi
            emit("payment_intent.succeeded", object: pi,
                 previous: SandboxEngine.changes(from: before, to: pi, keys: ["amount_received", "status"]),
                 at: time, origin: .automatic)
        }
    }
}
