import Foundation
import Testing
@testable import FCKit

/// The real transport against a real socket on 127.0.0.1.
@Suite(.serialized) struct CurlTransportTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        let server = try LoopbackServer { _ in
            LoopbackServer.response(201, "Created", headers: ["Request-Id: req_loop", "Content-Type: application/json"], body: #"{"ok":true}"#)
        }
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", url: server.baseURL + "/v1/customers?limit=3",
                                  headers: [("Authorization", "Bearer sk_test_x"), ("Stripe-Version", "2026-07-29.dahlia")], timeout: 10)
        let response = try await CurlTransport().send(request)
        #expect(response.status == 201)
        #expect(response.header("request-id") == "req_loop")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        let seen = try #require(server.requests.first)
        #expect(seen.hasPrefix("GET /v1/customers?limit=3 HTTP/1.1\r\n"))
        #expect(seen.contains("Authorization: Bearer sk_test_x\r\n"))
        #expect(seen.contains("Stripe-Version: 2026-07-29.dahlia\r\n"))
        #expect(!seen.lowercased().contains("cookie"))
    }

    @Test("ten requests to one host are ten connections at once (Foundation's default would hold four back)")
    func manyConnectionsToOneHost() async throws {
        let server = try LoopbackServer { _ in .silence }
        let transport = CurlTransport()
        let requests = Task {
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        let request = HTTPRequest(method: "GET", url: server.baseURL + "/v1/customers/cus_\(i)", headers: [], timeout: 30)
                        _ = try? await transport.send(request)
                    }
                }
            }
        }
        // Waits for a condition, bounded; it is met at once unless connections are capped.
        var polls = 0
        while server.requests.count < 10, polls < 2_000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            polls += 1
        }
        #expect(server.requests.count == 10, "only \(server.requests.count) connections were opened together")
        server.stop()
        requests.cancel()
        await requests.value
    }

    @Test func postSendsTheBody() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(200, "OK", body: "{}") }
        defer { server.stop() }
        let request = HTTPRequest(method: "POST", url: server.baseURL + "/v1/customers",
                                  headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Idempotency-Key", "k1")],
                                  body: Array("email=a%40b.co&metadata[k]=v".utf8), timeout: 10)
        _ = try await CurlTransport().send(request)
        let seen = try #require(server.requests.first)
        #expect(seen.hasPrefix("POST /v1/customers HTTP/1.1\r\n"))
        #expect(seen.contains("Idempotency-Key: k1\r\n"))
        #expect(seen.hasSuffix("\r\n\r\nemail=a%40b.co&metadata[k]=v"))
    }

    @Test func emptyPostKeepsItsContentType() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(200, "OK", body: "{}") }
        defer { server.stop() }
        let request = HTTPRequest(method: "POST", url: server.baseURL + "/v1/financial_connections/accounts/fca_1/disconnect",
                                  headers: [("Content-Type", "application/x-www-form-urlencoded")], timeout: 10)
        _ = try await CurlTransport().send(request)
        let seen = try #require(server.requests.first)
        #expect(seen.hasPrefix("POST /v1/financial_connections/accounts/fca_1/disconnect HTTP/1.1\r\n"))
        #expect(seen.contains("Content-Type: application/x-www-form-urlencoded\r\n"))
        #expect(seen.hasSuffix("\r\n\r\n"))
    }

    @Test func errorStatusesAreResponsesNotErrors() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(503, "Service Unavailable", headers: ["Stripe-Should-Retry: false"], body: "down") }
        defer { server.stop() }
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.baseURL + "/x", timeout: 10))
        #expect(response.status == 503)
        #expect(response.header("Stripe-Should-Retry") == "false")
    }

    /// Stripe answers a bad key with 401 and `WWW-Authenticate: Basic`; on Linux, Foundation turns
    /// that into a challenge and, unanswered, the request used to hang until the timeout.
    @Test func authenticationChallengeComesBackAsThe401() async throws {
        let server = try LoopbackServer { _ in
            LoopbackServer.response(401, "Unauthorized", headers: ["WWW-Authenticate: Basic realm=\"Stripe\"", "Request-Id: req_401"],
                                    body: #"{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_live_****x"}}"#)
        }
        defer { server.stop() }
        let started = Date()
        let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.baseURL + "/v1/customers", timeout: 20))
        #expect(response.status == 401)
        #expect(response.header("Request-Id") == "req_401")
        #expect(Date().timeIntervalSince(started) < 10, "answered at once, not after the timeout")
    }

    @Test func redirectsAreNotFollowed() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(302, "Found", headers: ["Location: /elsewhere"]) }
        defer { server.stop() }
        let request = HTTPRequest(method: "POST", url: server.baseURL + "/v1/payment_intents", body: Array("a=1".utf8), timeout: 10)
        let response = try await CurlTransport().send(request)
        #expect(response.status == 302)
        #expect(server.requests.count == 1)
    }

    @Test func refusedConnectionIsAConnectionError() async throws {
        let port = try LoopbackServer.closedPort()
        do {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/", timeout: 10))
            Issue.record("expected a connection error")
        } catch let error as TransportError {
            #expect(error.kind == .connection)
        }
    }

    @Test func silenceTimesOut() async throws {
        let server = try LoopbackServer { _ in .silence }
        defer { server.stop() }
        do {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.baseURL + "/slow", timeout: 0.3))
            Issue.record("expected a timeout")
        } catch let error as TransportError {
            #expect(error.kind == .timeout)
        }
    }

    /// What RequestBuilder built reaches the wire byte for byte: brackets raw (as stripe-python
    /// sends them), everything else encoded once. FoundationNetworking re-encoded a query holding
    /// brackets (`type=payment_intent.%2A` went out as `%252A` and matched nothing).
    @Test func builtQueriesReachTheWireAsBuilt() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(200, "OK", body: "{}") }
        defer { server.stop() }
        var configuration = ClientConfiguration(apiKey: "sk_test_123456789012345")
        configuration.baseURL = server.baseURL
        let builder = RequestBuilder(configuration: configuration)
        let cases: [(params: JSONObject, wire: String)] = [
            (["type": "payment_intent.*", "created": ["gte": 1_793_491_200]],
             "/v1/events?type=payment_intent.%2A&created[gte]=1793491200"),
            (["type": "payment_intent.*"], "/v1/events?type=payment_intent.%2A"),
            (["email": "a b+c%d@x.co", "expand": ["data.customer"], "limit": 3],
             "/v1/events?email=a%20b%2Bc%25d%40x.co&expand[]=data.customer&limit=3"),
            (["metadata": ["name": "Zoë 名前 ✓"], "types": ["customer.*", "payment_intent.succeeded"]],
             "/v1/events?metadata[name]=Zo%C3%AB%20%E5%90%8D%E5%89%8D%20%E2%9C%93&types[]=customer.%2A&types[]=payment_intent.succeeded"),
        ]
        let transport = CurlTransport()
        for (params, wire) in cases {
            let built = builder.httpRequest(for: StripeRequest(method: .get, path: "/v1/events", params: params), idempotencyKey: nil)
            #expect(built.url == server.baseURL + wire)
            _ = try await transport.send(built)
            let seen = try #require(server.requests.last)
            let requestLine = seen.components(separatedBy: "\r\n").first
            #expect(requestLine == "GET \(wire) HTTP/1.1")
        }
        #expect(server.requests.count == cases.count)
    }

    /// A hand-written URL is not touched either: what RFC 3986 allows stays raw, `%XX` is never encoded again.
    @Test func handWrittenURLsGoOutUntouched() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(200, "OK", body: "{}") }
        defer { server.stop() }
        let sent = "/v1/x;y/a:b@c?q=*+!$'(),;:@/?&z=%2a%7E&w[]=1&v=%5Bx%5D"
        _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.baseURL + sent, timeout: 10))
        let seen = try #require(server.requests.first)
        #expect(seen.hasPrefix("GET \(sent) HTTP/1.1\r\n"), "\(seen)")
    }
}
