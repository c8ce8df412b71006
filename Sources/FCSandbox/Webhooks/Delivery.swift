import FCKit
import Foundation

/// An event that endpoints are owed: recorded by `emit`, handed to the dispatcher once the
/// request that caused it is committed (a rolled-back request takes its deliveries with it).
struct WebhookDue: Sendable, Equatable {
    let event: String
    let endpoints: [String]
}

/// Where and how to deliver to one endpoint, read afresh for every attempt (its URL may change).
struct WebhookTarget: Sendable {
    let url: String
    let secret: String
}

extension SandboxEngine {
    /// Queues `event` for every enabled endpoint whose `enabled_events` match `type`; returns how
    /// many, the event's initial `pending_webhooks`.
    func queueWebhooks(event: String, type: String) -> Int {
        var endpoints: [String] = []
        for id in webhookEndpoints.ids {
            guard let e = webhookEndpoints[id], e["status"]?.stringValue == "enabled" else { continue }
            let enabled = e["enabled_events"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if WebhookEndpointRules.wants(enabled, type) { endpoints.append(id) }
        }
        if !endpoints.isEmpty { webhookOutbox.append(WebhookDue(event: event, endpoints: endpoints)) }
        return endpoints.count
    }

    /// Nil once the endpoint is deleted or disabled: no further attempts, as on Stripe.
    func webhookTarget(_ endpoint: String) -> WebhookTarget? {
        guard let e = webhookEndpoints[endpoint], e["status"]?.stringValue == "enabled",
              let url = e["url"]?.stringValue, let secret = e["secret"]?.stringValue else { return nil }
        return WebhookTarget(url: url, secret: secret)
    }

    /// The event as it stands now, as the body of a delivery.
    func webhookPayload(_ event: String) -> [UInt8]? {
        events[event].map { Array(JSON.object($0).serialized(pretty: true).utf8) }
    }

    /// A 2xx came back: one delivery fewer pending. Failed deliveries stay pending, as on Stripe.
    func webhookAcknowledged(_ event: String) {
        guard var e = events[event], let pending = e["pending_webhooks"]?.intValue, pending > 0 else { return }
        e["pending_webhooks"] = .int(pending - 1)
        events[event] = e
    }
}

/// Delivers events to webhook endpoints in the background, never holding up an API answer.
/// Each endpoint has a queue of its own worked in order of creation: an event that fails waits
/// out its retries (`base`, then doubling, `WebhookDelivery.maxRetries` of them) before the next
/// goes, so a receiver sees events in the order they happened. Retries wait on wall time.
final class WebhookDispatcher: @unchecked Sendable {
    /// What the dispatcher needs from the app, each call taking the app's lock.
    struct Hooks: Sendable {
        var target: @Sendable (String) -> WebhookTarget?
        var payload: @Sendable (String) -> [UInt8]?
        var acknowledged: @Sendable (String) -> Void
    }

    private let transport: any Transport
    private let retryBase: Double
    private let hooks: Hooks
    private let lock = NSLock()
    private var queues: [String: [String]] = [:]
    private var working: Set<String> = []

    init(transport: any Transport, retryBaseMS: Int, hooks: Hooks) {
        self.transport = transport
        retryBase = Double(max(0, retryBaseMS)) / 1000
        self.hooks = hooks
    }

    func enqueue(_ due: [WebhookDue]) {
        var start: [String] = []
        lock.withLock {
            for item in due {
                for endpoint in item.endpoints {
                    queues[endpoint, default: []].append(item.event)
                    if working.insert(endpoint).inserted { start.append(endpoint) }
                }
            }
        }
        for endpoint in start {
            Task.detached { [self] in await work(endpoint) }
        }
    }

    private func next(_ endpoint: String) -> String? {
        lock.withLock {
            guard var queue = queues[endpoint], !queue.isEmpty else {
                queues[endpoint] = nil
                working.remove(endpoint)
                return nil
            }
            let event = queue.removeFirst()
            queues[endpoint] = queue
            return event
        }
    }

    private func work(_ endpoint: String) async {
        while let event = next(endpoint) {
            await deliver(event, to: endpoint)
        }
    }

    private func deliver(_ event: String, to endpoint: String) async {
        for retry in 0...WebhookDelivery.maxRetries {
            if retry > 0 {
                try? await Task.sleep(nanoseconds: UInt64(WebhookDelivery.retryDelay(retry, base: retryBase) * 1e9))
            }
            guard let target = hooks.target(endpoint), let payload = hooks.payload(event) else { return }
            // The one wall-clock time the sandbox writes, on purpose: receivers check the
            // signature's `t=` against their own clock (stripe-python allows 300 s), and the
            // sandbox clock may be days ahead. Everything inside the event is sandbox time.
            let attempt = await WebhookDelivery.attempt(transport, url: target.url, payload: payload, secret: target.secret,
                                                        now: { Date().timeIntervalSince1970 })
            if attempt.delivered {
                hooks.acknowledged(event)
                return
            }
        }
    }
}
