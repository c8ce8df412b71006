import FCKit
import Testing
@testable import FCSandbox

@Suite("Sandbox events")
struct EventTests {
    @Test(arguments: [
        ("financial_connections.account.*", "financial_connections.account.created", true),
        ("financial_connections.account.*", "financial_connections.account.refreshed_balance", true),
        ("financial_connections.*", "payment_intent.created", false),
        ("*.created", "customer.created", true),
        ("*", "anything.at.all", true),
        ("customer.created", "customer.created", true),
        ("customer.created", "customer.created.extra", false),
        ("payment_intent.*ed", "payment_intent.succeeded", true),
        ("payment_intent.*ed", "payment_intent.processing", false),
    ])
    func wildcards(_ pattern: String, _ type: String, _ expected: Bool) {
        #expect(EventTypePattern.matches(pattern, type) == expected)
    }

    @Test func listFiltersAndRetrieve() async throws {
        let h = try Harness()
        let (_, _, accounts) = await h.linked()
        h.clock.advance(10)
        _ = await h.refreshed(accounts[0], "balance")
        let all = await h.get("/v1/events", "limit=100")
        let types = all["data"]?.arrayValue?.map { $0["type"]!.stringValue! } ?? []
        #expect(types.first == "financial_connections.account.refreshed_balance")
        #expect(types.last == "customer.created")
        #expect(all["url"] == "/v1/events")
        let fc = await h.get("/v1/events", "type=financial_connections.account.*&limit=100")
        #expect(fc["data"]?.arrayValue?.count == accounts.count + 1)
        let several = await h.get("/v1/events", "types[]=customer.created&types[]=financial_connections.account.refreshed_balance")
        #expect(several["data"]?.arrayValue?.count == 2)
        let recent = await h.get("/v1/events", "created[gt]=\(Int(h.clock.now) - 5)")
        #expect(recent["data"]?.arrayValue?.map { $0["type"]!.stringValue! } == ["financial_connections.account.refreshed_balance"])
        let both = await h.get("/v1/events", "type=a&types[]=b")
        #expect(both.status == 400)
        let id = try #require(all["data.0.id"]?.stringValue)
        #expect(id.hasPrefix("evt_"))
        let one = await h.get("/v1/events/\(id)")
        #expect(one.json == all["data.0"])
        #expect(one["api_version"] == "2026-07-29.dahlia")
        #expect(one["pending_webhooks"] == 0)
        let page = await h.get("/v1/events", "limit=1&starting_after=\(id)")
        #expect(page["data.0.id"] == all["data.1.id"])
        h.clock.advance(31 * 86_400)
        #expect(await h.get("/v1/events")["data"] == [])
        #expect(await h.get("/v1/events/\(id)").status == 200)
    }

    @Test func snapshotsKeepTheStateAtTheTime() async throws {
        let h = try Harness()
        let (_, _, accounts) = await h.linked()
        _ = await h.post("/v1/financial_connections/accounts/\(accounts[0])/disconnect")
        let created = await h.get("/v1/events", "type=financial_connections.account.created&limit=100")
        let snapshot = created["data"]?.arrayValue?.first { $0.value(at: "data.object.id")?.stringValue == accounts[0] }
        #expect(snapshot?.value(at: "data.object.status") == "active")
    }
}
