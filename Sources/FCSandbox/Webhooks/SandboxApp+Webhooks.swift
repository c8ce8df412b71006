import FCKit
import Foundation

/// The app's side of webhook delivery: handing committed events to the dispatcher, letting
/// time-driven changes (refreshes completing, payments settling) happen without a request so
/// their events go out, and the endpoints `stripe-fc sandbox --webhook URL` registers.
extension SandboxApp {
    /// How often pending time-driven changes are looked at while webhook endpoints exist.
    static let tickInterval: UInt64 = 50_000_000

    func startWebhooks(_ transport: (any Transport)?, retryBaseMS: Int) {
        guard let transport else { return }
        webhooks = WebhookDispatcher(transport: transport, retryBaseMS: retryBaseMS, hooks: .init(
            target: { [weak self] endpoint in self?.locked { $0.webhookTarget(endpoint) } ?? nil },
            payload: { [weak self] event in self?.locked { $0.webhookPayload(event) } ?? nil },
            acknowledged: { [weak self] event in self?.locked { $0.webhookAcknowledged(event) } }))
        Task.detached { [weak self] in
            while true {
                try? await Task.sleep(nanoseconds: SandboxApp.tickInterval)
                guard let self else { return }
                self.tick()
            }
        }
    }

    private func locked<T>(_ body: (SandboxEngine) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(engine)
    }

    /// Hands every committed event's deliveries to the dispatcher, oldest first.
    func dispatchWebhooks() {
        guard let webhooks else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !engine.webhookOutbox.isEmpty else { return }
        webhooks.enqueue(engine.webhookOutbox)
        engine.webhookOutbox = []
    }

    /// Applies the time-driven changes now due, as the next request would: each is stamped with
    /// the time it fell due, so the state (and a journal replay of it) is the same either way.
    private func tick() {
        let due = locked { engine -> Bool in
            guard engine.webhookEndpoints.count > 0, !engine.transitions.isEmpty else { return false }
            engine.applyDueTransitions(now: engine.clock.now(wall: clock()))
            return !engine.webhookOutbox.isEmpty
        }
        if due { dispatchWebhooks() }
    }

    /// The endpoint for `url` that `stripe-fc sandbox --webhook URL` stands for: one already in the
    /// data file with that URL, else a new one (journaled like any other) for every event type.
    /// - Returns: the endpoint's id and signing secret.
    /// - Throws: `SandboxWebhookError` when the URL is refused.
    public func registerWebhook(url: String) throws -> (id: String, secret: String) {
        let existing = locked { engine -> (String, String)? in
            for id in engine.webhookEndpoints.ids {
                if let e = engine.webhookEndpoints[id], e["url"]?.stringValue == url, let secret = e["secret"]?.stringValue { return (id, secret) }
            }
            return nil
        }
        if let existing { return existing }
        let body = FormEncoder.encode(["url": .string(url), "enabled_events": ["*"], "description": "stripe-fc sandbox --webhook"])
        let request = SandboxRequest(method: "POST", path: "/v1/webhook_endpoints",
                                     headers: [(name: "Authorization", value: "Bearer sk_test_sandbox"),
                                               (name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                     body: Array(body.utf8))
        let response = process(request, replayedAt: nil, requestId: nil, wall: clock())
        let json = try? JSON.parse(response.body)
        guard response.status == 200, let id = json?["id"]?.stringValue, let secret = json?["secret"]?.stringValue else {
            throw SandboxWebhookError(url: url, message: json?["error"]?["message"]?.stringValue ?? "status \(response.status)")
        }
        return (id, secret)
    }
}

/// `--webhook URL` named a URL the sandbox cannot deliver to.
public struct SandboxWebhookError: Error, Sendable, CustomStringConvertible {
    public let url: String
    public let message: String
    public var description: String { message }
}
