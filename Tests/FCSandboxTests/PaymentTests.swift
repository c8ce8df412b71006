import FCKit
import Testing
@testable import FCSandbox

@Suite("Sandbox payment intents")
struct PaymentTests {
    static func payBody(customer: String, account: String, confirm: Bool = true, mandate: String = "online", name: String? = "Jenny Rosen") -> String {
        var parts = ["amount=1234", "currency=usd", "customer=\(customer)", "payment_method_types[]=us_bank_account",
                     "payment_method_data[type]=us_bank_account",
                     "payment_method_data[us_bank_account][financial_connections_account]=\(account)"]
        if let name { parts.append("payment_method_data[billing_details][name]=\(name.replacingOccurrences(of: " ", with: "+"))") }
        if mandate == "online" {
            parts += ["mandate_data[customer_acceptance][type]=online", "mandate_data[customer_acceptance][online][ip_address]=127.0.0.1",
                      "mandate_data[customer_acceptance][online][user_agent]=fc-tests"]
        } else if mandate == "offline" {
            parts.append("mandate_data[customer_acceptance][type]=offline")
        }
        if confirm { parts.append("confirm=true") }
        return parts.joined(separator: "&")
    }

    @Test func successfulPaymentSettles() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let success = accounts.last!
        let t0 = Int(h.clock.now)
        let pi = await h.post("/v1/payment_intents", Self.payBody(customer: cus, account: success))
        #expect(pi.status == 200)
        #expect(pi.id.hasPrefix("pi_"))
        #expect(pi["status"] == "processing")
        #expect(pi["payment_method"]?.stringValue?.hasPrefix("pm_") == true)
        #expect(pi["amount"] == 1234 && pi["currency"] == "usd" && pi["customer"] == .string(cus))
        #expect(pi["client_secret"]?.stringValue?.hasPrefix("\(pi.id)_secret_") == true)
        h.clock.advance(1)
        #expect(await h.get("/v1/payment_intents/\(pi.id)")["status"] == "processing")
        h.clock.advance(2)
        let settled = await h.get("/v1/payment_intents/\(pi.id)")
        #expect(settled["status"] == "succeeded")
        #expect(settled["amount_received"] == 1234)
        let events = await h.get("/v1/events", "type=payment_intent.*")
        #expect(events["data"]?.arrayValue?.map { $0["type"]!.stringValue! } == ["payment_intent.succeeded", "payment_intent.processing", "payment_intent.created"])
        #expect(events["data.0.created"]?.intValue == t0 + 2)
        #expect(events["data.0.data.previous_attributes.status"] == "processing")
        let cancel = await h.post("/v1/payment_intents/\(pi.id)/cancel")
        #expect(cancel.errorCode == "payment_intent_unexpected_state")
        #expect(cancel.errorMessage == "You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action.")
        #expect(cancel["error.payment_intent.id"]?.stringValue == pi.id)
    }

    /// Stripe can cancel some payment methods while `processing`, but not an ACH debit already
    /// submitted: the refusal must not name `processing` among the statuses that may be canceled.
    @Test func processingACHDebitCannotBeCanceled() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let pi = await h.post("/v1/payment_intents", Self.payBody(customer: cus, account: accounts.last!))
        #expect(pi["status"] == "processing")
        let cancel = await h.post("/v1/payment_intents/\(pi.id)/cancel")
        #expect(cancel.status == 400)
        #expect(cancel.errorCode == "payment_intent_unexpected_state")
        #expect(cancel.errorMessage == "You cannot cancel this PaymentIntent because it has a status of processing. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action.")
        #expect(cancel["error.payment_intent.status"] == "processing")
        #expect(await h.get("/v1/payment_intents/\(pi.id)")["status"] == "processing")
    }

    @Test func insufficientFundsFails() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let insufficient = accounts.first!
        let pi = await h.post("/v1/payment_intents", Self.payBody(customer: cus, account: insufficient, mandate: "offline"))
        #expect(pi["status"] == "processing")
        h.clock.advance(3)
        let failed = await h.get("/v1/payment_intents/\(pi.id)")
        #expect(failed["status"] == "requires_payment_method")
        #expect(failed["last_payment_error.code"] == "insufficient_funds")
        #expect(failed["last_payment_error.payment_method.id"] != nil)
        let events = await h.get("/v1/events", "types[]=payment_intent.payment_failed&types[]=payment_intent.succeeded")
        #expect(events["data"]?.arrayValue?.map { $0["type"]!.stringValue! } == ["payment_intent.payment_failed"])
    }

    @Test func confirmLaterAndCancel() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let pi = await h.post("/v1/payment_intents", Self.payBody(customer: cus, account: accounts.last!, confirm: false, mandate: "none"))
        #expect(pi["status"] == "requires_confirmation")
        let noMandate = await h.post("/v1/payment_intents/\(pi.id)/confirm")
        #expect(noMandate.errorCode == "parameter_missing")
        let confirmed = await h.post("/v1/payment_intents/\(pi.id)/confirm", "mandate_data[customer_acceptance][type]=offline")
        #expect(confirmed["status"] == "processing")
        let again = await h.post("/v1/payment_intents/\(pi.id)/confirm", "mandate_data[customer_acceptance][type]=offline")
        #expect(again.errorCode == "payment_intent_unexpected_state")

        let bare = await h.post("/v1/payment_intents", "amount=500&currency=usd&customer=\(cus)")
        #expect(bare["status"] == "requires_payment_method")
        let badReason = await h.post("/v1/payment_intents/\(bare.id)/cancel", "cancellation_reason=bored")
        #expect(badReason.errorParam == "cancellation_reason")
        let canceled = await h.post("/v1/payment_intents/\(bare.id)/cancel", "cancellation_reason=requested_by_customer")
        #expect(canceled["status"] == "canceled")
        #expect(canceled["cancellation_reason"] == "requested_by_customer")
        #expect(await h.get("/v1/events", "type=payment_intent.canceled")["data"]?.arrayValue?.count == 1)
    }

    @Test func refusals() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let success = accounts.last!
        let other = await h.customer(email: "other@example.com")
        let (_, _, invalid) = await h.linked(institution: "Invalid Payment Accounts")
        let (cusNoPM, _, noPM) = await h.linked(permissions: ["balances"])
        let cases: [(String, String, String?, String?)] = [
            ("no amount", "currency=usd", "amount", "parameter_missing"),
            ("bad amount", "amount=ten&currency=usd", "amount", "parameter_invalid_integer"),
            ("too small", "amount=10&currency=usd", "amount", "amount_too_small"),
            ("no currency", "amount=1000", "currency", "parameter_missing"),
            ("eur", "amount=1000&currency=eur", "currency", nil),
            ("card", "amount=1000&currency=usd&payment_method_types[]=card", "payment_method_types", nil),
            ("unknown customer", "amount=1000&currency=usd&customer=cus_nope", "customer", "resource_missing"),
            ("no billing name", Self.payBody(customer: cus, account: success, name: nil), "payment_method_data[billing_details][name]", "parameter_missing"),
            ("online without ip", Self.payBody(customer: cus, account: success).replacingOccurrences(of: "&mandate_data[customer_acceptance][online][ip_address]=127.0.0.1", with: ""),
             "mandate_data[customer_acceptance][online][ip_address]", "parameter_missing"),
            ("other customer's account", Self.payBody(customer: other, account: success), "payment_method_data[us_bank_account][financial_connections_account]", nil),
            ("no us_bank_account support", Self.payBody(customer: cus, account: invalid[0]), "payment_method_data[us_bank_account][financial_connections_account]", nil),
            ("no payment_method permission", Self.payBody(customer: cusNoPM, account: noPM[0]), "payment_method_data[us_bank_account][financial_connections_account]", nil),
            ("unknown account", Self.payBody(customer: cus, account: "fca_nope"), "payment_method_data[us_bank_account][financial_connections_account]", "resource_missing"),
        ]
        for (name, body, param, code) in cases {
            let a = await h.post("/v1/payment_intents", body)
            #expect(a.status == 400, "\(name)")
            #expect(a.errorParam == param, "\(name)")
            #expect(a.errorCode == code, "\(name)")
        }
        _ = await h.post("/v1/financial_connections/accounts/\(success)/disconnect")
        let inactive = await h.post("/v1/payment_intents", Self.payBody(customer: cus, account: success))
        #expect(inactive.errorCode == "financial_connections_account_inactive")
    }
}

@Suite("Sandbox payment intent expansion")
struct PaymentExpandTests {
    @Test func expandsCustomerAndPaymentMethod() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let pi = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: accounts.last!) + "&expand[]=payment_method&expand[]=customer")
        #expect(pi["payment_method.object"] == "payment_method")
        #expect(pi["payment_method.us_bank_account.financial_connections_account"] == .string(accounts.last!))
        #expect(pi["customer.id"] == .string(cus))
        let bad = await h.send("GET", "/v1/payment_intents/\(pi.id)", query: "expand[]=amount")
        #expect(bad.status == 400)
        #expect(bad.errorMessage == "This property cannot be expanded (amount).")
        #expect(bad.errorParam == nil)
    }
}
