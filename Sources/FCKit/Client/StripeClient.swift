import Foundation
import Dispatch

/// Sends Stripe API requests: builds the wire request, retries what is safe to retry with
/// backoff, reuses one idempotency key per logical POST, and turns answers into values or
/// `ClientError`s. Time (sleep, jitter, clock) is injected so tests never wait.
public struct StripeClient: Sendable {
    public let configuration: ClientConfiguration
    public let transport: any Transport
    public let retryPolicy: RetryPolicy
    private let builder: RequestBuilder
    private let sleep: @Sendable (Double) async throws -> Void
    private let jitter: @Sendable () -> Double
    private let now: @Sendable () -> Double
    private let onExchange: (@Sendable (ExchangeLog) -> Void)?
    private let onDryRun: (@Sendable (DryRunRequest) -> Void)?
    private let pacer: AdaptiveConcurrency?

    /// - Parameters:
    ///   - sleep: waits the given seconds between attempts; throwing (cancellation) stops retrying.
    ///   - jitter: a multiplier on each backoff, so many clients do not retry in lockstep.
    ///   - now: monotonic seconds, used only to measure durations for `onExchange`.
    ///   - onExchange: called after every attempt (for `--verbose`).
    ///   - onDryRun: called with the redacted request when `configuration.dryRun` is set.
    ///   - pacer: shared by every client of a run; told of every answer, and spaces request starts
    ///     once the API has answered 429.
    public init(configuration: ClientConfiguration, transport: any Transport,
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64(max($0, 0) * 1e9)) },
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.5...1.0) },
                now: @escaping @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
                onExchange: (@Sendable (ExchangeLog) -> Void)? = nil,
                onDryRun: (@Sendable (DryRunRequest) -> Void)? = nil,
                pacer: AdaptiveConcurrency? = nil) {
        self.configuration = configuration
        self.transport = transport
        var policy = RetryPolicy(maxRetries: max(configuration.maxRetries, 0))
        policy.rateLimitBudget = max(configuration.timeout, 60)
        self.retryPolicy = policy
        self.builder = RequestBuilder(configuration: configuration)
        self.sleep = sleep
        self.jitter = jitter
        self.now = now
        self.onExchange = onExchange
        self.onDryRun = onDryRun
        self.pacer = pacer
    }

    /// The exact HTTP request `send` would make for `request` with this idempotency key.
    public func httpRequest(for request: StripeRequest, idempotencyKey: String? = nil) -> HTTPRequest {
        builder.httpRequest(for: request, idempotencyKey: idempotencyKey)
    }

    /// Sends one logical request, retrying per `retryPolicy`, and returns the 2xx answer. A POST
    /// that got no answer in the end throws `.outcomeUnknown` with its idempotency key.
    public func send(_ request: StripeRequest) async throws(ClientError) -> StripeResponse {
        let key = request.method == .post ? (request.idempotencyKey ?? IdempotencyKey.generate()) : nil
        let http = builder.httpRequest(for: request, idempotencyKey: key)
        if configuration.dryRun {
            onDryRun?(builder.redacted(http))
            throw .dryRun
        }
        let loggedPath = builder.loggedPath(request)
        do {
            return try await attempts(http, key: key, loggedPath: loggedPath)
        } catch {
            guard let key else { throw error }
            switch error {
            case .network(let transport, let attempts):
                throw .outcomeUnknown(transport, attempts: attempts, method: http.method, path: loggedPath, idempotencyKey: key)
            case .api(let stripe) where stripe.httpStatus >= 500 || stripe.httpStatus == 408:
                // Stripe: a 5xx leaves a POST's result indeterminate (and a 408 may answer a resend of
                // a write that was already handled); only the same key retries it safely.
                let transport = TransportError(kind: .connection, message: "HTTP \(stripe.httpStatus): \(stripe.message)\(stripe.requestID.map { ", request id \($0)" } ?? "")")
                throw .outcomeUnknown(transport, attempts: retryPolicy.maxRetries + 1, method: http.method, path: loggedPath, idempotencyKey: key)
            default:
                throw error
            }
        }
    }

    private func attempts(_ http: HTTPRequest, key: String?, loggedPath: String) async throws(ClientError) -> StripeResponse {
        var attempt = 0
        // 429s: retried from a budget of backoff time, not from `maxRetries` (RetryPolicy.rateLimitBudget).
        var rateLimited = 0, rateLimitWaited = 0.0
        while true {
            if let pacer {
                let wait = pacer.delayBeforeStart()
                if wait > 0 {
                    // A 429's retry waits its turn in the pace instead of a backoff of its own.
                    if rateLimited > 0 { rateLimitWaited += wait }
                    try await pause(seconds: wait, attempts: attempt + rateLimited, lastError: TransportError(kind: .connection, message: "pacing under the rate limit"))
                }
            }
            let started = now()
            let outcome: Result<HTTPResponse, TransportError>
            do {
                outcome = .success(try await transport.send(http))
            } catch let error as TransportError {
                outcome = .failure(error)
            } catch is CancellationError {
                outcome = .failure(TransportError(kind: .cancelled, message: "request cancelled"))
            } catch {
                outcome = .failure(TransportError(kind: .connection, message: String(describing: error)))
            }
            let durationMS = Int(((now() - started) * 1000).rounded())
            pacer?.observe(status: try? outcome.get().status)

            switch outcome {
            case .failure(let error):
                onExchange?(ExchangeLog(method: http.method, path: loggedPath, status: nil, requestID: nil,
                                        durationMS: durationMS, attempt: attempt + rateLimited, error: Secrets.redact(error.message),
                                        idempotencyKey: key))
                guard retryPolicy.shouldRetry(status: nil, headers: [], error: error, attempt: attempt) else {
                    throw .network(error, attempts: attempt + 1)
                }
                try await pause(beforeRetry: attempt + 1, retryAfter: nil, lastError: error)
            case .success(let response):
                let requestID = response.header("Request-Id")
                onExchange?(ExchangeLog(method: http.method, path: loggedPath, status: response.status, requestID: requestID,
                                        durationMS: durationMS, attempt: attempt + rateLimited, idempotencyKey: key))
                if (200..<300).contains(response.status) {
                    return try Self.decode(response, requestID: requestID)
                }
                if (300..<400).contains(response.status) {
                    // Never followed: the key would go wherever the Location says.
                    let target = response.header("Location").flatMap { URL(string: $0)?.host ?? $0 } ?? "nowhere (no Location)"
                    throw .api(StripeError(type: "api_error", message: "the API answered HTTP \(response.status), a redirect to \(target), which is not followed: check --base-url",
                                           httpStatus: response.status, requestID: requestID))
                }
                if retryPolicy.retriesRateLimit(status: response.status, headers: response.headers), rateLimited < retryPolicy.maxRateLimitRetries {
                    let retryAfter = response.header("Retry-After")
                    let delay = pacer?.pace != nil ? retryPolicy.retryAfterSeconds(retryAfter) ?? 0
                        : retryPolicy.delay(forRetry: rateLimited + 1, retryAfter: retryAfter, jitter: jitter())
                    if rateLimitWaited + delay <= retryPolicy.rateLimitBudget {
                        rateLimited += 1
                        rateLimitWaited += delay
                        if delay > 0 {
                            try await pause(seconds: delay, attempts: attempt + rateLimited, lastError: TransportError(kind: .connection, message: "HTTP 429"))
                        }
                        continue
                    }
                }
                guard retryPolicy.shouldRetry(status: response.status, headers: response.headers, error: nil, attempt: attempt) else {
                    throw .api(StripeError.parse(status: response.status, body: response.body, requestID: requestID))
                }
                let lastError = TransportError(kind: .connection, message: "HTTP \(response.status)")
                try await pause(beforeRetry: attempt + 1, retryAfter: response.header("Retry-After"), lastError: lastError)
            }
            attempt += 1
        }
    }

    /// Every item of a list endpoint, fetched page by page as the consumer iterates.
    /// - Parameter limit: the most items to yield; nil means every page.
    public func list(_ path: String, params: JSONObject = [:], limit: Int?) -> Paginator {
        Paginator(client: self, path: path, params: params, limit: limit)
    }

    private func pause(beforeRetry n: Int, retryAfter: String?, lastError: TransportError) async throws(ClientError) {
        try await pause(seconds: retryPolicy.delay(forRetry: n, retryAfter: retryAfter, jitter: jitter()), attempts: n, lastError: lastError)
    }

    private func pause(seconds: Double, attempts: Int, lastError: TransportError) async throws(ClientError) {
        do {
            try await sleep(seconds)
        } catch {
            throw .network(TransportError(kind: .cancelled, message: "cancelled while waiting to retry (\(lastError.message))"),
                           attempts: attempts)
        }
    }

    private static func decode(_ response: HTTPResponse, requestID: String?) throws(ClientError) -> StripeResponse {
        let json: JSON
        do {
            json = try JSON.parse(response.body)
        } catch {
            let detail = response.body.isEmpty ? "empty body" : "\(error.description); body starts: \(StripeError.snippet(String(decoding: response.body, as: UTF8.self), limit: 80))"
            throw .invalidResponse(status: response.status, requestID: requestID, message: "the API answered with a body that is not JSON (\(detail))")
        }
        // A 2xx must carry a Stripe object: `null`, an array or an error object under a success
        // status would otherwise pass for a result.
        guard let object = json.objectValue else {
            throw .invalidResponse(status: response.status, requestID: requestID, message: "the API answered \(response.status) with JSON that is not an object")
        }
        if object["error"] != nil {
            let message = json.value(at: "error.message")?.stringValue.map { ": \(StripeError.snippet($0, limit: 120))" } ?? ""
            throw .invalidResponse(status: response.status, requestID: requestID, message: "the API answered \(response.status) with an error object\(message)")
        }
        if object["object"] == nil, object["id"] == nil {
            throw .invalidResponse(status: response.status, requestID: requestID, message: "the API answered \(response.status) with an object that is no Stripe object (no object or id)")
        }
        let replayed = response.header("Idempotent-Replayed")?.lowercased() == "true"
        return StripeResponse(status: response.status, headers: response.headers, json: json, requestID: requestID, replayed: replayed)
    }
}
