@testable import fc
import FCKit
import Foundation
import Testing

/// Issue 11 item 1: a write sent without an answer is said to have an unknown outcome, with its
/// key and a safe rerun; an identical rerun reuses the key (Stripe replays instead of charging twice).
@Suite struct UnknownOutcomeTests {
    static let account = #"{"id":"fca_1","object":"financial_connections.account","status":"active","supported_payment_method_types":["us_bank_account"],"permissions":["payment_method"],"account_holder":{"type":"customer","customer":"cus_1"}}"#
    static let intent = #"{"id":"pi_1","object":"payment_intent","amount":1000,"currency":"usd","status":"processing","customer":"cus_1","created":1795255200}"#
    static let pay = ["pay", "--account", "fca_1", "--customer", "cus_1", "--amount", "10", "--currency", "usd", "--mandate", "offline", "--name", "Ann", "--max-retries", "1"]

    static func ledger(_ env: [String: String]) -> PendingWrites { PendingWrites.load(path: PendingWrites.path(environment: env)) }

    @Test("pay whose answer is lost: exit 4, the outcome is unknown, the key and a safe rerun are given; the rerun reuses the key")
    func lostAnswerThenRerun() async throws {
        let env = testEnv()
        let lost = await run(Self.pay, env: env, stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", Self.account),
            .failing("POST", "/v1/payment_intents", .timeout, message: "the request timed out"),
        ])
        #expect(lost.code == 4, "\(lost)")
        #expect(lost.err.contains("error: the outcome is unknown: POST /v1/payment_intents was sent and no answer said what became of it (the request timed out; 2 attempts), so it may have happened"), "\(lost.err)")
        let sent = try #require(lost.requests.last?.header("Idempotency-Key"))
        #expect(lost.err.contains("idempotency key: \(sent)"))
        let entry = try #require(Self.ledger(env).entries.first)
        #expect(sent == "\(entry.idempotencyKey)-create")
        #expect(lost.err.contains("stripe-fc pay --account fca_1 --customer cus_1 --amount 10 --currency usd --mandate offline --name Ann --max-retries 1 --idempotency-key \(entry.idempotencyKey))"), "\(lost.err)")

        let rerun = await run(Self.pay, env: env, stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", Self.account),
            .json("POST", "/v1/payment_intents", Self.intent, headers: [("Idempotent-Replayed", "true")]),
        ])
        #expect(rerun.code == 0, "\(rerun)")
        #expect(rerun.requests.last?.header("Idempotency-Key") == sent, "the same key: Stripe replays, nobody is charged twice")
        #expect(rerun.err.contains("reusing its idempotency key \(entry.idempotencyKey)"), "\(rerun.err)")
        #expect(Self.ledger(env).entries.isEmpty, "the outcome is known now")

        let fresh = await run(Self.pay, env: env, stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", Self.account),
            .json("POST", "/v1/payment_intents", Self.intent),
        ])
        #expect(fresh.requests.last?.header("Idempotency-Key") != sent, "a later identical command is a new payment")
    }

    @Test("--new starts afresh; another command or other parameters never reuse a key")
    func newAndOtherParameters() async throws {
        let env = testEnv()
        let create = ["customers", "create", "--name", "Ann", "--max-retries", "0"]
        let lost = await run(create, env: env, stubs: [.failing("POST", "/v1/customers", .connection, message: "connection reset by peer")])
        #expect(lost.code == 4 && lost.err.contains("the outcome is unknown"), "\(lost)")
        let key = try #require(lost.requests.first?.header("Idempotency-Key"))
        let other = await run(["customers", "create", "--name", "Bo", "--max-retries", "0"], env: env, stubs: [.json("POST", "/v1/customers", customerJSON())])
        #expect(other.requests.first?.header("Idempotency-Key") != key)
        let new = await run(create + ["--new"], env: env, stubs: [.json("POST", "/v1/customers", customerJSON())])
        #expect(new.requests.first?.header("Idempotency-Key") != key)
        let same = await run(create, env: env, stubs: [.json("POST", "/v1/customers", customerJSON())])
        #expect(same.requests.first?.header("Idempotency-Key") != key, "--new's run answered, so the earlier unknown entry was replaced and cleared")
    }

    @Test("an explicit --idempotency-key is used as given and nothing is recorded")
    func explicitKey() async {
        let env = testEnv()
        let result = await run(["customers", "create", "--name", "Ann", "--idempotency-key", "order-7"], env: env, stubs: [.json("POST", "/v1/customers", customerJSON())])
        #expect(result.requests.first?.header("Idempotency-Key") == "order-7")
        #expect(Self.ledger(env).entries.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: PendingWrites.path(environment: env)))
    }

    @Test("pay --wait whose polling loses the network still prints the PaymentIntent")
    func waitFailureKeepsTheIntent() async {
        let result = await run(Self.pay + ["--wait", "-q"], stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", Self.account),
            .json("POST", "/v1/payment_intents", Self.intent),
            .failing("GET", "/v1/payment_intents/pi_1", .connection),
        ])
        #expect(result.code == 4)
        #expect(result.out == "pi_1\n")
    }
}

