import FCKit
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 5's pipeline manners with real processes: a closed stdout ends stripe-fc quietly, and SIGINT
/// during `--wait` or `--all` stops it within a second with exit 130 and well-formed output.
@Suite("pipeline manners", .sandbox(["--refresh-delay", "200", "--settle-delay", "400", "--transactions", "3000"]))
struct PipelineTests {
    func refreshedAccount(_ fc: FCRunner) async throws -> String {
        let linked = try await fc.linkedFixture(permissions: "transactions")
        let id = try linked.account("Success Checking")
        _ = try await fc.ok(["transactions", id, "--refresh", "--wait", "--limit", "1"])
        return id
    }

    @Test("stripe-fc … | head -1: stripe-fc ends quietly with exit 0")
    func closedStdout() async throws {
        let fc = try FCRunner.shared()
        let id = try await refreshedAccount(fc)
        let binary = try #require(FCBinary.path)
        let script = #""$0" transactions "$1" --all --format jsonl | head -1; echo "fc=${PIPESTATUS[0]}" >&2"#
        let child = try ChildProcess(executable: "/bin/bash", arguments: ["-c", script, binary, id],
                                     environment: fc.environment([:], unsetting: []), directory: Scratch.directory)
        let code = await child.wait(timeout: 60)
        #expect(code == 0)
        let lines = child.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(try JSON.parse(String(lines[0]))["object"] == "financial_connections.transaction")
        #expect(child.stderr == "fc=0\n", "no error message, exit 0: \(child.stderr)")
    }

    @Test("SIGINT during --all --format json: exit 130 and a closed JSON array")
    func interruptedStream() async throws {
        let sandbox = try await SandboxProcess.start(["--latency", "250", "--transactions", "3000", "--refresh-delay", "0"])
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let id = try await refreshedAccount(fc)
        let listing = try fc.start(["transactions", id, "--all", "--format", "json"])
        let started = await listing.waitFor(timeout: 30) { out, _ in !out.isEmpty }
        #expect(started, "\(listing.stderrSoFar)")
        listing.child.signal(SIGINT)
        let result = try await listing.finish(timeout: 5)
        #expect(result.code == 130, "\(result.err)")
        let items = try JSON.parse(result.out).arrayValue
        #expect((items?.count ?? 0) > 0 && (items?.count ?? 0) < 3000, "a closed array of what arrived before the interrupt")
    }

    @Test("SIGINT during --wait: exit 130 within a second")
    func interruptedWait() async throws {
        let sandbox = try await SandboxProcess.start(["--refresh-delay", "600000"])
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let linked = try await fc.linkedFixture(permissions: "balances")
        let id = try linked.account("Success Checking")
        let waiting = try fc.start(["accounts", "refresh", id, "--feature", "balance", "--wait", "--verbose"])
        let polling = await waiting.waitFor(timeout: 20) { _, err in err.contains("GET /v1/financial_connections/accounts/") }
        #expect(polling, "\(waiting.stderrSoFar)")
        waiting.child.signal(SIGINT)
        let result = try await waiting.finish(timeout: 3)
        #expect(result.code == 130, "\(result)")
        #expect(result.out == "", "nothing half-written: \(result.out)")
    }
}
