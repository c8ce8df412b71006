@testable import fc
import FCKit
import Foundation
import Testing

/// `setup` and `pay --payment-method` in-process against stubs: what is printed when a wait gives
/// up or a setup fails, and each way a saved method's mandate is found or refused.
@Suite struct SetupCommandTests {
    static let account = #"{"id":"fca_1","object":"financial_connections.account","last4":"6789","status":"active","supported_payment_method_types":["us_bank_account"],"permissions":["payment_method"],"account_holder":{"type":"customer","customer":"cus_1"}}"#

    static func setupIntent(_ status: String, error: String = "null") -> String {
        #"{"id":"seti_1","object":"setup_intent","customer":"cus_1","last_setup_error":\#(error),"mandate":"mandate_1","payment_method":"pm_1","status":"\#(status)","usage":"off_session"}"#
    }

    static func method(customer: String = "\"cus_1\"", type: String = "us_bank_account") -> String {
        #"{"id":"pm_1","object":"payment_method","customer":\#(customer),"type":"\#(type)","us_bank_account":{"last4":"6789"}}"#
    }

    static func mandate(_ id: String = "mandate_1", status: String = "active", type: String = "multi_use", method: String = "pm_1") -> String {
        #"{"id":"\#(id)","object":"mandate","payment_method":"\#(method)","status":"\#(status)","type":"\#(type)"}"#
    }

    static let processingPayment = #"{"id":"pi_1","object":"payment_intent","amount":1000,"currency":"usd","status":"processing","customer":"cus_1","payment_method":"pm_1"}"#

    @Test("setup --wait that gives up: exit 5, and -q still prints the SetupIntent's id")
    func waitGivesUp() async {
        let transport = StubTransport([
            .json("GET", "/v1/financial_connections/accounts/fca_1", Self.account),
            .json("POST", "/v1/setup_intents", Self.setupIntent("requires_confirmation")),
            .json("POST", "/v1/setup_intents/seti_1/confirm", Self.setupIntent("processing")),
            Stub(method: "GET", path: "/v1/setup_intents/seti_1", reply: .response(HTTPResponse(status: 200, body: Array(Self.setupIntent("processing").utf8))), repeats: true),
        ])
        let io = IO.captured(tty: false)
        let clock = PipelineMannersTests.Counter()
        let environment = AppEnvironment(io: io, variables: testEnv(), transport: transport, sleep: { _ in },
                                         now: { fixedNow + 10 * Double(clock.next()) })
        let code = await FC.run(argv: ["setup", "--account", "fca_1", "--customer", "cus_1", "--mandate", "offline", "--name", "Ann",
                                       "--wait", "--wait-timeout", "1s", "-q"], environment: environment)
        #expect(code == 5)
        #expect(io.out.text == "seti_1\n")
        #expect(io.err.text.contains("gave up waiting for setup seti_1 to finish (it is still processing"), "\(io.err.text)")
        transport.verifyAllUsed()
    }

