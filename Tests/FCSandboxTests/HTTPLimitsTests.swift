import FCSandbox
import Foundation
import Testing

/// One raw request and the status it must get; named so test output stays readable.
struct RequestCase: Sendable, CustomTestStringConvertible {
    var name: String
    var request: String
    var status: Int

    init(_ name: String, _ request: String, _ status: Int) {
        self.name = name
        self.request = request
        self.status = status
    }

    var testDescription: String { name }
}

@Suite("HTTP server: limits, malformed input, timeouts")
struct HTTPLimitsTests {
    /// Sends `request` on a fresh connection and returns the answer and whether the server then closed.
    private func exchange(_ request: String, port: Int) async throws -> (RawResponse, closed: Bool) {
        try await onThread {
            let client = try RawClient(port: port)
            client.send(request)
            let response = try client.readResponse()
            return (response, client.isClosedByServer())
        }
    }

    /// A normal request on a new connection still works.
    private func serverStillAnswers(port: Int) async throws -> Bool {
        try await exchange(rawRequest("GET", "/alive"), port: port).0.text == "GET /alive?\n"
    }

    @Test(arguments: [
        RequestCase("request line", "GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        RequestCase("header bytes", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 70_000))\r\n\r\n", 431),
        RequestCase("header count", "GET / HTTP/1.1\r\nHost: x\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431),
        RequestCase("declared body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\nabc", 413),
        RequestCase("huge declared body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
        RequestCase("chunked body", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n", 413),
    ])
    func oversizeRequestsAreRefused(_ testCase: RequestCase) async throws {
        let (what, request, status) = (testCase.name, testCase.request, testCase.status)
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let (response, closed) = try await exchange(request, port: server.port)
        #expect(response.status == status, "\(what)")
        #expect(response.header("Connection") == "close")
        #expect(response.text.contains("\"invalid_request_error\""))
        #expect(response.header("Request-Id")?.count == 18)
        #expect(closed)
        #expect(try await serverStillAnswers(port: server.port))
    }

    @Test func bodyOfExactlyTheLimitIsAccepted() async throws {
        let limits = HTTPLimits(maxBody: 64 * 1024)
        let server = try HTTPServer.start(port: 0, handler: EchoHandler(), limits: limits)
        defer { server.stop() }
        let body = String(repeating: "z", count: 64 * 1024)
        #expect(try await exchange(rawRequest("POST", "/", body: body), port: server.port).0.header("X-Body-Length") == "65536")
        #expect(try await exchange(rawRequest("POST", "/", body: body + "z"), port: server.port).0.status == 413)
    }

    @Test(arguments: [
        RequestCase("no version", "GET /\r\n\r\n", 400),
        RequestCase("garbage", "HELLO\r\n\r\n", 400),
        RequestCase("two spaces", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        RequestCase("bad target", "GET nope HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        RequestCase("bad method", "G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        RequestCase("bad version", "GET / HTTP/x\r\nHost: x\r\n\r\n", 400),
        RequestCase("future version", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        RequestCase("no colon", "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400),
        RequestCase("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        RequestCase("folded header", "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  continued\r\n\r\n", 400),
        RequestCase("control byte", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{01}b\r\n\r\n", 400),
        RequestCase("missing host", "GET / HTTP/1.1\r\n\r\n", 400),
        RequestCase("letters length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400),
        RequestCase("negative length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
        RequestCase("conflicting lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
        RequestCase("length and chunked", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        RequestCase("bad chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        RequestCase("unknown coding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        RequestCase("odd expectation", "POST / HTTP/1.1\r\nHost: x\r\nExpect: tea\r\nContent-Length: 1\r\n\r\na", 417),
    ])
    func malformedRequestsGetAnErrorAndTheServerCarriesOn(_ testCase: RequestCase) async throws {
        let (what, request, status) = (testCase.name, testCase.request, testCase.status)
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let (response, closed) = try await exchange(request, port: server.port)
        #expect(response.status == status, "\(what)")
        #expect(closed, "\(what)")
        #expect(try await serverStillAnswers(port: server.port))
    }

    @Test func clientDisconnectingMidBodyIsForgotten() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler())
        defer { server.stop() }
        let port = server.port
        try await onThread {
            let client = try RawClient(port: port)
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b")
            client.close()
        }
        #expect(try await serverStillAnswers(port: port))
    }

    @Test func idleConnectionsAreClosed() async throws {
        let limits = HTTPLimits(idleTimeout: .milliseconds(200))
        let server = try HTTPServer.start(port: 0, handler: EchoHandler(), limits: limits)
        defer { server.stop() }
        let port = server.port
        let (silentClosed, afterRequest) = try await onThread {
            let silent = try RawClient(port: port)
            let silentClosed = silent.isClosedByServer()
            let used = try RawClient(port: port)
            used.send(rawRequest())
            _ = try used.readResponse()
            return (silentClosed, used.isClosedByServer())
        }
        #expect(silentClosed)
        #expect(afterRequest)
    }

    @Test func slowClientsGet408AndAreClosed() async throws {
        let limits = HTTPLimits(readTimeout: .milliseconds(300))
        let server = try HTTPServer.start(port: 0, handler: EchoHandler(), limits: limits)
        defer { server.stop() }
        let port = server.port
        let (response, closed) = try await onThread {
            let client = try RawClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: x\r\n")  // ...and never the blank line
            return (try client.readResponse(), client.isClosedByServer())
        }
        #expect(response.status == 408)
        #expect(closed)
    }

    @Test func connectionsBeyondTheCapAreTurnedAway() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler(), limits: HTTPLimits(maxConnections: 2))
        defer { server.stop() }
        let port = server.port
        let status = try await onThread {
            let first = try RawClient(port: port)
            let second = try RawClient(port: port)
            first.send(rawRequest())
            second.send(rawRequest())
            _ = try first.readResponse()
            _ = try second.readResponse()
            let third = try RawClient(port: port)
            return try third.readResponse().status
        }
        #expect(status == 503)
    }

    @Test func randomByteBarrageLeavesTheServerServing() async throws {
        let limits = HTTPLimits(maxRequestLine: 512, maxHeaderBytes: 2048, idleTimeout: .seconds(1), readTimeout: .seconds(1))
        let server = try HTTPServer.start(port: 0, handler: EchoHandler(), limits: limits)
        defer { server.stop() }
        let port = server.port
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<6 {
                group.addTask {
                    try await onThread {
                        var random = FaultInjector.SeededRandom(seed: UInt64(worker) + 1)
                        for _ in 0..<50 {
                            let client = try RawClient(port: port)
                            client.send(Self.junk(using: &random))
                            client.finishWriting()
                            _ = client.readToEnd()
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(try await serverStillAnswers(port: port))
    }

    /// Random bytes, sometimes dressed up as the start of a request so the parser gets deeper.
    static func junk(using random: inout FaultInjector.SeededRandom) -> [UInt8] {
        let length = Int.random(in: 0...600, using: &random)
        let noise = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return noise
        case 1: return Array("GET / HTTP/1.1\r\n".utf8) + noise
        case 2: return Array("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n".utf8) + noise + [13, 10, 13, 10]
        default: return Array("PUT /y HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8) + noise
        }
    }
}
