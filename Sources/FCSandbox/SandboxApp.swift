import FCKit
import Foundation

/// The Stripe-compatible application behind `stripe-fc sandbox`: auth, parameters, idempotency,
/// routing and all Financial Connections state. Serialises requests with one lock; time-driven
/// changes (refreshes, payment settlement) are applied lazily before each request, stamped
/// with the time they fell due.
public final class SandboxApp: SandboxHandler, @unchecked Sendable {
    /// Wall-clock unix seconds; injectable so tests advance time instead of sleeping. Sandbox
    /// time is this read through the engine's `SandboxClock` (offset, or frozen by `--clock manual`).
    public typealias Clock = @Sendable () -> Double

    let lock = NSLock()
    let engine: SandboxEngine
    private let journal: Journal?
    let clock: Clock
    private var requestCounter: UInt64 = 0
    private let requestSalt: UInt64

    /// Ids spent by requests whose journal write failed, not yet in the file (see `IdSkip`).
    private var pendingSkips: [IdSkip] = []
    /// What `options.dataRepair` cut off the data file at start-up, if anything.
    public let dataRepair: SandboxDataRepair?
    /// Delivers events to webhook endpoints; nil when the app was given no transport.
    var webhooks: WebhookDispatcher?

    /// Builds the app; with `options.dataFile` set, replays the data file first.
    /// - Parameter webhookTransport: how events reach webhook endpoints; without one, none are delivered.
    /// - Throws: `SandboxDataError` when the data file cannot be read, written or understood.
    public convenience init(options: SandboxOptions, clock: @escaping Clock = { Date().timeIntervalSince1970 },
                            webhookTransport: (any Transport)? = nil) throws {
        try self.init(options: options, clock: clock, journalIO: .system, webhookTransport: webhookTransport)
    }

    /// `journalIO` stands in for the data file's write and fsync calls (tests fill the disk with it).
    init(options: SandboxOptions, clock: @escaping Clock, journalIO: JournalFileIO, webhookTransport: (any Transport)? = nil) throws {
        self.clock = clock
        requestSalt = UInt64.random(in: 0...UInt64.max)
        guard let path = options.dataFile else {
            engine = SandboxEngine(options: options)
            journal = nil
            dataRepair = nil
            if options.manualClock { engine.clock.freeze(at: clock()) }
            if let scenario = options.scenarioFile { try SandboxApp.loadScenario(scenario, into: engine, wall: clock()) }
            startWebhooks(webhookTransport, retryBaseMS: options.webhookRetryBaseMS)
            return
        }
        if options.scenarioFile != nil {
            throw SandboxScenarioError(path: options.scenarioFile!, reason: "cannot be combined with a data file: a scenario seeds a fresh world")
        }
        let (journal, effective, entries, repair) = try Journal.open(path: path, options: options, io: journalIO)
        engine = SandboxEngine(options: effective)
        self.journal = journal
        dataRepair = repair
        for entry in entries {
            for skip in entry.skips {
                engine.applyDueTransitions(now: skip.time)
                engine.ids.skip(to: skip.counter)
            }
            _ = process(entry.request, replayedAt: entry.time, requestId: entry.requestId)
        }
        // A frozen clock resumes where the recorded history stopped, not at today's wall time.
        if options.manualClock { engine.clock.freeze(at: entries.last?.time ?? clock()) }
        // Deliveries of replayed events were made (or not) by the run that emitted them, which
        // kept no record of their outcome: they count as acknowledged.
        for due in engine.webhookOutbox { for _ in due.endpoints { engine.webhookAcknowledged(due.event) } }
        engine.webhookOutbox = []
        startWebhooks(webhookTransport, retryBaseMS: options.webhookRetryBaseMS)
    }

    public func handle(_ request: SandboxRequest) async -> SandboxResponse {
        let wall = clock()
        defer { dispatchWebhooks() }
        return process(request, replayedAt: nil, requestId: nil, wall: wall)
    }

    private func nextRequestId() -> String {
        requestCounter += 1
        var rng = SeededRandom(requestSalt, requestCounter)
        return "req_" + rng.alphanumerics(14)
    }

    /// Everything for one request, under the lock. `replayedAt` is set for a journal replay at
    /// start-up (the sandbox time the request first ran at): the key was checked when the request
    /// first arrived, and it is not journaled again. Otherwise sandbox time is read from the
    /// engine's `SandboxClock` at wall time `wall`, the one place every timestamp comes from.
    func process(_ request: SandboxRequest, replayedAt: Double?, requestId fixedId: String?, wall: Double = 0) -> SandboxResponse {
        lock.lock()
        defer { lock.unlock() }
        let replaying = replayedAt != nil
        let now = replayedAt ?? engine.clock.now(wall: wall)
        var response = process(request, now: now, requestId: fixedId, replaying: replaying)
        response.date = now
        return response
    }

