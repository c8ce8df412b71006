import FCSandbox
import Foundation

/// An in-process HTTP server that records every request and answers 500. Pointing stripe-fc at it
/// (`--base-url`) proves a command sent nothing: a usage error must leave it empty.
final class RequestRecorder: SandboxHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []
    private var server: SandboxServer?

    /// `METHOD /path` of each request received so far.
    var requests: [String] { lock.withLock { recorded } }

    var url: String { server?.url ?? "http://127.0.0.1:1" }

    static func start() throws -> RequestRecorder {
        let recorder = RequestRecorder()
        var options = SandboxOptions()
        options.port = 0
        recorder.server = try SandboxServer.start(options: options, app: recorder)
        return recorder
    }

    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        lock.withLock { recorded.append("\(request.method) \(request.path)") }
        let body = #"{"error":{"type":"api_error","message":"recorder: this request should not have been sent"}}"#
        return SandboxResponse(status: 500, headers: [(name: "Content-Type", value: "application/json"), (name: "Stripe-Should-Retry", value: "false")],
                               body: Array(body.utf8))
    }

    func stop() { server?.stop() }
}
