import FCKit
import Testing
@testable import FCSandbox

/// `expand[]` is checked against each object's expandable properties on every endpoint, as
/// Stripe does: an unknown or non-expandable path is a 400 that names the path.
@Suite("Sandbox expand[] validation")
struct ExpandTests {
    struct Case: Sendable, CustomStringConvertible {
        let method: String
        let path: String
        var query = ""
        let expand: String
        let message: String
        var description: String { "\(method) \(path) expand[]=\(expand)" }
    }

    static func plain(_ path: String) -> String { "This property cannot be expanded (\(path))." }
    static func hinted(_ path: String) -> String {
        "This property cannot be expanded (\(path)). You may want to try expanding 'data.\(path)' instead."
    }

    static let cases: [Case] = [
        Case(method: "GET", path: "/v1/customers/cus_nope", expand: "bogus", message: plain("bogus")),
        Case(method: "GET", path: "/v1/customers", expand: "bogus", message: hinted("bogus")),
        Case(method: "GET", path: "/v1/customers", expand: "data.bogus", message: plain("data.bogus")),
        Case(method: "GET", path: "/v1/customers", expand: "data.metadata", message: plain("data.metadata")),
        Case(method: "POST", path: "/v1/customers", expand: "email", message: plain("email")),
        Case(method: "GET", path: "/v1/financial_connections/accounts/fca_nope", expand: "bogus", message: plain("bogus")),
        Case(method: "GET", path: "/v1/financial_connections/accounts/fca_nope", expand: "ownership.bogus", message: plain("ownership.bogus")),
        Case(method: "GET", path: "/v1/financial_connections/accounts", expand: "ownership", message: hinted("ownership")),
        Case(method: "GET", path: "/v1/financial_connections/accounts", expand: "data.institution_name", message: plain("data.institution_name")),
        Case(method: "POST", path: "/v1/financial_connections/accounts/fca_nope/refresh", expand: "bogus", message: plain("bogus")),
        Case(method: "POST", path: "/v1/financial_connections/accounts/fca_nope/disconnect", expand: "bogus", message: plain("bogus")),
        Case(method: "POST", path: "/v1/financial_connections/accounts/fca_nope/subscribe", expand: "bogus", message: plain("bogus")),
        Case(method: "GET", path: "/v1/financial_connections/accounts/fca_nope/owners", expand: "data.bogus", message: plain("data.bogus")),
        Case(method: "POST", path: "/v1/financial_connections/sessions", expand: "bogus", message: plain("bogus")),
        Case(method: "GET", path: "/v1/financial_connections/sessions/fcsess_nope", expand: "accounts.data.bogus", message: plain("accounts.data.bogus")),
        Case(method: "GET", path: "/v1/financial_connections/transactions", expand: "data.account", message: plain("data.account")),
        Case(method: "GET", path: "/v1/financial_connections/transactions/fctxn_nope", expand: "bogus", message: plain("bogus")),
        Case(method: "POST", path: "/v1/payment_intents", expand: "bogus", message: plain("bogus")),
        Case(method: "GET", path: "/v1/payment_intents/pi_nope", expand: "customer.bogus", message: plain("customer.bogus")),
        Case(method: "POST", path: "/v1/payment_intents/pi_nope/confirm", expand: "bogus", message: plain("bogus")),
        Case(method: "POST", path: "/v1/payment_intents/pi_nope/cancel", expand: "bogus", message: plain("bogus")),
        Case(method: "GET", path: "/v1/events", expand: "bogus", message: hinted("bogus")),
        Case(method: "GET", path: "/v1/events/evt_nope", expand: "type", message: plain("type")),
        Case(method: "POST", path: "/v1/test_helpers/financial_connections/sessions/fcsess_nope/link", expand: "bogus", message: plain("bogus")),
    ]

    /// The path is checked before anything else: before the missing resource's 404 and before
    /// missing required parameters.
    @Test(arguments: cases)
    func refusesPathsThatCannotBeExpanded(_ c: Case) async throws {
        let h = try Harness()
        let expand = "expand[]=\(c.expand)"
        let answer = c.method == "GET"
            ? await h.send("GET", c.path, query: c.query.isEmpty ? expand : c.query + "&" + expand)
            : await h.send("POST", c.path, body: expand)
        #expect(answer.status == 400)
        #expect(answer["error.type"] == "invalid_request_error")
        #expect(answer.errorMessage == c.message)
        // Stripe's answer carries neither `code` nor `param` for a bad expansion.
        #expect(answer.errorCode == nil)
        #expect(answer.errorParam == nil)
    }

