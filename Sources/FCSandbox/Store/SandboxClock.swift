import FCKit

/// The one source of sandbox time. Every timestamp the sandbox writes (objects, events, refresh
/// and settlement times, idempotency expiry, the journal) is read from here: the wall clock
/// plus an offset (`system`), or a time that moves only when told to (`manual`, `--clock manual`).
/// Advancing moves either forward; what falls due on the way runs in time order
/// (`SandboxEngine.applyDueTransitions`). It is engine state, so it is rolled back with a
/// request that could not be journaled and rebuilt by a journal replay.
struct SandboxClock: Sendable, Equatable {
    enum Mode: String, Sendable { case system, manual }

    private(set) var mode: Mode = .system
    /// Seconds added to the wall clock in `system` mode.
    private(set) var offset: Double = 0
    /// The time in `manual` mode.
    private(set) var frozen: Double = 0

    /// Sandbox time when the wall clock reads `wall`.
    func now(wall: Double) -> Double {
        mode == .manual ? frozen : wall + offset
    }

    /// Stops time at `now` (idempotent: a frozen clock stays where it is).
    mutating func freeze(at now: Double) {
        guard mode == .system else { return }
        mode = .manual
        frozen = now
    }

    /// Moves time forward by `seconds` from `now`. A replay recomputes the same result: in
    /// `manual` mode from the recorded `now`, in `system` mode by adding the same offset.
    mutating func advance(by seconds: Double, from now: Double) {
        switch mode {
        case .manual: frozen = now + seconds
        case .system: offset += seconds
        }
    }
}

/// GET /v1/test_helpers/sandbox/clock, POST …/clock/advance and …/clock/freeze: the sandbox's
/// clock as a test clock (Stripe's `/v1/test_helpers/test_clocks` has `frozen_time` and `advance`).
extension SandboxEngine {
    static let clockPath = "/v1/test_helpers/sandbox/clock"

    func renderClock(now: Double) -> JSON {
        var o = JSONObject()
        o["object"] = "test_helpers.sandbox_clock"
        o["frozen_time"] = clock.mode == .manual ? .int(Int(now)) : .null
        o["livemode"] = false
        o["mode"] = .string(clock.mode.rawValue)
        o["now"] = .int(Int(now))
        o["pending_transitions"] = .int(transitions.count)
        o["next_transition_at"] = transitions.map(\.due).min().map { .int(Int($0.rounded(.up))) } ?? .null
        return .object(o)
    }

    func retrieveClock(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        return .json(renderClock(now: ctx.now))
    }

    func freezeClock(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        clock.freeze(at: ctx.now)
        return .json(renderClock(now: ctx.now))
    }

    /// `seconds` (relative) or `frozen_time` (absolute, as Stripe's test clocks take it); never backwards.
    func advanceClock(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, [("seconds", .integer), ("frozen_time", .integer)])
        let seconds: Int
        switch (p.int("seconds"), p.int("frozen_time")) {
        case (let s?, nil): seconds = s
        case (nil, let t?): seconds = t - ctx.timestamp
        case (nil, nil): throw .missingParameter("seconds")
        default:
            throw APIError(code: "parameters_exclusive", message: "You may only specify one of these parameters: frozen_time, seconds.",
                           param: "seconds", isValidation: true)
        }
        guard seconds > 0 else {
            throw APIError(message: "The sandbox clock only moves forward: \(p.int("frozen_time") != nil ? "frozen_time must be after the clock's current time \(ctx.timestamp)" : "seconds must be at least 1").",
                           param: p.int("frozen_time") != nil ? "frozen_time" : "seconds", isValidation: true)
        }
        guard seconds <= 3660 * 86_400 else {
            throw APIError(message: "The sandbox clock advances at most 3660 days at a time; seconds was \(seconds).", param: "seconds", isValidation: true)
        }
        let now = ctx.now + Double(seconds)
        clock.advance(by: Double(seconds), from: ctx.now)
        applyDueTransitions(now: now)
        return .json(renderClock(now: now))
    }
}
