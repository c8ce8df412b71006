import Testing
@testable import FCKit

@Suite struct RetryPolicyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let status: Int?
        var shouldRetryHeader: String? = nil
        var error: TransportError.Kind? = nil
        var attempt = 0
        var maxRetries = 2
        let retry: Bool

        var testDescription: String {
            let what = status.map { "HTTP \($0)" } ?? "\(error.map { "\($0)" } ?? "?") error"
            let header = shouldRetryHeader.map { " Stripe-Should-Retry: \($0)" } ?? ""
            return "\(what)\(header) attempt \(attempt)/\(maxRetries) → \(retry ? "retry" : "stop")"
        }
    }

    static let cases: [Case] = [
        Case(status: 200, retry: false),
        Case(status: 400, retry: false),
        Case(status: 401, retry: false),
        Case(status: 402, retry: false),
        Case(status: 403, retry: false),
        Case(status: 404, retry: false),
        Case(status: 424, retry: false),
        Case(status: 409, retry: true),
        Case(status: 429, retry: true),
        Case(status: 500, retry: true),
        Case(status: 502, retry: true),
        Case(status: 503, retry: true),
        Case(status: 504, retry: true),
        // The server's explicit word beats the status either way.
        Case(status: 400, shouldRetryHeader: "true", retry: true),
        Case(status: 404, shouldRetryHeader: "TRUE", retry: true),
        Case(status: 409, shouldRetryHeader: "false", retry: false),
        Case(status: 429, shouldRetryHeader: "false", retry: false),
        Case(status: 500, shouldRetryHeader: "false", retry: false),
        Case(status: 503, shouldRetryHeader: "False", retry: false),
        Case(status: 503, shouldRetryHeader: "maybe", retry: true),
        Case(status: 400, shouldRetryHeader: "maybe", retry: false),
        // Out of retries, whatever the reason.
        Case(status: 503, attempt: 1, retry: true),
        Case(status: 503, attempt: 2, retry: false),
        Case(status: 400, shouldRetryHeader: "true", attempt: 2, retry: false),
        Case(status: 503, maxRetries: 0, retry: false),
        Case(status: 503, attempt: 4, maxRetries: 5, retry: true),
        // No response at all.
        Case(status: nil, error: .timeout, retry: true),
        Case(status: nil, error: .connection, retry: true),
        Case(status: nil, error: .cancelled, retry: false),
        Case(status: nil, error: .connection, attempt: 2, retry: false),
        Case(status: nil, error: .timeout, maxRetries: 0, retry: false),
    ]

    @Test(arguments: cases)
    func decision(_ c: Case) {
        let policy = RetryPolicy(maxRetries: c.maxRetries)
        let headers: [(name: String, value: String)] = c.shouldRetryHeader.map { [("Stripe-Should-Retry", $0)] } ?? []
        let error = c.error.map { TransportError(kind: $0, message: "x") }
        #expect(policy.shouldRetry(status: c.status, headers: headers, error: error, attempt: c.attempt) == c.retry)
    }

    @Test func headerNameIsCaseInsensitive() {
        let policy = RetryPolicy(maxRetries: 2)
        #expect(!policy.shouldRetry(status: 503, headers: [("stripe-should-retry", "false")], error: nil, attempt: 0))
    }

    @Test func backoffDoublesFromHalfASecondAndCapsAtFive() {
        let policy = RetryPolicy(maxRetries: 10)
        let full = (1...8).map { policy.delay(forRetry: $0, retryAfter: nil, jitter: 1.0) }
        #expect(full == [0.5, 1, 2, 4, 5, 5, 5, 5])
        let half = (1...6).map { policy.delay(forRetry: $0, retryAfter: nil, jitter: 0.5) }
        #expect(half == [0.25, 0.5, 1, 2, 2.5, 2.5])
        #expect(policy.delay(forRetry: 1000, retryAfter: nil, jitter: 1.0) == 5)
    }

    @Test(arguments: [
        ("3", 3.0),          // honoured
        ("1.5", 1.5),        // fractional seconds
        (" 2 ", 2.0),        // stray spaces
        ("60", 60.0),        // the limit itself
        ("0", 0.5),          // never shorter than normal backoff
        ("61", 0.5),         // too long for a CLI: normal backoff instead
        ("-1", 0.5),
        ("soon", 0.5),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.5),  // HTTP dates are not seconds
    ])
    func retryAfter(_ header: String, _ expected: Double) {
        let policy = RetryPolicy(maxRetries: 2)
        #expect(policy.delay(forRetry: 1, retryAfter: header, jitter: 1.0) == expected)
    }
}
