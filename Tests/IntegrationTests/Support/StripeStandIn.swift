import FCKit
import FCSandbox
import Foundation

/// Stands in for api.stripe.com in front of a sandbox: answers the sandbox-only hosted-flow
/// discovery with Stripe's 404, forwards everything else, and records every request line and body.
/// `stripe-fc link` pointed at it takes the Stripe.js path.
final class StripeStandIn: SandboxHandler, @unchecked Sendable {
    private let upstream: String
    private let transport = CurlTransport()
    private let lock = NSLock()
    private var recorded: [(line: String, body: String)] = []
    private var server: SandboxServer?

    var url: String { server?.url ?? "http://127.0.0.1:1" }
    /// `METHOD /path?query` and the body of each request forwarded or refused.
    var requests: [(line: String, body: String)] { lock.withLock { recorded } }

    private init(upstream: String) { self.upstream = upstream }

    static func start(upstream: String) throws -> StripeStandIn {
        let standIn = StripeStandIn(upstream: upstream)
        var options = SandboxOptions()
        options.port = 0
        standIn.server = try SandboxServer.start(options: options, app: standIn)
        return standIn
    }

    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        let target = request.path + (request.query.isEmpty ? "" : "?" + request.query)
        lock.withLock { recorded.append(("\(request.method) \(target)", String(decoding: request.body, as: UTF8.self))) }
        if request.path == "/v1/test_helpers/financial_connections/hosted_flow" {
            let body = #"{"error":{"message":"Unrecognized request URL (GET: /v1/test_helpers/financial_connections/hosted_flow).","type":"invalid_request_error"}}"#
            return SandboxResponse(status: 404, headers: [(name: "Content-Type", value: "application/json")], body: Array(body.utf8))
        }
        let headers = request.headers.filter { !["host", "content-length", "connection"].contains($0.name.lowercased()) }
        do {
            let answer = try await transport.send(HTTPRequest(method: request.method, url: upstream + target, headers: headers, body: request.body))
            return SandboxResponse(status: answer.status, headers: answer.headers.filter { !["content-length", "connection", "transfer-encoding"].contains($0.name.lowercased()) },
                                   body: answer.body)
        } catch {
            return SandboxResponse(status: 502, body: Array("stand-in: \(error)".utf8))
        }
    }

    func stop() { server?.stop() }
}
