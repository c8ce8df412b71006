import FCKit
import Foundation
import Testing
@testable import FCSandbox

/// Saving a linked account for later debits: SetupIntents and the mandates they collect.
@Suite("Sandbox setup intents and mandates")
struct SetupIntentTests {
    static let online = "mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][ip_address]=203.0.113.7"
        + "&mandate_data[customer_acceptance][online][user_agent]=Mozilla%2F5.0"
    static let offline = "mandate_data[customer_acceptance][type]=offline"

    static func setupBody(customer: String, account: String, confirm: Bool = true, mandate: String? = offline) -> String {
        var parts = ["customer=\(customer)", "payment_method_types[]=us_bank_account", "usage=off_session",
                     "payment_method_data[type]=us_bank_account",
                     "payment_method_data[us_bank_account][financial_connections_account]=\(account)",
                     "payment_method_data[billing_details][name]=Jenny+Rosen"]
        if let mandate { parts.append(mandate) }
        if confirm { parts.append("confirm=true") }
        return parts.joined(separator: "&")
    }

    /// A linked customer whose Success Checking account was saved by a SetupIntent that succeeded.
    static func saved(_ h: Harness, institution: String = "Test Institution", pick: ([String]) -> String = { $0.last! })
        async -> (customer: String, accounts: [String], setup: Answer, paymentMethod: String, mandate: String) {
        let (cus, _, accounts) = await h.linked(institution: institution)
        let si = await h.post("/v1/setup_intents", setupBody(customer: cus, account: pick(accounts)))
        h.clock.advance(3)
        let done = await h.get("/v1/setup_intents/\(si.id)")
        return (cus, accounts, done, done["payment_method"]?.stringValue ?? "", done["mandate"]?.stringValue ?? "")
    }

