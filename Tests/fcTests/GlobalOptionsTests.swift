@testable import fc
import FCKit
import Foundation
import Testing

/// Global options end to end: output format precedence, retries from the environment,
/// version and group help, and the sandbox commands' checks.
@Suite("Global options")
struct GlobalOptionsTests {
    static let getStub = Stub.json("GET", "/v1/customers/cus_1", customerJSON("cus_1"))

    struct FormatCase: Sendable, CustomTestStringConvertible {
        var flags: [String]
        var env: [String: String] = [:]
        var profileFormat: String? = nil
        var tty = false
        var expected: OutputFormat
        var testDescription: String { "\(flags) env=\(env) profile=\(profileFormat ?? "-") tty=\(tty) → \(expected)" }
    }

    @Test("--format > --json > FC_FORMAT > profile > terminal", arguments: [
        FormatCase(flags: [], expected: .json),
        FormatCase(flags: [], tty: true, expected: .table),
        FormatCase(flags: [], profileFormat: "csv", tty: true, expected: .csv),
        FormatCase(flags: [], env: ["FC_FORMAT": "tsv"], profileFormat: "csv", expected: .tsv),
        FormatCase(flags: ["--json"], env: ["FC_FORMAT": "tsv"], expected: .json),
        FormatCase(flags: ["--json", "--format", "json"], env: ["FC_FORMAT": "tsv"], expected: .json),
        FormatCase(flags: ["--format", "csv"], env: ["FC_FORMAT": "tsv"], profileFormat: "jsonl", tty: true, expected: .csv),
    ])
    func formatPrecedence(_ c: FormatCase) async throws {
        let dir = uniqueConfigHome()
        var env = testEnv(configHome: dir)
        env.merge(c.env) { _, new in new }
        if let format = c.profileFormat { _ = await run(["config", "set", "format", format], env: env) }
        let parsed = try Parser(root: CommandTree.root, environment: env).parse(["customers", "get", "cus_1"] + c.flags)
        var environment = AppEnvironment(io: .captured(tty: c.tty), variables: env, transport: StubTransport(), sleep: { _ in }, now: { fixedNow })
        environment.timeZone = TimeZone(identifier: "UTC")!
        #expect(FC.outputSettings(parsed, environment: environment).format == c.expected)
    }

    @Test func maxRetriesFromTheEnvironment() async {
        var env = testEnv()
        env["FC_MAX_RETRIES"] = "0"
        let r = await run(["customers", "get", "cus_1"], env: env, stubs: [.failing("GET", "/v1/customers/cus_1", .connection)])
        #expect(r.code == 4)
        #expect(r.requests.count == 1)
        let flag = await run(["customers", "get", "cus_1", "--max-retries", "4"], env: env, stubs: [.failing("GET", "/v1/customers/cus_1", .connection)])
        #expect(flag.requests.count == 5, "the flag beats FC_MAX_RETRIES")
    }

    @Test func rateLimitIsRetried() async {
        let r = await run(["customers", "get", "cus_1"], stubs: [
            .json("GET", "/v1/customers/cus_1", status: 429, #"{"error":{"message":"Too many requests","type":"invalid_request_error","code":"rate_limit"}}"#,
                  headers: [("Retry-After", "1")]),
            Self.getStub,
        ])
        #expect(r.code == 0)
        #expect(r.requests.count == 2)
    }

    @Test func shouldRetryFalseIsFinal() async {
        let r = await run(["customers", "get", "cus_1"], stubs: [
            .json("GET", "/v1/customers/cus_1", status: 500, #"{"error":{"message":"no","type":"api_error"}}"#,
                  headers: [("Stripe-Should-Retry", "false")]),
        ])
        #expect(r.code == 1)
        #expect(r.requests.count == 1)
        #expect(r.err.hasPrefix("error: no\n"))
    }

    @Test func nonJSONSuccessIsAnError() async {
        let stub = Stub(method: "GET", path: "/v1/customers/cus_1", reply: .response(HTTPResponse(status: 200, body: Array("<html>hi</html>".utf8))))
        let r = await run(["customers", "get", "cus_1"], stubs: [stub])
        #expect(r.code == 1)
        #expect(r.out == "")
        #expect(r.err.contains("not JSON"))
    }

    @Test func versionAtTheRoot() async {
        let r = await run(["--version"])
        #expect(r.code == 0)
        #expect(r.out == "stripe-fc \(FC.version)\n")
    }

