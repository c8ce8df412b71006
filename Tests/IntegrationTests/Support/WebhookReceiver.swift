import FCKit
import FCSandbox
import Foundation

/// A webhook handler on loopback (the sandbox's own HTTP server): records every delivery, answers
/// the scripted statuses first and 200 after, and lets a test await deliveries without sleeping.
final class WebhookReceiver: SandboxHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var received: [SandboxRequest] = []
    private var script: [Int]
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var server: SandboxServer?

    var url: String { (server?.url ?? "http://127.0.0.1:1") + "/webhooks" }
    var deliveries: [SandboxRequest] { lock.withLock { received } }
    /// Event ids in arrival order.
    var eventIds: [String] { deliveries.map { (try? JSON.parse($0.body))?["id"]?.stringValue ?? "" } }

    static func start(failFirst statuses: [Int] = []) throws -> WebhookReceiver {
        let receiver = WebhookReceiver(script: statuses)
        var options = SandboxOptions()
        options.port = 0
        receiver.server = try SandboxServer.start(options: options, app: receiver)
        return receiver
    }

    private init(script: [Int]) { self.script = script }

    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        let status = lock.withLock { () -> Int in
            received.append(request)
            let ready = waiters.filter { $0.count <= received.count }
            waiters.removeAll { $0.count <= received.count }
            for waiter in ready { waiter.continuation.resume() }
            return script.isEmpty ? 200 : script.removeFirst()
        }
        return SandboxResponse(status: status)
    }

    /// Returns true once `count` deliveries have arrived, false after `timeout` seconds (a
    /// bound on a hang, not a timed assertion: deliveries normally take milliseconds).
    func wait(for count: Int, timeout: Double = 30) async -> Bool {
        let arrived = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let done = self.lock.withLock { () -> Bool in
                        if self.received.count >= count { return true }
                        self.waiters.append((count, continuation))
                        return false
                    }
                    if done { continuation.resume() }
                }
                return true
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            // The waiting task ends only once resumed: after a timeout, resume it here.
            if !first { release() }
            return first
        }
        return arrived
    }

    /// Resumes every waiter (after a timeout, so no continuation is left hanging).
    private func release() {
        let all = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            defer { waiters.removeAll() }
            return waiters.map(\.continuation)
        }
        for continuation in all { continuation.resume() }
    }

    /// Whether a delivery's `Stripe-Signature` is the HMAC of its body under `secret`.
    static func verifies(_ request: SandboxRequest, secret: String) -> Bool {
        guard let header = request.header("Stripe-Signature"),
              let t = header.split(separator: ",").first.flatMap({ Int($0.dropFirst(2)) }) else { return false }
        return header == WebhookDelivery.signature(payload: request.body, secret: secret, timestamp: t)
    }

    func stop() { server?.stop() }
}