    static func types(_ events: Answer) -> [String] {
        events["data"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
    }

    @Test func confirmedSetupProcessesThenSucceeds() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let t0 = Int(h.clock.now)
        let si = await h.post("/v1/setup_intents", Self.setupBody(customer: cus, account: accounts.last!, mandate: Self.online))
        #expect(si.status == 200, "\(si.text)")
        #expect(si.id.hasPrefix("seti_1"))
        #expect(si["object"] == "setup_intent")
        #expect(si["status"] == "processing")
        #expect(si["usage"] == "off_session")
        #expect(si["customer"] == .string(cus))
        #expect(si["client_secret"]?.stringValue?.hasPrefix("\(si.id)_secret_") == true)
        #expect(si["latest_attempt"]?.stringValue?.hasPrefix("setatt_") == true)
        let pm = try #require(si["payment_method"]?.stringValue)
        let mandateID = try #require(si["mandate"]?.stringValue)
        #expect(mandateID.hasPrefix("mandate_"))

        let pending = await h.get("/v1/mandates/\(mandateID)")
        #expect(pending["status"] == "pending")
        #expect(pending["type"] == "multi_use")
        #expect(pending["multi_use"] == [:])
        #expect(pending["single_use"] == nil)
        #expect(pending["payment_method"] == .string(pm))
        #expect(pending["customer_acceptance"] == ["accepted_at": .int(t0), "online": ["ip_address": "203.0.113.7", "user_agent": "Mozilla/5.0"], "type": "online"])
        #expect(pending["payment_method_details"] == ["type": "us_bank_account", "us_bank_account": [:]])
        #expect(pending.json.objectValue?.keys.map { $0 } == ["id", "object", "customer_acceptance", "livemode", "multi_use", "payment_method",
                                                             "payment_method_details", "status", "type"])
        #expect(await h.get("/v1/payment_methods/\(pm)")["customer"] == .null, "not saved before the setup succeeds")

        h.clock.advance(1)
        #expect(await h.get("/v1/setup_intents/\(si.id)")["status"] == "processing")
        h.clock.advance(1)
        let done = await h.get("/v1/setup_intents/\(si.id)")
        #expect(done["status"] == "succeeded")
        #expect(await h.get("/v1/mandates/\(mandateID)")["status"] == "active")
        let method = await h.get("/v1/payment_methods/\(pm)")
        #expect(method["customer"] == .string(cus))
        #expect(method["us_bank_account.financial_connections_account"] == .string(accounts.last!))
        #expect(method["us_bank_account.routing_number"] == "110000000")
        #expect(method["us_bank_account.last4"] == "6789")
        #expect(method["us_bank_account.bank_name"] == "Test Institution")
        #expect(method["us_bank_account.status_details"] == .null)
        let attempt = await h.get("/v1/setup_intents/\(si.id)", "expand[]=latest_attempt&expand[]=mandate&expand[]=payment_method")
        #expect(attempt["latest_attempt.object"] == "setup_attempt")
        #expect(attempt["latest_attempt.status"] == "succeeded")
        #expect(attempt["latest_attempt.setup_intent"] == .string(si.id))
        #expect(attempt["mandate.status"] == "active")
        #expect(attempt["payment_method.id"] == .string(pm))

        let events = await h.get("/v1/events", "limit=100")
        let ours = Self.types(events).filter { $0.hasPrefix("setup_intent.") || $0.hasPrefix("mandate.") || $0.hasPrefix("payment_method.") }
        #expect(ours == ["setup_intent.succeeded", "payment_method.attached", "mandate.updated", "setup_intent.created"])
        let succeeded = await h.get("/v1/events", "type=setup_intent.succeeded")
        #expect(succeeded["data.0.created"]?.intValue == t0 + 2)
        #expect(succeeded["data.0.data.previous_attributes"] == ["status": "processing"])
        #expect(succeeded["data.0.request.id"] == .null)
        let updated = await h.get("/v1/events", "type=mandate.updated")
        #expect(updated["data.0.data.object.status"] == "active")
        #expect(updated["data.0.data.previous_attributes"] == ["status": "pending"])
        #expect(await h.get("/v1/events", "type=payment_method.attached")["data.0.data.previous_attributes"] == ["customer": .null])
    }

    @Test func statusTransitionsStepByStep() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let bare = await h.post("/v1/setup_intents", "customer=\(cus)")
        #expect(bare["status"] == "requires_payment_method")
        #expect(bare["payment_method_types"] == ["us_bank_account"])
        #expect(bare["mandate"] == .null && bare["latest_attempt"] == .null && bare["payment_method"] == .null)
        let noMethod = await h.post("/v1/setup_intents/\(bare.id)/confirm", Self.offline)
        #expect(noMethod.errorCode == "setup_intent_unexpected_state")
        #expect(noMethod["error.setup_intent.id"] == .string(bare.id))

        let later = await h.post("/v1/setup_intents", Self.setupBody(customer: cus, account: accounts.last!, confirm: false, mandate: nil))
        #expect(later["status"] == "requires_confirmation")
        let noMandate = await h.post("/v1/setup_intents/\(later.id)/confirm")
        #expect(noMandate.status == 400)
        #expect(noMandate.errorCode == "parameter_missing")
        #expect(noMandate.errorParam == "mandate_data")
        let online = await h.post("/v1/setup_intents/\(later.id)/confirm", "mandate_data[customer_acceptance][type]=online")
        #expect(online.errorParam == "mandate_data[customer_acceptance][online][ip_address]")
        let confirmed = await h.post("/v1/setup_intents/\(later.id)/confirm", Self.offline)
        #expect(confirmed["status"] == "processing")
        let again = await h.post("/v1/setup_intents/\(later.id)/confirm", Self.offline)
        #expect(again.errorCode == "setup_intent_unexpected_state")
        #expect(again.errorMessage == "You cannot confirm this SetupIntent because it has a status of processing. Only a SetupIntent with one of the following statuses may be confirmed: requires_action, requires_confirmation, requires_payment_method.")
        let cancelProcessing = await h.post("/v1/setup_intents/\(later.id)/cancel")
        #expect(cancelProcessing.errorCode == "setup_intent_unexpected_state")

        // A method can also be given at confirmation.
        let fresh = await h.post("/v1/setup_intents", "customer=\(cus)")
        let body = Self.setupBody(customer: cus, account: accounts.last!, confirm: false).replacingOccurrences(of: "customer=\(cus)&payment_method_types[]=us_bank_account&usage=off_session&", with: "")
        let viaConfirm = await h.post("/v1/setup_intents/\(fresh.id)/confirm", body)
        #expect(viaConfirm["status"] == "processing", "\(viaConfirm.text)")
        #expect(viaConfirm["payment_method"]?.stringValue?.hasPrefix("pm_") == true)
        h.clock.advance(2)
        #expect(await h.get("/v1/setup_intents/\(fresh.id)")["status"] == "succeeded")
    }

    @Test func cancel() async throws {
        let h = try Harness()
        let cus = await h.customer()
        let si = await h.post("/v1/setup_intents", "customer=\(cus)")
        let bad = await h.post("/v1/setup_intents/\(si.id)/cancel", "cancellation_reason=fraudulent")
        #expect(bad.errorParam == "cancellation_reason")
        let canceled = await h.post("/v1/setup_intents/\(si.id)/cancel", "cancellation_reason=abandoned")
        #expect(canceled["status"] == "canceled")
        #expect(canceled["cancellation_reason"] == "abandoned")
        let event = await h.get("/v1/events", "type=setup_intent.canceled")
        #expect(event["data.0.data.previous_attributes"] == ["cancellation_reason": .null, "status": "requires_payment_method"])
        let twice = await h.post("/v1/setup_intents/\(si.id)/cancel")
        #expect(twice.errorCode == "setup_intent_unexpected_state")
        #expect(twice.errorMessage == "You cannot cancel this SetupIntent because it has a status of canceled. Only a SetupIntent with one of the following statuses may be canceled: requires_payment_method, requires_confirmation, requires_action.")
        let confirm = await h.post("/v1/setup_intents/\(si.id)/confirm", Self.offline)
        #expect(confirm.errorCode == "setup_intent_unexpected_state")
        let missing = await h.get("/v1/setup_intents/seti_nope")
        #expect(missing.status == 404)
        #expect(missing.errorMessage == "No such setupintent: 'seti_nope'")
        #expect(missing.errorParam == "intent")
    }

    @Test("the insufficient-funds account saves like any other: nothing is debited")
    func insufficientFundsAccountSaves() async throws {
        let h = try Harness()
        let saved = await Self.saved(h, pick: { $0.first! })
        #expect(saved.setup["status"] == "succeeded")
        #expect(await h.get("/v1/mandates/\(saved.mandate)")["status"] == "active")
    }

    @Test("an account disconnected while the setup processes: setup_failed, the mandate inactive, nothing saved")
    func disconnectedMeanwhileFails() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let si = await h.post("/v1/setup_intents", Self.setupBody(customer: cus, account: accounts.last!))
        let pm = try #require(si["payment_method"]?.stringValue)
        _ = await h.post("/v1/financial_connections/accounts/\(accounts.last!)/disconnect")
        h.clock.advance(2)
        let failed = await h.get("/v1/setup_intents/\(si.id)", "expand[]=latest_attempt")
        #expect(failed["status"] == "requires_payment_method")
        #expect(failed["payment_method"] == .null)
        #expect(failed["last_setup_error.code"] == "financial_connections_account_inactive")
        #expect(failed["last_setup_error.payment_method.id"] == .string(pm))
        #expect(failed["latest_attempt.status"] == "failed")
        #expect(failed["latest_attempt.setup_error.code"] == "financial_connections_account_inactive")
        #expect(await h.get("/v1/mandates/\(si["mandate"]?.stringValue ?? "")")["status"] == "inactive")
        #expect(await h.get("/v1/payment_methods/\(pm)")["customer"] == .null)
        let events = await h.get("/v1/events", "types[]=setup_intent.setup_failed&types[]=setup_intent.succeeded&types[]=payment_method.attached")
        #expect(Self.types(events) == ["setup_intent.setup_failed"])
        #expect(events["data.0.data.previous_attributes.status"] == "processing")
    }

    @Test func refusals() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let other = await h.customer(email: "other@example.com")
        let (_, _, invalid) = await h.linked(institution: "Invalid Payment Accounts")
        let cases: [(String, String, String?, String?)] = [
            ("card", "customer=\(cus)&payment_method_types[]=card", "payment_method_types", nil),
            ("unknown customer", "customer=cus_nope", "customer", "resource_missing"),
            ("bad usage", "customer=\(cus)&usage=sometimes", "usage", "parameter_invalid_string"),
            ("unknown parameter", "customer=\(cus)&amount=100", "amount", "parameter_unknown"),
            ("single_use", "customer=\(cus)&single_use[amount]=100&single_use[currency]=usd", "single_use", nil),
            ("mandate without confirm", Self.setupBody(customer: cus, account: accounts.last!, confirm: false), "mandate_data", nil),
            ("confirm without mandate", Self.setupBody(customer: cus, account: accounts.last!, mandate: nil), "mandate_data", "parameter_missing"),
            ("other customer's account", Self.setupBody(customer: other, account: accounts.last!),
             "payment_method_data[us_bank_account][financial_connections_account]", nil),
            ("no us_bank_account support", Self.setupBody(customer: cus, account: invalid[0]),
             "payment_method_data[us_bank_account][financial_connections_account]", nil),
            ("unknown payment method", "customer=\(cus)&payment_method=pm_nope", "payment_method", "resource_missing"),
        ]
        for (name, body, param, code) in cases {
            let a = await h.post("/v1/setup_intents", body)
            #expect(a.status == 400, "\(name): \(a.text)")
            #expect(a.errorParam == param, "\(name)")
            #expect(a.errorCode == code, "\(name)")
        }
        let holder = await h.post("/v1/setup_intents", Self.setupBody(customer: other, account: accounts.last!))
        #expect(holder.errorMessage?.contains("but this SetupIntent's customer is \(other)") == true, "\(holder.text)")
        #expect(await h.get("/v1/mandates/mandate_nope").errorMessage == "No such mandate: 'mandate_nope'")
    }

    @Test func listByCustomerAndPaymentMethod() async throws {
        let h = try Harness()
        let saved = await Self.saved(h)
        let second = await h.post("/v1/setup_intents", "customer=\(saved.customer)")
        let all = await h.get("/v1/setup_intents", "customer=\(saved.customer)")
        #expect(all["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [second.id, saved.setup.id])
        #expect(all["url"] == "/v1/setup_intents")
        let byMethod = await h.get("/v1/setup_intents", "payment_method=\(saved.paymentMethod)")
        #expect(byMethod["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [saved.setup.id])
        #expect(await h.get("/v1/setup_intents", "customer=\(saved.customer)&limit=1")["has_more"] == true)
    }

    @Test func idempotentCreateReplays() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let body = Self.setupBody(customer: cus, account: accounts.last!)
        let first = await h.post("/v1/setup_intents", body, headers: [("Idempotency-Key", "save-1")])
        let again = await h.post("/v1/setup_intents", body, headers: [("Idempotency-Key", "save-1")])
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(again.text == first.text)
        #expect(await h.get("/v1/setup_intents", "customer=\(cus)")["data"]?.arrayValue?.count == 1)
        #expect(await h.get("/v1/events", "type=setup_intent.created")["data"]?.arrayValue?.count == 1)
    }

    @Test("a setup and off-session payments survive a restart from the data file")
    func persistence() async throws {
        let path = temporaryPath("setup.jsonl")
        let clock = ManualClock()
        let (saved, pi) = try await {
            let first = try Harness(options: Harness.options(dataFile: path), clock: clock)
            let saved = await Self.saved(first)
            let pi = await first.post("/v1/payment_intents", OffSessionTests.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod))
            return (saved, pi)
        }()
        let second = try Harness(options: Harness.options(dataFile: path), clock: clock)
        #expect(await second.get("/v1/setup_intents/\(saved.setup.id)")["status"] == "succeeded")
        #expect(await second.get("/v1/mandates/\(saved.mandate)")["status"] == "active")
        #expect(await second.get("/v1/payment_methods/\(saved.paymentMethod)")["customer"] == .string(saved.customer))
        clock.advance(3)
        let settled = await second.get("/v1/payment_intents/\(pi.id)", "expand[]=latest_charge")
        #expect(settled["status"] == "succeeded")
        #expect(settled["latest_charge.payment_method_details.us_bank_account.mandate"] == .string(saved.mandate))
    }
}

