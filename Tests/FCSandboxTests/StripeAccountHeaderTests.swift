import FCKit
import Testing
@testable import FCSandbox

/// `Stripe-Account`: an account the sandbox created is accepted and echoed; any other is
/// refused the way Stripe refuses a key with no access to the account.
@Suite("Sandbox Stripe-Account header")
struct StripeAccountHeaderTests {
    static func account(_ h: Harness) async -> String {
        await h.post("/v2/core/accounts", #"{"display_name":"Rocket Rides","configuration":{"customer":{}}}"#).id
    }

    @Test(arguments: ["acct_123", "acct_1Nv0FGQ9RKHgCVdK", "not_an_account"])
    func unknownAccountIsRefused(_ account: String) async throws {
        let h = try Harness()
        let a = await h.send("GET", "/v1/customers", headers: [("Stripe-Account", account)])
        #expect(a.status == 403)
        #expect(a["error.type"] == "invalid_request_error")
        #expect(a.errorCode == "account_invalid")
        #expect(a["error.doc_url"] == "https://stripe.com/docs/error-codes/account-invalid")
        #expect(a.errorParam == nil)
        #expect(a.errorMessage == "The provided key 'sk_test_********************p7dc' does not have access to account '\(account)' (or that account does not exist). Application access may have been revoked.")
        #expect(a.header("Stripe-Account") == account)
        #expect(a.header("Request-Id")?.hasPrefix("req_") == true)
    }

    @Test func refusedBeforeAnythingChanges() async throws {
        let h = try Harness()
        let a = await h.send("POST", "/v1/customers", body: "email=a%40example.com",
                             headers: [("Stripe-Account", "acct_123"), ("Idempotency-Key", "k1")])
        #expect(a.status == 403)
        #expect(await h.get("/v1/customers")["data"] == [])
        let b = await h.send("POST", "/v1/customers", body: "email=a%40example.com", headers: [("Idempotency-Key", "k1")])
        #expect(b.status == 200)
        #expect(b.header("Idempotent-Replayed") == nil)
    }

    @Test func knownAccountProceedsAndIsEchoed() async throws {
        let h = try Harness()
        let acct = await Self.account(h)
        #expect(acct.hasPrefix("acct_"))
        let a = await h.send("POST", "/v1/customers", body: "email=a%40example.com", headers: [("Stripe-Account", acct)])
        #expect(a.status == 200)
        #expect(a.header("Stripe-Account") == acct)
        let list = await h.send("GET", "/v1/customers", headers: [("Stripe-Account", acct)])
        #expect(list.status == 200)
        #expect(list["data"]?.arrayValue?.count == 1)
    }

    @Test func authenticationComesFirst() async throws {
        let h = try Harness()
        let a = await h.send("GET", "/v1/customers", headers: [("Stripe-Account", "acct_123")], key: nil)
        #expect(a.status == 401)
    }

    @Test func withoutTheHeaderNothingChanges() async throws {
        let h = try Harness()
        let a = await h.get("/v1/customers")
        #expect(a.status == 200)
        #expect(a.header("Stripe-Account") == nil)
    }
}
