import FCKit

/// Polls until a condition holds: backoff from 0.5 s doubling up to 5 s, giving up with
/// exit 5 after the timeout. Sleep and clock come from the environment, so tests never wait.
struct Poller {
    var environment: AppEnvironment
    var timeout: Double
    var what: String

    /// Calls `check` until it returns a value; `check` returns nil to keep waiting. At the
    /// timeout, returns `lastSeen()` when given (the caller reports what is still unfinished), else throws exit 5.
    func wait<T>(orGiveUpWith lastSeen: (() -> T)? = nil, _ check: () async throws -> T?) async throws -> T {
        let deadline = environment.now() + timeout
        var delay = 0.5
        while true {
            if let done = try await check() { return done }
            try Task.checkCancellation()
            let remaining = deadline - environment.now()
            guard remaining > 0 else {
                if let lastSeen { return lastSeen() }
                throw Self.gaveUp(waitingFor: what, after: timeout)
            }
            try await environment.sleep(min(delay, remaining))
            delay = min(delay * 2, 5)
        }
    }

    /// Exit 5: the awaited state was not reached in time.
    static func gaveUp(waitingFor what: String, after timeout: Double) -> CLIError {
        CLIError(message: "gave up waiting for \(what) after \(describe(timeout))", exitCode: ExitCode.waitTimeout,
                 hint: "raise --wait-timeout, or check again later without --wait")
    }

    static func describe(_ seconds: Double) -> String {
        seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m" : "\(Int(seconds))s"
    }
}

extension CommandContext {
    /// `--wait-timeout` in seconds (default 2 minutes).
    var waitTimeout: Double { string("wait-timeout").flatMap(ValueCheck.duration) ?? 120 }
}

/// What `pay --wait` and `setup --wait` share: a PaymentIntent or SetupIntent polled until it
/// leaves `processing`, and how one that did not end well is reported.
struct IntentWait {
    /// `payment` / `setup`: how messages name the intent.
    let noun: String
    /// `settle` / `finish`: what the wait is for.
    let verb: String
    /// `last_payment_error` / `last_setup_error`.
    let errorKey: String
    let retrieve: @Sendable (String) -> StripeRequest

    /// Polls until the intent leaves `processing`; when the wait gives up, the intent as last seen
    /// comes back (still `processing`, which `failure(_:waitedFor:)` reports as exit 5).
    func wait(_ intent: JSON, context: CommandContext, client: StripeClient) async throws -> JSON {
        guard let id = intent["id"]?.stringValue, intent["status"]?.stringValue == "processing" else { return intent }
        let poller = Poller(environment: context.environment, timeout: context.waitTimeout, what: "\(noun) \(id) to \(verb)")
        var latest = intent
        return try await poller.wait(orGiveUpWith: { latest }) {
            let fresh = try await client.send(retrieve(id)).json
            latest = fresh
            if fresh["status"]?.stringValue == "processing" {
                context.notice("waiting for \(id) to leave processing…")
                return nil
            }
            return fresh
        }
    }

    /// A failed intent (back to requires_payment_method with an error, or canceled); or, after
    /// `--wait`, still processing when the wait gave up.
    func failure(_ intent: JSON, waitedFor timeout: Double? = nil) -> CLIError? {
        let id = intent["id"]?.stringValue ?? ""
        if let timeout, intent["status"]?.stringValue == "processing" {
            return Poller.gaveUp(waitingFor: "\(noun) \(id) to \(verb) (it is still processing and may yet succeed or fail)", after: timeout)
        }
        if let error = intent[errorKey], !error.isNull {
            let code = error["code"]?.stringValue.map { " (\($0))" } ?? ""
            return CLIError(message: "\(noun) \(id) failed: \(error["message"]?.displayText ?? "unknown reason")\(code)", exitCode: ExitCode.failure)
        }
        if intent["status"]?.stringValue == "canceled" {
            return CLIError(message: "\(noun) \(id) was canceled", exitCode: ExitCode.failure)
        }
        return nil
    }
}
