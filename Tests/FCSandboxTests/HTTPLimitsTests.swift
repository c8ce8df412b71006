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

    /// At the cap, each new connection takes the place of the one idle the longest: the oldest
    /// keep-alive connections are closed, the newer ones and the newcomers are all served.
    @Test func idleConnectionsOverTheCapAreClosedOldestFirst() async throws {
        let server = try HTTPServer.start(port: 0, handler: EchoHandler(), limits: HTTPLimits(maxConnections: 3))
        defer { server.stop() }
        let port = server.port
        let (newcomers, closed, stillServed) = try await onThread {
            // Three keep-alive connections, idle after one exchange each, the first idle longest.
            let idle = try (0..<3).map { n in
                let client = try RawClient(port: port)
                client.send(rawRequest("GET", "/idle-\(n)"))
                _ = try client.readResponse()
                return client
            }
            // Two more than the cap allows.
            let extra = try (0..<2).map { _ in try RawClient(port: port) }
            let newcomers = try extra.enumerated().map { n, client in
                client.send(rawRequest("GET", "/new-\(n)"))
                return try client.readResponse().text
            }
            let closed = idle[0...1].map { $0.isClosedByServer() }
            // The rest are still open: a second request on each is answered.
            let stillServed = try ([idle[2]] + extra).map { client in
                client.send(rawRequest("GET", "/again"))
                return try client.readResponse().text
            }
            return (newcomers, closed, stillServed)
        }
        #expect(newcomers == ["GET /new-0?\n", "GET /new-1?\n"])
        #expect(closed == [true, true])
        #expect(stillServed == Array(repeating: "GET /again?\n", count: 3))
    }

    /// Only when every connection is in the middle of a request is a new one turned away.
    @Test func connectionsBeyondTheCapAreTurnedAwayWhenNoneIsIdle() async throws {
        let gate = GateHandler()
        let server = try HTTPServer.start(port: 0, handler: gate, limits: HTTPLimits(maxConnections: 2))
        defer { server.stop() }
        let port = server.port
        let (refused, held) = try await onThread {
            let busy = try (0..<2).map { _ in try RawClient(port: port) }
            for client in busy { client.send(rawRequest("GET", "/held")) }
            gate.waitForArrivals(2)  // both connections are now inside the handler
            let refused = try RawClient(port: port).readResponse()
            gate.open()
            return (refused, try busy.map { try $0.readResponse().status })
        }
        #expect(refused.status == 503)
        #expect(refused.text.contains("Too many open connections."))
        #expect(held == [200, 200])
    }

    /// Holds every request inside the handler until `open()`.
    final class GateHandler: SandboxHandler, @unchecked Sendable {
        private let condition = NSCondition()
        private var arrived = 0
        private var isOpen = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func handle(_ request: SandboxRequest) async -> SandboxResponse {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = condition.withLock {
                    arrived += 1
                    condition.broadcast()
                    if !isOpen { waiting.append(continuation) }
                    return isOpen
                }
                if resumeNow { continuation.resume() }
            }
            return SandboxResponse(status: 200)
        }

        /// Blocks the calling (test) thread until `count` requests are held.
        func waitForArrivals(_ count: Int) {
            condition.withLock {
                while arrived < count { condition.wait() }
            }
        }

        func open() {
            let held = condition.withLock {
                isOpen = true
                defer { waiting = [] }
                return waiting
            }
            for continuation in held { continuation.resume() }
        }
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
