import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process whose stdout and stderr go to files (no pipe can fill up and stall it),
/// awaited without blocking a thread of the test runner's pool.
final class ChildProcess: @unchecked Sendable {
    enum Input {
        /// Reads /dev/null.
        case none
        /// Reads this text, then end of file.
        case text(String)
        /// Reads the read end of this pipe; the caller keeps the write end.
        case pipe(Pipe)
    }

    let stdoutPath: String
    let stderrPath: String
    private let process = Process()
    private let lock = NSLock()
    private var status: Int32?
    private var waiters: [CheckedContinuation<Int32, Never>] = []
    private let outHandle: FileHandle
    private let errHandle: FileHandle

    /// Starts `executable` with exactly `environment`, writing its output under `directory`.
    init(executable: String, arguments: [String], environment: [String: String], input: Input = .none, directory: String) throws {
        let stem = directory + "/" + UUID().uuidString
        stdoutPath = stem + ".out"
        stderrPath = stem + ".err"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = outHandle
        process.standardError = errHandle
        var textPipe: Pipe?
        switch input {
        case .none: process.standardInput = FileHandle.nullDevice
        case .text: textPipe = Pipe(); process.standardInput = textPipe
        case .pipe(let pipe): process.standardInput = pipe
        }
        process.terminationHandler = { [weak self] finished in
            let code = finished.terminationReason == .uncaughtSignal ? 128 + finished.terminationStatus : finished.terminationStatus
            self?.finish(code)
        }
        try process.run()
        if case .text(let text) = input, let textPipe {
            textPipe.fileHandleForWriting.write(Data(text.utf8))
            try? textPipe.fileHandleForWriting.close()
        }
    }

    var pid: Int32 { process.processIdentifier }

    /// Everything written to stdout so far.
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    /// Everything written to stderr so far.
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    var exitCode: Int32? { lock.withLock { status } }

    private func finish(_ code: Int32) {
        let resumed: [CheckedContinuation<Int32, Never>] = lock.withLock {
            status = code
            defer { waiters = [] }
            return waiters
        }
        try? outHandle.close()
        try? errHandle.close()
        for waiter in resumed { waiter.resume(returning: code) }
    }

    /// The exit code (128 + signal when killed by one).
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let done: Int32? = lock.withLock {
                if let status { return status }
                waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// The exit code, or nil when the process is still running after `seconds` (it is then killed).
    func wait(timeout seconds: Double) async -> Int32? {
        let code: Int32? = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await self.wait() }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                return nil
            }
            let first = await group.next() ?? nil
            if first == nil { self.signal(SIGKILL) }
            group.cancelAll()
            return first
        }
        if code == nil { _ = await wait() }
        return code
    }

    /// Sends a signal if the process is still running.
    func signal(_ number: Int32) {
        guard exitCode == nil, process.isRunning else { return }
        kill(process.processIdentifier, number)
    }
}
