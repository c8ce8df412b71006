import Foundation
import Testing
@testable import fc

/// `make install` / `make uninstall` into a staging directory (DESTDIR), with a stand-in binary
/// passed as BIN so no release build is needed.
@Suite("make install", .enabled(if: Artefacts.which("make") != nil, "make is not installed"))
struct InstallTests {
    /// What lands where under $(DESTDIR)$(PREFIX), and the committed file it comes from.
    static let installed: [(path: String, source: String?)] = [
        ("bin/stripe-fc", nil),
        ("share/man/man1/stripe-fc.1", Manual.committedPath),
        ("share/bash-completion/completions/stripe-fc", Completions.Shell.bash.committedPath),
        ("share/zsh/site-functions/_stripe-fc", Completions.Shell.zsh.committedPath),
        ("share/fish/vendor_completions.d/stripe-fc.fish", Completions.Shell.fish.committedPath),
    ]

    @Test("install puts the binary, man page and completions under DESTDIR/PREFIX; uninstall removes them")
    func installThenUninstall() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fc-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let binary = scratch.appendingPathComponent("fc-prebuilt")
        let binaryContents = Data("#!/bin/sh\necho stripe-fc stand-in\n".utf8)
        try binaryContents.write(to: binary)
        let stage = scratch.appendingPathComponent("stage")
        let variables = ["DESTDIR=\(stage.path)", "PREFIX=/usr", "BIN=\(binary.path)"]

        let install = try await make(["install"] + variables)
        try #require(install.status == 0, "make install failed: \(install.stderr)")
        for (path, source) in Self.installed {
            let url = stage.appendingPathComponent("usr").appendingPathComponent(path)
            let contents = try #require(FileManager.default.contents(atPath: url.path), "\(path) was not installed")
            #expect(contents == (source.map { FileManager.default.contents(atPath: Artefacts.url($0).path) } ?? binaryContents), "\(path)")
            let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
            #expect(mode == (source == nil ? 0o755 : 0o644), "\(path) mode \(String(mode ?? 0, radix: 8))")
        }

        let uninstall = try await make(["uninstall"] + variables)
        try #require(uninstall.status == 0, "make uninstall failed: \(uninstall.stderr)")
        for (path, _) in Self.installed {
            #expect(!FileManager.default.fileExists(atPath: stage.appendingPathComponent("usr").appendingPathComponent(path).path), "\(path) left behind")
        }
    }

    @Test("PREFIX defaults to /usr/local and the default binary is the release build")
    func defaults() async throws {
        let dryRun = try await make(["-n", "install", "DESTDIR=/staged"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("swift build -c release"))
        #expect(dryRun.stdout.contains("\".build/release/stripe-fc\" \"/staged/usr/local/bin/stripe-fc\""))
        let given = try await make(["-n", "install", "BIN=/tmp/fc"])
        #expect(!given.stdout.contains("swift build"))
    }

    private func make(_ arguments: [String]) async throws -> Artefacts.Run {
        var environment = ProcessInfo.processInfo.environment
        // A make that runs these tests (`make test`) must not hand its own settings down.
        for name in ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "DESTDIR", "PREFIX", "BIN"] { environment[name] = nil }
        return try await Artefacts.run(Artefacts.which("make")!, ["-C", Artefacts.root.path] + arguments, environment: environment)
    }
}
