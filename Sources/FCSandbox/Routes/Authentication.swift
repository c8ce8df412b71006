import FCKit
import Foundation

/// Test-mode keys only: any `sk_test_…` (or restricted `rk_test_…`), by Bearer or Basic auth.
enum Authentication {
    static func check(_ request: SandboxRequest) -> APIError? {
        let header = request.header("Authorization") ?? ""
        let key = apiKey(from: header)
        guard let key, !key.isEmpty else {
            return APIError(status: 401, message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.")
        }
        if key.hasPrefix("sk_test_") || key.hasPrefix("rk_test_"), key.count > 8 { return nil }
        return APIError(status: 401, message: "Invalid API Key provided: \(mask(key))")
    }

    /// `Stripe-Account` must name an account the key can act for: here, a v2 account the sandbox
    /// created. Anything else gets Stripe's 403 `account_invalid`. An empty header is no header.
    static func checkAccount(_ request: SandboxRequest, known accounts: ResourceTable) -> APIError? {
        guard let account = request.header("Stripe-Account"), !account.isEmpty, !accounts.contains(account) else { return nil }
        let key = apiKey(from: request.header("Authorization") ?? "") ?? ""
        return APIError(status: 403, code: "account_invalid",
                        message: "The provided key '\(mask(key))' does not have access to account '\(account)' (or that account does not exist). Application access may have been revoked.",
                        isValidation: true)
    }

    /// The key from `Bearer KEY` or `Basic base64(KEY:)`.
    static func apiKey(from header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let scheme = parts[0].lowercased(), value = parts[1].trimmingCharacters(in: .whitespaces)
        if scheme == "bearer" { return value }
        if scheme == "basic", let data = Data(base64Encoded: value), let text = String(data: data, encoding: .utf8) {
            return String(text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }
        return nil
    }

    /// Stripe's masking: the key's prefix, asterisks, and its last four characters.
    static func mask(_ key: String) -> String {
        let chars = Array(key)
        let prefixes = ["sk_test_", "sk_live_", "rk_test_", "rk_live_", "pk_test_", "pk_live_"]
        let prefix = prefixes.first { key.hasPrefix($0) } ?? ""
        guard chars.count > prefix.count + 4 else { return prefix + String(repeating: "*", count: max(0, chars.count - prefix.count)) }
        return prefix + String(repeating: "*", count: chars.count - prefix.count - 4) + String(chars.suffix(4))
    }
}
