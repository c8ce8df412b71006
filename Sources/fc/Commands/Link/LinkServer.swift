import FCKit
import FCSandbox
import Foundation

/// What the browser reported back to `stripe-fc link`.
struct LinkOutcome: Sendable, Equatable {
    /// `linked`, `nothing` (Stripe.js finished with no account), `cancelled`, or `error` (with Stripe's message).
    var kind: String
    var message: String?
    /// The `btok_…` Stripe.js returned, with `--for payouts`.
    var token: String?

    static let kinds = ["linked", "nothing", "cancelled", "error"]
}

/// The one-shot web server behind `stripe-fc link`: on 127.0.0.1 at a random port, it answers
/// only below an unguessable path token (every other path is 404). `GET /TOKEN` is the page;
/// `POST /TOKEN/secret` gives the Stripe.js page the client secret (never in a URL);
/// `POST /TOKEN/outcome` is where the browser reports how linking ended. The command stops it.
final class LinkServer: SandboxHandler, @unchecked Sendable {
    let page: LinkPage
    let token: String
    /// A fresh nonce for the page's inline script (the CSP allows no other inline script).
    let nonce: String
    private let lock = NSLock()
    private var received: LinkOutcome?
    private var waiter: CheckedContinuation<LinkOutcome, Error>?
    private var cancelled = false
    private var port = 0

    init(page: LinkPage, token: String = LinkServer.randomToken(), nonce: String = LinkServer.randomToken()) {
        self.page = page
        self.token = token
        self.nonce = nonce
    }

    /// 32 random bytes, hex: the path token and the script nonce.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Listens on 127.0.0.1 (port 0: a free one) and returns the running server.
    func start() throws -> HTTPServer {
        let server = try HTTPServer.start(host: "127.0.0.1", port: 0, handler: self)
        lock.withLock { port = server.port }
        return server
    }

    /// The page's address, once started.
    var url: String { "http://127.0.0.1:\(lock.withLock { port })/\(token)" }

    /// Waits for the browser's report (the first one counts); cancellation (Ctrl-C) ends the wait.
    func outcome() async throws -> LinkOutcome {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<LinkOutcome, Error>) in
                let ready: Result<LinkOutcome, Error>? = lock.withLock {
                    if let received { return .success(received) }
                    if cancelled { return .failure(CancellationError()) }
                    waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            // Runs before the body when the task was cancelled already: the flag tells the body.
            lock.withLock { () -> CheckedContinuation<LinkOutcome, Error>? in
                cancelled = true
                defer { waiter = nil }
                return waiter
            }?.resume(throwing: CancellationError())
        }
    }

    private func report(_ outcome: LinkOutcome) {
        let continuation: CheckedContinuation<LinkOutcome, Error>? = lock.withLock {
            guard received == nil else { return nil }
            received = outcome
            defer { waiter = nil }
            return waiter
        }
        continuation?.resume(returning: outcome)
    }

    // MARK: requests

    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        let base = "/" + token
        // A page on another site cannot reach us under a name it controls (DNS rebinding).
        let host = request.header("Host") ?? ""
        let port = lock.withLock { self.port }
        guard ["127.0.0.1:\(port)", "localhost:\(port)"].contains(host.lowercased()) else { return notFound() }
        switch (request.method, request.path) {
        case ("GET", base):
            return html(LinkPages.page(page, base: base, selfOrigin: "http://" + host.lowercased(), nonce: nonce), csp: LinkPages.policy(for: page, nonce: nonce))
        case ("POST", base + "/secret"):
            guard case .stripe(let config) = page else { return notFound() }
            let body: JSON = ["client_secret": .string(config.clientSecret), "publishable_key": .string(config.publishableKey),
                              "flow": .string(config.flow.rawValue)]
            return respond(200, "application/json", Array(body.serialized(pretty: false).utf8), csp: "default-src 'none'")
        case ("POST", base + "/outcome"):
            let fields = FormDecoder.pairs(String(decoding: request.body, as: UTF8.self))
            func field(_ name: String) -> String? { fields.last { $0.key == name }.map(\.value).flatMap { $0.isEmpty ? nil : $0 } }
            guard let kind = field("outcome"), LinkOutcome.kinds.contains(kind) else {
                return respond(400, "text/plain; charset=utf-8", Array("outcome must be one of \(LinkOutcome.kinds.joined(separator: ", "))\n".utf8),
                               csp: "default-src 'none'")
            }
            // Reported once the answer is out: the command stops this server as soon as it knows.
            var answer = html(LinkPages.done(kind), csp: LinkPages.plainPolicy)
            let outcome = LinkOutcome(kind: kind, message: field("message"), token: field("token"))
            answer.afterSend = { [self] in report(outcome) }
            return answer
        default:
            return notFound()
        }
    }

    private func notFound() -> SandboxResponse {
        respond(404, "text/plain; charset=utf-8", Array("Not found\n".utf8), csp: "default-src 'none'")
    }

    private func html(_ text: String, csp: String) -> SandboxResponse {
        respond(200, "text/html; charset=utf-8", Array(text.utf8), csp: csp)
    }

    private func respond(_ status: Int, _ type: String, _ body: [UInt8], csp: String) -> SandboxResponse {
        SandboxResponse(status: status, headers: [
            ("Content-Type", type),
            ("Content-Security-Policy", csp),
            ("Cache-Control", "no-store"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Content-Type-Options", "nosniff"),
        ], body: body)
    }
}
