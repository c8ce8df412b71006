import FCKit
import Foundation
import Testing

/// The sandbox, like Stripe, refuses a new refresh of the same feature until
/// `next_refresh_available_at` (60 s after the last one by default): the test moves the
/// sandbox's clock past it (`stripe-fc sandbox clock advance`) instead of waiting.
@Suite("stripe-fc transactions --after-refresh")
struct AfterRefreshTests {
    @Test("after a second refresh, --after-refresh <first> returns only what the second created or updated")
    func afterRefresh() async throws {
        let sandbox = try await SandboxProcess.start(["--refresh-delay", "100"])
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let linked = try await fc.linkedFixture(permissions: "transactions")
        let id = try linked.account("Success Checking")
        let first = try await fc.okJSON(["accounts", "refresh", id, "--feature", "transactions", "--wait"])
        let firstRefresh = try #require(first[0]?.value(at: "transaction_refresh.id")?.stringValue)
        let before = try await fc.ok(["transactions", id, "--all", "-q"]).lines

        let nothingYet = try await fc.ok(["transactions", id, "--after-refresh", firstRefresh, "--all", "--format", "json"])
        #expect(nothingYet.out == "[]\n" /* a JSON document jq and json.load accept */, "no refresh after the first yet: \(nothingYet)")

        let early = try await fc.run(["accounts", "refresh", id, "--feature", "transactions"])
        #expect(early.code == 1, "inside the cooldown: \(early)")
        try await fc.ok(["sandbox", "clock", "advance", "61s"])
        // The explicit verb: `transactions --refresh` would judge the cooldown by this machine's
        // clock, which the sandbox's advanced clock has left behind.
        try await fc.ok(["accounts", "refresh", id, "--feature", "transactions", "--wait"])
        let second = try await fc.okJSON(["transactions", id, "--limit", "1"])
        #expect(second.arrayValue?.count == 1)
        let account = try await fc.okJSON(["accounts", "get", id])
        let secondRefresh = try #require(account.value(at: "transaction_refresh.id")?.stringValue)
        #expect(secondRefresh != firstRefresh)

        let all = try await fc.ok(["transactions", id, "--all", "--format", "jsonl"]).jsonLines()
        let touched = all.filter { $0["transaction_refresh"]?.stringValue == secondRefresh }.compactMap { $0["id"]?.stringValue }
        let new = all.compactMap { $0["id"]?.stringValue }.filter { !before.contains($0) }
        #expect((1...3).contains(new.count), "each refresh brings 1-3 new transactions: \(new)")
        let incremental = try await fc.ok(["transactions", id, "--after-refresh", firstRefresh, "--all", "--format", "jsonl"]).jsonLines()
        let ids = incremental.compactMap { $0["id"]?.stringValue }
        #expect(ids == touched)
        #expect(Set(new).isSubset(of: Set(ids)))
        #expect(ids.count < all.count)
        #expect(incremental.allSatisfy { $0["transaction_refresh"]?.stringValue == secondRefresh })
    }
}