    @Test("a group without a verb shows its help", arguments: ["customers", "sessions", "config"])
    func groupShowsHelp(_ group: String) async {
        let r = await run([group])
        #expect(r.code == 0)
        #expect(r.out.hasPrefix("stripe-fc \(group) — "))
        #expect(r.out.contains("COMMANDS"))
        #expect(r.requests.isEmpty)
    }

    @Test func sandboxChecksItsOptionsBeforeStarting() async {
        let r = await run(["sandbox", "--fail-rate", "1.5"])
        #expect(r.code == 2)
        #expect(r.err == "error: invalid value '1.5' for --fail-rate: must be between 0 and 1\n")
        #expect(r.out == "")
    }

    @Test func sandboxChecksItsDropAfterRate() async {
        let r = await run(["sandbox", "--drop-after-rate", "-0.1"])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("error: invalid value '-0.1' for --drop-after-rate"))
        #expect(r.out == "")
    }

    @Test func sandboxDataRepairNeedsAFile() async {
        let r = await run(["sandbox", "--data-repair"])
        #expect(r.code == 2)
        #expect(r.err == "error: --data-repair needs --data FILE\n")
        #expect(r.out == "")
    }

    @Test func sandboxOptionsMapToTheServer() throws {
        let parsed = try Parser(root: CommandTree.root, environment: [:]).parse(
            ["sandbox", "--port", "0", "--seed", "7", "--latency", "5", "--fail-rate", "0.25", "--drop-after-rate", "0.5", "--rate-limit", "10",
             "--refresh-delay", "20", "--settle-delay", "30", "--transactions", "3", "--data", "/tmp/x.json", "--data-repair"])
        let context = CommandContext(invocation: parsed, environment: AppEnvironment(
            io: .captured(), variables: [:], transport: StubTransport(), sleep: { _ in }, now: { fixedNow }),
            output: OutputSettings(format: .json, fields: nil, quiet: false, color: false, width: nil))
        let options = try SandboxCommand.options(from: context)
        #expect(options.port == 0)
        #expect(options.seed == 7)
        #expect(options.latencyMS == 5)
        #expect(options.failRate == 0.25)
        #expect(options.dropAfterRate == 0.5)
        #expect(options.rateLimit == 10)
        #expect(options.refreshDelayMS == 20)
        #expect(options.settleDelayMS == 30)
        #expect(options.transactionsPerAccount == 3)
        #expect(options.dataFile == "/tmp/x.json")
        #expect(options.dataRepair)
        #expect(options.host == "127.0.0.1")
    }

    @Test func sandboxLinkWorksWithoutAConfiguredKey() async throws {
        let linked = #"{"id":"fcsess_1","object":"financial_connections.session","accounts":{"data":[]}}"#
        let r = await run(["sandbox", "link", "fcsess_1", "--institution", "Ownership Accounts", "--subcategory", "checking,savings",
                           "--base-url", "http://127.0.0.1:12111"], env: testEnv(key: nil),
                          stubs: [.json("POST", "/v1/test_helpers/financial_connections/sessions/fcsess_1/link", linked)])
        #expect(r.code == 0)
        let request = try #require(r.requests.first)
        #expect(request.url == "http://127.0.0.1:12111/v1/test_helpers/financial_connections/sessions/fcsess_1/link")
        #expect(request.header("Authorization") == "Bearer sk_test_sandbox")
        #expect(request.bodyText == "institution=Ownership%20Accounts&subcategories[]=checking&subcategories[]=savings")
    }

    @Test("--timeout sets each request's timeout", arguments: [([String](), 80.0), (["--timeout", "5m"], 300.0), (["--timeout", "2.5"], 2.5)] as [([String], Double)])
    func timeout(_ flags: [String], seconds: Double) async {
        let r = await run(["customers", "get", "cus_1"] + flags, stubs: [Self.getStub])
        #expect(r.requests.first?.timeout == seconds)
    }

    @Test func clientUserAgentIsJSON() async throws {
        let r = await run(["customers", "get", "cus_1"], stubs: [Self.getStub])
        let header = try #require(r.requests.first?.header("X-Stripe-Client-User-Agent"))
        let info = try JSON.parse(header)
        #expect(info["publisher"]?.stringValue == "stripe-fc")
        #expect(info["bindings_version"]?.stringValue == FC.version)
    }

    @Test func cancelledExchangeExits130WithoutRetrying() async {
        let r = await run(["customers", "get", "cus_1"], stubs: [.failing("GET", "/v1/customers/cus_1", .cancelled, message: "cancelled")])
        #expect(r.code == 130)
        #expect(r.requests.count == 1)
    }
}
