import Foundation
import Testing
@testable import FCKit

/// What `CurlTransport` puts on the wire and makes of what comes back, against raw listeners on
/// 127.0.0.1 that see every byte and every connection.
@Suite(.serialized) struct CurlWireTests {
    private static func client(_ baseURL: String, transport: any Transport = CurlTransport(), maxRetries: Int = 2,
                               edit: (inout ClientConfiguration) -> Void = { _ in }) -> StripeClient {
        var configuration = ClientConfiguration(apiKey: "sk_test_4eC39HqLyjWDarjtT1zdp7dc")
        configuration.baseURL = baseURL
        configuration.maxRetries = maxRetries
        configuration.timeout = 20
        edit(&configuration)
        return StripeClient(configuration: configuration, transport: transport, sleep: { _ in })
    }

    private static let customer = #"{"id":"cus_1","object":"customer"}"#

    @Test("a form POST goes out byte for byte as RequestBuilder built it, with no header of libcurl's that matters")
    func formPostGoesOutAsBuilt() async throws {
        let server = try KeepAliveServer { _, _ in KeepAliveServer.answer(200, "OK", body: Self.customer) }
        defer { server.stop() }
        let client = Self.client(server.baseURL)
        let params: JSONObject = ["email": "a b+c%d@x.co", "metadata": ["name": "Zoë [*]"], "expand": ["default_source"]]
        let request = StripeRequest(method: .post, path: "/v1/customers", params: params, idempotencyKey: "key-form-1")
        let built = client.httpRequest(for: request, idempotencyKey: "key-form-1")
        _ = try await client.send(request)

        let seen = try #require(server.requests.first)
        #expect(seen.requestLine == "POST /v1/customers HTTP/1.1")
        #expect(seen.body == String(decoding: built.body, as: UTF8.self))
        #expect(seen.body == "email=a%20b%2Bc%25d%40x.co&metadata[name]=Zo%C3%AB%20%5B%2A%5D&expand[]=default_source")
        for (name, value) in built.headers {
            #expect(seen.header(name) == value, "\(name)")
        }
        #expect(seen.header("Host") == "127.0.0.1:\(server.port)")
        #expect(seen.header("Content-Length") == "\(built.body.count)")
        let names = Set(seen.head.components(separatedBy: "\r\n").dropFirst().compactMap { $0.split(separator: ":").first.map { $0.lowercased() } })
        let expected = Set(built.headers.map { $0.name.lowercased() } + ["host", "content-length", "accept", "accept-encoding"])
        #expect(names == expected, "no Expect, Connection, Cookie or anything else: \(seen.head)")
    }

    /// The issue 11/12 failure: after an answer was lost on a reused keep-alive connection, the
    /// old transport re-sent the POST without its body (then waited out --timeout, or got a 408).
    /// Now the write rides the pooled connection and its resend carries every byte and the same key.
    @Test("a POST whose answer is lost on a reused connection is sent again whole, with the same Idempotency-Key")
    func lostAnswerOnReusedConnection() async throws {
        let server = try KeepAliveServer { index, _ in
            index == 1 ? .drop : KeepAliveServer.answer(200, "OK", body: Self.customer)
        }
        defer { server.stop() }
        let client = Self.client(server.baseURL)
        _ = try await client.send(StripeRequest(method: .get, path: "/v1/customers/cus_1"))
        let created = try await client.send(StripeRequest(method: .post, path: "/v1/customers",
                                                          params: ["email": "jenny@example.com", "metadata": ["order": "A-1"]]))
        #expect(created.json["id"] == "cus_1")

        let seen = server.requests
        // FoundationNetworking's resend carried the head and no body: it began and never arrived whole.
        #expect(server.requestsBegun == seen.count, "a request arrived without its body")
        try #require(seen.count == 3, "\(seen.map(\.requestLine))")
        let (first, lost, again) = (seen[0], seen[1], seen[2])
        #expect(lost.connection == first.connection, "the POST reused the GET's connection")
        #expect(again.connection != lost.connection, "the resend came on a fresh connection")
        #expect(lost.requestLine == "POST /v1/customers HTTP/1.1")
        #expect(again.requestLine == lost.requestLine)
        #expect(lost.body == "email=jenny%40example.com&metadata[order]=A-1")
        #expect(again.body == lost.body, "the resend carries the whole body")
        #expect(again.header("Content-Length") == "\(lost.body.utf8.count)")
        let key = try #require(lost.header("Idempotency-Key"))
        #expect(again.header("Idempotency-Key") == key)
    }

