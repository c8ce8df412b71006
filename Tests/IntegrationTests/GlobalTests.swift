import FCKit
import Foundation
import Testing

@Suite("stripe-fc demo, config, version and exit codes", .sandbox())
struct GlobalTests {
    @Test("demo exits 0 within 30 s and ends with a succeeded payment")
    func demo() async throws {
        let fc = try FCRunner.shared()
        let started = Date()
        let result = try await fc.run(["demo", "--format", "jsonl"], timeout: 30)
        #expect(result.code == 0, "\(result)")
        #expect(Date().timeIntervalSince(started) < 30)
        let objects = try result.jsonLines()
        let payments = objects.filter { $0["object"] == "payment_intent" }
        #expect(payments.count == 1, "\(result)")
        #expect(payments.first?["status"] == "succeeded", "\(result)")
        #expect(payments.first?["amount"] == 1000)
        #expect(objects.contains { $0["type"] == "payment_intent.succeeded" }, "the events step lists the payment's events")
        #expect(result.err.contains("$ stripe-fc pay "), "narration on stderr: \(result)")

        let table = try await fc.run(["demo", "--format", "table"], timeout: 30)
        #expect(table.code == 0, "\(table)")
        #expect(table.out.contains("ID                           AMOUNT  STATUS     CUSTOMER"), "\(table)")
        #expect(table.lines.contains { $0.hasPrefix("pi_") && $0.contains("  $10.00  succeeded  cus_") }, "\(table)")
    }

    @Test("config set / get / list / unset round trip; the key is always masked; the file is 0600 and used for requests")
    func configRoundTrip() async throws {
        let shared = try FCRunner.shared()
        let fc = FCRunner(baseURL: shared.baseURL)
        let key = "sk_test_51ConfigRoundTripSecret9876"
        try await fc.ok(["config", "set", "api_key", key])
        try await fc.ok(["config", "set", "format", "tsv"])
        try await fc.ok(["--profile", "ci", "config", "set", "format", "jsonl"])
        let get = try await fc.ok(["config", "get", "api_key"])
        #expect(get.out == "sk_test_…9876\n", "\(get)")
        let list = try await fc.ok(["config", "list", "--format", "tsv"])
        #expect(list.out == "api_key\tsk_test_…9876\nformat\ttsv\n", "\(list)")
        let table = TableText(try await fc.ok(["config", "list", "--format", "table"]).out)
        #expect(table.headers == ["KEY", "VALUE"])
        #expect(table.rows == [["api_key", "sk_test_…9876"], ["format", "tsv"]])
        let ci = try await fc.ok(["config", "get", "format", "--profile", "ci"])
        #expect(ci.out == "jsonl\n")
        for result in [get, list] { #expect(!result.out.contains(key) && !result.err.contains(key)) }

        let file = fc.configHome + "/stripe-fc/config.toml"
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        // The profile's key and format are used when the environment sets neither.
        let created = try await fc.run(["customers", "create", "--name", "From Config", "--fields", "name"], unsetting: ["STRIPE_API_KEY"])
        #expect(created.code == 0, "\(created)")
        #expect(created.out == "From Config\n", "profile format tsv applies: \(created)")

        try await fc.ok(["config", "unset", "api_key"])
        let gone = try await fc.run(["config", "get", "api_key"])
        #expect(gone.code == 1, "\(gone)")
        let noKey = try await fc.run(["customers", "list"], unsetting: ["STRIPE_API_KEY"])
        #expect(noKey.code == 3, "\(noKey)")

        let bad = try await fc.run(["config", "set", "api_key", "pk_test_123"])
        #expect(bad.code == 2, "\(bad)")
        let unknown = try await fc.run(["config", "set", "colour", "blue"])
        #expect(unknown.code == 2, "\(unknown)")
    }

    @Test("a group-readable config file holding a key is refused, naming the chmod to run")
    func configPermissions() async throws {
        let shared = try FCRunner.shared()
        let fc = FCRunner(baseURL: shared.baseURL)
        try await fc.ok(["config", "set", "api_key", "sk_test_51GroupReadableSecret1234"])
        let file = fc.configHome + "/stripe-fc/config.toml"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let result = try await fc.run(["customers", "list"], unsetting: ["STRIPE_API_KEY"])
        #expect(result.code == 3, "\(result)")
        #expect(result.err.contains("chmod"), "\(result)")
    }

    @Test("--version prints stripe-fc's version")
    func version() async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.ok(["--version"])
        #expect(result.out.hasPrefix("stripe-fc ") && result.lines.count == 1, "\(result)")
        let parts = result.out.dropFirst("stripe-fc ".count).dropLast().split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(result)")
    }