    @Test func tooDeepIsRefused() async throws {
        let h = try Harness()
        let a = await h.get("/v1/financial_connections/sessions/fcsess_nope", "expand[]=accounts.data.ownership.owners.data")
        #expect(a.status == 400)
        #expect(a.errorMessage == "You cannot expand more than 4 levels of a property.")
    }

    @Test func expandableEmbeddedAndUnmodelledPathsAreAccepted() async throws {
        let h = try Harness()
        let (cus, session, ids) = await h.linked()
        let accepted: [(String, String)] = [
            ("/v1/financial_connections/accounts/\(ids[0])", "expand[]=balance&expand[]=account_holder&expand[]=status_details"),
            ("/v1/financial_connections/accounts", "expand[]=data&expand[]=data.account_holder.customer"),
            ("/v1/financial_connections/sessions/\(session)", "expand[]=accounts&expand[]=accounts.data.ownership&expand[]=bank_account_token"),
            ("/v1/customers/\(cus)", "expand[]=test_clock&expand[]=default_source&expand[]=invoice_settings"),
            ("/v1/events", "expand[]=data.data&expand[]=data.request"),
        ]
        for (path, query) in accepted {
            let a = await h.get(path, query)
            #expect(a.status == 200, "\(path)?\(query): \(a.errorMessage ?? "")")
        }
    }

    @Test func accountHolderCustomerExpandsToTheCustomer() async throws {
        let h = try Harness()
        let (cus, session, ids) = await h.linked()
        let one = await h.get("/v1/financial_connections/accounts/\(ids[0])", "expand[]=account_holder.customer")
        #expect(one["account_holder.customer.object"] == "customer")
        #expect(one["account_holder.customer.id"] == .string(cus))
        #expect(one["account_holder.type"] == "customer")
        let list = await h.get("/v1/financial_connections/accounts", "session=\(session)&expand[]=data.account_holder.customer")
        #expect(list["data.0.account_holder.customer.id"] == .string(cus))
        let s = await h.get("/v1/financial_connections/sessions/\(session)", "expand[]=account_holder.customer")
        #expect(s["account_holder.customer.email"] == "jenny@example.com")
        let plain = await h.get("/v1/financial_connections/accounts/\(ids[0])")
        #expect(plain["account_holder.customer"] == .string(cus))
    }

    @Test func customerIncludablesAppearOnlyWhenExpanded() async throws {
        let h = try Harness()
        let cus = await h.customer()
        let plain = await h.get("/v1/customers/\(cus)")
        #expect(plain["sources"] == nil)
        let c = await h.get("/v1/customers/\(cus)", "expand[]=sources&expand[]=tax_ids&expand[]=subscriptions")
        #expect(c["sources.object"] == "list")
        #expect(c["sources.url"] == .string("/v1/customers/\(cus)/sources"))
        #expect(c["tax_ids.url"] == .string("/v1/customers/\(cus)/tax_ids"))
        #expect(c["subscriptions.data"] == [])
        #expect(c["sources.total_count"] == 0)
        #expect(c.json.objectValue?.keys.firstIndex(of: "sources") == c.json.objectValue?.keys.firstIndex(of: "shipping").map { $0 + 1 })
    }

    /// A refused expansion is a validation failure: not saved for idempotent replay.
    @Test func refusedExpansionIsNotSavedUnderTheIdempotencyKey() async throws {
        let h = try Harness()
        let bad = await h.post("/v1/customers", "email=a%40example.com&expand[]=bogus", headers: [("Idempotency-Key", "k1")])
        #expect(bad.status == 400)
        let again = await h.post("/v1/customers", "email=a%40example.com&expand[]=bogus", headers: [("Idempotency-Key", "k1")])
        #expect(again.header("Idempotent-Replayed") == nil)
        let list = await h.get("/v1/customers")
        #expect(list["data"] == [])
    }
}
