import FCKit
import Foundation
import Testing

@Suite("stripe-fc sandbox link and stripe-fc accounts", .sandbox())
struct AccountsTests {
    static let institutions: [(name: String, accounts: [String], achCapable: Bool)] = [
        ("Test Institution", ["High Yield Savings", "Insufficient Funds Checking", "Rewards Credit Card", "Success Checking"], true),
        ("Ownership Accounts", ["Joint Checking", "No Owners Savings"], true),
        ("Invalid Payment Accounts", ["Cash Checking", "Cash Savings"], false),
        ("Down Bank (Error)", ["Checking"], true),
    ]

    @Test("sandbox link attaches each test institution's accounts", arguments: institutions)
    func linkInstitution(name: String, accounts: [String], achCapable: Bool) async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let session = try await fc.createSession(customer: customer, permissions: "balances,payment_method")
        let tsv = try await fc.ok(["sandbox", "link", session, "--institution", name, "--format", "tsv"])
        let cells = tsv.out.dropLast().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(cells.count == 5, "\(tsv)")
        #expect(cells.first == session)
        #expect(cells.dropFirst().first == customer)
        #expect(cells.dropFirst(2).first == "balances,payment_method")
        let linkedIDs = cells.count > 3 ? cells[3].split(separator: ",").map(String.init) : []
        #expect(linkedIDs.count == accounts.count, "\(tsv)")

        let listed = try await fc.okJSON(["accounts", "list", "--session", session])
        let rows = listed.arrayValue ?? []
        #expect(rows.compactMap { $0["display_name"]?.stringValue }.sorted() == accounts)
        #expect(Set(rows.compactMap { $0["id"]?.stringValue }) == Set(linkedIDs))
        for account in rows {
            #expect(account["institution_name"]?.stringValue == name)
            #expect(account["status"] == "active")
            #expect(account.value(at: "account_holder.customer")?.stringValue == customer)
            let supports = account["supported_payment_method_types"]?.arrayValue?.contains("us_bank_account") ?? false
            if account["category"] == "cash" { #expect(supports == achCapable, "\(account)") }
        }
    }

