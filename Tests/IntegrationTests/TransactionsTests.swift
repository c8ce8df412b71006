import FCKit
import Foundation
import Testing

@Suite("stripe-fc transactions", .sandbox())
struct TransactionsTests {
    /// A linked checking account whose transactions were refreshed (the refresh run through fc).
    func refreshedAccount(_ fc: FCRunner) async throws -> (LinkedFixture, String, [JSON]) {
        let linked = try await fc.linkedFixture(permissions: "transactions")
        let id = try linked.account("Success Checking")
        let first = try await fc.okJSON(["transactions", id, "--refresh", "--wait", "--limit", "3"])
        #expect(first.arrayValue?.count == 3, "\(first)")
        let all = try await fc.ok(["transactions", id, "--all", "--format", "jsonl"]).jsonLines()
        return (linked, id, all)
    }

    @Test("--refresh --wait then --limit: newest first, JSON / TSV / table views")
    func limitAndViews() async throws {
        let fc = try FCRunner.shared()
        let (_, id, all) = try await refreshedAccount(fc)
        #expect(all.count == 60)
        let times = all.compactMap { $0["transacted_at"]?.intValue }
        #expect(times == times.sorted(by: >), "newest first")
        let five = try await fc.okJSON(["transactions", id, "--limit", "5"])
        #expect(five.arrayValue?.count == 5)
        #expect(five.arrayValue == Array(all.prefix(5)))
        for item in all {
            #expect(item["object"] == "financial_connections.transaction")
            #expect(item["account"]?.stringValue == id)
            #expect(item["amount"]?.intValue != nil, "minor units: \(item)")
        }
        let top = all[0]
        let topID = try #require(top["id"]?.stringValue), amount = try #require(top["amount"]?.intValue)
        let at = try #require(top["transacted_at"]?.intValue), description = try #require(top["description"]?.stringValue)
        let status = try #require(top["status"]?.stringValue)
        let tsv = try await fc.ok(["transactions", id, "--limit", "1", "--format", "tsv"])
        #expect(tsv.out == "\(at)\t\(description)\t\(amount)\t\(status)\t\(topID)\n", "\(tsv)")
        let table = TableText(try await fc.ok(["transactions", id, "--limit", "2", "--format", "table"]).out)
        #expect(table.headers == ["DATE (UTC)", "DESCRIPTION", "AMOUNT", "STATUS", "ID"], "\(table)")
        #expect(table.rows.first == [TableTime.day(at), description, usd(amount), status, topID], "\(table)")
        #expect(table.rows.count == 2)
    }

    @Test("--since / --until bound transacted_at (unix seconds and YYYY-MM-DD); since after until is a usage error")
    func timeRange() async throws {
        let fc = try FCRunner.shared()
        let (_, id, all) = try await refreshedAccount(fc)
        let since = try #require(all[40]["transacted_at"]?.intValue), until = try #require(all[10]["transacted_at"]?.intValue)
        let expected = all.filter { ($0["transacted_at"]?.intValue).map { $0 >= since && $0 < until } ?? false }.compactMap { $0["id"]?.stringValue }
        let ranged = try await fc.ok(["transactions", id, "--since", String(since), "--until", String(until), "--all", "-q"])
        #expect(ranged.lines == expected)
        #expect(!expected.isEmpty)

        let day = TableTime.day(since)
        let midnight = try #require(ISO8601DateFormatter().date(from: day + "T00:00:00Z")).timeIntervalSince1970
        let fromDay = try await fc.ok(["transactions", id, "--since", day, "--all", "-q"])
        #expect(fromDay.lines == all.filter { Double($0["transacted_at"]?.intValue ?? 0) >= midnight }.compactMap { $0["id"]?.stringValue })

        let backwards = try await fc.run(["transactions", id, "--since", String(until), "--until", String(since)])
        #expect(backwards.code == 2, "\(backwards)")
        let badTime = try await fc.run(["transactions", id, "--since", "yesterday"])
        #expect(badTime.code == 2, "\(badTime)")
    }

