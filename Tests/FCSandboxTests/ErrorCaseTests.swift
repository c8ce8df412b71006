import Foundation
import FCKit
import Testing
@testable import FCSandbox

@Suite("Sandbox errors")
struct ErrorCaseTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let method: String
        let path: String
        var query = ""
        var body = ""
        var key: String? = Harness.key
        let status: Int
        var code: String? = nil
        var param: String? = nil
        let message: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no key", method: "GET", path: "/v1/customers", key: nil, status: 401,
             message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."),
        Case(name: "live key", method: "GET", path: "/v1/customers", key: "sk_live_1234567890abcd", status: 401,
             message: "Invalid API Key provided: sk_live_**********abcd"),
        Case(name: "publishable key", method: "GET", path: "/v1/customers", key: "pk_test_abcdefgh1234", status: 401,
             message: "Invalid API Key provided: pk_test_********1234"),
        Case(name: "unknown param", method: "POST", path: "/v1/customers", body: "emial=x@example.com", status: 400,
             code: "parameter_unknown", param: "emial", message: "Received unknown parameter: emial"),
        Case(name: "unknown nested param", method: "POST", path: "/v1/financial_connections/sessions",
             body: "account_holder[type]=customer&account_holder[bogus]=1&permissions[]=balances", status: 400,
             code: "parameter_unknown", param: "account_holder[bogus]", message: "Received unknown parameter: account_holder[bogus]"),
        Case(name: "missing permissions", method: "POST", path: "/v1/financial_connections/sessions",
             body: "account_holder[type]=customer&account_holder[customer]=cus_x", status: 400,
             code: "parameter_missing", param: "permissions", message: "Missing required param: permissions."),
        Case(name: "bad enum", method: "POST", path: "/v1/financial_connections/sessions",
             body: "account_holder[type]=person&permissions[]=balances", status: 400,
             code: "parameter_invalid_string", param: "account_holder[type]", message: "Invalid account_holder[type]: must be one of account or customer"),
        Case(name: "bad array enum", method: "POST", path: "/v1/financial_connections/sessions",
             body: "account_holder[type]=customer&account_holder[customer]=cus_x&permissions[]=money", status: 400,
             code: "parameter_invalid_string", param: "permissions[]",
             message: "Invalid permissions[]: must be one of balances, ownership, payment_method, or transactions"),
        Case(name: "bad integer", method: "GET", path: "/v1/customers", query: "limit=ten", status: 400,
             code: "parameter_invalid_integer", param: "limit", message: "Invalid integer: ten"),
        Case(name: "limit too big", method: "GET", path: "/v1/customers", query: "limit=101", status: 400,
             code: "parameter_invalid_integer", param: "limit", message: "This value must be less than or equal to 100."),
        Case(name: "limit too small", method: "GET", path: "/v1/customers", query: "limit=0", status: 400,
             code: "parameter_invalid_integer", param: "limit", message: "This value must be greater than or equal to 1."),
        Case(name: "no such customer", method: "GET", path: "/v1/customers/cus_nope", status: 404,
             code: "resource_missing", param: "id", message: "No such customer: 'cus_nope'"),
        Case(name: "no such account", method: "GET", path: "/v1/financial_connections/accounts/fca_nope", status: 404,
             code: "resource_missing", param: "account", message: "No such financial connections account: 'fca_nope'"),
        Case(name: "no such session", method: "GET", path: "/v1/financial_connections/sessions/fcsess_nope", status: 404,
             code: "resource_missing", param: "session", message: "No such financial connections session: 'fcsess_nope'"),
        Case(name: "no such payment intent", method: "GET", path: "/v1/payment_intents/pi_nope", status: 404,
             code: "resource_missing", param: "intent", message: "No such payment_intent: 'pi_nope'"),
        Case(name: "no such event", method: "GET", path: "/v1/events/evt_nope", status: 404,
             code: "resource_missing", param: "id", message: "No such event: 'evt_nope'"),
        Case(name: "unrecognized URL", method: "GET", path: "/v1/foo", status: 404,
             message: "Unrecognized request URL (GET: /v1/foo). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."),
        Case(name: "wrong method", method: "DELETE", path: "/v1/customers", status: 404,
             message: "Unrecognized request URL (DELETE: /v1/customers). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."),
        Case(name: "empty string", method: "POST", path: "/v1/customers", body: "tax_exempt=", status: 400,
             code: "parameter_invalid_empty", param: "tax_exempt",
             message: "You passed an empty string for 'tax_exempt'. We assume empty values are an attempt to unset a parameter; however 'tax_exempt' cannot be unset. You should remove 'tax_exempt' from your request or supply a non-empty value."),
    ]

    @Test(arguments: cases)
    func errorCase(_ c: Case) async throws {
        let h = try Harness()
        let answer = await h.send(c.method, c.path, query: c.query, body: c.body, key: c.key)
        #expect(answer.status == c.status)
        #expect(answer["error.type"]?.stringValue == "invalid_request_error")
        #expect(answer.errorMessage == c.message)
        #expect(answer.errorCode == c.code)
        #expect(answer.errorParam == c.param)
        if let code = c.code {
            #expect(answer["error.doc_url"]?.stringValue == "https://stripe.com/docs/error-codes/" + code.replacingOccurrences(of: "_", with: "-"))
        }
        let requestId = try #require(answer.header("Request-Id"))
        #expect(requestId.hasPrefix("req_"))
        #expect(answer["error.request_log_url"]?.stringValue?.contains(requestId) == true)
        #expect(answer.header("Content-Type") == "application/json")
    }

    @Test func headersOnEverySuccess() async throws {
        let h = try Harness()
        let acct = await StripeAccountHeaderTests.account(h)
        let a = await h.send("GET", "/v1/customers", headers: [("Stripe-Version", "2025-01-27.acacia"), ("Stripe-Account", acct)])
        #expect(a.status == 200)
        #expect(a.header("Stripe-Account") == acct)
        #expect(a.header("Stripe-Version") == "2025-01-27.acacia")
        let b = await h.get("/v1/customers")
        #expect(b.header("Stripe-Version") == "2026-07-29.dahlia")
        #expect(a.header("Request-Id") != b.header("Request-Id"))
    }

    @Test func basicAuthWithKeyAsUsername() async throws {
        let h = try Harness()
        let basic = "Basic " + Data("\(Harness.key):".utf8).base64EncodedString()
        let response = await h.app.handle(SandboxRequest(method: "GET", path: "/v1/customers", headers: [("Authorization", basic)]))
        #expect(response.status == 200)
    }

    @Test func percentEncodedBracketsAndIndexedArraysDecode() async throws {
        let h = try Harness()
        let cus = await h.customer()
        let s = await h.post("/v1/financial_connections/sessions",
                             "account_holder%5Btype%5D=customer&account_holder%5Bcustomer%5D=\(cus)&permissions[0]=balances&permissions[1]=ownership")
        #expect(s.status == 200)
        #expect(s["permissions"] == ["balances", "ownership"])
    }
}