    private func process(_ request: SandboxRequest, now: Double, requestId fixedId: String?, replaying: Bool) -> SandboxResponse {
        let requestId = fixedId ?? nextRequestId()
        let sentVersion = request.header("Stripe-Version")
        let version = sentVersion.flatMap { APIVersions.isKnown($0) ? $0 : nil } ?? SandboxEngine.apiVersion
        let key = request.method == "POST" ? request.header("Idempotency-Key") : nil
        var outcome = Exchange(requestId: requestId, version: version, idempotencyKey: key)
        outcome.stripeAccount = request.header("Stripe-Account")
        let isV2 = request.path.hasPrefix("/v2/")
        let isHostedPage = request.path.hasPrefix("/link/")

        if !replaying, !isHostedPage, let failure = Authentication.check(request) {
            return outcome.error(failure, now: now, v2: isV2)
        }
        if !replaying, !isV2, !isHostedPage, let failure = Authentication.checkAccount(request, known: engine.v2Accounts) {
            return outcome.error(failure, now: now, v2: isV2)
        }
        if !replaying, !isHostedPage, let failure = APIVersions.check(sentVersion) {
            return outcome.error(failure, now: now, v2: isV2)
        }
        engine.applyDueTransitions(now: now)

        if let key {
            engine.expireIdempotencyKeys(now: now)
            if let stored = engine.idempotency[key] {
                guard stored.method == request.method, stored.path == request.path, stored.body == request.body else {
                    let message = "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '\(key)' if you meant to execute a different request."
                    return outcome.error(APIError(type: "idempotency_error", message: message), now: now, v2: isV2)
                }
                return outcome.replay(stored)
            }
        }

        let journal = request.method != "GET" && !replaying ? self.journal : nil
        let before = journal == nil ? nil : engine.snapshot()
        let counterBefore = engine.ids.counter
        let response = route(request, now: now, requestId: requestId, isV2: isV2, outcome: &outcome)
        if let journal, let before, response.status < 500, outcome.mutating {
            var entry = JournalEntry(time: now, requestId: requestId, request: request)
            entry.skips = pendingSkips
            do throws(JournalWriteError) {
                try journal.append(entry)
                pendingSkips = []
            } catch {
                // Not durable, so it did not happen: no object, no event, no idempotent answer
                // to replay. The ids it took stay spent.
                engine.restore(before)
                if engine.ids.counter != counterBefore { pendingSkips.append(IdSkip(time: now, counter: engine.ids.counter)) }
                return journalFailure(error, outcome: &outcome, now: now, v2: isV2)
            }
        }
        if let key, outcome.storable {
            engine.storeIdempotent(key, IdempotencyEntry(method: request.method, path: request.path, body: request.body,
                                                         status: response.status, responseBody: response.body,
                                                         requestId: requestId, storedAt: now))
        }
        return response
    }

    /// A 500 the client should retry: nothing was changed, so the retry (same key) runs afresh.
    private func journalFailure(_ error: JournalWriteError, outcome: inout Exchange, now: Double, v2: Bool) -> SandboxResponse {
        let message = "The sandbox could not write its data file (\(error.reason)), so nothing was changed. Please retry."
        var response = outcome.error(APIError(status: 500, type: "api_error", message: message), now: now, v2: v2)
        response.headers.append((name: "Stripe-Should-Retry", value: "true"))
        return response
    }

    private func route(_ request: SandboxRequest, now: Double, requestId: String, isV2: Bool, outcome: inout Exchange) -> SandboxResponse {
        guard let (route, captured) = Router.find(method: request.method, path: request.path) else {
            outcome.mutating = false
            outcome.storable = false
            return outcome.error(.unrecognizedURL(method: request.method, path: request.path), now: now, v2: isV2)
        }
        let counterBefore = engine.ids.counter
        do {
            let (params, json) = try RequestDecoding.decode(request, isV2: isV2)
            // Expansion paths are checked before the endpoint runs, as Stripe does.
            if let target = route.expand, let paths = params.strings("expand") { try target.check(paths) }
            var context = RequestContext(method: request.method, path: request.path, params: params, json: json,
                                         requestId: requestId, now: now, idempotencyKey: outcome.idempotencyKey)
            context.pathParams = captured
            switch try route.handler(engine, context) {
            case .json(let body): return outcome.success(route.expand == nil ? body : engine.expand(body, paths: params.expand))
            case .html(let page, let status): return outcome.html(page, status: status)
            }
        } catch {
            // Errors raised after the endpoint started executing are saved for replay, as Stripe does;
            // parameter validation failures are not (nothing ran).
            outcome.storable = !error.isValidation && error.status < 500
            outcome.mutating = !error.isValidation || engine.ids.counter != counterBefore
            return outcome.error(error, now: now, v2: isV2)
        }
    }
}
