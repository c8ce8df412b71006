import FCKit
import Testing

/// `$1,234.56` / `-$3.00`: how a table shows US cents (an independent rendering to compare with).
func usd(_ cents: Int) -> String {
    let magnitude = abs(cents)
    let whole = String(magnitude / 100)
    var grouped = ""
    for (i, ch) in whole.reversed().enumerated() {
        if i > 0, i % 3 == 0 { grouped.append(",") }
        grouped.append(ch)
    }
    let fraction = magnitude % 100
    return (cents < 0 ? "-" : "") + "$" + String(grouped.reversed()) + "." + (fraction < 10 ? "0" : "") + String(fraction)
}

@Suite("stripe-fc balances and stripe-fc owners", .sandbox())
struct BalancesOwnersTests {
    @Test("balances --customer --refresh --wait: account objects in JSON (minor units), one row per currency in TSV and table")
    func balancesOfCustomer() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances,payment_method")
        let accounts = try #require(try await fc.okJSON(["balances", "--customer", linked.customer, "--refresh", "--wait"]).arrayValue)
        #expect(Set(accounts.compactMap { $0["id"]?.stringValue }) == Set(linked.accountIDs))
        for account in accounts {
            #expect(account["object"] == "financial_connections.account")
            #expect(account.value(at: "balance_refresh.status") == "succeeded")
            #expect(account.value(at: "balance.current.usd")?.intValue != nil, "minor units are integers: \(account)")
        }
        let checking = try #require(accounts.first { $0["display_name"] == "Success Checking" })
        let credit = try #require(accounts.first { $0["display_name"] == "Rewards Credit Card" })
        let checkingID = try #require(checking["id"]?.stringValue), creditID = try #require(credit["id"]?.stringValue)
        let current = try #require(checking.value(at: "balance.current.usd")?.intValue)
        let available = try #require(checking.value(at: "balance.cash.available.usd")?.intValue)
        let asOf = try #require(checking.value(at: "balance.as_of")?.intValue)
        let used = try #require(credit.value(at: "balance.credit.used.usd")?.intValue)
        #expect(credit.value(at: "balance.current.usd")?.intValue == -used)