    @Test("usage errors exit 2 with a hint", arguments: [
        (["bogus"], "unknown command 'bogus'"),
        (["customers", "lst"], "did you mean 'list'"),
        (["customers", "list", "--limt", "3"], "did you mean '--limit'"),
        (["customers", "list", "--limit", "0"], "--limit"),
        (["customers", "list", "--format", "yaml"], "--format"),
    ])
    func usageErrors(args: [String], message: String) async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.run(args)
        #expect(result.code == 2, "\(result)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains(message), "\(result)")
    }

    @Test("no key configured: exit 3 with a hint")
    func noKey() async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.run(["customers", "list"], unsetting: ["STRIPE_API_KEY"])
        #expect(result.code == 3, "\(result)")
        #expect(result.err.contains("error: no API key configured"), "\(result)")
        #expect(result.err.contains("hint: "), "\(result)")
        let json = try await fc.run(["customers", "list", "--format", "json"], unsetting: ["STRIPE_API_KEY"])
        let last = try #require(json.err.split(separator: "\n").last.map(String.init))
        #expect(try JSON.parse(last).value(at: "error.exit_code") == 3, "\(json)")
    }

    @Test("a live key against the sandbox is refused with 401: exit 3")
    func wrongKeyPrefix() async throws {
        let fc = try FCRunner.shared()
        // Short timeout and no retries: a client that never sees the 401 fails fast instead of hanging.
        let result = try await fc.run(["customers", "list", "--max-retries", "0", "--timeout", "5"], env: ["STRIPE_API_KEY": "sk_live_x"], timeout: 20)
        #expect(result.code == 3, "\(result)")
        // Stripe's own message when the body arrives; Foundation on Linux drops the body of a 401
        // that carries WWW-Authenticate, and then stripe-fc says the key was not accepted.
        #expect(result.err.contains("Invalid API Key") || result.err.contains("did not accept the key"), "\(result)")
        #expect(result.err.contains("request id: req_"), "\(result)")
        #expect(!result.err.contains("sk_live_x"), "the key itself is not echoed: \(result)")
    }

    @Test("a closed port with --max-retries 0: exit 4")
    func closedPort() async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.run(["customers", "list", "--base-url", "http://127.0.0.1:1", "--max-retries", "0"], timeout: 20)
        #expect(result.code == 4, "\(result)")
        #expect(result.err.contains("could not reach the API"), "\(result)")
        #expect(result.err.contains("(1 attempt)"), "\(result)")
    }
}

@Suite("stripe-fc against a failing sandbox")
struct FailingSandboxTests {
    @Test("--fail-rate 1 with --max-retries 1: exit 1 after two attempts, with a request id on stderr")
    func failRate() async throws {
        let sandbox = try await SandboxProcess.start(["--fail-rate", "1"])
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let result = try await fc.run(["customers", "list", "--max-retries", "1", "--verbose"], timeout: 30)
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains("request id: req_"), "\(result)")
        let exchanges = result.err.split(separator: "\n").filter { $0.hasPrefix("> GET /v1/customers") }
        #expect(exchanges.count == 2, "one try and one retry: \(result)")
        #expect(exchanges.last?.contains("retry 1") == true, "\(result)")
    }
}
