import Foundation
import Dispatch

/// How many requests a run keeps in flight and how fast it starts them, adapted to the API's rate
/// limit the way TCP adapts to congestion (additive increase, multiplicative decrease).
///
/// In flight: starts at `maximum`, halves on the first 429, and grows by one after a window of
/// successes in a row; never below 1 nor above `maximum`.
///
/// Pace: unpaced until the first 429. Then request starts are spaced at the rate the API was
/// letting through (the 2xx answers of the last second), cut by a tenth on a later 429 (at most
/// once a second) and raised by about half a request per second every second of successes, so a
/// run settles just under the limit instead of sending bursts that are refused.
public final class AdaptiveConcurrency: @unchecked Sendable {
    public let maximum: Int
    private let now: @Sendable () -> Double
    private let lock = NSLock()
    private var current: Double
    private var successes = 0
    private var completionsSinceDecrease = Int.max
    /// The limit before the last decrease: that many answers may still be from requests sent before it.
    private var inFlightAtDecrease = 0
    /// Requests per second once paced; nil before the first 429.
    private var rate: Double?
    private var nextStart = -Double.infinity
    private var lastRateCut = -Double.infinity
    /// When the 2xx answers of about the last second came.
    private var recentSuccesses: [Double] = []

    /// - Parameter now: monotonic seconds (injected so tests need no clock).
    public init(maximum: Int, now: @escaping @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }) {
        self.maximum = max(maximum, 1)
        self.current = Double(self.maximum)
        self.now = now
    }

    /// Requests that may be in flight now.
    public var limit: Int { lock.withLock { max(1, Int(current)) } }

    /// The requests per second starts are spaced at, or nil while unpaced.
    public var pace: Double? { lock.withLock { rate } }

    /// Reserves the next start: seconds to wait before sending (0 while unpaced).
    public func delayBeforeStart() -> Double {
        lock.withLock {
            guard let rate else { return 0 }
            let time = now()
            let start = max(time, nextStart)
            nextStart = start + 1 / rate
            return start - time
        }
    }

    /// Feeds one finished attempt: its HTTP status, or nil when no answer came.
    public func observe(status: Int?) {
        lock.withLock {
            let time = now()
            let window = max(1, Int(current))
            if completionsSinceDecrease < Int.max { completionsSinceDecrease += 1 }
            if status == 429 {
                successes = 0
                // Once paced, the pace is what a 429 cuts: fewer in flight would only leave the
                // paced starts waiting for a free slot.
                if rate == nil, completionsSinceDecrease > inFlightAtDecrease {
                    inFlightAtDecrease = window
                    current = max(1, (current / 2).rounded(.down))
                    completionsSinceDecrease = 0
                }
                recentSuccesses.removeAll { time - $0 > 1 }
                if rate == nil {
                    let first = Double(max(recentSuccesses.count, 1))
                    rate = first
                    nextStart = max(nextStart, time + 1 / first)
                    lastRateCut = time
                } else if let paced = rate, time - lastRateCut >= 1 {
                    rate = max(1, paced * 0.9)
                    lastRateCut = time
                }
            } else if let status, (200..<300).contains(status) {
                successes += 1
                if successes >= window {
                    current = min(Double(maximum), current + 1)
                    successes = 0
                }
                if let paced = rate { rate = paced + 0.5 / paced }
                recentSuccesses.append(time)
                if recentSuccesses.count > 256 { recentSuccesses.removeFirst(recentSuccesses.count - 256) }
            }
        }
    }
}
