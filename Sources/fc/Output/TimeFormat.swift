import Foundation

/// Unix seconds as a terminal shows them: local time, minutes precision.
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
}
