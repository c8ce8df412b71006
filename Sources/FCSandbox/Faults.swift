import FCKit
import Foundation

/// Time as the fault injector sees it; injectable so tests of latency and rate limits never sleep.
public protocol FaultClock: Sendable {
    /// Time since an arbitrary fixed origin; only differences matter.
    func now() -> Duration
    func sleep(for duration: Duration) async
}

/// The real clock: monotonic time and `Task.sleep`.
public struct SystemFaultClock: FaultClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { .now - origin }

    public func sleep(for duration: Duration) async {
        try? await Task.sleep(for: duration)
    }
}

/// Wraps the sandbox app with the faults clients must survive: `--latency`, `--fail-rate`,
/// `--rate-limit`, `--drop-after-rate`, and the per-request `Sandbox-Fault` header. A request
/// answered with a fault never reaches the wrapped handler, so a faulted POST changes no state;
/// the exception is `drop-after`, which lets the request act and then loses the answer (the
/// write happened, the client cannot know).
///
/// Order per request: an invalid `Sandbox-Fault` is a 400; a `500`/`503`/`429`/`drop` fault is
/// answered as asked; `delay=MS` waits, then the request goes on as any other; `drop-after`
/// marks it to be dropped once handled. Then the rate limit (a sliding one-second window over
/// requests let through), then the failure rate, then the drop-after rate. The configured
/// latency is added before every answer.
public struct FaultInjector: SandboxHandler {
    /// One `Sandbox-Fault` header value.
    public enum Fault: Sendable, Equatable {
        /// `500`, `503` or `429`: answered with that status and Stripe's error body.
        case status(Int)
        /// `drop`: the connection is closed without an answer.
        case drop
        /// `drop-after`: the request is handled (and its changes kept), then the connection is
        /// closed without an answer.
        case dropAfter
        /// `delay=MS`: wait, then handle the request normally.
        case delay(milliseconds: Int)

        /// Parses `500 | 503 | 429 | drop | drop-after | delay=MS` (case-insensitive); nil for anything else.
        public init?(headerValue: String) {
            let value = headerValue.trimmingCharacters(in: .whitespaces).lowercased()
            switch value {
            case "500": self = .status(500)
            case "503": self = .status(503)
            case "429": self = .status(429)
            case "drop": self = .drop
            case "drop-after": self = .dropAfter
            default:
                guard value.hasPrefix("delay="), let ms = Int(value.dropFirst(6)), (0...600_000).contains(ms) else {
                    return nil
                }
                self = .delay(milliseconds: ms)
            }
        }
    }

    /// The request header that asks for a fault.
    public static let headerName = "Sandbox-Fault"

    private let app: any SandboxHandler
    private let latency: Duration
    private let failRate: Double
    private let dropAfterRate: Double
    private let rateLimit: Int
    private let clock: any FaultClock
    private let state: State

    /// - Parameters:
    ///   - random: decides which requests fail and draws request ids; seed it for repeatable runs.
    ///   - clock: times the rate-limit window and performs every delay.
    public init(
        wrapping app: any SandboxHandler, options: SandboxOptions,
        random: some RandomNumberGenerator & Sendable, clock: any FaultClock
    ) {
        self.app = app
        self.latency = .milliseconds(max(options.latencyMS, 0))
        self.failRate = min(max(options.failRate, 0), 1)
        self.dropAfterRate = min(max(options.dropAfterRate, 0), 1)
        self.rateLimit = max(options.rateLimit, 0)
        self.clock = clock
        self.state = State(random: random)
    }

    /// Seeded from `options.seed` (a stream separate from the world's), on the real clock.
    public init(wrapping app: any SandboxHandler, options: SandboxOptions) {
        self.init(
            wrapping: app, options: options,
            random: SeededRandom(seed: options.seed ^ 0xFA01_7FA0_17FA_017F), clock: SystemFaultClock())
    }

    public func handle(_ request: SandboxRequest) async -> SandboxResponse {
        let decision = decide(request)
        if case .pass(let extraDelay, _) = decision, extraDelay > .zero {
            await clock.sleep(for: extraDelay)
        }
        if latency > .zero { await clock.sleep(for: latency) }
        switch decision {
        case .answer(let response): return response
        case .pass(_, let dropAfter):
            let response = await app.handle(request)
            return dropAfter ? .dropConnection : response
        }
    }

