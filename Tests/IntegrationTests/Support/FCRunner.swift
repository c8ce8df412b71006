import FCKit
import Foundation
import Testing

/// What one `stripe-fc` run produced.
struct FCResult: Sendable, CustomStringConvertible {
    var arguments: [String]
    var code: Int32
    var out: String
    var err: String

    /// stdout parsed with FCKit's JSON parser.
    func json() throws -> JSON { try JSON.parse(out) }
    /// stdout as JSON lines, each parsed.
    func jsonLines() throws -> [JSON] { try lines.map { line throws -> JSON in try JSON.parse(line) } }
    /// stdout's lines, without the final empty one.
    var lines: [String] { out.isEmpty ? [] : out.split(separator: "\n", omittingEmptySubsequences: false).dropLast(out.hasSuffix("\n") ? 1 : 0).map(String.init) }

    var description: String { "stripe-fc \(arguments.joined(separator: " ")) → exit \(code)\n--- stdout\n\(out)--- stderr\n\(err)" }
}

/// The environment every child gets: the test runner's, minus anything that could change stripe-fc's
/// behaviour (FC_*, STRIPE_*, NO_COLOR, XDG_CONFIG_HOME, COLUMNS).
enum FCEnvironment {
    static func childBase() -> [String: String] {
        ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("FC_") && !key.hasPrefix("STRIPE_") && !["NO_COLOR", "XDG_CONFIG_HOME", "COLUMNS", "HOME"].contains(key)
        }
    }
}

/// Runs the built `stripe-fc` against one sandbox with a private config home, and checks on every run
/// that the API key never shows up in its output.
struct FCRunner: Sendable {
    static let apiKey = "sk_test_integration"

    let baseURL: String
    let configHome: String

    /// The runner of the current suite's shared sandbox (set by the `.sandbox` trait).
    @TaskLocal static var current: FCRunner?

    init(baseURL: String, configHome: String = Scratch.newDirectory()) {
        self.baseURL = baseURL
        self.configHome = configHome
    }

    init(_ sandbox: SandboxProcess) { self.init(baseURL: sandbox.url) }

    /// The suite's runner; records an issue when the suite has no `.sandbox` trait.
    static func shared(sourceLocation: SourceLocation = #_sourceLocation) throws -> FCRunner {
        try #require(current, "this suite needs the .sandbox trait", sourceLocation: sourceLocation)
    }

    func environment(_ extra: [String: String], unsetting: Set<String>) -> [String: String] {
        var env = FCEnvironment.childBase()
        env["STRIPE_API_KEY"] = Self.apiKey
        env["FC_API_BASE"] = baseURL
        env["XDG_CONFIG_HOME"] = configHome
        env["HOME"] = configHome
        env["TZ"] = "UTC"
        for (key, value) in extra { env[key] = value }
        for key in unsetting { env[key] = nil }
        return env
    }

    /// Runs `stripe-fc args…` to completion (killed after `timeout` seconds) and returns its exit code and output.
    @discardableResult
    func run(_ args: [String], env: [String: String] = [:], unsetting: Set<String> = [], stdin: String? = nil,
             timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) async throws -> FCResult {
        let child = try start(args, env: env, unsetting: unsetting, stdin: stdin)
        return try await child.finish(timeout: timeout, sourceLocation: sourceLocation)
    }

    /// `run` for a shell-like command line (`customers list --limit 3`); single quotes group words.
    @discardableResult
    func run(_ line: String, env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> FCResult {
        try await run(ShellWords.split(line), env: env, sourceLocation: sourceLocation)
    }

    /// Starts `stripe-fc args…` in the background.
    func start(_ args: [String], env: [String: String] = [:], unsetting: Set<String> = [], stdin: String? = nil) throws -> RunningFC {
        let binary = try #require(FCBinary.path, Comment(rawValue: FCBinary.missingMessage))
        let child = try ChildProcess(executable: binary, arguments: args, environment: environment(env, unsetting: unsetting),
                                     input: stdin.map { .text($0) } ?? .none, directory: Scratch.directory)
        return RunningFC(arguments: args, child: child)
    }
}

/// An `stripe-fc` started in the background.
struct RunningFC: Sendable {
    let arguments: [String]
    let child: ChildProcess

    var stdoutSoFar: String { child.stdout }
    var stderrSoFar: String { child.stderr }

    /// Waits for the exit (killing it after `timeout`), then checks the output holds no secret.
    func finish(timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) async throws -> FCResult {
        let code = await child.wait(timeout: timeout)
        let result = FCResult(arguments: arguments, code: code ?? -1, out: child.stdout, err: child.stderr)
        #expect(code != nil, "stripe-fc \(arguments.joined(separator: " ")) was still running after \(timeout) s and was killed", sourceLocation: sourceLocation)
        Secrets.expectNoKey(result, sourceLocation: sourceLocation)
        return result
    }

    /// Polls stdout/stderr until `predicate` holds (or `timeout` passes); true when it held.
    func waitFor(timeout: Double = 10, _ predicate: (String, String) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(child.stdout, child.stderr) { return true }
            if child.exitCode != nil { return predicate(child.stdout, child.stderr) }
            try? await Task.sleep(nanoseconds: 25_000_000)
        }
        return false
    }
}

enum Secrets {
    /// The full API key must never be printed, on either stream.
    static func expectNoKey(_ result: FCResult, sourceLocation: SourceLocation) {
        #expect(!result.out.contains(FCRunner.apiKey), "the API key leaked on stdout of stripe-fc \(result.arguments.joined(separator: " "))",
                sourceLocation: sourceLocation)
        #expect(!result.err.contains(FCRunner.apiKey), "the API key leaked on stderr of stripe-fc \(result.arguments.joined(separator: " "))",
                sourceLocation: sourceLocation)
    }
}

/// Splits a command line the way a shell would for the simple lines in help examples:
/// whitespace separates words, single or double quotes group them.
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch == " " || ch == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
