@testable import fc
import FCKit
import Foundation
import Testing

@Suite struct EventsForwardTests {
    static let hook = "http://127.0.0.1:4242/hook"

    static func event(_ id: String, _ type: String) -> String {
        #"{"id":"\#(id)","object":"event","api_version":"2026-07-29.dahlia","created":1795255100,"data":{"object":{"id":"cus_1","object":"customer"}},"livemode":false,"pending_webhooks":0,"request":{"id":null,"idempotency_key":null},"type":"\#(type)"}"#
    }

    /// Newest first, as the API lists them.
    static let events = Stub.json("GET", "/v1/events", #"{"object":"list","data":[\#(event("evt_b", "customer.created")),\#(event("evt_a", "payment_intent.succeeded"))],"has_more":false,"url":"/v1/events"}"#)

    static func receiver(_ status: Int) -> Stub { .json("POST", "/hook", status: status, "") }

    static func lines(_ text: String) -> [JSON] { text.split(separator: "\n").compactMap { try? JSON.parse(String($0)) } }

    @Test func onceDeliversEveryEventOldestFirstSignedAndRetriesAFailure() async throws {
        let r = await run(["events", "forward", "--to", Self.hook, "--once"],
                          stubs: [Self.events, Self.receiver(500), Self.receiver(200), Self.receiver(200)])
        #expect(r.code == 0, "\(r.err)")
        let secretLine = try #require(r.err.split(separator: "\n").first { $0.hasPrefix("webhook secret ") })
        let secret = String(secretLine.dropFirst("webhook secret ".count))
        #expect(secret.hasPrefix("whsec_") && secret.count == 38, "the generated secret is shown whole: \(secretLine)")

        let deliveries = r.requests.filter { $0.url == Self.hook }
        let ids = deliveries.map { (try? JSON.parse($0.body))?["id"]?.stringValue }
        #expect(ids == ["evt_a", "evt_a", "evt_b"], "oldest first; the failed one again before the next")
        for request in deliveries {
            #expect(request.method == "POST")
            #expect(request.header("Content-Type") == "application/json; charset=utf-8")
            #expect(request.header("User-Agent") == "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            #expect(request.header("Authorization") == nil, "the API key never goes to the receiver")
            #expect(request.header("Stripe-Signature") == WebhookDelivery.signature(payload: request.body, secret: secret, timestamp: Int(fixedNow)))
        }
        let results = Self.lines(r.out)
        #expect(results.map { $0["id"]?.stringValue } == ["evt_a", "evt_b"])
        #expect(results.map { $0["attempts"]?.intValue } == [2, 1])
        #expect(results.map { $0["status"]?.intValue } == [200, 200])
        #expect(results.allSatisfy { $0["delivered"] == true })
        #expect(r.err.contains("evt_a  payment_intent.succeeded  → 500 (0 ms), retrying in 1s"))
        #expect(r.err.contains("evt_a  payment_intent.succeeded  → 200 (0 ms)"))
        #expect(r.err.contains("evt_b  customer.created  → 200 (0 ms)"))
    }

    @Test func aDeliveryThatNeverSucceedsIsExitOne() async throws {
        let secret = "whsec_GivenSecretGivenSecret1234"
        let r = await run(["events", "forward", "--to", Self.hook, "--once", "--secret", secret, "--type", "customer.*"],
                          stubs: [Stub.json("GET", "/v1/events", #"{"object":"list","data":[\#(Self.event("evt_b", "customer.created"))],"has_more":false,"url":"/v1/events"}"#),
                                  Self.receiver(500), Self.receiver(502), Self.receiver(302), Self.receiver(410)])
        #expect(r.code == 1)
        #expect(r.err.contains("gave up after 4 attempts"))
        #expect(r.err.contains("error: 1 of 1 deliveries to \(Self.hook) failed"))
        #expect(!r.err.contains("GivenSecret"), "a secret the user gave is never echoed")
        #expect(!r.err.contains("webhook secret"))
        let results = Self.lines(r.out)
        #expect(results.count == 1)
        #expect(results.first?["delivered"] == false)
        #expect(results.first?["status"] == 410)
        let list = try #require(r.requests.first)
        #expect(list.url.contains("type=customer.%2A"))
        #expect(r.requests.dropFirst().allSatisfy { $0.header("Stripe-Signature")?.hasPrefix("t=\(Int(fixedNow)),v1=") == true })
    }

    /// Ctrl-C cancels the delivery in flight: it and every event read after it are reported, exit 130.
    @Test func interruptedReportsEveryEventRead() async {
        let r = await run(["events", "forward", "--to", Self.hook, "--once"],
                          stubs: [Self.events, .failing("POST", "/hook", .cancelled, message: "cancelled")])
        #expect(r.code == 130, "\(r.err)")
        #expect(r.requests.filter { $0.url == Self.hook }.count == 1, "no retry after Ctrl-C")
        #expect(r.err.contains("evt_a  payment_intent.succeeded  → not delivered (interrupted)"), "\(r.err)")
        #expect(r.err.contains("evt_b  customer.created  → not delivered (interrupted)"), "\(r.err)")
        #expect(r.out == "")
    }

    @Test func severalTypesAreSentAsTypes() async throws {
        let r = await run(["events", "forward", "--to", Self.hook, "--once", "--type", "customer.created", "--type", "payment_intent.*"],
                          stubs: [Stub.json("GET", "/v1/events", #"{"object":"list","data":[],"has_more":false,"url":"/v1/events"}"#)])
        #expect(r.code == 0)
        #expect(r.out == "")
        let query = StubTransport.split(r.requests.first?.url ?? "").query ?? ""
        #expect(query.contains("types[0]=customer.created") || query.contains("types[]=customer.created"), "\(query)")
    }

    @Test(arguments: [["--secret", "sk_test_notawebhooksecret"], ["--to", "ftp://x"], ["--secret", "whsec_"]])
    func badValuesAreUsageErrorsAndSendNothing(_ extra: [String]) async {
        let argv = ["events", "forward", "--once"] + (extra.first == "--to" ? extra : ["--to", Self.hook] + extra)
        let r = await run(argv)
        #expect(r.code == 2, "\(r.err)")
        #expect(r.requests.isEmpty)
    }

    @Test func theToURLIsRequired() async {
        let r = await run(["events", "forward", "--once"])
        #expect(r.code == 2)
        #expect(r.err.contains("--to"))
    }
}
