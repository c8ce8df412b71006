import FCKit
import FCSandbox
import Foundation
import Testing

@Suite("HTTP server: requests, keep-alive, concurrency")
struct HTTPServerTests {
    @Test func keepAliveServesThreeRequestsOnOneConnection() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let port = server.port
        let responses = try await onThread {
            let client = try RawClient(port: port)
            return try (1...3).map { index in
                client.send(rawRequest("GET", "/n/\(index)?a=\(index)"))
                return try client.readResponse()
            }
        }
        #expect(responses.map(\.status) == [200, 200, 200])
        #expect(responses.map(\.text) == ["GET /n/1?a=1\n", "GET /n/2?a=2\n", "GET /n/3?a=3\n"])
        for response in responses {
            #expect(response.header("Connection") == "keep-alive")
            #expect(response.header("Content-Length") == String(response.body.count))
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            #expect(response.header("Content-Type") == "text/plain")
        }
    }

    @Test func portZeroPicksAFreePortAndLocalhostIsAccepted() throws {
        let first = try HTTPServer.start(host: "localhost", port: 0, handler: EchoHandler())
        defer { first.stop() }
        #expect(first.port > 0)
        #expect(first.address == "127.0.0.1")
        #expect(throws: HTTPServerError.invalidHost("example.com")) {
            try HTTPServer.start(host: "example.com", port: 0, handler: EchoHandler())
        }
        #expect(throws: HTTPServerError.self) {
            try HTTPServer.start(port: first.port, handler: EchoHandler())  // already in use
        }
    }

    @Test func bodyIsExactlyContentLengthAndPipelinedRequestFollows() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let port = server.port
        let (first, second) = try await onThread {
            let client = try RawClient(port: port)
            client.send(rawRequest("POST", "/echo", body: "0123456789") + rawRequest("GET", "/next"))
            return (try client.readResponse(), try client.readResponse())
        }
        #expect(first.text == "POST /echo?\n0123456789")
        #expect(first.header("X-Body-Length") == "10")
        #expect(second.text == "GET /next?\n")
    }

    @Test func chunkedRequestBodyIsDecoded() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let port = server.port
        let response = try await onThread {
            let client = try RawClient(port: port)
            client.send(rawRequest("POST", "/c", headers: ["Transfer-Encoding: chunked"])
                + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n")
            return try client.readResponse()
        }
        #expect(response.status == 200)
        #expect(response.text == "POST /c?\nhello, world")
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let port = server.port
        let (interim, final) = try await onThread {
            let client = try RawClient(port: port)
            client.send("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse()
            client.send("body")
            return (interim, try client.readResponse())
        }
        #expect(interim.status == 100)
        #expect(final.status == 200)
        #expect(final.text == "POST /e?\nbody")
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "close"),
        ("GET / HTTP/1.0\r\n\r\n", "close"),
        ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "keep-alive"),
        ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "keep-alive"),
    ])
    func connectionHeaderDecidesKeepAlive(request: String, expected: String) async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let port = server.port
        let (response, closed) = try await onThread {
            // Generous for a loaded machine; the keep-alive cases wait it out once, in parallel.
            let client = try RawClient(port: port)
            client.send(request)
            return (try client.readResponse(), client.isClosedByServer())
        }
        #expect(response.header("Connection") == expected)
        #expect(closed == (expected == "close"))
    }

    @Test func headResponseHasLengthButNoBody() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let port = server.port
        let (head, next) = try await onThread {
            let client = try RawClient(port: port)
            client.send(rawRequest("HEAD", "/h") + rawRequest("GET", "/after"))
            return (try client.readResponse(head: true), try client.readResponse())
        }
        #expect(head.header("Content-Length") == String("HEAD /h?\n".utf8.count))
        #expect(head.body.isEmpty)
        #expect(next.text == "GET /after?\n")
    }

    /// Every handler waits until all fifty requests are inside at once: they can only all get
    /// 200 if the server answers them in parallel (no timing assertion needed).
    @Test func fiftyConcurrentClientsAreServedInParallel() async throws {
        let barrier = BarrierHandler(parties: 50)
        let server = try HTTPServer.start(port: 0, handler: barrier)
        defer { server.stop() }
        let port = server.port
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<50 {
                group.addTask {
                    try await onThread {
                        let client = try RawClient(port: port)
                        client.send(rawRequest("GET", "/together?client=\(index)"))
                        return try client.readResponse().status
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.count == 50)
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
    }

    /// Answers 200 once `parties` requests have arrived, 503 if they never all do within 30 s.
    final class BarrierHandler: SandboxHandler, @unchecked Sendable {
        let parties: Int
        private let lock = NSLock()
        private var arrived = 0

        init(parties: Int) { self.parties = parties }

        func handle(_ request: SandboxRequest) async -> SandboxResponse {
            lock.withLock { arrived += 1 }
            for _ in 0..<3000 {
                if lock.withLock({ arrived }) >= parties { return SandboxResponse(status: 200) }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return SandboxResponse(status: 503)
        }
    }

    @Test func dropClosesWithoutWritingAndServerCarriesOn() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let port = server.port
        let (bytes, after) = try await onThread {
            let client = try RawClient(port: port)
            client.send(rawRequest("GET", "/drop"))
            let bytes = client.readToEnd()
            let next = try RawClient(port: port)
            next.send(rawRequest())
            return (bytes, try next.readResponse().status)
        }
        #expect(bytes.isEmpty)
        #expect(after == 200)
    }

    @Test func clientVanishingMidResponseDoesNotHurtTheServer() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let port = server.port
        let status = try await onThread {
            for _ in 0..<5 {
                let client = try RawClient(port: port)
                client.send(rawRequest("GET", "/big"))
                client.close()  // 8 MiB response: the server's writes hit a closed socket
            }
            Thread.sleep(forTimeInterval: 0.2)
            let next = try RawClient(port: port)
            next.send(rawRequest())
            return try next.readResponse().status
        }
        #expect(status == 200)
    }

    @Test func stopClosesListenerAndOpenConnections() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        let port = server.port
        let client = try await onThread { () -> RawClient in
            let client = try RawClient(port: port)
            client.send(rawRequest())
            _ = try client.readResponse()
            return client
        }
        server.stop()
        server.stop()  // idempotent
        server.waitUntilStopped()
        let closed = try await onThread { client.isClosedByServer() }
        #expect(closed)
        #expect(throws: TestClientError.self) { try RawClient(port: port) }
    }

    @Test func curlRoundTrip() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let transport = CurlTransport()
        let base = "http://127.0.0.1:\(server.port)"

        let get = try await transport.send(HTTPRequest(method: "GET", url: base + "/hello?x=1", timeout: 20))
        #expect(get.status == 200)
        #expect(String(decoding: get.body, as: UTF8.self) == "GET /hello?x=1\n")

        // A client that waits for `100 Continue` before a larger body, as libcurl does when asked.
        let payload = String(repeating: "a=1&", count: 1000)
        let post = try await transport.send(HTTPRequest(method: "POST", url: base + "/v1/things",
                                                        headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Expect", "100-continue")],
                                                        body: Array(payload.utf8), timeout: 20))
        #expect(post.status == 200)
        #expect(post.header("X-Body-Length") == "4000")
        #expect(String(decoding: post.body, as: UTF8.self) == "POST /v1/things?\n" + payload)
    }
}
