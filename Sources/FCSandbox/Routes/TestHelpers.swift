import FCKit

/// Sandbox-only test helpers that move a linked account or a payment through the states a real
/// integration meets, each emitting the event Stripe sends for it. Named like Stripe's own test
/// helpers (`POST /v1/test_helpers/{resource}/{id}/{verb}`, answering with the object):
///
/// - `…/financial_connections/accounts/{account}/deactivate` (`cause`) → `.deactivated`
/// - `…/reactivate` → `.reactivated`; `…/disconnect` (by the institution) → `.disconnected`
/// - `…/refresh` (`features[]`, `status=succeeded|failed`) → `.refreshed_*`, done at once
/// - `…/update_account_numbers` (`expected_expiry_date`) → `.account_numbers_updated`
/// - `…/schedule_account_number_expiry` (`expected_expiry_date`) → `.upcoming_account_number_expiry`
/// - `…/schedule_deactivation` (`expected_deactivation_date`, `cause`) → `.expected_deactivation_date_updated`,
///   and `.upcoming_deactivation` within a week of the date
/// - `…/update_supported_payment_method_types` (`supported_payment_method_types[]`) → `.supported_payment_method_types_updated`
/// - `…/payment_intents/{intent}/succeed` and `…/fail` (`failure_code`) → `payment_intent.succeeded` / `.payment_failed`
///   (a `requires_confirmation` intent is confirmed first, so nothing races the settle delay)
///
/// Dated changes (a deactivation, an account number's expiry, and the notices a week before
/// them) are transitions on the sandbox clock: advancing it past their dates runs them.
enum PaymentIntentsPath {
    static func confirm(_ id: String) -> String { "/v1/payment_intents/\(id)/confirm" }
}

extension SandboxEngine {
    static let accountEventPrefix = "financial_connections.account."
    /// Stripe's notices come about a week ahead.
    static let noticeSeconds = 7 * 86_400
    static let inactiveCauses = ["access_denied", "access_expired", "account_closed", "account_unavailable", "institution_requirement", "unspecified"]
    static let activeCauses = ["access_expired", "institution_requirement", "unspecified"]

    /// ACH returns a test helper can fail a payment with: message, return code, and the block it
    /// puts on the bank account (Stripe blocks on every return but insufficient funds).
    static let achFailures: [(code: String, message: String, networkCode: String, blockReason: String?)] = [
        ("insufficient_funds", "The customer's account has insufficient funds to cover this payment.", "R01", nil),
        ("account_closed", "The customer's bank account has been closed.", "R02", "bank_account_closed"),
        ("no_account", "The customer's bank account could not be located.", "R03", "bank_account_invalid_details"),
        ("debit_not_authorized", "The customer has notified their bank that this payment was unauthorized.", "R10", "debit_not_authorized"),
    ]

    // MARK: state changes shared by the helpers and the clock

    /// Changes an account and emits `financial_connections.account.{event}` with what changed.
    /// `numbers` puts the account's `account_numbers` into the event's object.
    func changeAccount(_ id: String, event: String, at time: Int, origin: EventOrigin, numbers: Bool = false,
                       _ change: (inout JSONObject, inout AccountRecord) -> Void) {
        guard var a = accounts[id], var record = accountRecords[id] else { return }
        let before = a
        change(&a, &record)
        accounts[id] = a
        accountRecords[id] = record
        var keys = Array(Set(before.keys).union(a.keys)).filter { $0 != "id" && $0 != "object" }.sorted()
        var object = a
        if numbers {
            object = SandboxEngine.inserting("account_numbers", accountNumbers(of: id), into: a)
            keys.append("account_numbers")
        }
        var previous = SandboxEngine.changes(from: before, to: a, keys: keys)
        if numbers { previous["account_numbers"] = nil }
        emit(SandboxEngine.accountEventPrefix + event, object: object, previous: previous.isEmpty ? nil : previous, at: time, origin: origin)
    }

    func deactivate(_ id: String, cause: String, at time: Int, origin: EventOrigin) {
        changeAccount(id, event: "deactivated", at: time, origin: origin) { a, record in
            a["status"] = "inactive"
            a = SandboxEngine.setting("status_details", ["inactive": ["action": "relink_required", "cause": .string(cause)]], in: a)
            a["subscriptions"] = .array([])
            record.subscriptionGeneration += 1
            record.bumpGeneration(of: .deactivation)
            record.bumpGeneration(of: .numberExpiry)
        }
    }

    /// The account's number details: the default untokenized number of an ACH account linked with
    /// `payment_method`, or what a test helper made of them; `null` for other accounts.
    func accountNumbers(of id: String) -> JSON {
        if let numbers = accountRecords[id]?.accountNumbers { return .array(numbers) }
        guard let a = accounts[id], a["permissions"]?.arrayValue?.contains("payment_method") == true,
              a["supported_payment_method_types"]?.arrayValue?.contains("us_bank_account") == true else { return .null }
        return [SandboxEngine.accountNumber(type: "account_number", expiry: nil)]
    }

