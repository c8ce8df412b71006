import FCKit
import Foundation
import Testing
@testable import FCSandbox

/// A webhook receiver at the transport seam: records every delivery, answers with the scripted
/// statuses (then 200), and lets a test await a number of deliveries without sleeping.
final class RecordingReceiver: Transport, @unchecked Sendable {
    private let lock = NSLock()
    private var received: [HTTPRequest] = []
    private var script: [Int]
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init(failFirst statuses: [Int] = []) { script = statuses }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let status = lock.withLock { () -> Int in
            received.append(request)
            let ready = waiters.filter { $0.count <= received.count }
            waiters.removeAll { $0.count <= received.count }
            for waiter in ready { waiter.continuation.resume() }
            return script.isEmpty ? 200 : script.removeFirst()
        }
        return HTTPResponse(status: status)
    }

    var requests: [HTTPRequest] { lock.withLock { received } }

    /// Returns once `count` deliveries have arrived.
    func wait(for count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = lock.withLock { () -> Bool in
                if received.count >= count { return true }
                waiters.append((count, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Event ids in delivery order.
    var eventIds: [String] { requests.map { (try? JSON.parse($0.body))?["id"]?.stringValue ?? "" } }
}

@Suite("Sandbox webhooks")
struct WebhookTests {
    static func harness(_ receiver: RecordingReceiver, dataFile: String? = nil, clock: ManualClock = ManualClock()) throws -> Harness {
        var options = Harness.options(dataFile: dataFile)
        options.webhookRetryBaseMS = 0
        return try Harness(options: options, clock: clock, webhookTransport: receiver)
    }

    /// Yields until `condition` holds (deliveries finish on other tasks); no wall-clock waits.
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<100_000 {
            if await condition() { return true }
            await Task.yield()
        }
        return false
    }

    @Test func endpointsAreCreatedReadUpdatedAndDeleted() async throws {
        let h = try Self.harness(RecordingReceiver())
        let created = await h.post("/v1/webhook_endpoints",
                                   "url=http%3A%2F%2F127.0.0.1%3A4242%2Fhook&enabled_events[]=financial_connections.account.*&enabled_events[]=customer.created&description=mine&metadata[team]=fc")
        #expect(created.status == 200)
        #expect(created.id.hasPrefix("we_1"))
        #expect(created["object"] == "webhook_endpoint")
        #expect(created["status"] == "enabled")
        #expect(created["url"] == "http://127.0.0.1:4242/hook")
        #expect(created["enabled_events"] == ["financial_connections.account.*", "customer.created"])
        #expect(created["metadata.team"] == "fc")
        let secret = try #require(created["secret"]?.stringValue)
        #expect(secret.hasPrefix("whsec_") && secret.count == 38)

        let fetched = await h.get("/v1/webhook_endpoints/\(created.id)")
        #expect(fetched["secret"] == nil, "only the create answer shows the secret")
        #expect(fetched["description"] == "mine")
        let listed = await h.get("/v1/webhook_endpoints")
        #expect(listed["data"]?.arrayValue?.map { $0["id"]?.stringValue } == [created.id])
        #expect(listed["data.0.secret"] == nil)

        let updated = await h.post("/v1/webhook_endpoints/\(created.id)", "disabled=true&enabled_events[]=*&metadata[team]=&metadata[env]=ci&description=")
        #expect(updated["status"] == "disabled")
        #expect(updated["enabled_events"] == ["*"])
        #expect(updated["metadata"] == ["env": "ci"])
        #expect(updated["description"] == .null)
        #expect(updated["secret"] == nil)

        let deleted = await h.send("DELETE", "/v1/webhook_endpoints/\(created.id)")
        #expect(deleted.json == ["id": .string(created.id), "object": "webhook_endpoint", "deleted": true])
        let gone = await h.get("/v1/webhook_endpoints/\(created.id)")
        #expect(gone.status == 404)
        #expect(gone.errorMessage == "No such webhook endpoint: '\(created.id)'")
    }

    @Test(arguments: [
        ("enabled_events[]=*", "parameter_missing", "url"),
        ("url=http%3A%2F%2F127.0.0.1%3A1%2F", "parameter_missing", "enabled_events"),
        ("url=ftp%3A%2F%2Fexample.com&enabled_events[]=*", "url_invalid", "url"),
        ("url=http%3A%2F%2F&enabled_events[]=*", "url_invalid", "url"),
        ("url=http%3A%2F%2Fx.test&enabled_events[]=*&enabled_events[]=financial_connections.account.crated", "parameter_invalid_string", "enabled_events[1]"),
        ("url=http%3A%2F%2Fx.test&enabled_events[]=nothing.here.*", "parameter_invalid_string", "enabled_events[0]"),
        ("url=http%3A%2F%2Fx.test&enabled_events[]=Not%20A%20Type", "parameter_invalid_string", "enabled_events[0]"),
        ("url=http%3A%2F%2Fx.test&enabled_events[]=*&secret=whsec_mine", "parameter_unknown", "secret"),
        ("url=http%3A%2F%2Fx.test&enabled_events[]=*&api_version=1999-01-01", "parameter_invalid_string", "api_version"),
    ])
    func badCreatesAreRefusedLikeStripe(_ body: String, _ code: String, _ param: String) async throws {
        let h = try Self.harness(RecordingReceiver())
        let answer = await h.post("/v1/webhook_endpoints", body)
        #expect(answer.status == 400)
        #expect(answer.errorCode == code)
        #expect(answer.errorParam == param)
        #expect(answer["error.type"] == "invalid_request_error")
    }

    @Test func unknownFamiliesAreAcceptedByShape() async throws {
        let h = try Self.harness(RecordingReceiver())
        let answer = await h.post("/v1/webhook_endpoints", "url=https%3A%2F%2Fx.test%2Fh&enabled_events[]=invoice.paid")
        #expect(answer.status == 200)
    }

    @Test func everyMatchingEventIsDeliveredSignedInOrder() async throws {
        let receiver = RecordingReceiver()
        let h = try Self.harness(receiver)
        let endpoint = await h.post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2Fhook&enabled_events[]=customer.*")
        let secret = try #require(endpoint["secret"]?.stringValue)
        let first = await h.customer(email: "a@example.com")
        _ = await h.post("/v1/financial_connections/sessions", "account_holder[type]=customer&account_holder[customer]=\(first)&permissions[]=balances")
        let second = await h.customer(email: "b@example.com")
        await receiver.wait(for: 2)
        let events = await h.get("/v1/events", "type=customer.created")
        let ids = events["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }.reversed() ?? []
        #expect(receiver.eventIds == Array(ids), "customer events only, oldest first")
        let bodies = receiver.requests.map { try? JSON.parse($0.body) }
        #expect(bodies.map { $0?.value(at: "data.object.id")?.stringValue } == [first, second])
        for request in receiver.requests {
            #expect(request.method == "POST")
            #expect(request.url == "http://127.0.0.1:9/hook")
            #expect(request.header("Content-Type") == "application/json; charset=utf-8")
            #expect(request.header("User-Agent") == "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            let header = try #require(request.header("Stripe-Signature"))
            let t = try #require(header.split(separator: ",").first.flatMap { Int($0.dropFirst(2)) })
            #expect(header == WebhookDelivery.signature(payload: request.body, secret: secret, timestamp: t))
        }
        let acknowledged = await Self.eventually { await h.get("/v1/events/\(ids.last ?? "")")["pending_webhooks"] == 0 }
        #expect(acknowledged)
        #expect(await h.get("/v1/events", "delivery_success=false")["data"] == [])
    }

    @Test func failedDeliveriesAreRetriedBeforeTheNextEventGoes() async throws {
        let receiver = RecordingReceiver(failFirst: [500, 503, 200, 404])
        let h = try Self.harness(receiver)
        _ = await h.post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2F&enabled_events[]=customer.created")
        _ = await h.customer(email: "a@example.com")
        _ = await h.customer(email: "b@example.com")
        await receiver.wait(for: 5)
        let ids = receiver.eventIds
        #expect(ids.count == 5)
        #expect(Set(ids[0..<3]).count == 1 && Set(ids[3..<5]).count == 1 && ids[0] != ids[3],
                "the first event three times (two failures), then the second twice: \(ids)")
    }

    @Test func anEndpointThatNeverAnswers2xxGetsThreeRetriesAndTheEventStaysPending() async throws {
        let receiver = RecordingReceiver(failFirst: [500, 500, 500, 500])
        let h = try Self.harness(receiver)
        _ = await h.post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2F&enabled_events[]=*")
        _ = await h.customer()
        let event = await h.get("/v1/events")["data.0.id"]?.stringValue ?? ""
        await receiver.wait(for: 4)
        _ = await h.customer(email: "c@example.com")
        await receiver.wait(for: 5)
        #expect(receiver.requests.count == 5, "four attempts at the first event, then the next")
        #expect(await h.get("/v1/events/\(event)")["pending_webhooks"] == 1)
        let failing = await h.get("/v1/events", "delivery_success=false")
        #expect(failing["data"]?.arrayValue?.map { $0["id"]?.stringValue } == [event])
    }

    @Test func disabledAndDeletedEndpointsGetNothing() async throws {
        let receiver = RecordingReceiver()
        let h = try Self.harness(receiver)
        let off = await h.post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2Foff&enabled_events[]=*")
        _ = await h.post("/v1/webhook_endpoints/\(off.id)", "disabled=true")
        let gone = await h.post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2Fgone&enabled_events[]=*")
        _ = await h.send("DELETE", "/v1/webhook_endpoints/\(gone.id)")
        _ = await h.post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2Fon&enabled_events[]=*")
        _ = await h.customer()
        await receiver.wait(for: 1)
        #expect(await h.get("/v1/events")["data.0.pending_webhooks"] != nil)
        _ = await h.customer(email: "z@example.com")
        await receiver.wait(for: 2)
        #expect(receiver.requests.map(\.url) == ["http://127.0.0.1:9/on", "http://127.0.0.1:9/on"])
    }

    /// A refresh completes on the sandbox's clock with nobody asking: its event still goes out.
    @Test func timeDrivenEventsAreDeliveredWithoutARequest() async throws {
        let receiver = RecordingReceiver()
        let h = try Self.harness(receiver)
        let (_, _, accounts) = await h.linked()
        _ = await h.post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2F&enabled_events[]=financial_connections.account.refreshed_*")
        _ = await h.post("/v1/financial_connections/accounts/\(accounts[0])/refresh", "features[]=balance")
        h.clock.advance(5)
        await receiver.wait(for: 1)
        let body = try JSON.parse(receiver.requests[0].body)
        #expect(body["type"] == "financial_connections.account.refreshed_balance")
        #expect(body.value(at: "data.object.balance_refresh.status") == "succeeded")
    }

    @Test func endpointsSurviveARestartAndOldEventsAreNotSentAgain() async throws {
        let path = temporaryPath("webhooks.jsonl")
        let first = RecordingReceiver()
        var secret = ""
        var endpoint = ""
        do {
            let h = try Self.harness(first, dataFile: path)
            let created = await h.post("/v1/webhook_endpoints", "url=http%3A%2F%2F127.0.0.1%3A9%2F&enabled_events[]=*")
            secret = created["secret"]?.stringValue ?? ""
            endpoint = created.id
            _ = await h.customer()
            await first.wait(for: 1)
        }
        let second = RecordingReceiver()
        let h = try Self.harness(second, dataFile: path)
        #expect(await h.get("/v1/events", "delivery_success=false")["data"] == [], "events from before the restart are not pending")
        let registered = try h.app.registerWebhook(url: "http://127.0.0.1:9/")
        #expect(registered.id == endpoint && registered.secret == secret, "--webhook with the same URL reuses the endpoint")
        #expect(await h.get("/v1/webhook_endpoints/\(endpoint)")["url"] == "http://127.0.0.1:9/")
        _ = await h.customer(email: "after@example.com")
        await second.wait(for: 1)
        #expect(second.requests.count == 1)
        let body = try JSON.parse(second.requests[0].body)
        #expect(body.value(at: "data.object.email") == "after@example.com")
    }
}
