import Testing
@testable import FCKit

/// 429s as a budget of time (apart from --max-retries) and the adaptive concurrency they drive.
@Suite struct RateLimitTests {
    static let okBody = #"{"id":"cus_1"}"#
    static let limited = #"{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}"#

    @Test("429s are retried from the time budget even with --max-retries 0")
    func rateLimitsDoNotSpendMaxRetries() async throws {
        let transport = FakeTransport([.json(429, Self.limited), .json(429, Self.limited), .json(429, Self.limited), .json(200, Self.okBody)])
        let recorder = Recorder()
        let response = try await recorder.client(transport, configure: { $0.maxRetries = 0 }).send(CustomersAPI.retrieve("cus_1"))
        #expect(response.json["id"] == "cus_1")
        #expect(recorder.sleeps == [0.5, 1.0, 2.0])
        #expect(recorder.exchanges.map(\.attempt) == [0, 1, 2, 3])
    }

    @Test("the budget is the larger of --timeout and 60 s of backoff; past it the 429 is the error")
    func budgetRunsOut() async throws {
        let transport = FakeTransport(Array(repeating: .json(429, Self.limited, headers: [("Retry-After", "20")]), count: 4))
        let recorder = Recorder()
        let error = try #require(await StripeClientRetryTests.failure(recorder.client(transport, configure: { $0.maxRetries = 0; $0.timeout = 10 }),
                                                                       CustomersAPI.retrieve("cus_1")))
        guard case .api(let stripe) = error else { Issue.record("expected .api, got \(error)"); return }
        #expect(stripe.httpStatus == 429 && stripe.code == "rate_limit")
        #expect(recorder.sleeps == [20, 20, 20], "three Retry-After waits fit in 60 s, a fourth would not")
    }

    @Test("Stripe-Should-Retry: false on a 429 is respected")
    func shouldRetryFalse() async throws {
        let transport = FakeTransport([.json(429, Self.limited, headers: [("Stripe-Should-Retry", "false")])])
        let recorder = Recorder()
        _ = await StripeClientRetryTests.failure(recorder.client(transport), CustomersAPI.retrieve("cus_1"))
        #expect(recorder.sleeps.isEmpty)
    }

    @Test("AIMD: halved once per burst of 429s, never below 1, grown by one per window of successes, never above the maximum")
    func adaptiveConcurrency() {
        let window = AdaptiveConcurrency(maximum: 8)
        #expect(window.limit == 8)
        for _ in 0..<8 { window.observe(status: 429) }
        #expect(window.limit == 4, "one burst halves once")
        for _ in 0..<5 { window.observe(status: 429) }
        #expect(window.limit == 2)
        for _ in 0..<20 { window.observe(status: 429) }
        #expect(window.limit == 1)
        window.observe(status: 200)
        #expect(window.limit == 2)
        for _ in 0..<2 { window.observe(status: 200) }
        #expect(window.limit == 3)
        for _ in 0..<100 { window.observe(status: 200) }
        #expect(window.limit == 8)
        window.observe(status: nil)
        window.observe(status: 404)
        #expect(window.limit == 8, "other outcomes change nothing")
    }
}
