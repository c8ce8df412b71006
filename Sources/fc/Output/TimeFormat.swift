import Foundation

/// Unix seconds as a terminal shows them: in the output zone, minutes precision.
enum TimeFormat {
    static func local(_ unix: Int, timeZone: TimeZone = .current) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(unix)))
    }

    static func date(_ unix: Int, timeZone: TimeZone = .current) -> String {
        String(local(unix, timeZone: timeZone).prefix(10))
    }

    /// How a table header names the zone: `UTC`, or the zone's identifier (`Europe/Paris`).
    static func zoneLabel(_ zone: TimeZone) -> String {
        let utcNames: Set<String> = ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu", "UCT", "Etc/UCT"]
        return utcNames.contains(zone.identifier) || (zone.secondsFromGMT() == 0 && zone.identifier.hasPrefix("GMT")) ? "UTC" : zone.identifier
    }

    /// The zone named by `TZ` (POSIX's leading `:` allowed), nil when unset or unknown.
    static func zone(fromTZ value: String?) -> TimeZone? {
        guard var name = value, !name.isEmpty else { return nil }
        if name.hasPrefix(":") { name.removeFirst() }
        if name.hasPrefix("/") , let range = name.range(of: "zoneinfo/") { name = String(name[range.upperBound...]) }
        return TimeZone(identifier: name) ?? TimeZone(abbreviation: name)
    }
}