    private enum Decision {
        case answer(SandboxResponse)
        /// Handled by the app; `dropAfter` loses its answer.
        case pass(extraDelay: Duration, dropAfter: Bool)
    }

    /// Decided on arrival, so the rate-limit window counts requests when they come in.
    private func decide(_ request: SandboxRequest) -> Decision {
        var extraDelay = Duration.zero
        var dropAfter = false
        if let value = request.header(Self.headerName) {
            switch Fault(headerValue: value) {
            case nil:
                let message = "Invalid \(Self.headerName) header '\(value)'. Use 500, 503, 429, drop, drop-after or delay=MS."
                return .answer(errorResponse(
                    status: 400, shouldRetry: false,
                    error: ["type": "invalid_request_error", "message": .string(message)]))
            case .drop?: return .answer(.dropConnection)
            case .dropAfter?: dropAfter = true
            case .status(429)?: return .answer(rateLimited())
            case .status(let status)?: return .answer(serverError(status))
            case .delay(let ms)?: extraDelay = .milliseconds(ms)
            }
        }
        if rateLimit > 0 && !state.admit(at: clock.now(), limit: rateLimit) {
            return .answer(rateLimited())
        }
        if failRate > 0, let status = state.drawFailure(rate: failRate) {
            return .answer(serverError(status))
        }
        if dropAfterRate > 0, !dropAfter { dropAfter = state.draw(rate: dropAfterRate) }
        return .pass(extraDelay: extraDelay, dropAfter: dropAfter)
    }

    private func serverError(_ status: Int) -> SandboxResponse {
        let message = status == 503
            ? "Stripe is temporarily unavailable (simulated by stripe-fc sandbox). Please retry."
            : "An unknown error occurred (simulated by stripe-fc sandbox). Please retry."
        return errorResponse(status: status, shouldRetry: true, error: ["type": "api_error", "message": .string(message)])
    }

    private func rateLimited() -> SandboxResponse {
        errorResponse(status: 429, shouldRetry: true, error: [
            "type": "invalid_request_error",
            "code": "rate_limit",
            "message": "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
            "doc_url": "https://stripe.com/docs/error-codes/rate-limit",
        ])
    }

    private func errorResponse(status: Int, shouldRetry: Bool, error: JSONObject) -> SandboxResponse {
        let body: JSON = ["error": .object(error)]
        return SandboxResponse(
            status: status,
            headers: [
                (name: "Content-Type", value: "application/json"),
                (name: "Request-Id", value: state.requestID()),
                (name: "Stripe-Should-Retry", value: shouldRetry ? "true" : "false"),
            ],
            body: Array(body.serialized(pretty: true).utf8))
    }

    /// The injector's mutable parts, shared by all connections.
    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var random: AnyGenerator
        /// Arrival times of the requests let through in the last second, oldest first.
        private var window: [Duration] = []

        init(random: some RandomNumberGenerator & Sendable) {
            self.random = AnyGenerator(base: random)
        }

        func admit(at now: Duration, limit: Int) -> Bool {
            lock.withLock {
                let expired = window.prefix { now - $0 >= .seconds(1) }.count
                window.removeFirst(expired)
                guard window.count < limit else { return false }
                window.append(now)
                return true
            }
        }

        /// 500 or 503 with probability `rate`, else nil.
        func drawFailure(rate: Double) -> Int? {
            lock.withLock {
                guard Double.random(in: 0..<1, using: &random) < rate else { return nil }
                return Bool.random(using: &random) ? 500 : 503
            }
        }

        /// True with probability `rate`.
        func draw(rate: Double) -> Bool {
            lock.withLock { Double.random(in: 0..<1, using: &random) < rate }
        }

        /// `req_` and 14 letters or digits, the shape of Stripe's request ids.
        func requestID() -> String {
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            return lock.withLock {
                "req_" + String((0..<14).map { _ in alphabet.randomElement(using: &random)! })
            }
        }
    }

    private struct AnyGenerator: RandomNumberGenerator {
        var base: any RandomNumberGenerator & Sendable
        mutating func next() -> UInt64 { base.next() }
    }

    /// SplitMix64: tiny, fast, and the same sequence on every platform for a given seed.
    public struct SeededRandom: RandomNumberGenerator, Sendable {
        private var state: UInt64

        public init(seed: UInt64) { state = seed }

        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
