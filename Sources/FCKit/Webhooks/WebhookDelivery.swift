import Foundation

/// One event sent to a webhook endpoint the way Stripe sends it: a JSON `POST` signed in the
/// `Stripe-Signature` header. `stripe-fc sandbox` (its endpoints) and `stripe-fc events forward`
/// both deliver through here, so the two cannot sign or retry differently.
public enum WebhookDelivery {
    public static let userAgent = "Stripe/1.0 (+https://stripe.com/docs/webhooks)"
    public static let contentType = "application/json; charset=utf-8"
    /// Seconds a receiver has to answer before the attempt counts as failed.
    public static let timeout: Double = 10
    /// Retries after the first attempt fails, as Stripe makes in test mode.
    public static let maxRetries = 3

    /// `t=…,v1=…`: HMAC-SHA256, keyed with the whole `whsec_…` secret, of `"{t}.{payload}"`.
    public static func signature(payload: [UInt8], secret: String, timestamp: Int) -> String {
        let signed = Array("\(timestamp).".utf8) + payload
        return "t=\(timestamp),v1=" + SHA256.hex(SHA256.hmac(key: Array(secret.utf8), message: signed))
    }

    /// The request for one attempt, signed at `timestamp` (unix seconds, wall time: receivers
    /// reject signatures more than 5 minutes from their own clock).
    public static func request(url: String, payload: [UInt8], secret: String, timestamp: Int) -> HTTPRequest {
        HTTPRequest(method: "POST", url: url, headers: [
            (name: "User-Agent", value: userAgent),
            (name: "Content-Type", value: contentType),
            (name: "Cache-Control", value: "no-cache"),
            (name: "Stripe-Signature", value: signature(payload: payload, secret: secret, timestamp: timestamp)),
        ], body: payload, timeout: timeout)
    }

    /// What one attempt came to.
    public struct Attempt: Sendable {
        /// The receiver's status code; nil when it gave none (refused, timed out, cancelled).
        public var status: Int?
        /// Why there was no status.
        public var error: String?
        public var durationMS: Int
        /// The transport was cancelled (Ctrl-C): not worth a retry.
        public var cancelled = false

        /// Only a 2xx acknowledges an event; redirects are failures, as on Stripe.
        public var delivered: Bool { status.map { (200..<300).contains($0) } ?? false }
    }

    /// Sends one signed attempt. Signs afresh each time, so a retry carries a new `t`.
    /// - Parameter now: wall-clock unix seconds, for the signature's timestamp and the duration.
    public static func attempt(_ transport: any Transport, url: String, payload: [UInt8], secret: String,
                               now: @Sendable () -> Double) async -> Attempt {
        let start = now()
        let request = request(url: url, payload: payload, secret: secret, timestamp: Int(start))
        func elapsed() -> Int { max(0, Int(((now() - start) * 1000).rounded())) }
        do {
            let response = try await transport.send(request)
            return Attempt(status: response.status, error: nil, durationMS: elapsed())
        } catch let error as TransportError {
            return Attempt(status: nil, error: error.kind == .timeout ? "timed out" : error.message, durationMS: elapsed(),
                           cancelled: error.kind == .cancelled)
        } catch {
            return Attempt(status: nil, error: "\(error)", durationMS: elapsed(), cancelled: error is CancellationError)
        }
    }

    /// Seconds to wait before retry `retry` (1 for the first): `base`, then doubling.
    public static func retryDelay(_ retry: Int, base: Double) -> Double {
        base * Double(1 << min(max(retry - 1, 0), 20))
    }

    /// A fresh signing secret in Stripe's shape: `whsec_` and 32 letters and digits.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return newSecret(using: &generator)
    }

    public static func newSecret<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "whsec_" + String((0..<32).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
