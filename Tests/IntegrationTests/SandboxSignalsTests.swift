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
    @Test("stripe-fc sandbox stops on SIGINT with 130 and on SIGTERM with 143", arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func stopsOnSignal(_ signal: Int32, _ expected: Int32) async throws {
        let fc = try FCRunner.shared()
        let server = try fc.start(["sandbox", "--port", "0"])
        let listening = await server.waitFor { out, _ in out.hasPrefix("listening on http://127.0.0.1:") && out.contains("\n") }
        #expect(listening, "\(server.stdoutSoFar)\(server.stderrSoFar)")
        server.child.signal(signal)
        let result = try await server.finish(timeout: 10)
        #expect(result.code == expected, "\(result)")
        #expect(!result.err.contains("error"), "\(result)")
    }

    /// The address line is the sandbox's promise that it is ready, signals included: a signal sent
    /// the moment that line is read must stop it cleanly, never kill it outright or go unnoticed.
    @Test("a signal sent as soon as the address line is read stops it cleanly, every time", arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func signalRightAfterListening(_ signal: Int32, _ expected: Int32) async throws {
        let fc = try FCRunner.shared()
        let binary = try #require(FCBinary.path, Comment(rawValue: FCBinary.missingMessage))
        for attempt in 1...(signal == SIGTERM ? 20 : 5) {
            let run = try await FirstLineSignal.run(binary, ["sandbox", "--port", "0"], environment: fc.environment([:], unsetting: []), signal: signal)
            #expect(run.firstLine.hasPrefix("listening on http://127.0.0.1:"), "attempt \(attempt): \(run)")
            #expect(run.code == expected && !run.killed, "attempt \(attempt): \(run)")
            if run.code != expected || run.killed { break }
        }
    }
}

/// Starts a process with stdout on a pipe and sends it a signal from the reading thread the
/// instant its first line is complete, then waits (up to a generous bound) for it to exit.
private struct FirstLineSignal: CustomStringConvertible {
    var firstLine: String
    /// The exit status, or the signal's number when one ended the process; nil when it was still
    /// running after the bound (it was then killed).
    var code: Int32?
    /// Whether a signal's default action ended the process, rather than the process itself exiting.
    var killed: Bool
    var stderr: String

    var description: String {
        let end = code.map { killed ? "killed by signal \($0)" : "exit \($0)" } ?? "still running after the bound (killed)"
        return "first line \(firstLine.debugDescription), \(end), stderr:\n\(stderr)"
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String], signal: Int32,
                    bound seconds: Double = 30) async throws -> FirstLineSignal {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let stdout = Pipe()
        let stderrPath = Scratch.directory + "/" + UUID().uuidString + ".err"
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let stderrHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        defer { try? stderrHandle.close() }
        process.standardOutput = stdout
        process.standardError = stderrHandle
        process.standardInput = FileHandle.nullDevice
        let exited = ExitBox()
        process.terminationHandler = { finished in
            exited.finish(finished.terminationStatus, killed: finished.terminationReason == .uncaughtSignal)
        }
        try process.run()
        let pid = process.processIdentifier
        let reader = stdout.fileHandleForReading
        let firstLine: String = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                while !bytes.contains(UInt8(ascii: "\n")) {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    bytes += chunk
                }
                if bytes.contains(UInt8(ascii: "\n")) { kill(pid, signal) }
                continuation.resume(returning: String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self))
            }
        }
        let end = await exited.wait(bound: seconds) { kill(pid, SIGKILL) }
        try? reader.close()
        return FirstLineSignal(firstLine: firstLine, code: end?.status, killed: end?.killed ?? true, stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    }
}

/// How a process ended, awaited with an upper bound.
private final class ExitBox: @unchecked Sendable {
    typealias End = (status: Int32, killed: Bool)
    private let lock = NSLock()
    private var end: End?
    private var waiter: CheckedContinuation<End, Never>?

    func finish(_ status: Int32, killed: Bool) {
        let resumed: CheckedContinuation<End, Never>? = lock.withLock {
            end = (status, killed)
            defer { waiter = nil }
            return waiter
        }
        resumed?.resume(returning: (status, killed))
    }

    /// How it ended, or nil when it had not within `seconds` (`kill` is then called, and the end awaited).
    func wait(bound seconds: Double, kill: @escaping @Sendable () -> Void) async -> End? {
        let end: End? = await withTaskGroup(of: End?.self) { group in
            group.addTask { await self.wait() }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                return nil
            }
            let first = await group.next() ?? nil
            if first == nil { kill() }
            group.cancelAll()
            return first
        }
        if end == nil { _ = await wait() }
        return end
    }

    private func wait() async -> End {
        await withCheckedContinuation { continuation in
            let done: End? = lock.withLock {
                if let end { return end }
                waiter = continuation
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }
}