        // Reading again without --refresh shows the same data.
        let tsv = try await fc.ok(["balances", checkingID, creditID, "--format", "tsv"])
        #expect(tsv.lines == [
            "\(checkingID)\tTest Institution\tSuccess Checking\tcash\tusd\t\(current)\t\(available)\t\(asOf)",
            "\(creditID)\tTest Institution\tRewards Credit Card\tcredit\tusd\t\(-used)\t\(used)\t\(asOf)",
        ], "\(tsv)")

        let table = TableText(try await fc.ok(["balances", "--customer", linked.customer, "--format", "table"]).out)
        #expect(table.headers == ["ACCOUNT", "INSTITUTION", "NAME", "TYPE", "CURRENCY", "CURRENT", "AVAILABLE/USED", "AS OF (UTC)"], "\(table)")
        #expect(table.rows.count == 4, "one row per account and currency: \(table)")
        #expect(table.row(where: "ACCOUNT", is: checkingID) == [
            "ACCOUNT": checkingID, "INSTITUTION": "Test Institution", "NAME": "Success Checking", "TYPE": "cash", "CURRENCY": "usd",
            "CURRENT": usd(current), "AVAILABLE/USED": usd(available), "AS OF (UTC)": TableTime.minutes(asOf),
        ], "\(table)")
        #expect(table.row(where: "ACCOUNT", is: creditID)?["CURRENT"] == usd(-used), "\(table)")
        #expect(table.row(where: "ACCOUNT", is: creditID)?["AVAILABLE/USED"] == usd(used), "\(table)")
    }

    @Test("balances before any refresh: the account prints with no balance yet")
    func balancesBeforeRefresh() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        let id = try linked.account("High Yield Savings")
        let json = try await fc.okJSON(["balances", id])
        #expect(json[0]?["balance"] == .null, "\(json)")
        let tsv = try await fc.ok(["balances", id, "--format", "tsv"])
        #expect(tsv.out == "\(id)\tTest Institution\tHigh Yield Savings\t(no balance yet)\t\t\t\t\n")
        let fields = try await fc.ok(["balances", id, "--format", "tsv", "--fields", "id,balance.type"])
        #expect(fields.out == "\(id)\t\n", "the path's value, null, as JSON has it")
    }

    @Test("balances usage and permission errors")
    func balancesErrors() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "payment_method")
        let id = try linked.account("Success Checking")
        let neither = try await fc.run(["balances"])
        #expect(neither.code == 2, "\(neither)")
        let both = try await fc.run(["balances", id, "--customer", linked.customer])
        #expect(both.code == 2, "\(both)")
        let waitAlone = try await fc.run(["balances", id, "--wait"])
        #expect(waitAlone.code == 2, "\(waitAlone)")
        let unpermitted = try await fc.run(["balances", id, "--refresh", "--wait"])
        #expect(unpermitted.code == 1, "\(unpermitted)")
        #expect(unpermitted.err.contains("--permission balances"), "\(unpermitted)")
        let customer = try await fc.run(["balances", "--customer", linked.customer])
        #expect(customer.code == 1, "\(customer)")
    }

    @Test("balances --refresh --wait on Down Bank (Error): exit 1 naming the failed refresh")
    func balancesFailedRefresh() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances", institution: "Down Bank (Error)")
        let id = try linked.account("Checking")
        let result = try await fc.run(["balances", id, "--refresh", "--wait"])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("balance refresh of \(id) failed"), "\(result)")
    }

    @Test("owners --refresh --wait: every owner, in JSON, TSV and table")
    func ownersRefreshWait() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "ownership", institution: "Ownership Accounts")
        let id = try linked.account("Joint Checking")
        let owners = try #require(try await fc.okJSON(["owners", id, "--refresh", "--wait"]).arrayValue)
        #expect(owners.compactMap { $0["name"]?.stringValue }.sorted() == ["Alex Smith", "Jenny Rosen", "Sam Taylor"], "\(owners)")
        for owner in owners {
            #expect(owner["object"] == "financial_connections.account_owner")
            #expect(owner["ownership"]?.stringValue?.hasPrefix("fcaowns_") == true)
        }
        let sam = try #require(owners.first { $0["name"] == "Sam Taylor" })
        #expect(sam["email"] == .null)
        let refreshed = try #require(sam["refreshed_at"]?.intValue)

        let tsv = try await fc.ok(["owners", id, "--format", "tsv"])
        #expect(tsv.lines.contains("Sam Taylor\t\t(555) 555-0199\tPO BOX 42, SPRINGFIELD IL 62701\t\(refreshed)"), "\(tsv)")
        #expect(tsv.lines.count == 3)
        let table = TableText(try await fc.ok(["owners", id, "--format", "table"]).out)
        #expect(table.headers == ["NAME", "EMAIL", "PHONE", "ADDRESS", "REFRESHED (UTC)"], "\(table)")
        #expect(table.row(where: "NAME", is: "Jenny Rosen") == [
            "NAME": "Jenny Rosen", "EMAIL": "jenny.rosen@example.com", "PHONE": "+1 555-555-5555",
            "ADDRESS": "123 Main Street, Everytown USA", "REFRESHED (UTC)": TableTime.minutes(refreshed),
        ], "\(table)")
    }

    @Test("owners of an account without owners: an empty JSON array")
    func ownersNone() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "ownership", institution: "Ownership Accounts")
        let result = try await fc.ok(["owners", try linked.account("No Owners Savings"), "--refresh", "--wait", "--format", "json"])
        #expect(result.out == "[]\n" /* a JSON document jq and json.load accept */, "\(result)")
    }

    @Test("owners without the ownership permission: exit 1 and a hint naming --permission ownership")
    func ownersWithoutPermission() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances", institution: "Ownership Accounts")
        let result = try await fc.run(["owners", try linked.account("Joint Checking"), "--refresh", "--wait"])
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains("hint: ") && result.err.contains("--permission ownership"), "\(result)")
    }

    @Test("owners before any ownership refresh: exit 1 with a hint to refresh; --wait alone is a usage error")
    func ownersNotRefreshed() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "ownership", institution: "Ownership Accounts")
        let id = try linked.account("Joint Checking")
        let result = try await fc.run(["owners", id])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("--refresh"), "\(result)")
        let waitAlone = try await fc.run(["owners", id, "--wait"])
        #expect(waitAlone.code == 2, "\(waitAlone)")
    }
}
