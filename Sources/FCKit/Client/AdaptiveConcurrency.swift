import Foundation

/// How many requests a bulk run keeps in flight, adapted to the API's rate limit the way TCP
/// adapts to congestion (additive increase, multiplicative decrease): it starts at `maximum`,
/// halves on a 429 (once per window of completions, so one burst of 429s halves it once), and
/// grows by one after a window of successes in a row; never below 1 nor above `maximum`.
/// Answers to requests sent before a decrease do not decrease it again.
public final class AdaptiveConcurrency: @unchecked Sendable {
    public let maximum: Int
    private let lock = NSLock()
    private var current: Double
    private var successes = 0
    private var completionsSinceDecrease = Int.max
    /// The limit before the last decrease: that many answers may still be from requests sent before it.
    private var inFlightAtDecrease = 0

    public init(maximum: Int) {
        self.maximum = max(maximum, 1)
        self.current = Double(self.maximum)
    }

    /// Requests that may be in flight now.
    public var limit: Int { lock.withLock { max(1, Int(current)) } }

    /// Feeds one finished attempt: its HTTP status, or nil when no answer came.
    public func observe(status: Int?) {
        lock.withLock {
            let window = max(1, Int(current))
            if completionsSinceDecrease < Int.max { completionsSinceDecrease += 1 }
            if status == 429 {
                successes = 0
                if completionsSinceDecrease > inFlightAtDecrease {
                    inFlightAtDecrease = window
                    current = max(1, (current / 2).rounded(.down))
                    completionsSinceDecrease = 0
                }
            } else if let status, (200..<300).contains(status) {
                successes += 1
                if successes >= window {
                    current = min(Double(maximum), current + 1)
                    successes = 0
                }
            }
        }
    }
}
