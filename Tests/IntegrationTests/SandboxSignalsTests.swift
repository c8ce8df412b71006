import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `stripe-fc sandbox` stops cleanly on Ctrl-C and on SIGTERM. Run as a real process: in-process, a
/// signal sent to the busy test runner may land on any of its threads and be lost.
@Suite(.sandbox()) struct SandboxSignalsTests {
    @Test("stripe-fc sandbox stops on SIGINT and on SIGTERM", arguments: [SIGINT, SIGTERM])
    func stopsOnSignal(_ signal: Int32) async throws {
        let fc = try FCRunner.shared()
        let server = try fc.start(["sandbox", "--port", "0"])
        let listening = await server.waitFor { out, _ in out.hasPrefix("listening on http://127.0.0.1:") && out.contains("\n") }
        #expect(listening, "\(server.stdoutSoFar)\(server.stderrSoFar)")
        server.child.signal(signal)
        let result = try await server.finish(timeout: 10)
        #expect(result.code == 0 || result.code == 130, "\(result)")
        #expect(result.err == "", "\(result)")
    }
}