    static func accountNumber(type: String, expiry: Int?, status: String = "transactable") -> JSON {
        ["expected_expiry_date": expiry.map(JSON.int) ?? .null, "identifier_type": .string(type), "status": .string(status),
         "supported_networks": ["ach"]]
    }

    /// Sets a member in Stripe's key order (after `id` and `object`, alphabetical), or removes it when `value` is nil.
    static func setting(_ key: String, _ value: JSON?, in object: JSONObject) -> JSONObject {
        var copy = object
        copy[key] = nil
        guard let value else { return copy }
        return inserting(key, value, into: copy)
    }

    /// A scheduled step falls due: a week's notice, or the change itself.
    func accountStep(account id: String, step: AccountStep, generation: Int, at due: Double) {
        guard let a = accounts[id], let record = accountRecords[id], record.generation(of: step) == generation,
              a["status"]?.stringValue == "active" else { return }
        let time = Int(due)
        switch step {
        case .upcomingDeactivation:
            changeAccount(id, event: "upcoming_deactivation", at: time, origin: .automatic) { _, _ in }
        case .deactivation:
            let cause = a["status_details"]?["active"]?["cause"]?.stringValue ?? "access_expired"
            deactivate(id, cause: cause, at: time, origin: .automatic)
        case .upcomingNumberExpiry:
            changeAccount(id, event: "upcoming_account_number_expiry", at: time, origin: .automatic, numbers: true) { _, _ in }
        case .numberExpiry:
            changeAccount(id, event: "account_numbers_updated", at: time, origin: .automatic, numbers: true) { _, record in
                record.accountNumbers = record.accountNumbers?.map { number in
                    guard number["status"] == "transactable", let expiry = number["expected_expiry_date"]?.intValue, expiry <= time else { return number }
                    return SandboxEngine.accountNumber(type: number["identifier_type"]?.stringValue ?? "tokenized_account_number", expiry: expiry, status: "deactivated")
                }
            }
        }
    }

    /// The notice a week ahead (at once when the date is nearer) and the change on the date.
    private func scheduleDated(_ id: String, date: Int, notice: AccountStep, change: AccountStep, now: Double) {
        guard var record = accountRecords[id] else { return }
        record.bumpGeneration(of: change)
        accountRecords[id] = record
        let generation = record.generation(of: change)
        // Due at whole seconds, so each step is stamped with its date.
        let noticeAt = Double(date - SandboxEngine.noticeSeconds)
        if noticeAt <= now {
            accountStep(account: id, step: notice, generation: generation, at: now)
        } else {
            schedule(.accountStep(account: id, step: notice, generation: generation), afterMS: 0, from: noticeAt)
        }
        schedule(.accountStep(account: id, step: change, generation: generation), afterMS: 0, from: Double(date))
    }

    /// Every payment method made from the account carries the block (`us_bank_account.status_details.blocked`).
    func blockPaymentMethods(of fca: String, reason: String, networkCode: String) {
        for id in paymentMethods.newest(where: { $0["us_bank_account"]?["financial_connections_account"]?.stringValue == fca }) {
            guard var pm = paymentMethods[id], var bank = pm["us_bank_account"]?.objectValue else { continue }
            bank["status_details"] = ["blocked": ["network_code": .string(networkCode), "reason": .string(reason)]]
            pm["us_bank_account"] = .object(bank)
            paymentMethods[id] = pm
        }
    }

    /// Refuses a debit from an account whose earlier debit was returned for a reason that blocks it.
    func requireUnblocked(_ fca: String, param: String) throws(APIError) {
        guard let blocked = accountRecords[fca]?.blocked else { return }
        throw APIError(status: 402, type: "card_error", code: "bank_account_unusable",
                       message: "The bank account behind \(fca) is blocked: an earlier debit was returned (\(blocked.code), ACH \(blocked.networkCode)). Collect a different bank account from the customer.",
                       param: param)
    }

    // MARK: account helpers

    private func helperAccount(_ ctx: RequestContext, _ spec: [(String, ParamKind)] = []) throws(APIError) -> (String, JSONObject) {
        try ParamValidator.validate(ctx.params.object, spec)
        let id = ctx[0]
        return (id, try account(id))
    }

    private func requireStatus(_ a: JSONObject, _ id: String, _ allowed: [String], verb: String) throws(APIError) {
        let status = a["status"]?.stringValue ?? "active"
        guard allowed.contains(status) else {
            throw APIError(code: status == "inactive" || status == "disconnected" ? "financial_connections_account_inactive" : nil,
                           message: "You cannot \(verb) the Financial Connections account \(id) because its status is \(status); this helper needs \(englishList(allowed, conjunction: "or")).",
                           param: "account")
        }
    }

