import FCKit
import Testing
@testable import FCSandbox

@Suite("Sandbox linking")
struct LinkingTests {
    struct Expectation: Sendable, CustomStringConvertible {
        let institution: String
        let subcategories: [String]
        let achSupport: [Bool]
        var description: String { institution }
    }

    static let institutions: [Expectation] = [
        Expectation(institution: "Test Institution", subcategories: ["checking", "savings", "credit_card", "checking"], achSupport: [true, true, false, true]),
        Expectation(institution: "Ownership Accounts", subcategories: ["checking", "savings"], achSupport: [true, true]),
        Expectation(institution: "Invalid Payment Accounts", subcategories: ["checking", "savings"], achSupport: [false, false]),
        Expectation(institution: "Down Bank (Error)", subcategories: ["checking"], achSupport: [true]),
    ]

    @Test(arguments: institutions)
    func linksEachInstitution(_ e: Expectation) async throws {
        let h = try Harness()
        let (cus, session, ids) = await h.linked(institution: e.institution)
        #expect(ids.count == e.subcategories.count)
        let listed = await h.get("/v1/financial_connections/accounts", "session=\(session)&limit=100")
        // Newest first; ids were returned newest first too.
        #expect(listed["data"]?.arrayValue?.map { $0["id"]!.stringValue! } == ids)
        let accounts = listed["data"]?.arrayValue?.reversed().map { $0 } ?? []
        #expect(accounts.map { $0["subcategory"]!.stringValue! } == e.subcategories)
        #expect(accounts.map { $0["supported_payment_method_types"]!.arrayValue!.contains("us_bank_account") } == e.achSupport)
        for a in accounts {
            #expect(a["institution_name"]?.stringValue == e.institution)
            #expect(a.value(at: "account_holder.customer")?.stringValue == cus)
            #expect(a["status"] == "active")
            #expect(a["id"]?.stringValue?.hasPrefix("fca_") == true)
            #expect(a["permissions"] == ["balances", "ownership", "transactions", "payment_method"])
            #expect(a.objectValue?.keys == ["id", "object", "account_holder", "balance", "balance_refresh", "category",
                                            "created", "display_name", "institution_name", "last4", "livemode", "ownership",
                                            "ownership_refresh", "permissions", "status", "subcategory", "subscriptions",
                                            "supported_payment_method_types", "transaction_refresh"])
        }
        let withNumbers = await h.get("/v1/financial_connections/accounts/\(ids[0])", "expand[]=account_numbers")
        #expect(withNumbers["account_numbers"] != .null || !e.achSupport[e.achSupport.count - 1])
        // Includable: present (after account_holder) only when expanded.
        #expect(withNumbers.json.objectValue?.keys.dropFirst(2).prefix(2) == ["account_holder", "account_numbers"])
        let events = await h.get("/v1/events", "type=financial_connections.account.created&limit=100")
        #expect(events["data"]?.arrayValue?.count == ids.count)
        let byCustomer = await h.get("/v1/financial_connections/accounts", "account_holder[customer]=\(cus)&limit=100")
        #expect(byCustomer["data"]?.arrayValue?.count == ids.count)
    }

    @Test func aSessionLinksOnceAndUnknownInstitutionsAreNamed() async throws {
        let h = try Harness()
        let (_, session, _) = await h.linked()
        let again = await h.post("/v1/test_helpers/financial_connections/sessions/\(session)/link", "institution=Test+Institution")
        #expect(again.status == 400)
        let cus = await h.customer()
        let s2 = await h.post("/v1/financial_connections/sessions", "account_holder[type]=customer&account_holder[customer]=\(cus)&permissions[]=balances").id
        let unknown = await h.post("/v1/test_helpers/financial_connections/sessions/\(s2)/link", "institution=Nowhere+Bank")
        #expect(unknown.status == 400)
        #expect(unknown.errorParam == "institution")
        #expect(unknown.errorMessage?.contains("'Down Bank (Error)'") == true)
        let missing = await h.post("/v1/test_helpers/financial_connections/sessions/fcsess_nope/link")
        #expect(missing.status == 404)
    }

    @Test func filtersLimitsAndChosenSubcategories() async throws {
        let h = try Harness()
        let savingsOnly = await h.linked(extra: "&filters[account_subcategories][]=savings")
        #expect(savingsOnly.accounts.count == 1)
        let achOnly = await h.linked(extra: "&filters[require_payment_method_support]=all")
        #expect(achOnly.accounts.count == 3)
        let limited = await h.linked(extra: "&limits[accounts]=2")
        #expect(limited.accounts.count == 2)
        let chosen = await h.linked(subcategories: ["credit_card"])
        #expect(chosen.accounts.count == 1)
        let elsewhere = await h.linked(extra: "&filters[countries][]=FR")
        #expect(elsewhere.accounts.isEmpty)
    }

    /// Subcategories the institution has no account of would link nothing: refused, saying what
    /// was asked and what there is, and the session stays open for another try.
    @Test func subcategoriesMatchingNoAccountAreRefused() async throws {
        let h = try Harness()
        let cus = await h.customer()
        let s = await h.post("/v1/financial_connections/sessions",
                             "account_holder[type]=customer&account_holder[customer]=\(cus)&permissions[]=balances").id
        let refused = await h.post("/v1/test_helpers/financial_connections/sessions/\(s)/link",
                                   "institution=Ownership+Accounts&subcategories[]=credit_card&subcategories[]=mortgage")
        #expect(refused.status == 400)
        #expect(refused["error.type"] == "invalid_request_error")
        #expect(refused.errorParam == "subcategories")
        #expect(refused.errorMessage == "Ownership Accounts has no credit_card or mortgage accounts to link; its accounts are checking and savings.")
        #expect(await h.get("/v1/financial_connections/accounts", "session=\(s)")["data"]?.arrayValue?.isEmpty == true)
        let retried = await h.post("/v1/test_helpers/financial_connections/sessions/\(s)/link",
                                   "institution=Ownership+Accounts&subcategories[]=mortgage&subcategories[]=savings")
        #expect(retried.status == 200, "\(retried.text)")
        #expect(retried["accounts.data"]?.arrayValue?.map { $0["subcategory"] } == ["savings"])
    }

    @Test func atLeastOneRequiresAnACHAccount() async throws {
        let h = try Harness()
        let cus = await h.customer()
        let s = await h.post("/v1/financial_connections/sessions",
                             "account_holder[type]=customer&account_holder[customer]=\(cus)&permissions[]=payment_method&filters[require_payment_method_support]=at_least_one").id
        let a = await h.post("/v1/test_helpers/financial_connections/sessions/\(s)/link", "institution=Invalid+Payment+Accounts")
        #expect(a.status == 400)
    }

    @Test func prefetchStartsRefreshes() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked(extra: "&prefetch[]=balances&prefetch[]=transactions")
        let a = await h.get("/v1/financial_connections/accounts/\(ids[0])")
        #expect(a["balance_refresh.status"] == "pending")
        #expect(a["transaction_refresh.status"] == "pending")
        #expect(a["ownership_refresh"] == .null)
        h.clock.advance(2)
        let b = await h.get("/v1/financial_connections/accounts/\(ids[0])")
        #expect(b["balance_refresh.status"] == "succeeded")
        #expect(b["transaction_refresh.status"] == "succeeded")
    }

    @Test func accountListFilters() async throws {
        let h = try Harness()
        let both = await h.get("/v1/financial_connections/accounts", "account_holder[customer]=cus_a&account_holder[account]=acct_b")
        #expect(both.status == 400)
        let unknown = await h.get("/v1/financial_connections/accounts", "session=fcsess_nope")
        #expect(unknown.errorCode == "resource_missing")
    }
}
