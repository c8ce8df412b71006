import Foundation
import Testing
@testable import FCKit

/// A transport that records every request and answers from a queue. A request with nothing
/// left in the queue fails the test; so does a queued answer left unused (`expectAllUsed`).
final class FakeTransport: Transport, @unchecked Sendable {
    enum Answer {
        case response(HTTPResponse)
        case failure(TransportError)
    }

    private let lock = NSLock()
    private var queue: [Answer]
    private var recorded: [HTTPRequest] = []

    init(_ answers: [Answer] = []) { queue = answers }

    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func enqueue(_ answer: Answer) { lock.withLock { queue.append(answer) } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let answer = lock.withLock { () -> Answer? in
            recorded.append(request)
            return queue.isEmpty ? nil : queue.removeFirst()
        }
        switch answer {
        case .response(let response): return response
        case .failure(let error): throw error
        case nil:
            Issue.record("unexpected extra request: \(request.method) \(request.url)")
            throw TransportError(kind: .connection, message: "no fake response queued")
        }
    }

    func expectAllUsed(sourceLocation: SourceLocation = #_sourceLocation) {
        let left = lock.withLock { queue.count }
        #expect(left == 0, "\(left) queued response(s) never requested", sourceLocation: sourceLocation)
    }
}

extension FakeTransport.Answer {
    /// A JSON answer with a request id.
    static func json(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> Self {
        .response(HTTPResponse(status: status, headers: [("Request-Id", "req_\(status)")] + headers, body: Array(body.utf8)))
    }

    static func raw(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> Self {
        .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }
}

/// Records everything the client reports and every sleep it asks for.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var _sleeps: [Double] = []
    private var _exchanges: [ExchangeLog] = []
    private var _dryRuns: [DryRunRequest] = []
    private var clock = 0.0

    var sleeps: [Double] { lock.withLock { _sleeps } }
    var exchanges: [ExchangeLog] { lock.withLock { _exchanges } }
    var dryRuns: [DryRunRequest] { lock.withLock { _dryRuns } }

    /// A client wired to this recorder: fake sleep, fixed jitter, a clock that advances 25 ms per reading.
    func client(_ transport: FakeTransport, configure: (inout ClientConfiguration) -> Void = { _ in }, jitter: Double = 1.0,
                pacer: AdaptiveConcurrency? = nil) -> StripeClient {
        var configuration = ClientConfiguration(apiKey: "sk_test_51Habcdefghijklmn1234")
        configuration.baseURL = "http://127.0.0.1:12111"
        configure(&configuration)
        return StripeClient(
            configuration: configuration, transport: transport,
            sleep: { seconds in self.lock.withLock { self._sleeps.append(seconds) } },
            jitter: { jitter },
            now: { self.lock.withLock { self.clock += 0.025; return self.clock } },
            onExchange: { log in self.lock.withLock { self._exchanges.append(log) } },
            onDryRun: { request in self.lock.withLock { self._dryRuns.append(request) } },
            pacer: pacer)
    }
}

extension HTTPRequest {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}
