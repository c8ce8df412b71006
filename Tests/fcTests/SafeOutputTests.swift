@testable import fc
import FCKit
import Foundation
import Testing

/// Issue 11's output safety at the transport seam: API data cannot drive the operator's terminal,
/// secrets never reach stderr, client secrets show only where they are the point, and a key never
/// crosses the network in clear without being asked.
@Suite struct SafeOutputTests {
    static let hostile = "M\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[32mAll payments OK\u{9B}"
    static var list: String { listJSON([customerJSON("cus_1", name: hostile)], hasMore: false) }

    @Test("on a terminal, control characters from API data are shown, not obeyed, in every format")
    func terminalShowsEscapes() async {
        for format in ["table", "csv", "tsv"] {
            let result = await run(["customers", "list", "--format", format, "--no-color"], tty: true, stubs: [.json("GET", "/v1/customers", Self.list)])
            #expect(result.code == 0)
            #expect(!result.out.unicodeScalars.contains { TerminalText.isControl($0) }, "\(format): \(result.out.debugDescription)")
            #expect(result.out.contains(#"M\e]0;owned\x07\e[2J\e[32mAll payments OK\x9B"#), "\(format): \(result.out)")
        }
        let vertical = await run(["customers", "get", "cus_1", "--no-color"], tty: true, stubs: [.json("GET", "/v1/customers/cus_1", customerJSON("cus_1", name: Self.hostile))])
        #expect(vertical.out.contains(#"NAME           M\e]0;owned"#), "\(vertical.out)")
    }

    @Test("on a pipe, the data stays exact")
    func pipesStayExact() async {
        let tsv = await run(["customers", "list", "--format", "tsv", "--fields", "name"], stubs: [.json("GET", "/v1/customers", Self.list)])
        #expect(tsv.out == Self.hostile + "\n")
        let json = await run(["customers", "list", "--format", "jsonl"], stubs: [.json("GET", "/v1/customers", Self.list)])
        #expect(json.out.contains(#"M\u001b]0;owned\u0007"#), "JSON escapes it itself: \(json.out)")
    }

    @Test("error messages from the API are made safe on a terminal's stderr too")
    func hostileErrorMessages() async {
        let body = #"{"error":{"type":"invalid_request_error","message":"No such customer: '\u001b[2Jgone'"}}"#
        let result = await run(["customers", "get", "cus_x"], tty: true, stubs: [.json("GET", "/v1/customers/cus_x", status: 404, body)])
        #expect(result.code == 1)
        #expect(result.err.contains(#"No such customer: '\e[2Jgone'"#), "\(result.err)")
        #expect(!result.err.contains("\u{1B}[2J"))
    }

    @Test("a key typed where something else belongs never shows in full, in text or JSON", arguments: [
        ["customers", "get", "sk_test_51LongSecretValue0000abcd"],
        ["customers", "get", "sk_test_51LongSecretValue0000abcd", "--json"],
        ["customers", "list", "--stripe-account", "sk_test_51LongSecretValue0000abcd"],
        ["customers", "list", "--timeout", "sk_test_51LongSecretValue0000abcd", "--format", "jsonl"],
        ["customers", "list", "--api-key", "pk_live_51LongPublishableValue00wxyz"],
    ])
    func keysInUsageErrors(_ argv: [String]) async {
        let result = await runHidingKeys(argv)
        #expect(result.code == 2, "\(result)")
        #expect(!result.err.contains("pk_live_51LongPublishableValue00wxyz"))
        #expect(result.err.contains("…abcd") || result.err.contains("…wxyz"), "masked, its end still recognisable: \(result.err)")
    }

    static let intent = #"{"id":"pi_1","object":"payment_intent","amount":1000,"currency":"usd","status":"succeeded","client_secret":"pi_1_secret_abcdefghijklmnopqrstuv","customer":"cus_1","created":1795255200}"#

    @Test("client secrets are masked where they are not the point, unless --fields names one")
    func clientSecretsMasked() async {
        let stub = Stub.json("GET", "/v1/payment_intents/pi_1", Self.intent)
        let json = await run(["payments", "get", "pi_1", "--json"], stubs: [stub])
        #expect(!json.out.contains("abcdefghijklmnopqrstuv") && json.out.contains(#""client_secret": "pi_1_secret_…rstuv""#) == false)
        #expect(json.out.contains("pi_1_secret_…"), "\(json.out)")
        let asked = await run(["payments", "get", "pi_1", "--fields", "id,client_secret", "--format", "tsv"], stubs: [stub])
        #expect(asked.out == "pi_1\tpi_1_secret_abcdefghijklmnopqrstuv\n")
    }

    @Test("sessions create hands out its client secret: that is what Stripe.js needs")
    func sessionsCreateRevealsTheSecret() async {
        let session = #"{"id":"fcsess_1","object":"financial_connections.session","client_secret":"fcsess_1_secret_abcdefghijklmnop","permissions":["balances"],"accounts":{"object":"list","data":[],"has_more":false,"url":"/x"},"account_holder":{"type":"customer","customer":"cus_1"}}"#
        let result = await run(["sessions", "create", "--customer", "cus_1", "--permission", "balances", "--json"],
                               stubs: [.json("POST", "/v1/financial_connections/sessions", session)])
        #expect(result.out.contains("fcsess_1_secret_abcdefghijklmnop"), "\(result.out)")
        let get = await run(["sessions", "get", "fcsess_1", "--json"], stubs: [.json("GET", "/v1/financial_connections/sessions/fcsess_1", session)])
        #expect(!get.out.contains("abcdefghijklmnop"), "\(get.out)")
    }

    @Test("plain http:// to a host that is not loopback is refused before sending, unless --insecure-http")
    func insecureHTTP() async {
        let refused = await run(["customers", "list", "--base-url", "http://api.example.com"])
        #expect(refused.code == 2 && refused.requests.isEmpty)
        #expect(refused.err.contains("refusing to send the API key over plain http:// to api.example.com"), "\(refused.err)")
        for base in ["http://127.0.0.1:12111", "http://localhost:1", "http://[::1]:2"] {
            let local = await run(["customers", "list", "--base-url", base, "--dry-run"])
            #expect(local.code == 0, "\(base): \(local.err)")
        }
        let forced = await run(["customers", "list", "--base-url", "http://api.example.com", "--insecure-http", "--dry-run"])
        #expect(forced.code == 0 && forced.err.contains("warning: sending the API key over plain http:// to api.example.com"), "\(forced.err)")
    }
}