    @Test("one pool: requests of a run, reads and writes, share one keep-alive connection")
    func connectionsAreReused() async throws {
        let server = try KeepAliveServer { _, _ in KeepAliveServer.answer(200, "OK", body: Self.customer) }
        defer { server.stop() }
        let client = Self.client(server.baseURL)
        for i in 0..<3 {
            _ = try await client.send(StripeRequest(method: .get, path: "/v1/customers/cus_\(i)"))
            _ = try await client.send(StripeRequest(method: .post, path: "/v1/customers/cus_\(i)", params: ["name": .string("n\(i)")]))
        }
        #expect(server.requests.map(\.connection) == Array(repeating: 0, count: 6))
    }

    /// Stripe answers a bad key with 401, `WWW-Authenticate` and an error body; FoundationNetworking
    /// took the 401 for a challenge and dropped the body, so the message was lost.
    @Test("a 401 with WWW-Authenticate comes back with its body, parsed into Stripe's error")
    func unauthorizedBodyBecomesStripesError() async throws {
        let body = #"{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_test_****p7dc","code":"api_key_invalid"}}"#
        let server = try KeepAliveServer { _, _ in
            KeepAliveServer.answer(401, "Unauthorized", headers: ["WWW-Authenticate: Basic realm=\"Stripe\"", "Request-Id: req_401"], body: body)
        }
        defer { server.stop() }
        do {
            _ = try await Self.client(server.baseURL).send(StripeRequest(method: .get, path: "/v1/customers"))
            Issue.record("expected a 401")
        } catch {
            guard case .api(let stripe) = error else { Issue.record("expected an API error, got \(error)"); return }
            #expect(stripe.httpStatus == 401)
            #expect(stripe.type == "invalid_request_error")
            #expect(stripe.message == "Invalid API Key provided: sk_test_****p7dc")
            #expect(stripe.code == "api_key_invalid")
            #expect(stripe.requestID == "req_401")
        }
        #expect(server.requests.count == 1)
    }

    @Test("an answer larger than the cap stops being read: an invalid response, not retried")
    func oversizedAnswerIsRefused() async throws {
        let big = String(repeating: "x", count: 1_100_000)
        let server = try KeepAliveServer { _, _ in KeepAliveServer.answer(200, "OK", body: #"{"id":"cus_1","object":"customer","pad":""# + big + #""}"#) }
        defer { server.stop() }
        let client = Self.client(server.baseURL) { $0.maxResponseSize = 1 << 20 }
        do {
            _ = try await client.send(StripeRequest(method: .get, path: "/v1/customers/cus_1"))
            Issue.record("expected the cap to stop it")
        } catch {
            guard case .invalidResponse(let status, _, let message) = error else { Issue.record("got \(error)"); return }
            #expect(status == 200)
            #expect(message.contains("larger than 1 MiB"), "\(message)")
            #expect(message.contains("--max-response-size"), "\(message)")
        }
        #expect(server.requests.count == 1, "never retried")
        // The same answer under the default cap is taken.
        let taken = try await Self.client(server.baseURL).send(StripeRequest(method: .get, path: "/v1/customers/cus_1"))
        #expect(taken.json["id"] == "cus_1")
    }

    @Test("an endless chunked answer stops at the cap")
    func endlessChunkedAnswerStopsAtTheCap() async throws {
        let server = try KeepAliveServer { _, _ in .endlessChunks }
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", url: server.baseURL + "/v1/customers", timeout: 60, maxResponseSize: 1 << 20)
        do {
            _ = try await CurlTransport().send(request)
            Issue.record("expected the cap to stop it")
        } catch let error as TransportError {
            #expect(error.kind == .responseTooLarge, "\(error)")
            #expect(error.status == 200)
        }
    }

    /// A server that keeps sending a byte now and then never trips an idle timeout; the deadline
    /// covers the whole exchange.
    @Test("--timeout is a deadline to the last byte: a dripping answer times out")
    func drippingAnswerTimesOut() async throws {
        let server = try KeepAliveServer { _, _ in .drip("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n") }
        defer { server.stop() }
        do {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.baseURL + "/v1/customers", timeout: 0.5))
            Issue.record("expected a timeout")
        } catch let error as TransportError {
            #expect(error.kind == .timeout, "\(error)")
            #expect(error.message == "the response (HTTP 200) did not complete within 0.5s")
        }
    }

    @Test("cancelling the task aborts the transfer at once")
    func cancellationAbortsTheTransfer() async throws {
        let server = try LoopbackServer { _ in .silence }
        defer { server.stop() }
        let transport = CurlTransport()
        let sending = Task { try await transport.send(HTTPRequest(method: "POST", url: server.baseURL + "/v1/customers", body: Array("a=1".utf8), timeout: 600)) }
        // Waits for a condition, bounded: the request reaching the server.
        var polls = 0
        while server.requests.isEmpty, polls < 2_000 {
            try await Task.sleep(nanoseconds: 5_000_000)
            polls += 1
        }
        sending.cancel()
        do {
            _ = try await sending.value
            Issue.record("expected cancellation")
        } catch let error as TransportError {
            #expect(error.kind == .cancelled)
        }
    }
}