    @Test("a setup that failed: exit 1 with Stripe's reason, the SetupIntent still printed")
    func setupFailed() async {
        let error = #"{"code":"financial_connections_account_inactive","message":"The account is disconnected.","type":"invalid_request_error"}"#
        let result = await run(["setup", "--account", "fca_1", "--customer", "cus_1", "--mandate", "offline", "--name", "Ann", "--wait", "--format", "json"], stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", Self.account),
            .json("POST", "/v1/setup_intents", Self.setupIntent("processing")),
            .json("GET", "/v1/setup_intents/seti_1", Self.setupIntent("requires_payment_method", error: error)),
        ])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("setup seti_1 failed: The account is disconnected. (financial_connections_account_inactive)"), "\(result)")
        #expect((try? JSON.parse(result.out))?["status"] == "requires_payment_method")
        #expect(result.requests.filter { $0.method == "POST" }.count == 1, "already processing: no confirm")
    }

    @Test("setup sends the create and the confirm with keys derived from --idempotency-key; the table shows the account's last4")
    func setupRequests() async {
        let result = await run(["setup", "--account", "fca_1", "--customer", "cus_1", "--mandate", "online", "--ip", "203.0.113.7", "--user-agent", "UA",
                                "--name", "Ann", "--idempotency-key", "save-1", "--format", "tsv", "--fields", "id,account_last4"], stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", Self.account),
            .json("POST", "/v1/setup_intents", Self.setupIntent("requires_confirmation")),
            .json("POST", "/v1/setup_intents/seti_1/confirm", Self.setupIntent("processing")),
        ])
        #expect(result.code == 0, "\(result)")
        #expect(result.out == "seti_1\t6789\n")
        let posts = result.requests.filter { $0.method == "POST" }
        #expect(posts.map { $0.header("Idempotency-Key") } == ["save-1-setup-create", "save-1-setup-confirm"])
        #expect(posts.first?.bodyText == "customer=cus_1&payment_method_types[]=us_bank_account&payment_method_data[type]=us_bank_account"
            + "&payment_method_data[us_bank_account][financial_connections_account]=fca_1&payment_method_data[billing_details][name]=Ann&usage=off_session")
        #expect(posts.last?.bodyText == "mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][ip_address]=203.0.113.7"
            + "&mandate_data[customer_acceptance][online][user_agent]=UA")
    }

    static let pay = ["pay", "--payment-method", "pm_1", "--customer", "cus_1", "--amount", "10", "-q"]

    @Test("the mandate is found from the method's SetupIntents and sent with the off-session create")
    func mandateFromSetupIntents() async {
        let result = await run(Self.pay + ["--idempotency-key", "order-9"], stubs: [
            .json("GET", "/v1/payment_methods/pm_1", Self.method()),
            .json("GET", "/v1/setup_intents", listJSON([Self.setupIntent("succeeded")], hasMore: false, url: "/v1/setup_intents")),
            .json("GET", "/v1/mandates/mandate_1", Self.mandate()),
            .json("POST", "/v1/payment_intents", Self.processingPayment),
        ])
        #expect(result.code == 0, "\(result)")
        #expect(result.out == "pi_1\n")
        let post = result.requests.last
        #expect(post?.header("Idempotency-Key") == "order-9-create")
        #expect(post?.bodyText == "amount=1000&currency=usd&customer=cus_1&payment_method=pm_1&payment_method_types[]=us_bank_account&mandate=mandate_1&off_session=true&confirm=true")
        #expect(result.requests.first { $0.path == "/v1/setup_intents" }?.query == "customer=cus_1&payment_method=pm_1&limit=100")
    }

    @Test("with no SetupIntent, the mandate is found on the charge of the payment that saved the method (pay --save)")
    func mandateFromSavingPayment() async {
        let charge = #"{"id":"py_1","object":"charge","payment_method":"pm_1","payment_method_details":{"type":"us_bank_account","us_bank_account":{"mandate":"mandate_7"}}}"#
        let other = #"{"id":"pi_0","object":"payment_intent","latest_charge":{"id":"py_0","object":"charge","payment_method":"pm_other","payment_method_details":{"us_bank_account":{"mandate":"mandate_0"}}}}"#
        let saving = #"{"id":"pi_2","object":"payment_intent","latest_charge":\#(charge)}"#
        let result = await run(Self.pay, stubs: [
            .json("GET", "/v1/payment_methods/pm_1", Self.method()),
            .json("GET", "/v1/setup_intents", listJSON([], hasMore: false, url: "/v1/setup_intents")),
            .json("GET", "/v1/payment_intents", listJSON([other, saving], hasMore: false, url: "/v1/payment_intents")),
            .json("GET", "/v1/mandates/mandate_7", Self.mandate("mandate_7")),
            .json("POST", "/v1/payment_intents", Self.processingPayment),
        ])
        #expect(result.code == 0, "\(result)")
        #expect(result.requests.first { $0.method == "GET" && $0.path == "/v1/payment_intents" }?.query == "customer=cus_1&expand[]=data.latest_charge&limit=100")
        #expect(result.requests.last?.bodyText.contains("&mandate=mandate_7&") == true)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var args: [String]
        var stubs: [Stub]
        var message: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "a card", args: [], stubs: [.json("GET", "/v1/payment_methods/pm_1", method(type: "card"))],
                message: "payment method pm_1 is a card method, not us_bank_account"),
        Refusal(name: "another customer's", args: [], stubs: [.json("GET", "/v1/payment_methods/pm_1", method(customer: "\"cus_2\""))],
                message: "payment method pm_1 is not attached to customer cus_1 (it belongs to cus_2)"),
        Refusal(name: "not saved", args: [], stubs: [.json("GET", "/v1/payment_methods/pm_1", method(customer: "null"))],
                message: "payment method pm_1 is not attached to customer cus_1 (it is not saved to any customer)"),
        Refusal(name: "inactive mandate given", args: ["--mandate", "mandate_1"], stubs: [
            .json("GET", "/v1/payment_methods/pm_1", method()), .json("GET", "/v1/mandates/mandate_1", mandate(status: "inactive")),
        ], message: "mandate mandate_1 is inactive, not active"),
        Refusal(name: "single-use mandate given", args: ["--mandate", "mandate_1"], stubs: [
            .json("GET", "/v1/payment_methods/pm_1", method()), .json("GET", "/v1/mandates/mandate_1", mandate(type: "single_use")),
        ], message: "mandate mandate_1 is single_use"),
        Refusal(name: "another method's mandate given", args: ["--mandate", "mandate_1"], stubs: [
            .json("GET", "/v1/payment_methods/pm_1", method()), .json("GET", "/v1/mandates/mandate_1", mandate(method: "pm_2")),
        ], message: "mandate mandate_1 authorises payment method pm_2, not pm_1"),
        Refusal(name: "only inactive mandates found", args: [], stubs: [
            .json("GET", "/v1/payment_methods/pm_1", method()),
            .json("GET", "/v1/setup_intents", listJSON([setupIntent("succeeded")], hasMore: false, url: "/v1/setup_intents")),
            .json("GET", "/v1/mandates/mandate_1", mandate(status: "inactive")),
        ], message: "payment method pm_1 has no active mandate (mandate_1 is inactive)"),
        Refusal(name: "setup still processing", args: [], stubs: [
            .json("GET", "/v1/payment_methods/pm_1", method()),
            .json("GET", "/v1/setup_intents", listJSON([setupIntent("processing")], hasMore: false, url: "/v1/setup_intents")),
            .json("GET", "/v1/mandates/mandate_1", mandate(status: "pending")),
        ], message: "payment method pm_1 has no active mandate (mandate_1 is pending)\nhint: its setup is still being verified"),
        Refusal(name: "no mandate at all", args: [], stubs: [
            .json("GET", "/v1/payment_methods/pm_1", method()),
            .json("GET", "/v1/setup_intents", listJSON([], hasMore: false, url: "/v1/setup_intents")),
            .json("GET", "/v1/payment_intents", listJSON([], hasMore: false, url: "/v1/payment_intents")),
        ], message: "payment method pm_1 has no active mandate"),
    ]

    @Test("refused after the checks, before anything is written: exit 1", arguments: refusals)
    func refused(_ refusal: Refusal) async {
        let result = await run(Self.pay + refusal.args, stubs: refusal.stubs)
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains("error: cannot debit: \(refusal.message)"), "\(result.err)")
        #expect(!result.requests.contains { $0.method == "POST" })
    }

    @Test("--mandate takes online, offline or a mandate id", arguments: [
        ("online", nil), ("offline", nil), ("mandate_1", nil), ("mandate_", "allowed: online, offline, or an id starting with 'mandate_'"),
        ("sometimes", "allowed: online, offline, or an id starting with 'mandate_'"),
    ])
    func mandateValues(_ value: String, _ problem: String?) {
        #expect(ValueCheck.problem(value, kind: .choiceOrID(["online", "offline"], prefixes: ["mandate_"])) == problem)
    }
}
