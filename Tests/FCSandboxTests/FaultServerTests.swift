#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FCKit
import FCSandbox
import Foundation
import Testing

/// The whole stack over loopback: SandboxServer wires faults around the app behind HTTP.
@Suite("Sandbox server with faults over HTTP")
struct FaultServerTests {
    @Test func faultsOverHTTPNeverReachTheApp() async throws {
        var options = SandboxOptions()
        options.port = 0
        let app = CountingHandler()
        let server = try SandboxServer.start(options: options, app: app)
        defer { server.stop() }
        #expect(server.url == "http://127.0.0.1:\(server.port)")
        let port = server.port

        let (failed, limited, dropped, passed) = try await onThread {
            let client = try RawClient(port: port)
            client.send(rawRequest("POST", "/v1/customers", headers: ["Sandbox-Fault: 503"], body: "email=a%40b.c"))
            let failed = try client.readResponse()
            client.send(rawRequest("POST", "/v1/customers", headers: ["Sandbox-Fault: 429"], body: "email=a%40b.c"))
            let limited = try client.readResponse()
            client.send(rawRequest("POST", "/v1/customers", headers: ["Sandbox-Fault: drop"], body: "email=a%40b.c"))
            let dropped = client.readToEnd()
            let next = try RawClient(port: port)
            next.send(rawRequest("GET", "/v1/customers"))
            return (failed, limited, dropped, try next.readResponse())
        }
        #expect(failed.status == 503)
        #expect(failed.header("Stripe-Should-Retry") == "true")
        #expect(failed.header("Request-Id")?.hasPrefix("req_") == true)
        #expect(failed.text.contains("\"api_error\""))
        #expect(limited.status == 429)
        #expect(limited.text.contains("\"rate_limit\""))
        #expect(dropped.isEmpty)
        #expect(passed.status == 200)
        #expect(await app.count == 1)
    }

    /// The hardest case for a client: the write happened, no answer came. The customer exists,
    /// and the same request retried with its Idempotency-Key gets the stored answer.
    @Test func dropAfterActsThenClosesWithoutAnAnswer() async throws {
        var options = SandboxOptions()
        options.port = 0
        let server = try SandboxServer.start(options: options, app: try SandboxApp(options: options))
        defer { server.stop() }
        let port = server.port
        let auth = "Authorization: Bearer sk_test_dropafter"
        let create = { @Sendable (fault: [String]) in
            rawRequest("POST", "/v1/customers", headers: [auth, "Idempotency-Key: drop-after-1"] + fault, body: "email=dropped%40example.com")
        }
        let (unanswered, list, retried) = try await onThread {
            let client = try RawClient(port: port)
            client.send(create(["Sandbox-Fault: drop-after"]))
            let unanswered = client.readToEnd()
            let next = try RawClient(port: port)
            next.send(rawRequest("GET", "/v1/customers", headers: [auth]))
            let list = try next.readResponse()
            next.send(create([]))
            return (unanswered, list, try next.readResponse())
        }
        #expect(unanswered.isEmpty)
        let customers = try JSON.parse(list.body)["data"]?.arrayValue ?? []
        #expect(customers.count == 1)
        #expect(customers.first?["email"] == "dropped@example.com")
        #expect(retried.status == 200)
        #expect(retried.header("Idempotent-Replayed") == "true")
        #expect(try JSON.parse(retried.body)["id"] == customers.first?["id"])
    }

    @Test func rateLimitOverHTTP() async throws {
        var options = SandboxOptions()
        options.port = 0
        options.rateLimit = 3
        let server = try SandboxServer.start(options: options, app: CountingHandler())
        defer { server.stop() }
        let port = server.port
        let statuses = try await onThread {
            let client = try RawClient(port: port)
            return try (0..<5).map { _ in
                client.send(rawRequest())
                return try client.readResponse().status
            }
        }
        // Five requests on loopback finish well within one second.
        #expect(statuses == [200, 200, 200, 429, 429])
    }

    @Test func stopEndsWaitUntilStopped() async throws {
        var options = SandboxOptions()
        options.port = 0
        let server = try SandboxServer.start(options: options, app: CountingHandler())
        let blockingWaiter = Task.detached { try await onThread { server.waitUntilStopped() } }
        let asyncWaiter = Task.detached { await server.waitUntilStopped() }
        server.stop()
        try await blockingWaiter.value
        await asyncWaiter.value
        #expect(server.stoppedBySignal == nil)
    }
}
