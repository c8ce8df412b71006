import FCKit
import Testing
@testable import FCSandbox

/// Every operation of the spec the sandbox follows (`fc-openapi.json`, FC-REFERENCE §2, §6–9).
@Suite("Sandbox spec coverage")
struct SpecCoverageTests {
    static let operations: [(String, String)] = [
        ("POST", "/v1/customers"), ("GET", "/v1/customers"), ("GET", "/v1/customers/{customer}"),
        ("POST", "/v1/financial_connections/sessions"), ("GET", "/v1/financial_connections/sessions/{session}"),
        ("GET", "/v1/financial_connections/accounts"), ("GET", "/v1/financial_connections/accounts/{account}"),
        ("POST", "/v1/financial_connections/accounts/{account}/refresh"), ("POST", "/v1/financial_connections/accounts/{account}/disconnect"),
        ("POST", "/v1/financial_connections/accounts/{account}/subscribe"), ("POST", "/v1/financial_connections/accounts/{account}/unsubscribe"),
        ("GET", "/v1/financial_connections/accounts/{account}/owners"), ("GET", "/v1/financial_connections/transactions"),
        ("GET", "/v1/financial_connections/transactions/{transaction}"), ("POST", "/v1/payment_intents"),
        ("GET", "/v1/payment_intents/{intent}"), ("POST", "/v1/payment_intents/{intent}/confirm"), ("POST", "/v1/payment_intents/{intent}/cancel"),
        ("POST", "/v1/setup_intents"), ("POST", "/v1/setup_intents/{intent}/confirm"), ("GET", "/v1/mandates/{mandate}"),
        ("GET", "/v1/events"), ("GET", "/v1/events/{id}"),
    ]

    @Test("all 23 operations of fc-openapi.json are served")
    func everyOperationRoutes() async throws {
        #expect(Self.operations.count == 23)
        let h = try Harness()
        for (method, path) in Self.operations {
            let concrete = path.replacing(/\{[a-z_]+\}/, with: "x_1")
            #expect(Router.find(method: method, path: concrete) != nil, "\(method) \(path)")
            let answer = await h.send(method, concrete)
            #expect(answer.errorMessage?.hasPrefix("Unrecognized request URL") != true, "\(method) \(path): \(answer.text)")
        }
    }

    @Test("expand[]=latest_charge returns the charge; paths below it are checked")
    func latestChargeExpands() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let pi = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: accounts.last!))
        #expect(pi["latest_charge"]?.stringValue?.hasPrefix("py_") == true, "the debit is submitted while processing")
        let expanded = await h.get("/v1/payment_intents/\(pi.id)", "expand[]=latest_charge&expand[]=latest_charge.customer")
        #expect(expanded["latest_charge.object"] == "charge")
        #expect(expanded["latest_charge.id"] == pi["latest_charge"])
        #expect(expanded["latest_charge.status"] == "pending")
        #expect(expanded["latest_charge.amount"] == 1234)
        #expect(expanded["latest_charge.customer.object"] == "customer")
        #expect(expanded["latest_charge.payment_method_details.type"] == "us_bank_account")
        #expect(expanded["latest_charge.payment_method_details.us_bank_account.last4"] == "6789")
        let bad = await h.get("/v1/payment_intents/\(pi.id)", "expand[]=latest_charge.amount")
        #expect(bad.errorMessage == "This property cannot be expanded (latest_charge.amount).")
        h.clock.advance(3)
        #expect(await h.get("/v1/payment_intents/\(pi.id)", "expand[]=latest_charge")["latest_charge.status"] == "succeeded")
    }
}

@Suite("Sandbox expansion of the new objects")
struct SetupExpandTests {
    @Test("ids of intents, setup attempts and mandates expand wherever a path reaches them")
    func nestedIds() async throws {
        let h = try Harness()
        let saved = await SetupIntentTests.saved(h)
        let si = await h.get("/v1/setup_intents/\(saved.setup.id)", "expand[]=latest_attempt.setup_intent&expand[]=mandate.payment_method")
        #expect(si["latest_attempt.setup_intent.object"] == "setup_intent")
        #expect(si["mandate.payment_method.object"] == "payment_method")
        let pi = await h.post("/v1/payment_intents", OffSessionTests.offSessionBody(customer: saved.customer, paymentMethod: saved.paymentMethod)
                              + "&expand[]=latest_charge.payment_intent")
        #expect(pi["latest_charge.payment_intent.id"] == .string(pi.id))
        #expect(pi["latest_charge.payment_intent.object"] == "payment_intent")
        let bad = await h.get("/v1/mandates/\(saved.mandate)", "expand[]=status")
        #expect(bad.errorMessage == "This property cannot be expanded (status).")
    }
}
