/// Stripe's `application/x-www-form-urlencoded` dialect: nested objects as `a[b][c]=v`,
/// arrays of scalars as `a[]=v`, arrays of objects as `a[0][k]=v`, parameter order kept,
/// brackets in keys left unescaped and everything else outside RFC 3986's unreserved set
/// percent-encoded.
public enum FormEncoder {
    /// Flattens nested parameters into ordered key/value pairs. `null` becomes the empty
    /// string, which is how Stripe unsets a nullable field.
    public static func pairs(_ params: JSONObject) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        for (key, value) in params { flatten(value, key: key, into: &out) }
        return out
    }

    /// The encoded body or query string (no leading `?`).
    public static func encode(_ params: JSONObject) -> String {
        encode(pairs: pairs(params))
    }

    public static func encode(pairs: [(key: String, value: String)]) -> String {
        pairs.map { escape($0.key, keepBrackets: true) + "=" + escape($0.value, keepBrackets: false) }
            .joined(separator: "&")
    }

    private static func flatten(_ value: JSON, key: String, into out: inout [(key: String, value: String)]) {
        switch value {
        case .object(let object):
            for (k, v) in object { flatten(v, key: "\(key)[\(k)]", into: &out) }
        case .array(let items):
            let indexed = items.contains { if case .object = $0 { return true }; if case .array = $0 { return true }; return false }
            for (i, item) in items.enumerated() {
                flatten(item, key: indexed ? "\(key)[\(i)]" : "\(key)[]", into: &out)
            }
        case .null: out.append((key, ""))
        default: out.append((key, value.displayText))
        }
    }

    /// Percent-encodes UTF-8 bytes outside `A-Z a-z 0-9 - . _ ~` (and `[` `]` in keys).
    public static func escape(_ text: String, keepBrackets: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: "[") where keepBrackets, UInt8(ascii: "]") where keepBrackets:
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
