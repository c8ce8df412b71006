import FCKit
import Foundation

/// Everything a command touches outside itself, injected so tests can replace each part.
struct AppEnvironment: Sendable {
    var io: IO
    /// Environment variables.
    var variables: [String: String]
    var transport: any Transport
    /// Waits between polls and retries; tests pass one that returns at once.
    var sleep: @Sendable (Double) async throws -> Void
    /// Wall-clock unix seconds.
    var now: @Sendable () -> Double
    var timeZone: TimeZone = .current

    static func standard() -> AppEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return AppEnvironment(
            io: .standard(environment: variables), variables: variables, transport: CurlTransport(),
            sleep: { try await Task.sleep(nanoseconds: UInt64(max($0, 0) * 1e9)) },
            now: { Date().timeIntervalSince1970 })
    }
}

/// A failure the CLI itself detects, with the exit code it maps to.
struct CLIError: Error {
    var message: String
    var exitCode: Int32
    var hint: String? = nil
    /// One entry per account that failed in a bulk command (account, step, message, code, request id).
    var failures: [JSONObject] = []

    /// A bad combination of values found after parsing: exit 2, nothing sent.
    static func usage(_ message: String, hint: String? = nil) -> CLIError { CLIError(message: message, exitCode: ExitCode.usage, hint: hint) }
}

/// A command that shut down cleanly on SIGINT or SIGTERM: it exits 128 + the signal (130, 143),
/// as a shell reports a process the signal ended, with nothing more to say.
struct StoppedBySignal: Error {
    var signal: Int32
    var exitCode: Int32 { 128 + signal }
}

enum ExitCode {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    static let auth: Int32 = 3
    static let network: Int32 = 4
    static let waitTimeout: Int32 = 5
    static let interrupted: Int32 = 130
}
