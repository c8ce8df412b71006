import FCKit
import Foundation
import Testing

@Suite("Webhooks: sandbox --webhook and events forward", .sandbox())
struct WebhooksTests {
    /// The second stdout line carries the secret; every event is delivered, signed with it,
    /// in order, after a receiver's failures; SIGTERM still stops the sandbox cleanly.
    @Test("sandbox --webhook URL prints the secret second and delivers every event in order")
    func sandboxWebhook() async throws {
        let receiver = try WebhookReceiver.start(failFirst: [500, 503])
        defer { receiver.stop() }
        let fc = try FCRunner.shared()
        let server = try fc.start(["sandbox", "--port", "0", "--webhook", receiver.url, "--webhook-retry-base", "20"])
        let announced = await server.waitFor { out, _ in out.split(separator: "\n").count >= 2 }
        let lines = server.stdoutSoFar.split(separator: "\n").map(String.init)
        #expect(announced && lines.count >= 2, "\(server.stdoutSoFar)\(server.stderrSoFar)")
        #expect(lines.first?.hasPrefix("listening on http://127.0.0.1:") == true)
        let secretLine = try #require(lines.dropFirst().first)
        #expect(secretLine.hasPrefix("webhook secret whsec_"), "\(secretLine)")
        let secret = String(secretLine.dropFirst("webhook secret ".count))
        let own = FCRunner(baseURL: String(lines[0].dropFirst("listening on ".count)))

        let first = try await own.createCustomer()
        let second = try await own.createCustomer()
        #expect(await receiver.wait(for: 4), "two failures, then both events: \(receiver.eventIds)")
        let deliveries = receiver.deliveries
        #expect(deliveries.allSatisfy { WebhookReceiver.verifies($0, secret: secret) })
        #expect(deliveries.allSatisfy { $0.header("Content-Type") == "application/json; charset=utf-8" && $0.path == "/webhooks" })
        let objects = deliveries.map { (try? JSON.parse($0.body))?.value(at: "data.object.id")?.stringValue }
        #expect(objects == [first, first, first, second], "the first customer's event until acknowledged, then the second")

        server.child.signal(SIGTERM)
        let result = try await server.finish(timeout: 10)
        #expect(result.code == 143, "\(result)")
    }

    @Test("--webhook with a URL that is not http(s) is a usage error")
    func badWebhookURL() async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.run(["sandbox", "--port", "0", "--webhook", "ftp://127.0.0.1/x"], timeout: 20)
        #expect(result.code == 2, "\(result)")
        #expect(result.err.contains("--webhook"), "\(result)")
        #expect(result.out.isEmpty)
    }

    @Test("events forward --once delivers what is there, signed, and reports each delivery")
    func forwardOnce() async throws {
        let receiver = try WebhookReceiver.start()
        defer { receiver.stop() }
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let secret = "whsec_IntegrationForwardSecret000001"
        let result = try await fc.run(["events", "forward", "--to", receiver.url, "--once", "--secret", secret, "--type", "customer.created"], timeout: 60)
        #expect(result.code == 0, "\(result)")
        let results = try result.jsonLines()
        #expect(results.count == receiver.deliveries.count && !results.isEmpty)
        #expect(results.map { $0["id"]?.stringValue } == receiver.eventIds.map { Optional($0) }, "stdout reports each delivery in order")
        #expect(results.allSatisfy { $0["status"] == 200 && $0["delivered"] == true })
        #expect(receiver.deliveries.allSatisfy { WebhookReceiver.verifies($0, secret: secret) })
        let objects = receiver.deliveries.compactMap { (try? JSON.parse($0.body))?.value(at: "data.object.id")?.stringValue }
        #expect(objects.filter { $0 == customer }.count == 1, "the new customer's event, once")
        #expect(result.err.split(separator: "\n").filter { $0.contains("customer.created  → 200") }.count == results.count, "\(result.err)")
    }

    @Test("events forward stops on Ctrl-C with 130 after delivering what it read")
    func forwardInterrupted() async throws {
        let receiver = try WebhookReceiver.start()
        defer { receiver.stop() }
        let fc = try FCRunner.shared()
        _ = try await fc.createCustomer()
        let since = String(Int(Date().timeIntervalSince1970) - 60)
        let forward = try fc.start(["events", "forward", "--to", receiver.url, "--since", since, "--type", "customer.created"])
        #expect(await receiver.wait(for: 1))
        let delivered = await forward.waitFor { out, _ in !out.isEmpty }
        #expect(delivered)
        forward.child.signal(SIGINT)
        let result = try await forward.finish(timeout: 10)
        #expect(result.code == 130, "\(result)")
        let secretLine = result.err.split(separator: "\n").first { $0.hasPrefix("webhook secret whsec_") }
        #expect(secretLine != nil, "the generated secret is printed whole: \(result.err)")
        let reported = try result.jsonLines().compactMap { $0["id"]?.stringValue }
        let notDelivered = result.err.split(separator: "\n").filter { $0.contains("not delivered (interrupted)") }.count
        #expect(reported.count + notDelivered >= receiver.deliveries.count, "every event read is reported: \(result)")
    }
}
