import FCKit
import Testing
@testable import FCSandbox

@Suite("Sandbox sessions")
struct SessionTests {
    struct Invalid: Sendable, CustomStringConvertible {
        let body: String
        let param: String?
        var code: String? = nil
        var status = 400
        var description: String { body }
    }

    /// `CUS` is replaced by a real customer id.
    static let invalid: [Invalid] = [
        Invalid(body: "permissions[]=balances", param: "account_holder", code: "parameter_missing"),
        Invalid(body: "account_holder[customer]=CUS&permissions[]=balances", param: "account_holder[type]", code: "parameter_missing"),
        Invalid(body: "account_holder[type]=customer&permissions[]=balances", param: "account_holder[customer]", code: "parameter_missing"),
        Invalid(body: "account_holder[type]=account&permissions[]=balances", param: "account_holder[account]", code: "parameter_missing"),
        Invalid(body: "account_holder[type]=account&account_holder[account]=acct_1&account_holder[customer]=CUS&permissions[]=balances",
                param: "account_holder[customer]"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&account_holder[account]=acct_1&permissions[]=balances",
                param: "account_holder[account]"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&account_holder[customer_account]=acct_1&permissions[]=balances",
                param: "account_holder[customer_account]", code: "parameters_exclusive"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=cus_missing&permissions[]=balances",
                param: "account_holder[customer]", code: "resource_missing"),
        Invalid(body: "account_holder[type]=account&account_holder[account]=acct_missing&permissions[]=balances",
                param: "account_holder[account]", code: "resource_missing"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer_account]=acct_missing&permissions[]=balances",
                param: "account_holder[customer_account]", code: "resource_missing"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS", param: "permissions", code: "parameter_missing"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=cards", param: "permissions[]", code: "parameter_invalid_string"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&prefetch[]=payment_method",
                param: "prefetch[]", code: "parameter_invalid_string"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&prefetch[]=transactions", param: "prefetch"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&filters[account_subcategories][]=brokerage",
                param: "filters[account_subcategories][]", code: "parameter_invalid_string"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&filters[require_payment_method_support]=some",
                param: "filters[require_payment_method_support]", code: "parameter_invalid_string"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&filters[bogus]=1",
                param: "filters[bogus]", code: "parameter_unknown"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&limits[accounts]=many",
                param: "limits[accounts]", code: "parameter_invalid_integer"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&limits[accounts]=0",
                param: "limits[accounts]", code: "parameter_invalid_integer"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&limits[other]=1",
                param: "limits[other]", code: "parameter_unknown"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&manual_entry[mode]=always",
                param: "manual_entry[mode]", code: "parameter_invalid_string"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions[]=balances&return_url=notaurl",
                param: "return_url", code: "url_invalid"),
        Invalid(body: "account_holder[type]=customer&account_holder[customer]=CUS&permissions=balances", param: "permissions",
                code: "parameter_invalid_type"),
    ]

    @Test(arguments: invalid)
    func refusesInvalidParameters(_ c: Invalid) async throws {
        let h = try Harness()
        let cus = await h.customer()
        let a = await h.post("/v1/financial_connections/sessions", c.body.replacingOccurrences(of: "CUS", with: cus))
        #expect(a.status == c.status)
        #expect(a.errorParam == c.param)
        #expect(a.errorCode == c.code)
        #expect(a["error.type"] == "invalid_request_error")
    }

    @Test func createsASessionWithEveryParameter() async throws {
        let h = try Harness()
        let cus = await h.customer()
        let s = await h.post("/v1/financial_connections/sessions", [
            "account_holder[type]=customer", "account_holder[customer]=\(cus)",
            "permissions[]=balances", "permissions[]=transactions", "prefetch[]=balances",
            "filters[countries][]=US", "filters[account_subcategories][]=checking", "filters[require_payment_method_support]=none",
            "limits[accounts]=2", "manual_entry[mode]=disabled", "return_url=https%3A%2F%2Fexample.com%2Fdone",
        ].joined(separator: "&"))
        #expect(s.status == 200)
        #expect(s.id.hasPrefix("fcsess_"))
        #expect(s.json.objectValue?.keys == ["id", "object", "account_holder", "accounts", "client_secret", "filters", "limits", "livemode",
                                             "manual_entry", "permissions", "prefetch", "return_url"])
        #expect(s["object"] == "financial_connections.session")
        #expect(s["account_holder"] == ["customer": .string(cus), "type": "customer"])
        #expect(s["accounts"] == ["object": "list", "data": [], "has_more": false, "total_count": 0, "url": "/v1/financial_connections/accounts"])
        #expect(s["client_secret"]?.stringValue?.hasPrefix("fcsess_client_secret_") == true)
        #expect(s["filters"] == ["account_subcategories": ["checking"], "countries": ["US"], "require_payment_method_support": "none"])
        #expect(s["limits.accounts"] == 2)
        #expect(s["manual_entry.mode"] == "disabled")
        #expect(s["return_url"] == "https://example.com/done")
        let fetched = await h.get("/v1/financial_connections/sessions/\(s.id)")
        #expect(fetched.json == s.json)
    }

    @Test func customerAccountHolderIsAV2Account() async throws {
        let h = try Harness()
        let acct = await h.post("/v2/core/accounts", #"{"contact_email":"ops@example.com","configuration":{"customer":{}}}"#).id
        let s = await h.post("/v1/financial_connections/sessions",
                             "account_holder[type]=customer&account_holder[customer_account]=\(acct)&permissions[]=balances")
        #expect(s.status == 200)
        #expect(s["account_holder"] == ["customer_account": .string(acct), "type": "customer"])
    }
}
