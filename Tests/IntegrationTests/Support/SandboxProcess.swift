import Foundation

struct SandboxStartError: Error, CustomStringConvertible {
    let description: String
}

/// A real `stripe-fc sandbox --port 0 …` subprocess. It runs under a tiny shell guard that kills it as
/// soon as this process lets go of the guard's stdin — on `stop()`, or when the test runner
/// exits or crashes — so no sandbox outlives the tests.
final class SandboxProcess: Sendable {
    /// `http://127.0.0.1:PORT`, from the sandbox's first stdout line.
    let url: String
    let arguments: [String]
    private let guardProcess: ChildProcess
    private let lifeline: FileHandle

    /// Default options: short refresh and settle delays keep waits well under a second.
    static let defaultArguments = ["--refresh-delay", "200", "--settle-delay", "400"]

    /// - Parameter fileSizeLimit: `ulimit -f` for the sandbox, in 512-byte blocks: writes past it fail with EFBIG.
    static func start(_ arguments: [String] = defaultArguments, fileSizeLimit: Int? = nil) async throws -> SandboxProcess {
        guard let binary = FCBinary.path else { throw SandboxStartError(description: FCBinary.missingMessage) }
        let pipe = Pipe()
        let limit = fileSizeLimit.map { "ulimit -f \($0) || exit 1; " } ?? ""
        let script = limit + #""$0" sandbox --port 0 "$@" & pid=$!; read ignored; kill $pid 2>/dev/null"#
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", script, binary] + arguments,
                                     environment: FCEnvironment.childBase(), input: .pipe(pipe), directory: Scratch.directory)
        for _ in 0..<500 {
            if let line = child.stdout.split(separator: "\n").first, child.stdout.contains("\n") {
                let prefix = "listening on "
                guard line.hasPrefix(prefix) else {
                    try? pipe.fileHandleForWriting.close()
                    throw SandboxStartError(description: "unexpected first line from stripe-fc sandbox: \(line)")
                }
                return SandboxProcess(url: String(line.dropFirst(prefix.count)), arguments: arguments, guardProcess: child,
                                      lifeline: pipe.fileHandleForWriting)
            }
            if child.exitCode != nil { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        try? pipe.fileHandleForWriting.close()
        throw SandboxStartError(description: "stripe-fc sandbox \(arguments.joined(separator: " ")) did not start: \(child.stderr)")
    }

    private init(url: String, arguments: [String], guardProcess: ChildProcess, lifeline: FileHandle) {
        self.url = url
        self.arguments = arguments
        self.guardProcess = guardProcess
        self.lifeline = lifeline
    }

    /// What the sandbox wrote to stderr so far.
    var stderr: String { guardProcess.stderr }

    /// Stops the sandbox (the guard sees end of file on its stdin and kills it).
    func stop() {
        try? lifeline.close()
    }

    /// Stops the sandbox and waits until it has exited.
    func stopAndWait() async {
        stop()
        _ = await guardProcess.wait(timeout: 10)
    }
}

/// A scratch directory for this test run's output files and config homes.
enum Scratch {
    static let directory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fc-integration-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// A new empty directory (a config home for one runner).
    static func newDirectory(_ name: String = "home") -> String {
        let path = directory + "/\(name)-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