/// What the chaos suite found (issue 11): a 5xx to a write is an unknown outcome too, and a
/// confirm that fails leaves the created PaymentIntent printed, so a rerun never charges twice.
@Suite struct IndeterminateWriteTests {
    static let serverError = #"{"error":{"type":"api_error","message":"An unknown error occurred"}}"#

    @Test("a POST that ends in 500 after its retries: the outcome is unknown, the key is kept, the rerun reuses it")
    func serverErrorOnAWrite() async throws {
        let env = testEnv()
        let failed = await run(["customers", "create", "--name", "Ann", "--max-retries", "1"], env: env, stubs: [
            Stub(method: "POST", path: "/v1/customers", reply: .response(HTTPResponse(status: 500, headers: [("Request-Id", "req_500")], body: Array(Self.serverError.utf8))), repeats: true),
        ])
        #expect(failed.code == 4, "\(failed)")
        #expect(failed.err.contains("the outcome is unknown: POST /v1/customers") && failed.err.contains("HTTP 500"), "\(failed.err)")
        let key = try #require(failed.requests.first?.header("Idempotency-Key"))
        let rerun = await run(["customers", "create", "--name", "Ann", "--max-retries", "1"], env: env, stubs: [.json("POST", "/v1/customers", customerJSON())])
        #expect(rerun.requests.first?.header("Idempotency-Key") == key)
    }

    @Test("pay whose confirm fails prints the created PaymentIntent, and the rerun confirms that one")
    func confirmFailure() async throws {
        let env = testEnv()
        let created = #"{"id":"pi_1","object":"payment_intent","amount":1000,"currency":"usd","status":"requires_confirmation","customer":"cus_1","created":1795255200}"#
        let pay = UnknownOutcomeTests.pay + ["-q"]
        let first = await run(pay, env: env, stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", UnknownOutcomeTests.account),
            .json("POST", "/v1/payment_intents", created),
            Stub(method: "POST", path: "/v1/payment_intents/pi_1/confirm", reply: .response(HTTPResponse(status: 500, body: Array(Self.serverError.utf8))), repeats: true),
        ])
        #expect(first.code == 4, "\(first)")
        #expect(first.out == "pi_1\n", "the PaymentIntent exists: its id is printed")
        let createKey = try #require(first.requests.first { $0.url.hasSuffix("/v1/payment_intents") }?.header("Idempotency-Key"))
        let rerun = await run(pay, env: env, stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", UnknownOutcomeTests.account),
            .json("POST", "/v1/payment_intents", created, headers: [("Idempotent-Replayed", "true")]),
            .json("POST", "/v1/payment_intents/pi_1/confirm", UnknownOutcomeTests.intent),
        ])
        #expect(rerun.code == 0, "\(rerun)")
        #expect(rerun.requests.first { $0.url.hasSuffix("/v1/payment_intents") }?.header("Idempotency-Key") == createKey, "the create replays: no second PaymentIntent")
    }

    @Test("a usage error found only by a read is exit 1; exit 2 leaves nothing sent")
    func noUsageErrorAfterSending() async {
        let nameless = #"{"id":"cus_1","object":"customer","name":null,"email":"a@example.com","created":1795255200}"#
        let result = await run(["pay", "--account", "fca_1", "--customer", "cus_1", "--amount", "1", "--mandate", "offline"], stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", UnknownOutcomeTests.account),
            .json("GET", "/v1/customers/cus_1", nameless),
        ])
        #expect(result.code == 1 && result.err.contains("pass --name"), "\(result)")
    }
}

extension IndeterminateWriteTests {
    @Test("a rerun that fails before its write is answered keeps the earlier run's key for the next one")
    func rerunFailingEarlyKeepsTheKey() async throws {
        let env = testEnv()
        let lost = await run(UnknownOutcomeTests.pay, env: env, stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", UnknownOutcomeTests.account),
            .failing("POST", "/v1/payment_intents", .timeout, message: "the request timed out"),
        ])
        let key = try #require(lost.requests.last?.header("Idempotency-Key"))
        let early = await run(UnknownOutcomeTests.pay, env: env, stubs: [
            Stub(method: "GET", path: "/v1/financial_connections/accounts/fca_1", reply: .response(HTTPResponse(status: 503, body: Array(Self.serverError.utf8))), repeats: true),
        ])
        #expect(early.code == 1 && early.requests.allSatisfy { $0.method == "GET" }, "\(early)")
        let third = await run(UnknownOutcomeTests.pay, env: env, stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_1", UnknownOutcomeTests.account),
            .json("POST", "/v1/payment_intents", UnknownOutcomeTests.intent),
        ])
        #expect(third.requests.last?.header("Idempotency-Key") == key, "still the first run's key: Stripe replays, nothing is charged twice")
    }
}
