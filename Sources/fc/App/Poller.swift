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
