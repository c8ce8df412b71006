@testable import fc
import FCKit
import Foundation
import Testing

/// `stripe-fc sessions create|get`: the exact form body, the three kinds of holder, and the
/// combinations refused before anything is sent.
@Suite("Sessions")
struct SessionsTests {
    static let path = "/v1/financial_connections/sessions"

    static let session = """
        {"id":"fcsess_1","object":"financial_connections.session","account_holder":{"customer":"cus_1","type":"customer"},\
        "accounts":{"object":"list","data":[],"has_more":false,"url":"/v1/financial_connections/accounts"},\
        "client_secret":"fcsess_client_secret_AbCdEfGhIjKl1234","filters":{"countries":["US"]},"livemode":false,\
        "permissions":["balances","ownership"],"prefetch":[],"return_url":null}
        """

    static let createStub = Stub.json("POST", path, session)

    func fc(_ argv: [String], tty: Bool = false, env: [String: String]? = nil, stubs: [Stub] = [],
            sourceLocation: SourceLocation = #_sourceLocation) async -> RunResult {
        await runHidingKeys(argv, tty: tty, env: env, stubs: stubs, sourceLocation: sourceLocation)
    }

    @Test func createSendsEveryOptionAsStripeForm() async throws {
        let r = await fc(["sessions", "create", "--customer", "cus_1",
                          "--permission", "balances,ownership,payment_method,transactions", "--prefetch", "balances",
                          "--country", "US", "--subcategory", "checking,savings", "--require-payment-method", "at_least_one",
                          "--max-accounts", "5", "--manual-entry", "disabled", "--return-url", "https://example.com/r"],
                         stubs: [Self.createStub])
        #expect(r.code == 0)
        let request = try #require(r.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "https://api.stripe.com/v1/financial_connections/sessions")
        #expect(request.bodyText == "account_holder[type]=customer&account_holder[customer]=cus_1"
            + "&permissions[]=balances&permissions[]=ownership&permissions[]=payment_method&permissions[]=transactions"
            + "&prefetch[]=balances&filters[countries][]=US"
            + "&filters[account_subcategories][]=checking&filters[account_subcategories][]=savings"
            + "&filters[require_payment_method_support]=at_least_one&limits[accounts]=5&manual_entry[mode]=disabled"
            + "&return_url=https%3A%2F%2Fexample.com%2Fr")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.header("Idempotency-Key") != nil)
        #expect(try JSON.parse(r.out) == JSON.parse(Self.session), "the session exactly as Stripe sent it")
    }

    @Test func minimalCreate() async {
        let r = await fc(["sessions", "create", "--customer", "cus_1", "--permission", "balances"], stubs: [Self.createStub])
        #expect(r.requests.first?.bodyText == "account_holder[type]=customer&account_holder[customer]=cus_1&permissions[]=balances")
    }

    @Test("each kind of account holder", arguments: [
        (["--customer-account", "acct_1"], "account_holder[type]=customer&account_holder[customer_account]=acct_1"),
        (["--account", "acct_1"], "account_holder[type]=account&account_holder[account]=acct_1"),
        (["--customer=cus_9"], "account_holder[type]=customer&account_holder[customer]=cus_9"),
    ])
    func holders(_ holder: [String], encoded: String) async {
        let r = await fc(["sessions", "create", "--permission", "payment_method"] + holder, stubs: [Self.createStub])
        #expect(r.code == 0)
        #expect(r.requests.first?.bodyText == encoded + "&permissions[]=payment_method")
    }

    @Test func repeatedValuesAreSentOnceAndCountriesUppercased() async {
        let r = await fc(["sessions", "create", "--customer", "cus_1", "--permission", "balances,balances", "--permission", "ownership",
                          "--country", "us", "--country", "CA,us"], stubs: [Self.createStub])
        #expect(r.requests.first?.bodyText == "account_holder[type]=customer&account_holder[customer]=cus_1"
            + "&permissions[]=balances&permissions[]=ownership&filters[countries][]=US&filters[countries][]=CA")
    }

    @Test("refused before sending", arguments: [
        (["--permission", "balances"],
         "error: one account holder is required: --customer cus_…, --customer-account acct_… or --account acct_…\n"),
        (["--customer", "cus_1", "--account", "acct_1", "--permission", "balances"],
         "error: give only one account holder, not --customer and --account\n"),
        (["--customer", "cus_1", "--customer-account", "acct_1", "--account", "acct_2", "--permission", "balances"],
         "error: give only one account holder, not --customer and --customer-account and --account\n"),
        (["--customer", "cus_1", "--permission", "balances", "--prefetch", "transactions"],
         "error: --prefetch transactions needs --permission transactions\n"),
        (["--customer", "cus_1", "--permission", "balances", "--country", "USA"],
         "error: invalid value 'USA' for --country: expected a two-letter country code such as US\n"),
        (["--customer", "cus_1", "--permission", "balances", "--country", "U1"],
         "error: invalid value 'U1' for --country: expected a two-letter country code such as US\n"),
        (["--customer", "cus_1", "--permission", "balances", "--max-accounts", "0"],
         "error: invalid value '0' for --max-accounts: must be between 1 and 100\nRun 'stripe-fc sessions create --help' for usage.\n"),
        (["--customer", "cus_1", "--permission", "balances", "--return-url", "example.com/r"],
         "error: invalid value 'example.com/r' for --return-url: expected an http(s) URL\nRun 'stripe-fc sessions create --help' for usage.\n"),
        (["--customer", "cus_1", "--permission", "balances", "--prefetch", "payment_method"],
         "error: invalid value 'payment_method' for --prefetch: allowed: balances, ownership, transactions\nRun 'stripe-fc sessions create --help' for usage.\n"),
        (["--account", "cus_1", "--permission", "balances"],
         "error: invalid value 'cus_1' for --account: expected an id starting with 'acct_'\nRun 'stripe-fc sessions create --help' for usage.\n"),
    ])
    func refused(_ args: [String], err: String) async {
        let r = await fc(["sessions", "create"] + args)
        #expect(r.code == 2)
        #expect(r.err == err)
        #expect(r.out == "")
        #expect(r.requests.isEmpty)
    }

    @Test func clientSecretAloneForScripts() async {
        let r = await fc(["sessions", "create", "--customer", "cus_1", "--permission", "payment_method", "--format", "tsv",
                          "--fields", "client_secret"], stubs: [Self.createStub])
        #expect(r.out == "fcsess_client_secret_AbCdEfGhIjKl1234\n")
    }

    @Test func dryRunPrintsTheFormAndSendsNothing() async {
        let r = await fc(["sessions", "create", "--customer", "cus_1", "--permission", "balances", "--dry-run"])
        #expect(r.code == 0)
        #expect(r.requests.isEmpty)
        #expect(r.out.hasPrefix("POST https://api.stripe.com/v1/financial_connections/sessions\n"))
        #expect(r.out.hasSuffix("\n\naccount_holder[type]=customer&account_holder[customer]=cus_1&permissions[]=balances\n\n"))
    }

    static let linked = """
        {"id":"fcsess_1","object":"financial_connections.session","account_holder":{"customer":"cus_1","type":"customer"},\
        "accounts":{"object":"list","data":[{"id":"fca_1","institution_name":"Test Institution","display_name":"Checking",\
        "last4":"6789","status":"active","permissions":["balances","payment_method"]}],"has_more":false},\
        "client_secret":"fcsess_client_secret_AbCdEfGhIjKl1234","permissions":["balances","payment_method"]}
        """

    @Test func getShowsOneRowPerLinkedAccount() async {
        var env = testEnv()
        env["NO_COLOR"] = "1"
        let r = await fc(["sessions", "get", "fcsess_1"], tty: true, env: env, stubs: [.json("GET", Self.path + "/fcsess_1", Self.linked)])
        #expect(r.code == 0)
        #expect(r.out == """
            SESSION      fcsess_1
            ACCOUNT      fca_1
            INSTITUTION  Test Institution
            NAME         Checking
            LAST4        6789
            STATUS       active
            PERMISSIONS  balances,payment_method

            """)
        #expect(r.requests.first?.url == "https://api.stripe.com/v1/financial_connections/sessions/fcsess_1")
    }

    @Test func getRefusesOtherIDs() async {
        let r = await fc(["sessions", "get", "fca_1"])
        #expect(r.code == 2)
        #expect(r.err == "error: invalid SESSION 'fca_1': expected an id starting with 'fcsess_'\nRun 'stripe-fc sessions get --help' for usage.\n")
        #expect(r.requests.isEmpty)
    }
}