/// Payments from a saved method, off-session, under its mandate.
@Suite("Sandbox off-session payments and payment methods")
struct OffSessionTests {
    static func offSessionBody(customer: String, paymentMethod: String, mandate: String? = nil, amount: Int = 1500) -> String {
        var body = "amount=\(amount)&currency=usd&customer=\(customer)&payment_method=\(paymentMethod)&payment_method_types[]=us_bank_account&off_session=true&confirm=true"
        if let mandate { body += "&mandate=\(mandate)" }
        return body
    }

    @Test("two off-session payments with one saved method: two intents, one payment method, one mandate")
    func saveThenChargeTwice() async throws {
        let h = try Harness()
        let saved = await SetupIntentTests.saved(h)
        let first = await h.post("/v1/payment_intents", Self.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod, mandate: saved.mandate))
        #expect(first["status"] == "processing", "\(first.text)")
        #expect(first["payment_method"] == .string(saved.paymentMethod))
        let second = await h.post("/v1/payment_intents", Self.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod, amount: 2500))
        #expect(second["status"] == "processing", "found the method's mandate: \(second.text)")
        h.clock.advance(3)
        for pi in [first, second] {
            let settled = await h.get("/v1/payment_intents/\(pi.id)", "expand[]=latest_charge")
            #expect(settled["status"] == "succeeded")
            #expect(settled["latest_charge.object"] == "charge")
            #expect(settled["latest_charge.status"] == "succeeded")
            #expect(settled["latest_charge.payment_intent"] == .string(pi.id))
            #expect(settled["latest_charge.payment_method"] == .string(saved.paymentMethod))
            #expect(settled["latest_charge.payment_method_details.us_bank_account.mandate"] == .string(saved.mandate))
        }
        let methods = await h.get("/v1/payment_methods", "customer=\(saved.customer)&type=us_bank_account")
        #expect(methods["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [saved.paymentMethod])
        let intents = await h.get("/v1/payment_intents", "customer=\(saved.customer)")
        #expect(intents["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [second.id, first.id])
        // No new mandate: the only mandate.updated is the setup's pending → active.
        #expect(await h.get("/v1/events", "type=mandate.updated")["data"]?.arrayValue?.count == 1)
        #expect(await h.get("/v1/events", "type=payment_method.attached")["data"]?.arrayValue?.count == 1)
    }

    @Test("pay with setup_future_usage saves the method: multi-use mandate, attached while processing, reusable off-session")
    func setupFutureUsageSaves() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let pi = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: accounts.last!) + "&setup_future_usage=off_session&expand[]=latest_charge")
        #expect(pi["status"] == "processing")
        #expect(pi["setup_future_usage"] == "off_session")
        #expect(pi["latest_charge.status"] == "pending")
        let pm = try #require(pi["payment_method"]?.stringValue)
        let mandateID = try #require(pi["latest_charge.payment_method_details.us_bank_account.mandate"]?.stringValue)
        let mandate = await h.get("/v1/mandates/\(mandateID)")
        #expect(mandate["type"] == "multi_use" && mandate["status"] == "active")
        #expect(await h.get("/v1/payment_methods/\(pm)")["customer"] == .string(cus))
        let later = await h.post("/v1/payment_intents", Self.offSessionBody(customer: cus, paymentMethod: pm))
        #expect(later["status"] == "processing", "\(later.text)")
    }

    @Test("a one-off payment's method is not saved, its mandate is single-use, and it cannot be used again")
    func oneOffMethodIsUsedUp() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let pi = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: accounts.last!) + "&expand[]=latest_charge")
        let pm = try #require(pi["payment_method"]?.stringValue)
        #expect(await h.get("/v1/payment_methods/\(pm)")["customer"] == .null)
        #expect(await h.get("/v1/payment_methods", "customer=\(cus)")["data"] == [])
        let mandateID = try #require(pi["latest_charge.payment_method_details.us_bank_account.mandate"]?.stringValue)
        let mandate = await h.get("/v1/mandates/\(mandateID)")
        #expect(mandate["type"] == "single_use")
        #expect(mandate["single_use"] == ["amount": 1234, "currency": "usd"])
        #expect(mandate["multi_use"] == nil)
        let reuse = await h.post("/v1/payment_intents", Self.offSessionBody(customer: cus, paymentMethod: pm))
        #expect(reuse.status == 400)
        #expect(reuse.errorParam == "payment_method")
        #expect(reuse.errorMessage == "This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.")
        let attach = await h.post("/v1/payment_methods/\(pm)/attach", "customer=\(cus)")
        #expect(attach.errorParam == "payment_method")
    }

    @Test func refusals() async throws {
        let h = try Harness()
        let saved = await SetupIntentTests.saved(h)
        let other = await SetupIntentTests.saved(h)
        let stranger = await h.customer(email: "stranger@example.com")
        let cases: [(String, String, String?, String?)] = [
            ("another customer's method", Self.offSessionBody(customer: stranger, paymentMethod: saved.paymentMethod), "payment_method", nil),
            ("no customer", Self.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod).replacingOccurrences(of: "customer=\(saved.customer)&", with: ""),
             "payment_method", nil),
            ("unknown method", Self.offSessionBody(customer: saved.customer, paymentMethod: "pm_nope"), "payment_method", "resource_missing"),
            ("unknown mandate", Self.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod, mandate: "mandate_nope"), "mandate", "resource_missing"),
            ("another method's mandate", Self.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod, mandate: other.mandate), "mandate", nil),
            ("mandate without confirm", Self.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod, mandate: saved.mandate)
                .replacingOccurrences(of: "&confirm=true", with: ""), "mandate", nil),
        ]
        for (name, body, param, code) in cases {
            let a = await h.post("/v1/payment_intents", body)
            #expect(a.status == 400, "\(name): \(a.text)")
            #expect(a.errorParam == param, "\(name): \(a.text)")
            #expect(a.errorCode == code, "\(name)")
        }
        #expect(await h.get("/v1/payment_intents", "customer=\(saved.customer)")["data"] == [], "nothing was created")

        // Detaching ends the mandate: the method and its mandate are refused from then on.
        let detached = await h.post("/v1/payment_methods/\(saved.paymentMethod)/detach")
        #expect(detached["customer"] == .null)
        #expect(await h.get("/v1/mandates/\(saved.mandate)")["status"] == "inactive")
        let afterDetach = await h.post("/v1/payment_intents", Self.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod))
        #expect(afterDetach.errorParam == "payment_method")
        let inactive = await h.post("/v1/payment_intents", Self.offSessionBody(customer: other.customer, paymentMethod: other.paymentMethod, mandate: saved.mandate))
        #expect(inactive.errorParam == "mandate")

        // Attached, but never authorised: no mandate to debit under.
        let (cus, _, accounts) = await h.linked()
        let unsaved = await h.post("/v1/setup_intents", SetupIntentTests.setupBody(customer: cus, account: accounts.last!, confirm: false, mandate: nil))
        let pm = try #require(unsaved["payment_method"]?.stringValue)
        #expect(await h.post("/v1/payment_methods/\(pm)/attach", "customer=\(cus)")["customer"] == .string(cus))
        let noMandate = await h.post("/v1/payment_intents", Self.offSessionBody(customer: cus, paymentMethod: pm))
        #expect(noMandate.status == 400)
        #expect(noMandate.errorCode == "parameter_missing")
        #expect(noMandate.errorParam == "mandate_data")
        #expect(noMandate.errorMessage?.hasPrefix("The payment method \(pm) has no active mandate.") == true)
    }

    @Test("an insufficient-funds debit from a saved method fails; the method and its mandate stay")
    func savedInsufficientFunds() async throws {
        let h = try Harness()
        let saved = await SetupIntentTests.saved(h, pick: { $0.first! })
        let pi = await h.post("/v1/payment_intents", Self.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod))
        h.clock.advance(3)
        let failed = await h.get("/v1/payment_intents/\(pi.id)", "expand[]=latest_charge")
        #expect(failed["status"] == "requires_payment_method")
        #expect(failed["last_payment_error.code"] == "insufficient_funds")
        #expect(failed["latest_charge.status"] == "failed")
        #expect(failed["latest_charge.failure_code"] == "insufficient_funds")
        #expect(failed["latest_charge.paid"] == false)
        #expect(await h.get("/v1/mandates/\(saved.mandate)")["status"] == "active")
        #expect(await h.get("/v1/payment_methods/\(saved.paymentMethod)")["customer"] == .string(saved.customer))
    }

    @Test func paymentMethodListRetrieveAttachDetach() async throws {
        let h = try Harness()
        let saved = await SetupIntentTests.saved(h)
        let list = await h.get("/v1/payment_methods", "customer=\(saved.customer)&type=us_bank_account")
        #expect(list["url"] == "/v1/payment_methods")
        #expect(list["data.0.id"] == .string(saved.paymentMethod))
        #expect(await h.get("/v1/payment_methods", "customer=\(saved.customer)&type=card")["data"] == [])
        #expect(await h.get("/v1/payment_methods")["data"] == [], "without customer: the account's own methods, none here")
        let nested = await h.get("/v1/customers/\(saved.customer)/payment_methods")
        #expect(nested["data.0.id"] == .string(saved.paymentMethod))
        #expect(nested["url"] == .string("/v1/customers/\(saved.customer)/payment_methods"))
        #expect(await h.get("/v1/payment_methods", "customer=cus_nope").errorParam == "customer")
        let missing = await h.get("/v1/payment_methods/pm_nope")
        #expect(missing.status == 404 && missing.errorMessage == "No such PaymentMethod: 'pm_nope'" && missing.errorParam == "payment_method")

        let stranger = await h.customer(email: "stranger@example.com")
        let taken = await h.post("/v1/payment_methods/\(saved.paymentMethod)/attach", "customer=\(stranger)")
        #expect(taken.errorMessage == "The payment method you provided has already been attached to a customer.")
        let same = await h.post("/v1/payment_methods/\(saved.paymentMethod)/attach", "customer=\(saved.customer)")
        #expect(same["customer"] == .string(saved.customer))
        #expect(await h.post("/v1/payment_methods/\(saved.paymentMethod)/attach").errorCode == "parameter_missing")

        let detached = await h.post("/v1/payment_methods/\(saved.paymentMethod)/detach")
        #expect(detached.status == 200)
        #expect(detached["customer"] == .null)
        let events = await h.get("/v1/events", "types[]=payment_method.detached&types[]=mandate.updated")
        #expect(SetupIntentTests.types(events) == ["mandate.updated", "payment_method.detached", "mandate.updated"])
        #expect(events["data.0.data.object.status"] == "inactive")
        #expect(events["data.1.data.previous_attributes"] == ["customer": .string(saved.customer)])
        #expect(await h.get("/v1/payment_methods", "customer=\(saved.customer)")["data"] == [])
        let twice = await h.post("/v1/payment_methods/\(saved.paymentMethod)/detach")
        #expect(twice.errorMessage == "The payment method you provided is not attached to a customer so detachment is impossible.")
        let reattach = await h.post("/v1/payment_methods/\(saved.paymentMethod)/attach", "customer=\(saved.customer)")
        #expect(reattach.errorMessage?.hasPrefix("This PaymentMethod was previously used") == true)
    }
}

