/// When to retry a Stripe request and how long to wait first, as the official SDKs do (plus 429).
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// Backoff for the first retry, doubled for each later one.
    public var initialDelay: Double = 0.5
    /// Cap on the exponential backoff.
    public var maxDelay: Double = 5
    /// A `Retry-After` longer than this is ignored in favour of normal backoff: a CLI should not hang for minutes.
    public var maxRetryAfter: Double = 60
    /// 429s are retried apart from `maxRetries`, for as long as their backoffs add up to no more
    /// than this many seconds: a rate limit is a budget of time, so parallel bulk jobs finish.
    public var rateLimitBudget: Double = 60
    /// At most this many 429 retries of one request, whatever the budget.
    public var maxRateLimitRetries = 100

    public init(maxRetries: Int) {
        self.maxRetries = maxRetries
    }

    /// Whether attempt number `attempt` (0 = the first try) that ended with `status` + `headers`
    /// (or with the transport `error` and no response) should be retried.
    public func shouldRetry(status: Int?, headers: [(name: String, value: String)], error: TransportError?, attempt: Int) -> Bool {
        guard attempt < maxRetries else { return false }
        if let error, status == nil {
            return error.kind != .cancelled
        }
        guard let status else { return false }
        switch HTTPHeaders.first("Stripe-Should-Retry", in: headers)?.lowercased() {
        case "true": return true
        case "false": return false
        default: break
        }
        return status == 409 || status == 429 || status >= 500
    }

    /// Whether a 429 may be retried from the rate-limit budget (not when Stripe says it should not be).
    public func retriesRateLimit(status: Int, headers: [(name: String, value: String)]) -> Bool {
        status == 429 && HTTPHeaders.first("Stripe-Should-Retry", in: headers)?.lowercased() != "false"
    }

    /// Seconds to sleep before retry `n` (1-based): `min(0.5 · 2^(n-1), 5) · jitter`, or the
    /// server's `Retry-After` (whole or fractional seconds, at most 60) when that is longer.
    public func delay(forRetry n: Int, retryAfter: String?, jitter: Double) -> Double {
        let exponent = Double(max(n, 1) - 1)
        let backoff = min(initialDelay * pow2(exponent), maxDelay) * jitter
        return max(retryAfterSeconds(retryAfter) ?? 0, backoff)
    }

    /// A `Retry-After` in seconds (whole or fractional), when it is one and at most `maxRetryAfter`.
    public func retryAfterSeconds(_ retryAfter: String?) -> Double? {
        guard let retryAfter, let seconds = Double(retryAfter.trimmingSpaces()), seconds.isFinite,
              seconds >= 0, seconds <= maxRetryAfter else { return nil }
        return seconds
    }

    private func pow2(_ exponent: Double) -> Double {
        // Beyond 2^30 the cap has long been reached; avoid overflow-to-infinity arithmetic.
        var result = 1.0
        var remaining = min(exponent, 30)
        while remaining > 0 { result *= 2; remaining -= 1 }
        return result
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
