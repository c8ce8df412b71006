@testable import fc
import FCKit
import Foundation
import Testing

/// The executable was `fc` (a bash/zsh builtin shadowed it) and is now `stripe-fc`: a config file
/// at the old place keeps working, and the first write moves its settings to the new one.
@Suite struct RenameTests {
    @Test("only the old fc/config.toml exists: it is read, a warning says so, config set writes the new file")
    func legacyConfigIsReadAndMoved() async throws {
        let home = uniqueConfigHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/fc", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: home + "/fc/config.toml", contents: Data("[default]\nformat = \"tsv\"\n".utf8),
                                       attributes: [.posixPermissions: 0o600])
        let env = testEnv(configHome: home)
        let read = await run(["config", "get", "format"], env: env)
        #expect(read.code == 0 && read.out == "tsv\n", "\(read)")
        #expect(read.err == "warning: reading \(home)/fc/config.toml, the file of stripe-fc's old name; the next 'stripe-fc config set' writes its settings to \(home)/stripe-fc/config.toml\n")
        let set = await run(["config", "set", "base_url", "http://127.0.0.1:12111"], env: env)
        #expect(set.code == 0, "\(set)")
        let moved = try String(contentsOfFile: home + "/stripe-fc/config.toml", encoding: .utf8)
        #expect(moved.contains("format = \"tsv\"") && moved.contains("base_url = \"http://127.0.0.1:12111\""), "\(moved)")
        let after = await run(["config", "get", "format"], env: env)
        #expect(after.out == "tsv\n" && after.err.isEmpty, "the new file wins, and nothing more is said: \(after)")
    }

    @Test("help, usage errors and the version say stripe-fc")
    func theNameIsStripeFC() async {
        let version = await run(["--version"])
        #expect(version.out.hasPrefix("stripe-fc "))
        let usage = await run(["customers", "lst"])
        #expect(usage.err.hasSuffix("Run 'stripe-fc customers --help' for usage.\n"), "\(usage.err)")
        let help = await run(["--help"])
        #expect(help.out.hasPrefix("stripe-fc") || help.out.contains("Usage: stripe-fc"), "\(help.out.prefix(200))")
    }
}
