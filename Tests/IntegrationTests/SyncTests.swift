import FCKit
import Foundation
import Testing

/// `transactions sync` against the sandbox (a second refresh moves the sandbox clock past the cooldown):
/// everything once, then only what later refreshes brought; a cursor that moves only after the
/// output was written; state files that are refused rather than reset.
@Suite("stripe-fc transactions sync", .sandbox(["--refresh-delay", "200", "--settle-delay", "400", "--transactions", "3000"]))
struct SyncTests {
    func account(_ fc: FCRunner) async throws -> (LinkedFixture, String) {
        let linked = try await fc.linkedFixture(permissions: "transactions")
        let id = try linked.account("Success Checking")
        try await fc.ok(["accounts", "refresh", id, "--feature", "transactions", "--wait"])
        return (linked, id)
    }

    func ids(_ result: FCResult) throws -> [String] { try result.jsonLines().compactMap { $0["id"]?.stringValue } }

    func cursor(_ path: String) throws -> String? {
        let state = try JSON.parse(String(contentsOfFile: path, encoding: .utf8))
        guard let cursors = state.value(at: "cursors")?.objectValue else { return nil }
        for (_, value) in cursors { return value.stringValue }
        return nil
    }

    @Test("first run: everything; then nothing until a refresh; then exactly what that refresh brought")
    func incremental() async throws {
        let fc = try FCRunner.shared()
        let (_, id) = try await account(fc)
        let state = Scratch.newDirectory("sync") + "/state.json"
        let everything = try await fc.ok(["transactions", id, "--all", "--format", "jsonl"])
        let first = try await fc.ok(["transactions", "sync", id, "--state", state, "--format", "jsonl"])
        let firstIDs = try ids(first), everythingIDs = try ids(everything)
        #expect(Set(firstIDs) == Set(everythingIDs) && !firstIDs.isEmpty)
        let firstCursor = try #require(try cursor(state))
        let again = try await fc.ok(["transactions", "sync", id, "--state", state, "--format", "jsonl"])
        #expect(again.out.isEmpty, "nothing new: \(again)")
        #expect(try cursor(state) == firstCursor)

        // Past Stripe's cooldown (next_refresh_available_at) without waiting for it.
        try await fc.ok(["sandbox", "clock", "advance", "61s"])
        try await fc.ok(["accounts", "refresh", id, "--feature", "transactions", "--wait"])
        let expected = try await fc.ok(["transactions", id, "--after-refresh", firstCursor, "--all", "--format", "jsonl"])
        let third = try await fc.ok(["transactions", "sync", id, "--state", state, "--format", "jsonl"])
        let thirdIDs = try ids(third), expectedIDs = try ids(expected)
        #expect(Set(thirdIDs) == Set(expectedIDs), "\(thirdIDs.count) vs \(expectedIDs.count)")
        #expect(!thirdIDs.isEmpty, "a refresh brings new or updated transactions")
        #expect(try cursor(state) != firstCursor)
        let fourth = try await fc.ok(["transactions", "sync", id, "--state", state, "--format", "jsonl"])
        #expect(fourth.out.isEmpty)
    }

    @Test("a closed pipe (| head -1) leaves the cursor where it was: the next run prints everything again")
    func closedPipeDoesNotAdvance() async throws {
        let fc = try FCRunner.shared()
        let (_, id) = try await account(fc)
        let state = Scratch.newDirectory("sync") + "/state.json"
        let binary = try #require(FCBinary.path)
        let script = #""$0" transactions sync "$1" --state "$2" --format jsonl | head -1"#
        let child = try ChildProcess(executable: "/bin/bash", arguments: ["-c", script, binary, id, state],
                                     environment: fc.environment([:], unsetting: []), directory: Scratch.directory)
        #expect(await child.wait(timeout: 60) == 0)
        #expect(!FileManager.default.fileExists(atPath: state), "no cursor was recorded past output nobody read")
        let full = try await fc.ok(["transactions", "sync", id, "--state", state, "--format", "jsonl"])
        #expect(full.lines.count > 1000, "every transaction, again")
        #expect(try cursor(state) != nil)
    }

    @Test("a state file that is not one, or tracks other accounts, is refused (exit 2) and left as it is")
    func refusedStateFiles() async throws {
        let fc = try FCRunner.shared()
        let (linked, id) = try await account(fc)
        let folder = Scratch.newDirectory("sync")
        let garbage = folder + "/garbage.json"
        try "{\"not\": \"a state\"}\n".write(toFile: garbage, atomically: true, encoding: .utf8)
        let bad = try await fc.run(["transactions", "sync", id, "--state", garbage])
        #expect(bad.code == 2 && bad.err.contains("is not a stripe-fc transactions sync state"), "\(bad)")
        #expect(try String(contentsOfFile: garbage, encoding: .utf8) == "{\"not\": \"a state\"}\n")

        let state = folder + "/state.json"
        try await fc.ok(["transactions", "sync", id, "--state", state, "-q"])
        let other = try await fc.run(["transactions", "sync", "--customer", linked.customer, "--state", state])
        #expect(other.code == 2 && other.err.contains("tracks accounts \(id), not customer \(linked.customer)"), "\(other)")
    }
}
