import Foundation

/// Idempotency keys make a POST safe to retry: Stripe replays the first result for a repeated key.
public enum IdempotencyKey {
    /// A fresh random key (a UUID v4 string).
    public static func generate() -> String {
        UUID().uuidString.lowercased()
    }

    /// A deterministic key for one step of a multi-request operation driven by one user-supplied
    /// key, so re-running the whole operation with the same key replays every step.
    public static func derive(from base: String, step: String) -> String {
        "\(base)-\(step)"
    }
}