    /// In a zone far from UTC, the dates on screen and the dates --since/--until read agree: no row
    /// shows a day outside the range asked for (issue 8: they used to be read in UTC).
    @Test("--since/--until dates and table dates share a zone", arguments: ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
    func rangeAsSeenOnScreen(zone: String) async throws {
        let fc = try FCRunner.shared()
        let (_, id, all) = try await refreshedAccount(fc)
        let env = ["TZ": zone]
        let first = try #require(all[30]["transacted_at"]?.intValue), last = try #require(all[5]["transacted_at"]?.intValue)
        let fmt = DateFormatter()
        fmt.locale = Locale(identifier: "en_US_POSIX")
        fmt.timeZone = TimeZone(identifier: zone)
        fmt.dateFormat = "yyyy-MM-dd"
        let since = fmt.string(from: Date(timeIntervalSince1970: Double(first))), until = fmt.string(from: Date(timeIntervalSince1970: Double(last)))
        try #require(since < until, "the fixture spans at least two days in \(zone)")
        let result = try await fc.ok(["transactions", id, "--since", since, "--until", until, "--all", "--format", "table"], env: env)
        let table = TableText(result.out)
        #expect(table.headers.first == "DATE (\(zone))", "\(table)")
        #expect(!table.rows.isEmpty)
        for row in table.rows { #expect(row[0] >= since && row[0] < until, "\(row[0]) is outside [\(since), \(until)) in \(zone)") }
        let utc = try await fc.ok(["transactions", id, "--since", since, "--until", until, "--all", "--format", "table", "--utc"], env: env)
        #expect(TableText(utc.out).headers.first == "DATE (UTC)")
        for row in TableText(utc.out).rows { #expect(row[0] >= since && row[0] < until, "--utc: \(row[0]) outside [\(since), \(until))") }
    }

    @Test("--status keeps only that status; with --limit it still fills the page", arguments: ["posted", "pending", "void"])
    func status(status: String) async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "transactions")
        try await fc.ok(["accounts", "refresh"] + linked.accountIDs + ["--feature", "transactions", "--wait"])
        let all = try await fc.ok(["transactions", "--customer", linked.customer, "--all", "--format", "jsonl"]).jsonLines()
        let expected = all.filter { $0["status"]?.stringValue == status }.compactMap { $0["id"]?.stringValue }
        if status == "posted" { #expect(expected.count > 100) }
        let filtered = try await fc.ok(["transactions", "--customer", linked.customer, "--status", status, "--all", "--format", "tsv", "--fields", "id,status"])
        #expect(filtered.lines == expected.map { "\($0)\t\(status)" })
        let limited = try await fc.ok(["transactions", "--customer", linked.customer, "--status", status, "--limit", "2", "-q"])
        #expect(limited.lines == Array(expected.prefix(2)))
    }

    @Test("--customer with several accounts: the table gains an ACCOUNT column; --all jsonl covers every account")
    func customerAccounts() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "transactions")
        try await fc.ok(["accounts", "refresh"] + linked.accountIDs + ["--feature", "transactions", "--wait"])
        let lines = try await fc.ok(["transactions", "--customer", linked.customer, "--all", "--format", "jsonl"]).jsonLines()
        #expect(lines.count == 60 * linked.accountIDs.count)
        #expect(Set(lines.compactMap { $0["account"]?.stringValue }) == Set(linked.accountIDs))
        let table = TableText(try await fc.ok(["transactions", "--customer", linked.customer, "--limit", "3", "--format", "table"]).out)
        #expect(table.headers == ["DATE (UTC)", "ACCOUNT", "DESCRIPTION", "AMOUNT", "STATUS", "ID"], "\(table)")
        #expect(table.rows.allSatisfy { linked.accountIDs.contains($0[1]) }, "\(table)")
        let single = TableText(try await fc.ok(["transactions", try linked.account("Success Checking"), "--limit", "1", "--format", "table"]).out)
        #expect(!single.headers.contains("ACCOUNT"))
    }

    @Test("transactions before any successful refresh: Stripe's error, exit 1")
    func notRefreshed() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "transactions")
        let result = try await fc.run(["transactions", try linked.account("Success Checking")])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("financial_connections_no_successful_transaction_refresh"), "\(result)")
        let unpermitted = try await fc.linkedFixture(permissions: "balances")
        let denied = try await fc.run(["transactions", try unpermitted.account("Success Checking")])
        #expect(denied.code == 1, "\(denied)")
        #expect(denied.err.contains("--permission transactions"), "\(denied)")
    }
}

@Suite("stripe-fc transactions streaming")
struct TransactionsStreamingTests {
    @Test("--all --format jsonl writes the first page before the last one has arrived")
    func streams() async throws {
        let sandbox = try await SandboxProcess.start(["--refresh-delay", "100", "--transactions", "1500", "--latency", "150"])
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let linked = try await fc.linkedFixture(permissions: "transactions")
        let id = try linked.account("Success Checking")
        try await fc.ok(["accounts", "refresh", id, "--feature", "transactions", "--wait"])
        let running = try fc.start(["transactions", id, "--all", "--format", "jsonl"])
        let sawEarlyRows = await running.waitFor(timeout: 30) { out, _ in out.split(separator: "\n").count >= 100 }
        let stillRunning = running.child.exitCode == nil
        let result = try await running.finish()
        #expect(result.code == 0, "\(result)")
        #expect(sawEarlyRows)
        #expect(stillRunning, "rows should appear while later pages are still being fetched")
        #expect(result.lines.count == 1500)
    }
}
