import FCKit
import Foundation
import Testing

@Suite("stripe-fc events list", .sandbox())
struct EventsListTests {
    @Test("--type with a financial_connections.account.* wildcard: only account events, in JSON, TSV and table")
    func wildcard() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "balances")
        let events = try #require(try await fc.okJSON(["events", "list", "--type", "financial_connections.account.*", "--all"]).arrayValue)
        #expect(events.allSatisfy { $0["type"]?.stringValue?.hasPrefix("financial_connections.account.") == true }, "\(events)")
        let created = events.filter { $0["type"] == "financial_connections.account.created" }.compactMap { $0.value(at: "data.object.id")?.stringValue }
        #expect(Set(created).isSuperset(of: Set(linked.accountIDs)))
        #expect(events.allSatisfy { $0["object"] == "event" && $0["id"]?.stringValue?.hasPrefix("evt_") == true })

        let first = try #require(events.first)
        let id = try #require(first["id"]?.stringValue), type = try #require(first["type"]?.stringValue)
        let object = try #require(first.value(at: "data.object.id")?.stringValue), at = try #require(first["created"]?.intValue)
        let tsv = try await fc.ok(["events", "list", "--type", "financial_connections.account.*", "--limit", "1", "--format", "tsv"])
        #expect(tsv.lines.count == 1)
        let table = TableText(try await fc.ok(["events", "list", "--type", "financial_connections.account.*", "--limit", "3", "--format", "table"]).out)
        #expect(table.headers == ["ID", "CREATED (UTC)", "OBJECT", "TYPE"], "\(table)")
        #expect(table.rows.count == 3)
        #expect(table.rows.allSatisfy { $0[3].hasPrefix("financial_connections.account.") }, "\(table)")
        // The newest may have changed between the two reads (other tests share the sandbox): check shape, and the row if it is still first.
        if tsv.lines.first?.hasPrefix(id) == true {
            #expect(tsv.out == "\(id)\t\(at)\t\(object)\t\(type)\n")
        }
    }

    /// `--since` adds `created[gte]` beside the wildcard: a query with brackets, which Foundation used
    /// to re-encode whole, sending `payment_intent.%252A` (nothing matched).
    @Test("--type with a payment_intent.* wildcard and --since: the payment's events")
    func wildcardSince() async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: "payment_method")
        let payment = try await fc.okJSON(["pay", "--account", try linked.account("Success Checking"), "--customer", linked.customer,
                                           "--amount", "3.21", "--currency", "usd", "--mandate", "offline"])
        let id = try #require(payment["id"]?.stringValue)
        let yesterday = ISO8601DateFormatter.string(from: Date().addingTimeInterval(-86_400), timeZone: TimeZone(identifier: "UTC")!,
                                                    formatOptions: [.withFullDate])
        let listed = try await fc.ok(["events", "list", "--type", "payment_intent.*", "--since", yesterday, "--all", "--format", "json"])
        // An empty list prints nothing on a pipe.
        let events = listed.out.isEmpty ? [] : try #require(try listed.json().arrayValue)
        #expect(events.allSatisfy { $0["type"]?.stringValue?.hasPrefix("payment_intent.") == true }, "\(events)")
        let types = Set(events.filter { $0.value(at: "data.object.id")?.stringValue == id }.compactMap { $0["type"]?.stringValue })
        #expect(types.contains("payment_intent.created") && types.contains("payment_intent.processing"), "\(types)")
    }

    @Test("--type exact, --since in the future, --limit")
    func filters() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let customers = try await fc.ok(["events", "list", "--type", "customer.created", "--limit", "100", "--format", "tsv", "--fields", "type,data.object.id"])
        #expect(customers.lines.allSatisfy { $0.hasPrefix("customer.created\t") })
        #expect(customers.lines.contains("customer.created\t\(customer)"), "\(customers)")
        let future = try await fc.ok(["events", "list", "--since", "2099-01-01", "--format", "json"])
        #expect(future.out == "[]\n" /* a JSON document jq and json.load accept */, "\(future)")
        let two = try await fc.ok(["events", "list", "--limit", "2", "-q"])
        #expect(two.lines.count == 2)
        let badSince = try await fc.run(["events", "list", "--since", "soon"])
        #expect(badSince.code == 2, "\(badSince)")
    }
}

@Suite("stripe-fc events follow")
struct EventsFollowTests {
    @Test("follow --until-type exits 0 once the event arrives, printing it as one JSON line")
    func followUntilType() async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let linked = try await fc.linkedFixture(permissions: "balances")
        let id = try linked.account("Success Checking")
        let follow = try fc.start(["events", "follow", "--type", "financial_connections.account.*",
                                   "--until-type", "financial_connections.account.refreshed_balance",
                                   "--interval", "1s", "--wait-timeout", "30s", "--verbose"])
        // Trigger only once follow has taken its starting point (its first GET /v1/events).
        let started = await follow.waitFor { _, err in err.contains("> GET /v1/events") }
        #expect(started, "follow never polled: \(follow.stderrSoFar)")
        try await fc.ok(["accounts", "refresh", id, "--feature", "balance"])
        let result = try await follow.finish(timeout: 30)
        #expect(result.code == 0, "\(result)")
        let lines = try result.jsonLines()
        #expect(lines.count == 1, "\(result)")
        #expect(lines.first?["type"] == "financial_connections.account.refreshed_balance")
        #expect(lines.first?.value(at: "data.object.id")?.stringValue == id)
        #expect(lines.first?.value(at: "data.object.balance_refresh.status") == "succeeded")
    }

    @Test("follow stops on SIGINT with exit 130")
    func followInterrupted() async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let follow = try fc.start(["events", "follow", "--interval", "1s", "--verbose"])
        let started = await follow.waitFor { _, err in err.contains("> GET /v1/events") }
        #expect(started, "\(follow.stderrSoFar)")
        follow.child.signal(SIGINT)
        let result = try await follow.finish(timeout: 10)
        #expect(result.code == 130, "\(result)")
    }

    @Test("follow --wait-timeout with nothing happening: exit 5")
    func followTimeout() async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        let result = try await fc.run(["events", "follow", "--until-type", "payment_intent.succeeded", "--interval", "1s", "--wait-timeout", "1s"])
        #expect(result.code == 5, "\(result)")
        #expect(result.out.isEmpty)
    }
}
