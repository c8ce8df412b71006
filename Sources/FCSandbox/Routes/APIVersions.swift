/// `Stripe-Version`: Stripe answers a version it never released with 400 "Invalid Stripe API
/// version: …" before doing anything. The sandbox cannot list every release day, so it accepts
/// the shapes Stripe releases have: a dated version (`2023-08-16`, the scheme until mid-2024) or
/// a dated release of a named train (`2026-07-29.dahlia`, `2025-01-27.acacia`, and `.preview`),
/// on a real calendar day, no later than the newest release it knows. Anything else — an unknown
/// train, a day that does not exist, a future date, `2019-2-19` — is refused as Stripe refuses it.
enum APIVersions {
    /// Release trains in order, since `2024-09-30.acacia`.
    static let trains = ["acacia", "basil", "clover", "dahlia", "endive"]
    static let firstDated = "2011-01-01", lastDated = "2024-06-20"
    static let firstNamed = "2024-09-30"
    /// What stripe-python 16.1.0 sends by default; the newest release the sandbox knows.
    static let newest = "2026-10-28"

    static func isKnown(_ version: String) -> Bool {
        let parts = version.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let date = parts.first, isCalendarDate(date) else { return false }
        if parts.count == 1 { return date >= firstDated && date <= lastDated }
        let name = parts[1]
        guard trains.contains(name) || name == "preview" else { return false }
        return date >= firstNamed && date <= newest
    }

    /// `YYYY-MM-DD` with two-digit month and day, naming a day that exists.
    static func isCalendarDate(_ text: String) -> Bool {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
              fields.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]), (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// The refusal for an unknown version, or nil. No header (or an empty one) means the pinned default.
    static func check(_ version: String?) -> APIError? {
        guard let version, !version.isEmpty, !isKnown(version) else { return nil }
        return APIError(message: "Invalid Stripe API version: \(version)", isValidation: true)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
