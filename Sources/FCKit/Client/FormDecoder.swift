/// A form body or query string that cannot be read as nested parameters.
public struct FormDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending parameter, in bracket form (`account_holder[type]`).
    public let param: String
    public let message: String
    public var description: String { message }
}

/// Decodes what `FormEncoder` (or any Stripe client) sends back into nested parameters:
/// `a[b][c]`, `a[]`, `a[0]`, percent-encoded brackets and `+` for space all decode.
/// Every leaf is a `.string`; an object whose keys are all array indexes becomes an array.
public enum FormDecoder {
    /// The raw pairs, percent-decoded, in order.
    public static func pairs(_ encoded: String) -> [(key: String, value: String)] {
        encoded.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = unescape(String(pieces[0]))
            let value = pieces.count > 1 ? unescape(String(pieces[1])) : ""
            return (key, value)
        }
    }

    public static func decode(_ encoded: String) throws(FormDecodeError) -> JSONObject {
        try decode(pairs: pairs(encoded))
    }

    public static func decode(pairs: [(key: String, value: String)]) throws(FormDecodeError) -> JSONObject {
        var root = JSON.object(JSONObject())
        for (key, value) in pairs {
            let path = try segments(of: key)
            try insert(value, at: path[...], into: &root, fullKey: key)
        }
        guard case .object(let object) = normalize(root) else { return JSONObject() }
        return object
    }

    /// `a[b][]` → `["a", "b", ""]`.
    static func segments(of key: String) throws(FormDecodeError) -> [String] {
        guard let open = key.firstIndex(of: "[") else { return [key] }
        var out = [String(key[..<open])]
        var rest = key[open...]
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else {
                throw FormDecodeError(param: key, message: "Invalid parameter name: '\(key)'")
            }
            out.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        if out[0].isEmpty { throw FormDecodeError(param: key, message: "Invalid parameter name: '\(key)'") }
        return out
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into node: inout JSON, fullKey: String) throws(FormDecodeError) {
        guard let segment = path.first else {
            if case .null = node { node = .string(value); return }
            throw FormDecodeError(param: fullKey, message: "Conflicting values for parameter '\(fullKey)'")
        }
        let rest = path.dropFirst()
        if segment.isEmpty {
            var items: [JSON]
            switch node {
            case .null: items = []
            case .array(let existing): items = existing
            default: throw FormDecodeError(param: fullKey, message: "Conflicting values for parameter '\(fullKey)'")
            }
            if rest.isEmpty {
                items.append(.string(value))
            } else {
                // `a[][k]=1&a[][j]=2&a[][k]=3`: a key already present in the last element starts a new one.
                var last: JSON = .null
                if let tail = items.last, case .object(let object) = tail, object[rest.first!] == nil || rest.count > 1 && object[rest.first!]?.objectValue != nil {
                    last = items.removeLast()
                }
                try insert(value, at: rest, into: &last, fullKey: fullKey)
                items.append(last)
            }
            node = .array(items)
            return
        }
        var object: JSONObject
        switch node {
        case .null: object = JSONObject()
        case .object(let existing): object = existing
        default: throw FormDecodeError(param: fullKey, message: "Conflicting values for parameter '\(fullKey)'")
        }
        var child = object[segment] ?? .null
        try insert(value, at: rest, into: &child, fullKey: fullKey)
        object[segment] = child
        node = .object(object)
    }

    /// Turns `{"0":…, "1":…}` (from `a[0]`, `a[1]`) into arrays, in index order.
    private static func normalize(_ node: JSON) -> JSON {
        switch node {
        case .array(let items): return .array(items.map(normalize))
        case .object(let object):
            let indexes = object.keys.compactMap { key -> Int? in
                guard let i = Int(key), i >= 0, String(i) == key else { return nil }
                return i
            }
            if !object.isEmpty, indexes.count == object.count {
                return .array(object.keys.sorted { Int($0)! < Int($1)! }.map { normalize(object[$0]!) })
            }
            return .object(JSONObject(object.map { ($0.key, normalize($0.value)) }))
        default: return node
        }
    }

    /// Percent-decoding with `+` as space; malformed escapes are kept as written.
    public static func unescape(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let b = iterator.popFirst() {
            if b == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if b == UInt8(ascii: "%"), iterator.count >= 2,
                let hi = hexValue(iterator[iterator.startIndex]), let lo = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(hi << 4 | lo)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
