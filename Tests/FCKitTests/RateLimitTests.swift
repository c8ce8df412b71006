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

    @Test("AIMD in flight: halved on the first 429 (then the pace takes over), grown by one per window of successes, never above the maximum")
    func adaptiveConcurrency() {
        let clock = TestClock()
        let window = AdaptiveConcurrency(maximum: 8, now: clock.read)
        #expect(window.limit == 8)
        for _ in 0..<8 { window.observe(status: 429) }
        #expect(window.limit == 4, "one burst halves once")
        for _ in 0..<20 { window.observe(status: 429) }
        #expect(window.limit == 4, "once paced, a 429 cuts the pace, not the slots")
        for _ in 0..<4 { window.observe(status: 200) }
        #expect(window.limit == 5)
        for _ in 0..<100 { window.observe(status: 200) }
        #expect(window.limit == 8)
        window.observe(status: nil)
        window.observe(status: 404)
        #expect(window.limit == 8, "other outcomes change nothing")
    }

    @Test("the pace: none before a 429; then starts spaced at the rate the API let through in the last second, cut by a tenth per second of 429s, raised by successes")
    func pace() {
        let clock = TestClock()
        let pacer = AdaptiveConcurrency(maximum: 8, now: clock.read)
        for _ in 0..<20 { #expect(pacer.delayBeforeStart() == 0) }
        for i in 0..<30 { clock.time = Double(i) * 0.05; pacer.observe(status: 200) }   // 30 answers over 1.5 s
        #expect(pacer.pace == nil)
        clock.time = 1.5
        pacer.observe(status: 429)
        #expect(pacer.pace == 20, "the 2xx answers of the last second")
        #expect(abs(pacer.delayBeforeStart() - 0.05) < 1e-9, "the first start after the 429 waits 1/20 s")
        #expect(abs(pacer.delayBeforeStart() - 0.10) < 1e-9, "and each next one 1/20 s more")
        pacer.observe(status: 429)
        #expect(pacer.pace == 20, "at most one cut a second")
        clock.time = 2.5
        pacer.observe(status: 429)
        #expect(pacer.pace == 18)
        pacer.observe(status: 200)
        #expect(abs(pacer.pace! - (18 + 0.5 / 18)) < 1e-9, "about half a request per second more per second of successes")
    }

    @Test("once paced, a 429 is retried in its turn of the pace, not after a backoff of its own")
    func pacedRetry() async throws {
        let transport = FakeTransport([.json(200, Self.okBody), .json(429, Self.limited), .json(200, Self.okBody)])
        let recorder = Recorder()
        let clock = TestClock()
        let pacer = AdaptiveConcurrency(maximum: 8, now: clock.read)
        let client = recorder.client(transport, pacer: pacer)
        clock.time = 0.5
        _ = try await client.send(CustomersAPI.retrieve("cus_1"))
        _ = try await client.send(CustomersAPI.retrieve("cus_1"))
        #expect(pacer.pace == 1.5, "paced at the one 2xx of the last second, raised by the retry's success")
        #expect(recorder.sleeps == [1], "no backoff of its own: the retry waits its turn, one second at a pace of one a second")
    }
}

final class TestClock: @unchecked Sendable {
    var time = 0.0
    var read: @Sendable () -> Double { { self.time } }
}