    func deactivateHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let (id, a) = try helperAccount(ctx, [("cause", .oneOf(SandboxEngine.inactiveCauses))])
        try requireStatus(a, id, ["active"], verb: "deactivate")
        deactivate(id, cause: ctx.params.string("cause") ?? "access_expired", at: ctx.timestamp, origin: ctx.origin)
        return .json(renderAccount(id))
    }

    func reactivateHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let (id, a) = try helperAccount(ctx)
        try requireStatus(a, id, ["inactive"], verb: "reactivate")
        changeAccount(id, event: "reactivated", at: ctx.timestamp, origin: ctx.origin) { a, _ in
            a["status"] = "active"
            a = SandboxEngine.setting("status_details", nil, in: a)
        }
        return .json(renderAccount(id))
    }

    /// As if the institution ended the connection (the user revoked access there): no request made it.
    func disconnectHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let (id, a) = try helperAccount(ctx)
        try requireStatus(a, id, ["active", "inactive"], verb: "disconnect")
        changeAccount(id, event: "disconnected", at: ctx.timestamp, origin: .automatic) { a, record in
            a["status"] = "disconnected"
            a = SandboxEngine.setting("status_details", nil, in: a)
            a["subscriptions"] = .array([])
            record.subscriptionGeneration += 1
            record.bumpGeneration(of: .deactivation)
            record.bumpGeneration(of: .numberExpiry)
        }
        return .json(renderAccount(id))
    }

    /// A refresh that ends now, `succeeded` or `failed` as asked, whatever the cooldown.
    func refreshHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        let (id, a) = try helperAccount(ctx, [("features", .strings(["balance", "ownership", "transactions"])), ("status", .oneOf(["succeeded", "failed"]))])
        guard let features = p.strings("features"), !features.isEmpty else { throw .missingParameter("features") }
        try requireActive(a, id)
        let granted = a["permissions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for feature in features where !granted.contains(SandboxEngine.featurePermission[feature]!) {
            throw APIError(message: "You cannot refresh \(feature) on \(id) because the account was not linked with the `\(SandboxEngine.featurePermission[feature]!)` permission.",
                           param: "features")
        }
        for feature in features {
            startRefresh(account: id, feature: feature, now: ctx.now)
            completeRefresh(account: id, feature: feature, at: ctx.now, failing: p.string("status") == "failed")
        }
        return .json(renderAccount(id))
    }

    private func requireNumbers(_ a: JSONObject, _ id: String) throws(APIError) -> [JSON] {
        try requireStatus(a, id, ["active"], verb: "change the account numbers of")
        guard let numbers = accountNumbers(of: id).arrayValue else {
            throw APIError(code: "financial_connections_account_unavailable_account_numbers",
                           message: "The Financial Connections account \(id) has no account numbers: it must support us_bank_account and be linked with the `payment_method` permission.",
                           param: "account")
        }
        return numbers
    }

    private func futureDate(_ p: Params, _ name: String, default offset: Int, now: Int) throws(APIError) -> Int {
        let date = p.int(name) ?? now + offset
        guard date > now else {
            throw APIError(message: "\(name) must be after the sandbox clock's current time (\(now)); it was \(date).", param: name, isValidation: true)
        }
        return date
    }

    /// The institution issues a new tokenized account number; the ones before it stop being transactable.
    func updateAccountNumbersHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let (id, a) = try helperAccount(ctx, [("expected_expiry_date", .integer)])
        let numbers = try requireNumbers(a, id)
        let expiry = try ctx.params.int("expected_expiry_date").map { _ throws(APIError) in
            try futureDate(ctx.params, "expected_expiry_date", default: 0, now: ctx.timestamp)
        }
        changeAccount(id, event: "account_numbers_updated", at: ctx.timestamp, origin: ctx.origin, numbers: true) { _, record in
            let retired = numbers.map { n in
                SandboxEngine.accountNumber(type: n["identifier_type"]?.stringValue ?? "account_number",
                                            expiry: n["expected_expiry_date"]?.intValue, status: "deactivated")
            }
            record.accountNumbers = retired + [SandboxEngine.accountNumber(type: "tokenized_account_number", expiry: expiry)]
        }
        if let expiry { scheduleDated(id, date: expiry, notice: .upcomingNumberExpiry, change: .numberExpiry, now: ctx.now) }
        return .json(renderAccount(id))
    }

    /// The transactable number is a token that expires on `expected_expiry_date` (default a week
    /// from now): the notice comes a week ahead, and on the date the number is `deactivated`.
    func scheduleNumberExpiryHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let (id, a) = try helperAccount(ctx, [("expected_expiry_date", .integer)])
        let numbers = try requireNumbers(a, id)
        let expiry = try futureDate(ctx.params, "expected_expiry_date", default: SandboxEngine.noticeSeconds, now: ctx.timestamp)
        guard var record = accountRecords[id] else { return .json(renderAccount(id)) }
        record.accountNumbers = numbers.map { n in
            guard n["status"] == "transactable" else { return n }
            return SandboxEngine.accountNumber(type: "tokenized_account_number", expiry: expiry)
        }
        accountRecords[id] = record
        scheduleDated(id, date: expiry, notice: .upcomingNumberExpiry, change: .numberExpiry, now: ctx.now)
        return .json(renderAccount(id))
    }

    /// The institution will cut access on `expected_deactivation_date` (default 30 days on) unless
    /// the customer relinks: `status_details.active`, its event, the notice a week ahead, and on the date the deactivation.
    func scheduleDeactivationHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let (id, a) = try helperAccount(ctx, [("expected_deactivation_date", .integer), ("cause", .oneOf(SandboxEngine.activeCauses))])
        try requireStatus(a, id, ["active"], verb: "schedule the deactivation of")
        let date = try futureDate(ctx.params, "expected_deactivation_date", default: 30 * 86_400, now: ctx.timestamp)
        let cause = ctx.params.string("cause") ?? "access_expired"
        changeAccount(id, event: "expected_deactivation_date_updated", at: ctx.timestamp, origin: ctx.origin) { a, _ in
            a = SandboxEngine.setting("status_details", ["active": ["action": "relink_required", "cause": .string(cause),
                                                                   "expected_deactivation_date": .int(date)]], in: a)
        }
        scheduleDated(id, date: date, notice: .upcomingDeactivation, change: .deactivation, now: ctx.now)
        return .json(renderAccount(id))
    }

    func updatePaymentMethodTypesHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let (id, a) = try helperAccount(ctx, [("supported_payment_method_types", .strings(["link", "us_bank_account"]))])
        // `supported_payment_method_types=` (empty) means none.
        guard let types = ctx.params.strings("supported_payment_method_types") ?? (ctx.params.string("supported_payment_method_types") == "" ? [] : nil) else {
            throw .missingParameter("supported_payment_method_types")
        }
        try requireStatus(a, id, ["active"], verb: "change the payment method types of")
        let ordered = ["link", "us_bank_account"].filter(types.contains)
        if a["supported_payment_method_types"] == .array(ordered.map(JSON.string)) {
            throw APIError(message: "The Financial Connections account \(id) already supports exactly \(ordered.isEmpty ? "no payment method types" : englishList(ordered, conjunction: "and")).",
                           param: "supported_payment_method_types")
        }
        changeAccount(id, event: "supported_payment_method_types_updated", at: ctx.timestamp, origin: ctx.origin) { a, _ in
            a["supported_payment_method_types"] = .array(ordered.map(JSON.string))
        }
        return .json(renderAccount(id))
    }

    // MARK: payment helpers

    /// The intent, `processing`: one still `requires_confirmation` is confirmed first, under an
    /// offline mandate, so its outcome is the helper's and never a race with `--settle-delay`.
    private func processingIntent(_ ctx: RequestContext, _ spec: [(String, ParamKind)], verb: String) throws(APIError) -> String {
        try ParamValidator.validate(ctx.params.object, spec)
        let id = ctx[0]
        let pi = try paymentIntent(id)
        if pi["status"]?.stringValue == "requires_confirmation" {
            var confirm = RequestContext(method: "POST", path: PaymentIntentsPath.confirm(id),
                                         params: Params(["mandate_data": ["customer_acceptance": ["type": "offline"]]]),
                                         json: nil, requestId: ctx.requestId, now: ctx.now, idempotencyKey: ctx.idempotencyKey)
            confirm.pathParams = [id]
            _ = try confirmPaymentIntent(confirm)
        }
        guard paymentIntents[id]?["status"]?.stringValue == "processing" else {
            throw unexpectedIntentState(paymentIntents[id]!, type: "PaymentIntent", key: "payment_intent", verb: verb, allowed: "processing or requires_confirmation")
        }
        return id
    }

    /// The debit clears now.
    func succeedPaymentHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let id = try processingIntent(ctx, [], verb: "succeed")
        settlePayment(intent: id, at: ctx.now, failureCode: nil as String?)
        return .json(.object(paymentIntents[id]!))
    }

    /// The debit is returned now with `failure_code`.
    func failPaymentHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let id = try processingIntent(ctx, [("failure_code", .oneOf(SandboxEngine.achFailures.map(\.code)))], verb: "fail")
        settlePayment(intent: id, at: ctx.now, failureCode: ctx.params.string("failure_code") ?? "insufficient_funds")
        return .json(.object(paymentIntents[id]!))
    }
}
