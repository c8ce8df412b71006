import Foundation
import Testing
@testable import FCKit

/// The real transport against a real socket on 127.0.0.1.
@Suite(.serialized) struct URLSessionTransportTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        let server = try LoopbackServer { _ in
            LoopbackServer.response(201, "Created", headers: ["Request-Id: req_loop", "Content-Type: application/json"], body: #"{"ok":true}"#)
        }
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", url: server.baseURL + "/v1/customers?limit=3",
                                  headers: [("Authorization", "Bearer sk_test_x"), ("Stripe-Version", "2026-07-29.dahlia")], timeout: 10)
        let response = try await URLSessionTransport().send(request)
        #expect(response.status == 201)
        #expect(response.header("request-id") == "req_loop")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        let seen = try #require(server.requests.first)
        #expect(seen.hasPrefix("GET /v1/customers?limit=3 HTTP/1.1\r\n"))
        #expect(seen.contains("Authorization: Bearer sk_test_x\r\n"))
        #expect(seen.contains("Stripe-Version: 2026-07-29.dahlia\r\n"))
        #expect(!seen.lowercased().contains("cookie"))
    }

    @Test func postSendsTheBody() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(200, "OK", body: "{}") }
        defer { server.stop() }
        let request = HTTPRequest(method: "POST", url: server.baseURL + "/v1/customers",
                                  headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Idempotency-Key", "k1")],
                                  body: Array("email=a%40b.co&metadata[k]=v".utf8), timeout: 10)
        _ = try await URLSessionTransport().send(request)
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
        _ = try await URLSessionTransport().send(request)
        let seen = try #require(server.requests.first)
        #expect(seen.hasPrefix("POST /v1/financial_connections/accounts/fca_1/disconnect HTTP/1.1\r\n"))
        #expect(seen.contains("Content-Type: application/x-www-form-urlencoded\r\n"))
        #expect(seen.hasSuffix("\r\n\r\n"))
    }

    @Test func errorStatusesAreResponsesNotErrors() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(503, "Service Unavailable", headers: ["Stripe-Should-Retry: false"], body: "down") }
        defer { server.stop() }
        let response = try await URLSessionTransport().send(HTTPRequest(method: "GET", url: server.baseURL + "/x", timeout: 10))
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
        let response = try await URLSessionTransport().send(HTTPRequest(method: "GET", url: server.baseURL + "/v1/customers", timeout: 20))
        #expect(response.status == 401)
        #expect(response.header("Request-Id") == "req_401")
        #expect(Date().timeIntervalSince(started) < 10, "answered at once, not after the timeout")
    }

    @Test func redirectsAreNotFollowed() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(302, "Found", headers: ["Location: /elsewhere"]) }
        defer { server.stop() }
        let request = HTTPRequest(method: "POST", url: server.baseURL + "/v1/payment_intents", body: Array("a=1".utf8), timeout: 10)
        let response = try await URLSessionTransport().send(request)
        #expect(response.status == 302)
        #expect(server.requests.count == 1)
    }

    @Test func refusedConnectionIsAConnectionError() async throws {
        let port = try LoopbackServer.closedPort()
        do {
            _ = try await URLSessionTransport().send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/", timeout: 10))
            Issue.record("expected a connection error")
        } catch let error as TransportError {
            #expect(error.kind == .connection)
        }
    }

    @Test func silenceTimesOut() async throws {
        let server = try LoopbackServer { _ in .silence }
        defer { server.stop() }
        do {
            _ = try await URLSessionTransport().send(HTTPRequest(method: "GET", url: server.baseURL + "/slow", timeout: 0.3))
            Issue.record("expected a timeout")
        } catch let error as TransportError {
            #expect(error.kind == .timeout)
        }
    }

    @Test func urlErrorsMapToKinds() {
        #expect(URLSessionTransport.mapError(URLError(.timedOut), timeout: 80).kind == .timeout)
        #expect(URLSessionTransport.mapError(URLError(.cancelled), timeout: 80).kind == .cancelled)
        #expect(URLSessionTransport.mapError(URLError(.cannotConnectToHost), timeout: 80).kind == .connection)
        #expect(URLSessionTransport.mapError(URLError(.secureConnectionFailed), timeout: 80).kind == .connection)
    }
}
