import FCKit
import Testing
@testable import FCSandbox

@Suite("Sandbox v2 core accounts")
struct V2AccountTests {
    @Test func createAndRetrieveWithInclude() async throws {
        let h = try Harness()
        let created = await h.post("/v2/core/accounts",
                                   #"{"contact_email":"ops@example.com","display_name":"Rocket Rides","configuration":{"customer":{}},"include":["configuration.customer"],"metadata":{"k":"v"}}"#)
        #expect(created.status == 200)
        #expect(created.id.hasPrefix("acct_"))
        #expect(created["object"] == "v2.core.account")
        #expect(created["applied_configurations"] == ["customer"])
        #expect(created["configuration.customer.capabilities.automatic_indirect_tax.requested"] == false)
        #expect(created["created"]?.stringValue?.hasSuffix("Z") == true)
        #expect(created["created"]?.stringValue?.contains("T") == true)
        #expect(created["contact_email"] == "ops@example.com")
        #expect(created["livemode"] == false)
        let plain = await h.get("/v2/core/accounts/\(created.id)")
        #expect(plain["configuration"] == .null)
        #expect(plain["applied_configurations"] == ["customer"])
        let included = await h.get("/v2/core/accounts/\(created.id)", "include[]=configuration.customer")
        #expect(included["configuration.customer"] != nil)
        let repeated = await h.get("/v2/core/accounts/\(created.id)", "include=configuration.customer&include=identity")
        #expect(repeated["configuration.customer"] != nil)
    }

    @Test func v2ErrorsHaveTheV2Shape() async throws {
        let h = try Harness()
        let missing = await h.get("/v2/core/accounts/acct_nope")
        #expect(missing.status == 404)
        #expect(missing.json.value(at: "error")?.objectValue?.keys.starts(with: ["type", "code", "message"]) == true)
        let unknown = await h.post("/v2/core/accounts", #"{"bogus":1}"#)
        #expect(unknown.status == 400)
        #expect(unknown["error.code"] == "parameter_unknown")
        let notJSON = await h.post("/v2/core/accounts", "contact_email=x")
        #expect(notJSON.status == 400)
        let badInclude = await h.post("/v2/core/accounts", #"{"include":["everything"]}"#)
        #expect(badInclude.status == 400)
    }
}

@Suite("Sandbox concurrency")
struct ConcurrencyTests {
    @Test func concurrentCreatesAllLand() async throws {
        let h = try Harness()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<50 {
                group.addTask { _ = await h.customer(email: "c\(i)@example.com") }
            }
        }
        let list = await h.get("/v1/customers", "limit=100")
        let ids = list["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(ids.count == 50)
        #expect(Set(ids).count == 50)
    }
}
