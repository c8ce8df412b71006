import Foundation

/// Checks and converts option values by kind, so a bad value is a usage error before anything is sent.
enum ValueCheck {
    /// Why `value` is not a valid `kind`, or nil when it is.
    static func problem(_ value: String, kind: ValueKind) -> String? {
        switch kind {
        case .flag, .string, .path:
            return nil
        case .integer(let lo, let hi):
            guard let n = Int(value) else { return "expected a whole number" }
            if n < lo || n > hi { return hi == Int.max ? "must be at least \(lo)" : "must be between \(lo) and \(hi)" }
            return nil
        case .decimal:
            return isDecimal(value) ? nil : "expected a decimal number such as 12.34"
        case .duration(let min):
            guard let seconds = duration(value) else { return "expected a duration such as 90s, 5m, 1h or plain seconds" }
            return seconds < min ? "must be at least \(describe(seconds: min))" : nil
        case .time:
            return time(value) == nil ? "expected YYYY-MM-DD, an RFC 3339 time or unix seconds" : nil
        case .id(let prefixes):
            guard prefixes.contains(where: { value.hasPrefix($0) && value.count > $0.count }) else {
                return "expected an id starting with \(prefixes.map { "'\($0)'" }.joined(separator: " or "))"
            }
            return nil
        case .choice(let allowed):
            return allowed.contains(value) ? nil : "allowed: \(allowed.joined(separator: ", "))"
        case .choiceOrID(let allowed, let prefixes):
            if allowed.contains(value) || prefixes.contains(where: { value.hasPrefix($0) && value.count > $0.count }) { return nil }
            return "allowed: \(allowed.joined(separator: ", ")), or an id starting with \(prefixes.map { "'\($0)'" }.joined(separator: " or "))"
        case .keyValue:
            guard let eq = value.firstIndex(of: "="), eq != value.startIndex else { return "expected key=value" }
            return nil
        case .size(let min):
            guard let bytes = bytes(value) else { return "expected a size such as 512KiB, 64MiB, 1GiB or plain bytes" }
            return bytes < min ? "must be at least \(describe(bytes: min))" : nil
        case .url:
            guard let url = URL(string: value), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                return "expected an http(s) URL"
            }
            return nil
        }
    }

    static func isDecimal(_ value: String) -> Bool {
        var s = Substring(value)
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit) }
        return true
    }

    /// Seconds for `90s`, `5m`, `1h`, `2d`, `1.5` (plain seconds).
    static func duration(_ value: String) -> Double? {
        guard let last = value.last else { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let (number, scale) = units[last].map { (String(value.dropLast()), $0) } ?? (value, 1)
        guard let n = Double(number), n >= 0, n.isFinite, !number.hasPrefix("+") else { return nil }
        return n * scale
    }

    /// Bytes for `65536`, `512K`, `512KB`, `512KiB`, `64M…`, `1G…` (powers of 1024, case-insensitive).
    static func bytes(_ value: String) -> Int? {
        let lower = value.lowercased()
        let units: [(suffix: String, scale: Int)] = [("kib", 1 << 10), ("kb", 1 << 10), ("k", 1 << 10), ("mib", 1 << 20), ("mb", 1 << 20), ("m", 1 << 20),
                                                      ("gib", 1 << 30), ("gb", 1 << 30), ("g", 1 << 30), ("b", 1)]
        let (number, scale) = units.first { lower.hasSuffix($0.suffix) }.map { (String(lower.dropLast($0.suffix.count)), $0.scale) } ?? (lower, 1)
        guard !number.isEmpty, number.allSatisfy(\.isASCIIDigit), let n = Int(number), n <= Int.max / scale else { return nil }
        return n * scale
    }

    /// `64MiB`, `512KiB`, `1000 bytes`: a size as help shows it.
    static func describe(bytes: Int) -> String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size && bytes % size == 0 {
            return "\(bytes / size)\(unit)"
        }
        return "\(bytes) bytes"
    }

    /// `1s`, `1.5s`, `5m`, `1h`: a duration as a user would type it.
    static func describe(seconds: Double) -> String {
        for (unit, size) in [("h", 3600.0), ("m", 60.0)] where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(seconds / size))\(unit)"
        }
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }

    /// Unix seconds, RFC 3339, or a `YYYY-MM-DD` date: its midnight in `timeZone` (the zone tables show).
    static func time(_ value: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Int? {
        if let n = Int(value), n >= 0 { return n }
        if value.count == 10 {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = timeZone
            f.dateFormat = "yyyy-MM-dd"
            return f.date(from: value).map { Int($0.timeIntervalSince1970) }
        }
        let iso = ISO8601DateFormatter()
        if let d = iso.date(from: value) { return Int(d.timeIntervalSince1970) }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return iso.date(from: value).map { Int($0.timeIntervalSince1970) }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Array where Element: Hashable {
    /// The elements in order, each once (`--permission a,b,a` sends a and b).
    var uniqued: [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
