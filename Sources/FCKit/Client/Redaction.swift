/// Keeps API keys and client secrets out of logs, errors and dry-run output.
public enum Secrets {
    /// Key prefixes shown in masked form: they tell mode and kind without revealing anything.
    static let keyPrefixes = ["sk_test_", "sk_live_", "rk_test_", "rk_live_"]

    /// `sk_test_…abcd`: the known prefix and the last 4 characters. A key with an unknown prefix
    /// shows only `…abcd`; one too short to hide at least 8 characters shows `****`.
    public static func mask(_ key: String) -> String {
        let prefix = keyPrefixes.first { key.hasPrefix($0) }
        let hidden = key.count - (prefix?.count ?? 0) - 4
        guard hidden >= 8 else { return "****" }
        return (prefix ?? "") + "…" + String(key.suffix(4))
    }

    /// Replaces, anywhere in `text`, every Stripe secret or restricted key (`sk_…`, `rk_…`), live
    /// publishable key (`pk_live_…`), webhook secret (`whsec_…`) and client secret (`fcsess_…_secret_…`, `pi_…_secret_…`)
    /// with a masked form. Everything else is left as it was.
    public static func redact(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard isWordScalar(scalars[i]) else { out.append(scalars[i]); i += 1; continue }
            var end = i
            while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[i..<end])
            out.append(contentsOf: maskWord(String(word)).unicodeScalars)
            i = end
        }
        return String(out)
    }

    /// True for live-mode secret or restricted keys, which move real money.
    public static func isLiveKey(_ key: String) -> Bool {
        key.hasPrefix("sk_live_") || key.hasPrefix("rk_live_")
    }

    /// Masks one identifier-like word if it is a secret, else returns it unchanged.
    static func maskWord(_ word: String) -> String {
        if word.hasPrefix("sk_") || word.hasPrefix("rk_") {
            // A bare prefix is no secret; Stripe's own masked form (`sk_test_****abcd`) stays readable.
            return word.count <= 7 || keyPrefixes.contains(word) ? word : mask(word)
        }
        if word.hasPrefix("pk_live_"), word.count > 16 {
            return "pk_live_…" + String(word.suffix(4))
        }
        if word.hasPrefix("whsec_"), word.count > 10 {
            return "whsec_…" + String(word.suffix(4))
        }
        if let marker = word.range(of: "_secret_") {
            let secret = word[marker.upperBound...]
            guard !secret.isEmpty else { return word }
            let tail = secret.count >= 12 ? String(secret.suffix(4)) : ""
            return String(word[..<marker.upperBound]) + "…" + tail
        }
        return word
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_": return true
        default: return false
        }
    }
}
