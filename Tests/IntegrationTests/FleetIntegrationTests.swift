import FCKit
import Foundation
import Testing

/// Issue 9 against the real sandbox: a failing account among others, Stripe's refresh cooldown,
/// one newest-first listing across accounts, and a rate limit that is waited out.
@Suite("stripe-fc on many accounts", .sandbox())
struct FleetIntegrationTests {
    /// A customer with Test Institution's four accounts and Down Bank (Error)'s checking (refreshes fail).
    func mixedCustomer(_ fc: FCRunner, permissions: String) async throws -> (customer: String, good: [String], down: String) {
        let customer = try await fc.createCustomer()
        let good = try await fc.link(try await fc.createSession(customer: customer, permissions: permissions)).compactMap { $0["id"]?.stringValue }
        let down = try await fc.link(try await fc.createSession(customer: customer, permissions: permissions), institution: "Down Bank (Error)")
        return (customer, good, try #require(down.first?["id"]?.stringValue))
    }

    @Test("balances --customer --refresh --wait with Down Bank among them: every account prints, the failure is a line, exit 1")
    func balancesWithAFailingAccount() async throws {
        let fc = try FCRunner.shared()
        let (customer, good, down) = try await mixedCustomer(fc, permissions: "balances")
        let result = try await fc.run(["balances", "--customer", customer, "--refresh", "--wait", "--format", "tsv", "--fields", "id,balance_refresh.status"])
        #expect(result.code == 1, "\(result)")
        let rows = Set(result.lines)
        for id in good { #expect(rows.contains("\(id)\tsucceeded"), "\(id) is missing: \(result)") }
        #expect(rows.contains("\(down)\tfailed"), "the failed account prints as last seen")
        #expect(result.err.contains("\(down): balance refresh: ended failed"), "\(result.err)")
        #expect(result.err.hasSuffix("error: 1 of \(good.count + 1) accounts failed\n"), "\(result.err)")
    }

    @Test("transactions --customer --all with Down Bank among them: every other account's transactions, then the failure")
    func transactionsWithAFailingAccount() async throws {
        let fc = try FCRunner.shared()
        let (customer, good, down) = try await mixedCustomer(fc, permissions: "transactions")
        let result = try await fc.run(["transactions", "--customer", customer, "--refresh", "--wait", "--all", "--format", "jsonl"])
        #expect(result.code == 1, "\(result)")
        let accounts = Set(try result.jsonLines().compactMap { $0["account"]?.stringValue })
        #expect(accounts.isSubset(of: Set(good)), "\(accounts)")
        #expect(!accounts.contains(down))
        #expect(accounts.count >= 2, "transactions of several accounts, not only the first: \(accounts)")
        #expect(result.err.contains(down), "\(result.err)")
        #expect(result.err.contains("accounts failed"), "\(result.err)")
    }

    @Test("a second balances --refresh inside the cooldown: exit 0, every row, notes, and no refresh POSTed")
    func cooldown() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        let first = try await fc.run(["balances", "--customer", linked.customer, "--refresh", "--wait", "-q"])
        #expect(first.code == 0, "\(first)")
        let second = try await fc.run(["balances", "--customer", linked.customer, "--refresh", "--wait", "-q", "--verbose"])
        #expect(second.code == 0, "\(second)")
        #expect(Set(second.lines) == Set(linked.accountIDs))
        #expect(!second.err.contains("POST "), "no refresh was asked for: \(second.err)")
        #expect(second.err.components(separatedBy: "note: ").count - 1 == linked.accountIDs.count, "\(second.err)")
        #expect(second.err.contains("Stripe allows the next refresh at"))
    }

    @Test("--wait over one customer's accounts polls one list of them, not each account; over ids, each account once, when its refresh has ended")
    func waitPollsOnce() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        try #require(linked.accountIDs.count >= 3)
        let byCustomer = try await fc.run(["balances", "--customer", linked.customer, "--refresh", "--wait", "-q", "--verbose"])
        #expect(byCustomer.code == 0, "\(byCustomer)")
        let retrieves = byCustomer.err.split(separator: "\n").filter { $0.hasPrefix("> GET /v1/financial_connections/accounts/fca_") }
        let lists = byCustomer.err.split(separator: "\n").filter { $0.hasPrefix("> GET /v1/financial_connections/accounts?") }
        #expect(retrieves.isEmpty, "no account was polled on its own: \(byCustomer.err)")
        #expect(lists.count >= 2, "the accounts were listed, then polled through the list: \(byCustomer.err)")

        let other = try await fc.linkedFixture(permissions: "balances")
        let byID = try await fc.run(["accounts", "refresh"] + other.accountIDs + ["--feature", "balance", "--wait", "-q", "--verbose"])
        #expect(byID.code == 0, "\(byID)")
        for id in other.accountIDs {
            let polls = byID.err.split(separator: "\n").filter { $0.hasPrefix("> GET /v1/financial_connections/accounts/\(id) ") }
            // The sandbox's refreshes take 0.2 s; the first look comes 0.5 s after each started.
            #expect(polls.count == 1, "\(id) was asked about once: \(byID.err)")
        }
    }

    @Test("--limit over several accounts takes the newest of all, newest first")
    func mergedLimit() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "transactions")
        try await fc.ok(["accounts", "refresh"] + linked.accountIDs + ["--feature", "transactions", "--wait"])
        var all: [JSON] = []
        for id in linked.accountIDs { all += try await fc.ok(["transactions", id, "--all", "--format", "jsonl"]).jsonLines() }
        let times = all.compactMap { $0["transacted_at"]?.intValue }.sorted(by: >)
        let top = try await fc.ok(["transactions", "--customer", linked.customer, "--limit", "7", "--format", "jsonl"]).jsonLines()
        #expect(top.compactMap { $0["transacted_at"]?.intValue } == Array(times.prefix(7)), "the seven newest across accounts, newest first")
    }

    @Test("under --rate-limit, 429s are waited out even with --max-retries 0: exit 0")
    func rateLimited() async throws {
        let sandbox = try await SandboxProcess.start(SandboxProcess.defaultArguments + ["--rate-limit", "8"])
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let linked = try await fc.linkedFixture(permissions: "balances")
        let result = try await fc.run(["balances"] + linked.accountIDs + ["--refresh", "--wait", "--max-retries", "0", "--verbose", "-q"])
        #expect(result.code == 0, "\(result)")
        #expect(Set(result.lines) == Set(linked.accountIDs))
        #expect(result.err.contains(" 429 "), "the limit was hit and waited out: \(result.err)")
    }
}
