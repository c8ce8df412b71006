@testable import fc
import FCKit
import Foundation
import Testing

/// `stripe-fc customers` when things go wrong: Stripe errors, auth, the network, JSON errors,
/// and that `--verbose` and `--dry-run` never show the key.
@Suite("Customers errors and secrets")
struct CustomersErrorTests {
    func fc(_ argv: [String], tty: Bool = false, env: [String: String]? = nil, stubs: [Stub] = [],
            sourceLocation: SourceLocation = #_sourceLocation) async -> RunResult {
        await runHidingKeys(argv, tty: tty, env: env, stubs: stubs, sourceLocation: sourceLocation)
    }

    static let missing = Stub.json("GET", "/v1/customers/cus_missing", status: 404, """
        {"error":{"code":"resource_missing","doc_url":"https://stripe.com/docs/error-codes/resource-missing",\
        "message":"No such customer: 'cus_missing'","param":"id","type":"invalid_request_error"}}
        """, requestID: "req_404")

    @Test func notFoundExitsOneWithMessageCodeAndRequestID() async {
        let r = await fc(["customers", "get", "cus_missing"], stubs: [Self.missing])
        #expect(r.code == 1)
        #expect(r.out == "")
        #expect(r.err == """
            error: No such customer: 'cus_missing'
              code: resource_missing
              param: id
              request id: req_404
              status: 404

            """)
        #expect(r.requests.count == 1, "a 404 is not retried")
    }

    @Test("--json and --format jsonl errors are also a JSON object on stderr", arguments: [["--json"], ["--format", "jsonl"]])
    func jsonErrors(_ flags: [String]) async throws {
        let r = await fc(["customers", "get", "cus_missing"] + flags, stubs: [Self.missing])
        #expect(r.code == 1)
        let last = try #require(r.err.split(separator: "\n").last)
        let error = try #require(try JSON.parse(String(last))["error"])
        #expect(error["type"]?.stringValue == "invalid_request_error")
        #expect(error["message"]?.stringValue == "No such customer: 'cus_missing'")
        #expect(error["code"]?.stringValue == "resource_missing")
        #expect(error["param"]?.stringValue == "id")
        #expect(error["request_id"]?.stringValue == "req_404")
        #expect(error["http_status"]?.intValue == 404)
        #expect(error["exit_code"]?.intValue == 1)
        #expect(r.out == "")
    }

    @Test func missingKeyIsAJSONErrorWithItsHint() async throws {
        let r = await fc(["customers", "list", "--json"], env: testEnv(key: nil))
        #expect(r.code == 3)
        let last = try #require(r.err.split(separator: "\n").last)
        let error = try #require(try JSON.parse(String(last))["error"])
        #expect(error["type"]?.stringValue == "cli_error")
        #expect(error["message"]?.stringValue == "no API key configured")
        #expect(error["hint"]?.stringValue?.contains("STRIPE_API_KEY") == true)
        #expect(error["exit_code"]?.intValue == 3)
    }

    @Test func noJSONErrorUnlessJSONWasAskedFor() async {
        let r = await fc(["customers", "get", "cus_missing"], stubs: [Self.missing])
        #expect(!r.err.contains("{"))
    }

    @Test func usageErrorsAreJSONTooWhenJSONWasAskedFor() async throws {
        let r = await fc(["customers", "list", "--json", "--limit", "abc"])
        #expect(r.code == 2)
        #expect(r.requests.isEmpty)
        let last = try #require(r.err.split(separator: "\n").last)
        let error = try JSON.parse(String(last))["error"]
        #expect(error?["exit_code"]?.intValue == 2)
        #expect(error?["message"]?.stringValue == "invalid value 'abc' for --limit: expected a whole number")
    }

    @Test func unauthorizedExitsThreeWithAHintAndTheKeyMasked() async {
        let stub = Stub.json("GET", "/v1/customers/cus_x", status: 401, """
            {"error":{"message":"Invalid API Key provided: \(longTestKey)","type":"invalid_request_error"}}
            """, requestID: "req_401")
        var env = testEnv()
        env["STRIPE_API_KEY"] = longTestKey
        let r = await fc(["customers", "get", "cus_x"], env: env, stubs: [stub])
        #expect(r.code == 3)
        #expect(r.err.hasPrefix("error: Invalid API Key provided: sk_test_…abcd\n"))
        #expect(r.err.contains("hint: check the key"))
        #expect(r.requests.count == 1)
    }

    @Test func forbiddenExitsThree() async {
        let stub = Stub.json("GET", "/v1/customers/cus_x", status: 403,
                             #"{"error":{"message":"The provided key does not have access","type":"invalid_request_error"}}"#)
        let r = await fc(["customers", "get", "cus_x"], stubs: [stub])
        #expect(r.code == 3)
    }

    @Test func noKeyExitsThreeWithAHintAndSendsNothing() async {
        let r = await fc(["customers", "list"], env: testEnv(key: nil))
        #expect(r.code == 3)
        #expect(r.requests.isEmpty)
        #expect(r.err.hasPrefix("error: no API key configured\n"))
        #expect(r.err.contains("STRIPE_API_KEY"))
        #expect(r.err.contains("stripe-fc config set api_key"))
        #expect(r.out == "")
    }

    @Test func networkFailureExitsFourAfterRetriesWithOneIdempotencyKey() async {
        let r = await fc(["customers", "create", "--email", "a@example.com"],
                         stubs: [.failing("POST", "/v1/customers", .connection)])
        #expect(r.code == 4)
        #expect(r.requests.count == 3, "the first try and 2 retries")
        #expect(Set(r.requests.compactMap { $0.header("Idempotency-Key") }).count == 1)
        let key = r.requests.first?.header("Idempotency-Key") ?? "?"
        #expect(r.err.hasPrefix("error: the outcome is unknown: POST /v1/customers was sent and no answer said what became of it (connection refused; 3 attempts), so it may have happened\n  idempotency key: \(key)\nhint: rerun the same command within 24 hours"), "\(r.err)")
        #expect(r.err.hasSuffix("stripe-fc customers create --email a@example.com --idempotency-key \(key))\n"), "\(r.err)")
    }

    @Test func maxRetriesZeroTriesOnce() async {
        let r = await fc(["customers", "get", "cus_x", "--max-retries", "0"], stubs: [.failing("GET", "/v1/customers/cus_x", .timeout)])
        #expect(r.code == 4)
        #expect(r.requests.count == 1)
    }

    @Test func serverErrorIsRetriedWithTheSameKey() async {
        let r = await fc(["customers", "create", "--email", "a@example.com"], stubs: [
            .json("POST", "/v1/customers", status: 500, #"{"error":{"message":"boom","type":"api_error"}}"#),
            .json("POST", "/v1/customers", customerJSON()),
        ])
        #expect(r.code == 0)
        #expect(r.requests.count == 2)
        let keys = r.requests.compactMap { $0.header("Idempotency-Key") }
        #expect(keys.count == 2)
        #expect(Set(keys).count == 1)
    }

    @Test func verboseLogsEachExchangeWithoutTheKey() async throws {
        var env = testEnv()
        env["STRIPE_API_KEY"] = longTestKey
        let r = await fc(["customers", "get", "cus_x", "--verbose"], env: env,
                         stubs: [.json("GET", "/v1/customers/cus_x", customerJSON(), requestID: "req_v")])
        #expect(r.code == 0)
        let line = try #require(r.err.split(separator: "\n").first.map(String.init))
        #expect(line.hasPrefix("> GET /v1/customers/cus_x 200 req_v "))
        #expect(line.hasSuffix("ms"))
        #expect(r.requests.first?.header("Authorization") == "Bearer \(longTestKey)")
    }

    @Test func dryRunSendsNothingAndPrintsTheRedactedRequest() async throws {
        var env = testEnv()
        env["STRIPE_API_KEY"] = longTestKey
        let r = await fc(["customers", "create", "--email", "a@example.com", "--name", "Ann", "--dry-run", "--idempotency-key", "K1"], env: env)
        #expect(r.code == 0)
        #expect(r.requests.isEmpty)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "POST https://api.stripe.com/v1/customers")
        #expect(lines.contains("Authorization: Bearer sk_test_…abcd"))
        #expect(lines.contains("Idempotency-Key: K1"))
        #expect(lines.contains("Content-Type: application/x-www-form-urlencoded"))
        #expect(lines.contains("Stripe-Version: 2026-07-29.dahlia"))
        #expect(r.out.hasSuffix("\n\nemail=a%40example.com&name=Ann\n\n"))
    }

    @Test func dryRunOfAListSendsNothing() async {
        let r = await fc(["customers", "list", "--dry-run"])
        #expect(r.code == 0)
        #expect(r.requests.isEmpty)
        #expect(r.out.hasPrefix("GET https://api.stripe.com/v1/customers?limit=10\nAuthorization: Bearer "))
    }

    @Test func keyOnTheCommandLineIsNeverEchoed() async {
        let r = await fc(["customers", "get", "cus_x", "--api-key", longTestKey, "--verbose"],
                         stubs: [.json("GET", "/v1/customers/cus_x", customerJSON())])
        #expect(r.code == 0)
        #expect(r.err.contains("warning: a key given with --api-key is visible to other users"))
    }

    @Test func versionAfterASubcommandSendsNothing() async {
        let r = await fc(["customers", "list", "--version", "--max-retries", "0"])
        #expect(r.requests.isEmpty)
        #expect(r.out == "stripe-fc \(FC.version)\n")
        #expect(r.code == 0)
    }
}
