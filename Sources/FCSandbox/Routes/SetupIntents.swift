import FCKit

/// POST /v1/setup_intents, GET /v1/setup_intents[/{intent}], POST …/{intent}/confirm and
/// …/cancel: saving a linked account's us_bank_account payment method for later off-session
/// debits. requires_payment_method → requires_confirmation → (confirm, with `mandate_data`)
/// processing → succeeded after the settle delay: the mandate goes `pending` → `active` and the
/// method is attached to the customer. Nothing is debited, so the insufficient-funds account
/// saves like any other; an account disconnected meanwhile fails the setup.
extension SandboxEngine {
    static let setupIntentConfirmSpec: [(String, ParamKind)] = [
        ("payment_method", .string), ("payment_method_data", paymentMethodDataSpec), ("payment_method_options", .any),
        ("mandate_data", mandateDataSpec), ("return_url", .string), ("use_stripe_sdk", .boolean), ("client_secret", .string),
        ("confirmation_token", .string),
    ]

    static var setupIntentCreateSpec: [(String, ParamKind)] {
        setupIntentConfirmSpec.filter { $0.0 != "client_secret" } + [
            ("customer", .string), ("customer_account", .string), ("description", .emptyableString), ("metadata", .map),
            ("confirm", .boolean), ("usage", .oneOf(["off_session", "on_session"])), ("attach_to_self", .boolean),
            ("flow_directions", .strings(["inbound", "outbound"])), ("on_behalf_of", .string),
            ("payment_method_types", .strings(nil)), ("allowed_payment_method_types", .strings(nil)),
            ("excluded_payment_method_types", .strings(nil)), ("payment_method_configuration", .string),
            ("automatic_payment_methods", .object([("enabled", .boolean), ("allow_redirects", .oneOf(["always", "never"]))])),
            ("single_use", .object([("amount", .integer), ("currency", .string)])),
        ]
    }

    func setupIntent(_ id: String) throws(APIError) -> JSONObject {
        guard let si = setupIntents[id] else { throw .noSuch("setupintent", id, param: "intent") }
        return si
    }

    func createSetupIntent(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.setupIntentCreateSpec)
        let types = p.strings("payment_method_types") ?? p.strings("allowed_payment_method_types") ?? ["us_bank_account"]
        for type in types where type != "us_bank_account" {
            throw APIError(message: "The payment method type \"\(type)\" is invalid. The stripe-fc sandbox supports only us_bank_account (ACH Direct Debit from a linked account).",
                           param: "payment_method_types", isValidation: true)
        }
        if p.has("single_use") {
            throw APIError(message: "The stripe-fc sandbox saves us_bank_account payment methods for repeated debits only: leave out single_use.", param: "single_use")
        }
        let customer = p.text("customer")
        if let customer { _ = try self.customer(customer, param: "customer", status: 400) }
        let confirm = p.bool("confirm") ?? false
        if !confirm, p.has("mandate_data") {
            throw APIError(message: "You can only pass mandate_data when confirm=true; pass it to the confirm request instead.", param: "mandate_data", isValidation: true)
        }
        var paymentMethod: String? = nil
        if !p.has("payment_method_data"), let pm = p.text("payment_method") {
            paymentMethod = try usablePaymentMethod(pm, customer: customer)
        }
        if confirm { try checkMandate(p) }
        if p.has("payment_method_data") {
            paymentMethod = try createBankPaymentMethod(p, customer: customer, ctx: ctx, intent: "SetupIntent")
        }

