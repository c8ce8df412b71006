import FCKit

/// The shape of an accepted parameter, so unknown, mistyped and out-of-enum values are
/// refused the way Stripe refuses them, naming the parameter in bracket form.
indirect enum ParamKind: Sendable {
    case string
    /// A string that `""` may unset.
    case emptyableString
    case oneOf([String])
    case integer
    /// An integer, or `""` to unset (`limits[accounts]=`).
    case emptyableInteger
    case boolean
    /// An array of strings, optionally limited to an enum.
    case strings([String]?)
    case object([(String, ParamKind)])
    /// An array of objects (`tax_id_data[0][type]`).
    case objects([(String, ParamKind)])
    /// Free keys with string values (`metadata[k]`).
    case map
    /// `created=unix` or `created[gt|gte|lt|lte]=unix`.
    case range
    /// Anything: accepted and ignored.
    case any
}

enum ParamValidator {
    /// Checks every supplied parameter against `spec` (plus `expand[]`, accepted everywhere).
    static func validate(_ params: JSONObject, _ spec: [(String, ParamKind)]) throws(APIError) {
        try check(params, spec + [("expand", .strings(nil))], prefix: nil)
    }

    static func name(_ prefix: String?, _ key: String) -> String {
        guard let prefix else { return key }
        return "\(prefix)[\(key)]"
    }

    private static func check(_ object: JSONObject, _ spec: [(String, ParamKind)], prefix: String?) throws(APIError) {
        for (key, value) in object {
            let full = name(prefix, key)
            guard let kind = spec.first(where: { $0.0 == key })?.1 else { throw .unknownParameter(full) }
            try check(value, kind, name: full)
        }
    }

    private static func check(_ value: JSON, _ kind: ParamKind, name: String) throws(APIError) {
        switch kind {
        case .any: return
        case .range:
            if value.stringValue != nil { try check(value, .integer, name: name); return }
            try check(value, .object([("gt", .integer), ("gte", .integer), ("lt", .integer), ("lte", .integer)]), name: name)
        case .string:
            guard let s = value.stringValue else { throw .invalidType(name, "string") }
            if s.isEmpty { throw .emptyString(name) }
        case .emptyableString:
            guard value.stringValue != nil else { throw .invalidType(name, "string") }
        case .oneOf(let allowed):
            guard let s = value.stringValue else { throw .invalidType(name, "string") }
            if s.isEmpty, !allowed.contains("") { throw .emptyString(name) }
            if !allowed.contains(s) { throw .invalidEnum(name, allowed) }
        case .integer, .emptyableInteger:
            guard let s = value.stringValue else { throw .invalidType(name, "integer") }
            if s.isEmpty {
                if case .emptyableInteger = kind { return }
                throw .emptyString(name)
            }
            if Int(s) == nil { throw .invalidInteger(name, s) }
        case .boolean:
            guard let s = value.stringValue else { throw .invalidType(name, "boolean") }
            if s != "true" && s != "false" {
                throw APIError(code: "parameter_invalid_boolean", message: "Invalid boolean: \(s)", param: name, isValidation: true)
            }
        case .strings(let allowed):
            guard let items = value.arrayValue else {
                if value.stringValue == "" { return }
                throw .invalidType(name, "array")
            }
            for item in items {
                guard let s = item.stringValue else { throw .invalidType(name + "[]", "string") }
                if let allowed, !allowed.contains(s) { throw .invalidEnum(name + "[]", allowed) }
            }
        case .object(let fields):
            guard let object = value.objectValue else {
                if value.stringValue == "" { return }
                throw .invalidType(name, "object")
            }
            try check(object, fields, prefix: name)
        case .objects(let fields):
            guard let items = value.arrayValue else { throw .invalidType(name, "array") }
            for (i, item) in items.enumerated() {
                guard let object = item.objectValue else { throw .invalidType("\(name)[\(i)]", "object") }
                try check(object, fields, prefix: "\(name)[\(i)]")
            }
        case .map:
            guard let object = value.objectValue else {
                if value.stringValue == "" { return }
                throw .invalidType(name, "object")
            }
            for (key, v) in object where v.stringValue == nil {
                throw .invalidType("\(name)[\(key)]", "string")
            }
            try checkMetadataLimits(object, name: name)
        }
    }

    /// Stripe's metadata limits, counted in characters (Unicode scalars), not bytes: keys up to
    /// 40, values up to 500, and at most 50 keys once empty values (which unset) are dropped.
    static let metadataMaxKeys = 50, metadataMaxKeyLength = 40, metadataMaxValueLength = 500

    private static func checkMetadataLimits(_ object: JSONObject, name: String) throws(APIError) {
        var set = 0
        for (key, value) in object {
            let text = value.stringValue ?? ""
            let keyLength = key.unicodeScalars.count, valueLength = text.unicodeScalars.count
            if keyLength > metadataMaxKeyLength {
                throw APIError(message: "Metadata keys can have up to \(metadataMaxKeyLength) characters, but you passed in a key that is \(keyLength) characters. Invalid key: \(key)",
                               param: name, isValidation: true)
            }
            if valueLength > metadataMaxValueLength {
                throw APIError(message: "Metadata values can have up to \(metadataMaxValueLength) characters, but you passed in a value that is \(valueLength) characters. Invalid value: \(text)",
                               param: name, isValidation: true)
            }
            if !text.isEmpty { set += 1 }
        }
        if set > metadataMaxKeys {
            throw APIError(message: "Metadata can have up to \(metadataMaxKeys) keys, but you've set \(set).", param: name, isValidation: true)
        }
    }
}

/// Typed reads of already-validated parameters by dotted path (`account_holder.type`).
struct Params: Sendable {
    let object: JSONObject

    init(_ object: JSONObject) { self.object = object }

    func value(_ path: String) -> JSON? { JSON.object(object).value(at: path) }

    func string(_ path: String) -> String? { value(path)?.stringValue }

    /// A non-empty string, or nil.
    func text(_ path: String) -> String? {
        guard let s = string(path), !s.isEmpty else { return nil }
        return s
    }

    func strings(_ path: String) -> [String]? { value(path)?.arrayValue?.compactMap(\.stringValue) }

    func int(_ path: String) -> Int? { string(path).flatMap { Int($0) } }

    func bool(_ path: String) -> Bool? { string(path).map { $0 == "true" } }

    func has(_ path: String) -> Bool { value(path) != nil }

    var expand: [String] { strings("expand") ?? [] }

    /// Bracket name for errors: `account_holder.type` → `account_holder[type]`.
    static func bracket(_ path: String) -> String {
        let parts = path.split(separator: ".").map(String.init)
        guard let first = parts.first else { return path }
        return first + parts.dropFirst().map { "[\($0)]" }.joined()
    }

    func require(_ path: String) throws(APIError) -> String {
        guard let s = string(path) else { throw .missingParameter(Params.bracket(path)) }
        if s.isEmpty { throw .emptyString(Params.bracket(path)) }
        return s
    }
}
