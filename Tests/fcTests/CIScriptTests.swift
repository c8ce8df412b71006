import Foundation
import Testing

/// `.ci/run` installs packages (through .ci/shells-install.sh) only when CI itself set CI=true;
/// a developer running it on their own machine must not get apt-get run for them.
@Suite("CI entry point", .enabled(if: Artefacts.which("bash") != nil, "bash is not installed"))
struct CIScriptTests {
    /// Runs a copy of .ci/run whose shells-install.sh only reports the CI value it was given,
    /// then stops the run (so nothing is built).
    func ciValueSeenByShellsInstall(ci: String?) async throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fc-ci-\(UUID().uuidString)")
        let ciFolder = scratch.appendingPathComponent(".ci")
        try FileManager.default.createDirectory(at: ciFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: Artefacts.url(".ci/run"), to: ciFolder.appendingPathComponent("run"))
        let report = scratch.appendingPathComponent("ci-seen")
        try Data("printf '%s' \"${CI-<unset>}\" > \(report.path)\nexit 97\n".utf8).write(to: ciFolder.appendingPathComponent("shells-install.sh"))
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = ci
        let run = try await Artefacts.run(Artefacts.which("bash")!, [ciFolder.appendingPathComponent("run").path], environment: environment)
        #expect(run.status == 97, "the stand-in shells-install.sh did not run: \(run.stderr)")
        return (try? String(contentsOf: report, encoding: .utf8)) ?? "<not run>"
    }

    @Test("run by a developer (CI unset), shells-install.sh does not see CI=true")
    func developerMachine() async throws {
        #expect(try await ciValueSeenByShellsInstall(ci: nil) == "<unset>")
    }

    @Test("run by CI (CI=true), shells-install.sh sees it")
    func onCI() async throws {
        #expect(try await ciValueSeenByShellsInstall(ci: "true") == "true")
    }
}