        let id = ids.next("seti")
        var si = JSONObject()
        si["id"] = .string(id)
        si["object"] = "setup_intent"
        si["application"] = .null
        si["attach_to_self"] = .bool(p.bool("attach_to_self") ?? false)
        si["automatic_payment_methods"] = .null
        si["cancellation_reason"] = .null
        si["client_secret"] = .string("\(id)_secret_\(ids.secret(25))")
        si["created"] = .int(ctx.timestamp)
        si["customer"] = customer.map(JSON.string) ?? .null
        si["description"] = p.text("description").map(JSON.string) ?? .null
        si["flow_directions"] = p.strings("flow_directions").map { .array($0.map(JSON.string)) } ?? .null
        si["last_setup_error"] = .null
        si["latest_attempt"] = .null
        si["livemode"] = false
        si["mandate"] = .null
        si["metadata"] = .object(SandboxEngine.metadata(p))
        si["next_action"] = .null
        si["on_behalf_of"] = p.text("on_behalf_of").map(JSON.string) ?? .null
        si["payment_method"] = paymentMethod.map(JSON.string) ?? .null
        si["payment_method_options"] = ["us_bank_account": ["mandate_options": [:], "verification_method": "automatic"]]
        si["payment_method_types"] = .array(types.map(JSON.string))
        si["single_use_mandate"] = .null
        si["status"] = .string(paymentMethod == nil ? "requires_payment_method" : "requires_confirmation")
        si["usage"] = .string(p.text("usage") ?? "off_session")
        setupIntents[id] = si
        emit("setup_intent.created", object: si, at: ctx.timestamp, origin: ctx.origin)
        if confirm { try beginSetup(id, p, ctx: ctx, attach: false) }
        return .json(.object(setupIntents[id]!))
    }

    func retrieveSetupIntent(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [("client_secret", .string)])
        return .json(.object(try setupIntent(ctx[0])))
    }

    /// GET /v1/setup_intents: newest first, by `customer`, `payment_method` and `created`.
    func listSetupIntents(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, ListPaging.spec + [("customer", .string), ("customer_account", .string), ("payment_method", .string),
                                                                 ("attach_to_self", .boolean), ("created", .range)])
        let customer = p.text("customer"), paymentMethod = p.text("payment_method")
        let created = try ListPaging.range(p, "created")
        let matching = setupIntents.newest { si in
            if let customer, si["customer"]?.stringValue != customer { return false }
            if let paymentMethod, si["payment_method"]?.stringValue != paymentMethod { return false }
            return created(si["created"]?.intValue ?? 0)
        }
        return .json(try ListPaging.page(matching, params: p, url: "/v1/setup_intents", noun: "setupintent") { id throws(APIError) in
            .object(setupIntents[id]!)
        })
    }

    func confirmSetupIntent(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.setupIntentConfirmSpec)
        let id = ctx[0]
        let si = try setupIntent(id)
        let status = si["status"]?.stringValue ?? ""
        guard ["requires_payment_method", "requires_confirmation", "requires_action"].contains(status) else {
            throw unexpectedSetupState(si, verb: "confirm", allowed: "requires_action, requires_confirmation, requires_payment_method")
        }
        if let pm = p.text("payment_method"), !p.has("payment_method_data") { _ = try usablePaymentMethod(pm, customer: si["customer"]?.stringValue) }
        try checkMandate(p)
        try beginSetup(id, p, ctx: ctx, attach: true)
        return .json(.object(setupIntents[id]!))
    }

    func cancelSetupIntent(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, [("cancellation_reason", .oneOf(["abandoned", "duplicate", "requested_by_customer"]))])
        let id = ctx[0]
        var si = try setupIntent(id)
        let cancelable = ["requires_payment_method", "requires_confirmation", "requires_action"]
        guard cancelable.contains(si["status"]?.stringValue ?? "") else {
            throw unexpectedSetupState(si, verb: "cancel", allowed: cancelable.joined(separator: ", "))
        }
        let before = si
        si["cancellation_reason"] = p.text("cancellation_reason").map(JSON.string) ?? .null
        si["status"] = "canceled"
        setupIntents[id] = si
        emit("setup_intent.canceled", object: si,
             previous: SandboxEngine.changes(from: before, to: si, keys: ["cancellation_reason", "status"]),
             at: ctx.timestamp, origin: ctx.origin)
        return .json(.object(si))
    }

    private func unexpectedSetupState(_ si: JSONObject, verb: String, allowed: String) -> APIError {
        unexpectedIntentState(si, type: "SetupIntent", key: "setup_intent", verb: verb, allowed: allowed)
    }

    /// Confirmation (`mandate_data` already checked): the payment method, a `pending` multi-use
    /// mandate and a `processing` setup attempt; the bank's answer comes after the settle delay.
    private func beginSetup(_ id: String, _ p: Params, ctx: RequestContext, attach: Bool) throws(APIError) {
        var si = try setupIntent(id)
        let customer = si["customer"]?.stringValue
        if attach, p.has("payment_method_data") {
            si["payment_method"] = .string(try createBankPaymentMethod(p, customer: customer, ctx: ctx, intent: "SetupIntent"))
        } else if attach, let pm = p.text("payment_method") {
            si["payment_method"] = .string(try usablePaymentMethod(pm, customer: customer))
        }
        guard let pmId = si["payment_method"]?.stringValue else {
            var error = APIError(code: "setup_intent_unexpected_state",
                                 message: "You cannot confirm this SetupIntent because it's missing a payment method. Update it with a payment method, or pass payment_method or payment_method_data when confirming.")
            error.extra["setup_intent"] = .object(si)
            throw error
        }
        let mandate = createMandate(p, paymentMethod: pmId, singleUse: nil, status: "pending", at: ctx.timestamp)
        let attempt = ids.next("setatt")
        var a = JSONObject()
        a["id"] = .string(attempt)
        a["object"] = "setup_attempt"
        a["application"] = .null
        a["attach_to_self"] = si["attach_to_self"] ?? false
        a["created"] = .int(ctx.timestamp)
        a["customer"] = si["customer"] ?? .null
        a["flow_directions"] = si["flow_directions"] ?? .null
        a["livemode"] = false
        a["on_behalf_of"] = si["on_behalf_of"] ?? .null
        a["payment_method"] = .string(pmId)
        a["payment_method_details"] = ["type": "us_bank_account", "us_bank_account": [:]]
        a["setup_error"] = .null
        a["setup_intent"] = .string(id)
        a["status"] = "processing"
        a["usage"] = si["usage"] ?? "off_session"
        setupAttempts[attempt] = a
        si["last_setup_error"] = .null
        si["latest_attempt"] = .string(attempt)
        si["mandate"] = .string(mandate)
        si["status"] = "processing"
        setupIntents[id] = si
        schedule(.settleSetup(intent: id), afterMS: options.settleDelayMS, from: ctx.now)
    }

    /// The bank verification finishes: saved (mandate active, method attached), or failed when
    /// the linked account stopped being active meanwhile.
    func settleSetup(intent id: String, at due: Double) {
        guard var si = setupIntents[id], si["status"]?.stringValue == "processing",
              let pmId = si["payment_method"]?.stringValue, let mandate = si["mandate"]?.stringValue else { return }
        let time = Int(due)
        let before = si
        let fca = paymentMethods[pmId]?["us_bank_account"]?["financial_connections_account"]?.stringValue ?? ""
        let status = accounts[fca]?["status"]?.stringValue ?? "active"
        let attempt = si["latest_attempt"]?.stringValue ?? ""
        if status == "active" {
            if var a = setupAttempts[attempt] { a["status"] = "succeeded"; setupAttempts[attempt] = a }
            setMandateStatus(mandate, "active", at: time, origin: .automatic)
            if let customer = si["customer"]?.stringValue { attach(pmId, to: customer, at: time, origin: .automatic) }
            si["status"] = "succeeded"
            setupIntents[id] = si
            emit("setup_intent.succeeded", object: si, previous: SandboxEngine.changes(from: before, to: si, keys: ["status"]),
                 at: time, origin: .automatic)
        } else {
            var error = JSONObject()
            error["code"] = "financial_connections_account_inactive"
            error["message"] = .string("The Financial Connections account \(fca) is \(status), so its bank account could not be verified for future debits. Link the account again and retry the setup.")
            error["payment_method"] = paymentMethods[pmId].map(JSON.object) ?? .null
            error["type"] = "invalid_request_error"
            if var a = setupAttempts[attempt] { a["setup_error"] = .object(error); a["status"] = "failed"; setupAttempts[attempt] = a }
            setMandateStatus(mandate, "inactive", at: time, origin: .automatic)
            consumedPaymentMethods.insert(pmId)
            si["last_setup_error"] = .object(error)
            si["payment_method"] = .null
            si["status"] = "requires_payment_method"
            setupIntents[id] = si
            emit("setup_intent.setup_failed", object: si,
                 previous: SandboxEngine.changes(from: before, to: si, keys: ["last_setup_error", "payment_method", "status"]),
                 at: time, origin: .automatic)
        }
    }
}
