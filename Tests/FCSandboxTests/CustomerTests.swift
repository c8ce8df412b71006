import FCKit
import Testing
@testable import FCSandbox

@Suite("Sandbox customers")
struct CustomerTests {
    @Test func createReturnsStripesFieldsInOrder() async throws {
        let h = try Harness()
        let c = await h.post("/v1/customers", "email=jenny%40example.com&name=Jenny+Rosen&metadata[plan]=gold&description=VIP")
        #expect(c.status == 200)
        let keys = try #require(c.json.objectValue?.keys)
        #expect(keys == ["id", "object", "address", "balance", "created", "currency", "default_source", "delinquent", "description",
                         "email", "invoice_prefix", "invoice_settings", "livemode", "metadata", "name", "next_invoice_sequence",
                         "phone", "preferred_locales", "shipping", "tax_exempt", "test_clock"])
        #expect(c.id.hasPrefix("cus_") && c.id.count == 18)
        #expect(c["object"] == "customer")
        #expect(c["email"] == "jenny@example.com")
        #expect(c["name"] == "Jenny Rosen")
        #expect(c["metadata.plan"] == "gold")
        #expect(c["created"]?.intValue == 1_780_000_000)
        #expect(c["livemode"] == false)
        let fetched = await h.get("/v1/customers/\(c.id)")
        #expect(fetched.json == c.json)
    }

    /// Stripe refuses an address it could never deliver to, naming it; nothing is created.
    @Test func invalidEmailIsRefusedLikeStripe() async throws {
        let h = try Harness()
        for bad in ["not-an-email", "jenny@", "@example.com", "jenny@@example.com", "jenny rosen@example.com", "jenny@example",
                    "jenny@.example.com", "jenny@example..com", "jenny@exa mple.com", "<jenny@example.com>"] {
            let body = "email=" + FormEncoder.escape(bad, keepBrackets: false)
            let answer = await h.post("/v1/customers", body)
            #expect(answer.status == 400, "\(bad)")
            #expect(answer["error.type"] == "invalid_request_error", "\(bad)")
            #expect(answer.errorCode == "email_invalid", "\(bad)")
            #expect(answer.errorParam == "email", "\(bad)")
            #expect(answer.errorMessage == "Invalid email address: \(bad)", "\(bad)")
            #expect(answer["error.doc_url"] == "https://stripe.com/docs/error-codes/email-invalid", "\(bad)")
        }
        #expect(await h.get("/v1/customers")["data"]?.arrayValue?.isEmpty == true)
        #expect(await h.get("/v1/events", "type=customer.created")["data"]?.arrayValue?.isEmpty == true)
        for good in ["jenny+tag@example.co.uk", "o'brien@example.com", "JENNY.ROSEN@EXAMPLE.COM", "j_r-1@mail-1.example.org", ""] {
            let answer = await h.post("/v1/customers", "email=" + FormEncoder.escape(good, keepBrackets: false))
            #expect(answer.status == 200, "\(good): \(answer.text)")
            #expect(answer["email"] == (good.isEmpty ? .null : .string(good)))
        }
    }

    @Test func idsAreDeterministicFromTheSeed() async throws {
        let a = try Harness(), b = try Harness()
        let c = try Harness(options: Harness.options(seed: 7))
        let ida = await a.customer(), idb = await b.customer(), idc = await c.customer()
        #expect(ida == idb)
        #expect(ida != idc)
    }

    @Test func listIsNewestFirstWithPagination() async throws {
        let h = try Harness()
        var ids: [String] = []
        for i in 0..<5 {
            ids.append(await h.customer(email: "c\(i)@example.com"))
            h.clock.advance(1)
        }
        let page1 = await h.get("/v1/customers", "limit=2")
        #expect(page1["object"] == "list")
        #expect(page1["url"] == "/v1/customers")
        #expect(page1["has_more"] == true)
        #expect(page1["data"]?.arrayValue?.map { $0["id"]!.stringValue! } == [ids[4], ids[3]])
        let page2 = await h.get("/v1/customers", "limit=2&starting_after=\(ids[3])")
        #expect(page2["data"]?.arrayValue?.map { $0["id"]!.stringValue! } == [ids[2], ids[1]])
        let last = await h.get("/v1/customers", "limit=2&starting_after=\(ids[1])")
        #expect(last["data"]?.arrayValue?.map { $0["id"]!.stringValue! } == [ids[0]])
        #expect(last["has_more"] == false)
        let before = await h.get("/v1/customers", "limit=2&ending_before=\(ids[1])")
        #expect(before["data"]?.arrayValue?.map { $0["id"]!.stringValue! } == [ids[3], ids[2]])
        #expect(before["has_more"] == true)
        let bad = await h.get("/v1/customers", "starting_after=cus_missing")
        #expect(bad.status == 400)
        #expect(bad.errorParam == "starting_after")
        #expect(await h.get("/v1/customers").json.value(at: "data")?.arrayValue?.count == 5)
    }

    @Test func emailAndCreatedFilters() async throws {
        let h = try Harness()
        _ = await h.customer(email: "a@example.com")
        h.clock.advance(100)
        let b = await h.customer(email: "b@example.com")
        let byEmail = await h.get("/v1/customers", "email=b%40example.com")
        #expect(byEmail["data"]?.arrayValue?.map { $0["id"]!.stringValue! } == [b])
        let since = await h.get("/v1/customers", "created[gte]=\(Int(h.clock.now))")
        #expect(since["data"]?.arrayValue?.count == 1)
        let exact = await h.get("/v1/customers", "created=\(Int(h.clock.now) - 100)")
        #expect(exact["data.0.email"] == "a@example.com")
    }

    @Test func createEmitsCustomerCreated() async throws {
        let h = try Harness()
        let id = await h.post("/v1/customers", "email=x%40example.com", headers: [("Idempotency-Key", "k1")]).id
        let events = await h.get("/v1/events", "type=customer.created")
        let event = try #require(events["data.0"])
        #expect(event["type"] == "customer.created")
        #expect(event.value(at: "data.object.id")?.stringValue == id)
        #expect(event.value(at: "request.idempotency_key") == "k1")
        #expect(event.value(at: "request.id")?.stringValue?.hasPrefix("req_") == true)
        #expect(event.objectValue?.keys == ["id", "object", "api_version", "created", "data", "livemode", "pending_webhooks", "request", "type"])
    }
}