/// `Stripe-Version`: releases are accepted, anything else is Stripe's 400.
@Suite("Sandbox Stripe-Version")
struct APIVersionTests {
    @Test("released versions are accepted and echoed", arguments: [
        "2026-07-29.dahlia", "2026-10-28.endive", "2025-01-27.acacia", "2025-03-31.basil", "2023-08-16", "2020-08-27", "2025-09-30.preview",
    ])
    func accepted(_ version: String) async throws {
        let h = try Harness()
        let a = await h.send("GET", "/v1/customers", headers: [("Stripe-Version", version)])
        #expect(a.status == 200)
        #expect(a.header("Stripe-Version") == version)
    }

    @Test("unknown versions are refused before anything runs", arguments: [
        "2099-99-99.bogus", "2026-07-29.bogus", "2019-2-19", "2026-02-30.dahlia", "2027-01-01.endive", "2024-07-01", "2010-12-31",
        "dahlia", "2026-07-29.", "2026-07-29.dahlia.extra",
    ])
    func refused(_ version: String) async throws {
        let h = try Harness()
        let a = await h.send("POST", "/v1/customers", body: "email=a%40example.com", headers: [("Stripe-Version", version), ("Idempotency-Key", "k")])
        #expect(a.status == 400)
        #expect(a.json == ["error": ["message": .string("Invalid Stripe API version: \(version)"), "request_log_url": a["error.request_log_url"] ?? .null,
                                     "type": "invalid_request_error"]])
        #expect(a.header("Stripe-Version") == "2026-07-29.dahlia")
        #expect(await h.get("/v1/customers")["data"] == [], "nothing was created")
        let retry = await h.post("/v1/customers", "email=a%40example.com", headers: [("Idempotency-Key", "k")])
        #expect(retry.status == 200 && retry.header("Idempotent-Replayed") == nil, "the refusal was not stored for the key")
    }

    @Test func calendarDates() {
        #expect(APIVersions.isCalendarDate("2024-02-29"))
        #expect(!APIVersions.isCalendarDate("2023-02-29"))
        #expect(APIVersions.isCalendarDate("2000-02-29"))
        #expect(!APIVersions.isCalendarDate("1900-02-29"))
        #expect(!APIVersions.isCalendarDate("2024-13-01"))
        #expect(!APIVersions.isCalendarDate("2024-04-31"))
        #expect(!APIVersions.isCalendarDate("２０２４-01-01"))
    }
}
