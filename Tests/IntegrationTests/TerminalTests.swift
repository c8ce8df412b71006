import Foundation
import Testing

/// Runs stripe-fc under `script` so stdout and stderr are a terminal (util-linux `script`; skipped elsewhere).
enum Terminal {
    static let available: Bool = {
        #if os(Linux)
        return FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
        #else
        return false
        #endif
    }()

    static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The terminal's combined output (stdout and stderr, `\r\n` folded to `\n`) and stripe-fc's exit code.
    static func run(_ fc: FCRunner, _ args: [String], env: [String: String] = [:]) async throws -> FCResult {
        let binary = try #require(FCBinary.path, Comment(rawValue: FCBinary.missingMessage))
        let command = ([binary] + args).map(quoted).joined(separator: " ")
        var environment = fc.environment(env, unsetting: [])
        environment["COLUMNS"] = environment["COLUMNS"] ?? "200"
        let child = try ChildProcess(executable: "/usr/bin/script", arguments: ["-q", "-e", "-c", command, "/dev/null"],
                                     environment: environment, directory: Scratch.directory)
        let code = await child.wait(timeout: 60)
        let result = FCResult(arguments: args, code: code ?? -1, out: child.stdout.replacingOccurrences(of: "\r\n", with: "\n"), err: child.stderr)
        Secrets.expectNoKey(result, sourceLocation: #_sourceLocation)
        return result
    }
}

@Suite("On a terminal", .enabled(if: Terminal.available), .sandbox())
struct TerminalTests {
    @Test("one object on a terminal is a key/value view with bold keys; NO_COLOR and --no-color turn colour off")
    func tableByDefault() async throws {
        let fc = try FCRunner.shared()
        let id = try await fc.createCustomer(name: "Terminal Tess", email: "tess@example.com")
        let coloured = try await Terminal.run(fc, ["customers", "get", id])
        #expect(coloured.code == 0, "\(coloured)")
        #expect(coloured.out.contains("\u{1B}[1mID"), "bold header: \(coloured)")
        let plain = try await Terminal.run(fc, ["customers", "get", id], env: ["NO_COLOR": "1"])
        #expect(!plain.out.contains("\u{1B}["), "\(plain)")
        let lines = plain.out.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(lines.prefix(3) == [["ID", id], ["EMAIL", "tess@example.com"], ["NAME", "Terminal Tess"]], "\(plain)")
        #expect(lines.count == 4 && lines[3].first == "CREATED", "\(plain)")
        #expect(plain.out.contains("CREATED (UTC)  "), "times say their zone: \(plain)")
        let flag = try await Terminal.run(fc, ["customers", "get", id, "--no-color"])
        #expect(!flag.out.contains("\u{1B}["), "\(flag)")
        let piped = try await fc.ok(["customers", "get", id])
        #expect(piped.out.hasPrefix("{"), "JSON when piped: \(piped)")
    }

    @Test("--wait shows progress on a terminal's stderr, and none when piped")
    func progress() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        let onTerminal = try await Terminal.run(fc, ["accounts", "refresh", try linked.account("Success Checking"), "--feature", "balance", "--wait"])
        #expect(onTerminal.code == 0, "\(onTerminal)")
        #expect(onTerminal.out.contains("waiting for balance refresh of \(try linked.account("Success Checking"))"), "\(onTerminal)")
        let piped = try await fc.ok(["accounts", "refresh", try linked.account("High Yield Savings"), "--feature", "balance", "--wait"])
        #expect(piped.err.isEmpty, "no progress when stderr is not a terminal: \(piped)")
    }

    @Test("an empty list says so on a terminal")
    func emptyMessage() async throws {
        let fc = try FCRunner.shared()
        let result = try await Terminal.run(fc, ["customers", "list", "--email", "nobody-\(UUID().uuidString)@example.com"])
        #expect(result.code == 0, "\(result)")
        #expect(result.out.contains("No customers found."), "\(result)")
    }
}