    @Test("sandbox link with an unknown institution is a usage error")
    func linkUnknownInstitution() async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.run(["sandbox", "link", "fcsess_123", "--institution", "Nowhere Bank"])
        #expect(result.code == 2, "\(result)")
    }

    @Test("sandbox link --subcategory that the institution has no account of fails, naming both")
    func linkSubcategoryMatchingNothing() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let session = try await fc.createSession(customer: customer, permissions: "balances")
        let result = try await fc.run(["sandbox", "link", session, "--institution", "Down Bank (Error)", "--subcategory", "savings,credit_card"])
        #expect(result.code == 1, "\(result)")
        #expect(result.out == "", "\(result)")
        #expect(result.err.contains("error: Down Bank (Error) has no savings or credit_card accounts to link; its accounts are checking."), "\(result)")
        #expect(result.err.contains("param: subcategories"), "\(result)")
        let linked = try await fc.okJSON(["sandbox", "link", session, "--institution", "Down Bank (Error)", "--subcategory", "checking"])
        #expect(linked.value(at: "accounts.data")?.arrayValue?.count == 1, "\(linked)")
    }

    @Test("accounts list by --customer and by --session: JSON, TSV and table agree")
    func listByCustomerAndSession() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture()
        let byCustomer = try await fc.okJSON(["accounts", "list", "--customer", linked.customer])
        let bySession = try await fc.okJSON(["accounts", "list", "--session", linked.session])
        let customerIDs = byCustomer.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(customerIDs.count == 4)
        #expect(Set(customerIDs) == Set(linked.accountIDs))
        #expect(bySession.arrayValue?.compactMap { $0["id"]?.stringValue } == customerIDs)

        let checking = try linked.account("Success Checking")
        let tsv = try await fc.ok(["accounts", "list", "--customer", linked.customer, "--format", "tsv"])
        #expect(tsv.lines.count == 4)
        #expect(tsv.lines.contains("\(checking)\tTest Institution\tSuccess Checking\t6789\tcash/checking\tactive\tbalances,ownership,payment_method,transactions"),
                "\(tsv)")
        let table = TableText(try await fc.ok(["accounts", "list", "--session", linked.session, "--format", "table"]).out)
        #expect(table.headers == ["ID", "INSTITUTION", "NAME", "LAST4", "TYPE", "STATUS", "PERMISSIONS"], "\(table)")
        #expect(table.row(where: "ID", is: checking) == [
            "ID": checking, "INSTITUTION": "Test Institution", "NAME": "Success Checking", "LAST4": "6789",
            "TYPE": "cash/checking", "STATUS": "active", "PERMISSIONS": "balances,ownership,payment_method,transactions",
        ], "\(table)")
        #expect(table.row(where: "NAME", is: "Rewards Credit Card")?["TYPE"] == "credit/credit_card")
        let csv = try await fc.ok(["accounts", "list", "--customer", linked.customer, "--format", "csv"])
        #expect(csv.lines.first == "id,institution_name,display_name,last4,subcategory,status,permissions", "\(csv)")
        #expect(csv.lines.contains("\(checking),Test Institution,Success Checking,6789,cash/checking,active,\"balances,ownership,payment_method,transactions\""),
                "a cell holding commas is quoted: \(csv)")
        let limited = try await fc.ok(["accounts", "list", "--customer", linked.customer, "--limit", "2", "-q"])
        #expect(limited.lines == Array(customerIDs.prefix(2)))
        let both = try await fc.run(["accounts", "list", "--customer", linked.customer, "--session", linked.session])
        #expect(both.code == 2, "\(both)")
    }

    @Test("accounts get: JSON object, TSV line, table row")
    func get() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        let id = try linked.account("High Yield Savings")
        let account = try await fc.okJSON(["accounts", "get", id])
        #expect(account["object"] == "financial_connections.account")
        #expect(account["id"]?.stringValue == id)
        #expect(account["permissions"] == ["balances"])
        #expect(account["balance"] == .null)
        let last4 = try #require(account["last4"]?.stringValue)
        let tsv = try await fc.ok(["accounts", "get", id, "--format", "tsv", "--fields", "id,display_name,last4,subcategory"])
        #expect(tsv.out == "\(id)\tHigh Yield Savings\t\(last4)\tsavings\n", "a path means the value JSON has there")
        let table = TableText(try await fc.ok(["accounts", "get", id, "--format", "table"]).out)
        #expect(table.rows == [[id, "Test Institution", "High Yield Savings", last4, "cash/savings", "active", "balances"]], "\(table)")
        let missing = try await fc.run(["accounts", "get", "fca_doesnotexist"])
        #expect(missing.code == 1, "\(missing)")
        let malformed = try await fc.run(["accounts", "get", "cus_123"])
        #expect(malformed.code == 2, "\(malformed)")
    }

    @Test("refresh --feature balance --wait ends succeeded (exit 0) with the balance filled in")
    func refreshBalanceWait() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        let id = try linked.account("Success Checking")
        let result = try await fc.ok(["accounts", "refresh", id, "--feature", "balance", "--wait"])
        let accounts = try #require(try result.json().arrayValue)
        #expect(accounts.count == 1)
        #expect(accounts.first?.value(at: "balance_refresh.status") == "succeeded", "\(result)")
        #expect(accounts.first?.value(at: "balance.current.usd")?.intValue != nil, "\(result)")
        let events = try await fc.okJSON(["events", "list", "--type", "financial_connections.account.refreshed_balance", "--limit", "100"])
        #expect(events.arrayValue?.contains { $0.value(at: "data.object.id")?.stringValue == id } == true)
    }

    @Test("refresh of a Down Bank (Error) account: exit 1 naming the failed refresh")
    func refreshFailingInstitution() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances", institution: "Down Bank (Error)")
        let id = try linked.account("Checking")
        let result = try await fc.run(["accounts", "refresh", id, "--feature", "balance", "--wait"])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("error: balance refresh of \(id) failed"), "\(result)")
        let printed = try result.json()
        #expect(printed[0]?.value(at: "balance_refresh.status") == "failed", "\(result)")
    }

    @Test("refresh of a feature not granted: exit 1 with Stripe's message")
    func refreshWithoutPermission() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        let id = try linked.account("Success Checking")
        let result = try await fc.run(["accounts", "refresh", id, "--feature", "ownership"])
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains("was not linked with the `ownership` permission"), "\(result)")
        #expect(result.err.contains("param: features"), "\(result)")
        #expect(result.err.contains("request id: req_"), "\(result)")
    }

    @Test("a second refresh right after the first one: exit 1 (too early)")
    func refreshTooEarly() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        let id = try linked.account("High Yield Savings")
        try await fc.ok(["accounts", "refresh", id, "--feature", "balance", "--wait"])
        let again = try await fc.run(["accounts", "refresh", id, "--feature", "balance"])
        #expect(again.code == 1, "\(again)")
        #expect(again.err.contains("next_refresh_available_at"), "\(again)")
    }

    @Test("disconnect, then refresh: exit 1; the account is disconnected")
    func disconnectThenRefresh() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances,transactions")
        let first = try linked.account("Success Checking"), second = try linked.account("High Yield Savings")
        let disconnected = try await fc.ok(["accounts", "disconnect", first, second, "--format", "tsv", "--fields", "id,status"])
        #expect(disconnected.out == "\(first)\tdisconnected\n\(second)\tdisconnected\n", "\(disconnected)")
        let account = try await fc.okJSON(["accounts", "get", first])
        #expect(account["status"] == "disconnected")
        let refresh = try await fc.run(["accounts", "refresh", first, "--feature", "balance"])
        #expect(refresh.code == 1, "\(refresh)")
        #expect(refresh.err.contains("error: "), "\(refresh)")
        let events = try await fc.okJSON(["events", "list", "--type", "financial_connections.account.disconnected", "--limit", "100"])
        let ids = Set(events.arrayValue?.compactMap { $0.value(at: "data.object.id")?.stringValue } ?? [])
        #expect(ids.isSuperset(of: [first, second]))
    }

    @Test("subscribe and unsubscribe flip the subscriptions field")
    func subscribeUnsubscribe() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "transactions")
        let id = try linked.account("Success Checking")
        let subscribed = try await fc.okJSON(["accounts", "subscribe", id])
        #expect(subscribed[0]?["subscriptions"] == ["transactions"], "\(subscribed)")
        #expect(try await fc.okJSON(["accounts", "get", id])["subscriptions"] == ["transactions"])
        let table = TableText(try await fc.ok(["accounts", "subscribe", id, "--format", "table"]).out)
        #expect(table.headers.last == "SUBSCRIPTIONS", "\(table)")
        #expect(table.rows.first?.last == "transactions", "\(table)")
        let unsubscribed = try await fc.ok(["accounts", "unsubscribe", id, "--feature", "transactions", "--format", "tsv", "--fields", "id,subscriptions"])
        #expect(unsubscribed.out == "\(id)\t[]\n", "the path's value, as JSON has it: \(unsubscribed)")
        #expect(try await fc.okJSON(["accounts", "get", id])["subscriptions"] == [])
    }

    @Test("subscribe without the transactions permission: exit 1")
    func subscribeWithoutPermission() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        let result = try await fc.run(["accounts", "subscribe", try linked.account("Success Checking")])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("transactions"), "\(result)")
    }
}

@Suite("stripe-fc accounts refresh --wait-timeout")
struct RefreshTimeoutTests {
    @Test("--wait-timeout 1s against a 10 s refresh gives up with exit 5")
    func waitTimeout() async throws {
        let sandbox = try await SandboxProcess.start(["--refresh-delay", "10000"])
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let linked = try await fc.linkedFixture(permissions: "balances")
        let result = try await fc.run(["accounts", "refresh", try linked.account("Success Checking"), "--feature", "balance", "--wait", "--wait-timeout", "1s",
                                       "--format", "tsv", "--fields", "balance_refresh.status"])
        #expect(result.code == 5, "\(result)")
        #expect(result.err.contains("gave up"), "\(result)")
        // Not a timed assertion: the account as last seen shows the wait ended while the refresh was still pending.
        #expect(result.lines == ["pending"], "\(result)")
    }
}
