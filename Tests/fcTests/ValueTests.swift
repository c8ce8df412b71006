@testable import fc
import Foundation
import Testing

/// Money formatting and exact decimal conversion, durations and times.
@Suite("Values")
struct ValueTests {
    @Test("Money.format", arguments: [
        (Int64(123_456), "usd", "$1,234.56"),
        (-300, "usd", "-$3.00"),
        (5, "usd", "$0.05"),
        (0, "usd", "$0.00"),
        (100_000_000, "USD", "$1,000,000.00"),
        (1235, "jpy", "¥1,235"),
        (1, "kwd", "0.001 KWD"),
        (1_234_567, "bhd", "1,234.567 BHD"),
        (123_456, "xyz", "1,234.56 XYZ"),
        (-123_456, "eur", "-€1,234.56"),
    ])
    func format(_ minor: Int64, currency: String, expected: String) {
        #expect(Money.format(minor, currency: currency) == expected)
    }

    @Test("Money.minorUnits accepts", arguments: [
        ("12.34", "usd", Int64(1234)), ("10", "usd", 1000), ("0.01", "usd", 1), ("12.340", "usd", 1234), ("+5", "usd", 500),
        ("007.50", "usd", 750), ("1235", "jpy", 1235), ("1.0", "jpy", 1), ("0.001", "kwd", 1), ("1.5", "kwd", 1500),
        ("9999999999999999.99", "usd", 999_999_999_999_999_999),
    ])
    func minorUnits(_ text: String, currency: String, expected: Int64) throws {
        #expect(try Money.minorUnits(text, currency: currency) == expected)
    }

    @Test("Money.minorUnits rejects", arguments: [
        ("1.005", "usd", Money.AmountError.tooManyDecimals(allowed: 2)),
        ("12.5", "jpy", .tooManyDecimals(allowed: 0)),
        ("0.0001", "kwd", .tooManyDecimals(allowed: 3)),
        ("0", "usd", .notPositive), ("0.00", "usd", .notPositive), ("-1", "usd", .notPositive),
        ("abc", "usd", .notANumber), ("1,000", "usd", .notANumber), (".5", "usd", .notANumber), ("1.", "usd", .notANumber),
        ("", "usd", .notANumber), ("1e3", "usd", .notANumber),
        ("92233720368547758.08", "usd", .tooLarge), ("99999999999999999999", "usd", .tooLarge),
    ])
    func minorUnitsRejects(_ text: String, currency: String, expected: Money.AmountError) {
        #expect(throws: expected) { try Money.minorUnits(text, currency: currency) }
    }

    @Test("ValueCheck.duration", arguments: [
        ("90s", 90.0 as Double?), ("5m", 300), ("1h", 3600), ("2d", 172_800), ("45", 45), ("1.5", 1.5), ("0", 0),
        ("abc", nil), ("-5", nil), ("+5", nil), ("", nil), ("s", nil), ("5x", nil), ("inf", nil), ("nan", nil), ("5 m", nil),
    ])
    func duration(_ text: String, seconds: Double?) {
        #expect(ValueCheck.duration(text) == seconds)
        #expect((ValueCheck.problem(text, kind: .duration()) == nil) == (seconds != nil))
    }

    @Test("a duration's minimum", arguments: [("1s", nil as String?), ("0.5s", "must be at least 1s"), ("2", nil), ("xyz", "expected a duration such as 90s, 5m, 1h or plain seconds")])
    func durationMinimum(_ text: String, problem: String?) {
        #expect(ValueCheck.problem(text, kind: .duration(min: 1)) == problem)
    }

    @Test("durations as help shows them", arguments: [(1.0, "1s"), (1.5, "1.5s"), (90, "90s"), (300, "5m"), (7200, "2h")])
    func describeSeconds(_ seconds: Double, _ text: String) {
        #expect(ValueCheck.describe(seconds: seconds) == text)
    }

    @Test("ValueCheck.time", arguments: [
        ("2026-11-21", 1_795_219_200 as Int?), ("1795255200", 1_795_255_200), ("0", 0),
        ("2026-11-21T10:00:00Z", 1_795_255_200), ("2026-11-21T12:00:00+02:00", 1_795_255_200),
        ("2026-11-21T10:00:00.250Z", 1_795_255_200),
        ("2026-13-01", nil), ("2026-02-30", nil), ("21/11/2026", nil), ("yesterday", nil), ("-5", nil), ("", nil),
        ("2026-11-21T10:00:00", nil),
    ])
    func time(_ text: String, unix: Int?) {
        #expect(ValueCheck.time(text) == unix)
    }

    @Test("ValueCheck.problem", arguments: [
        ("5", ValueKind.integer(min: 1, max: 100), nil as String?),
        ("101", .integer(min: 1, max: 100), "must be between 1 and 100"),
        ("cus_1", .id(["cus_"]), nil), ("fca_1", .id(["cus_", "acct_"]), "expected an id starting with 'cus_' or 'acct_'"),
        ("k=v", .keyValue, nil), ("=v", .keyValue, "expected key=value"), ("k=", .keyValue, nil),
        ("https://example.com/r", .url, nil), ("ftp://example.com", .url, "expected an http(s) URL"),
        ("example.com", .url, "expected an http(s) URL"),
        ("12.34", .decimal, nil), ("12.", .decimal, "expected a decimal number such as 12.34"),
    ])
    func problem(_ value: String, kind: ValueKind, expected: String?) {
        #expect(ValueCheck.problem(value, kind: kind) == expected)
    }

    @Test func timeFormatIsInTheGivenZone() {
        let utc = TimeZone(identifier: "UTC")!
        #expect(TimeFormat.local(1_795_255_200, timeZone: utc) == "2026-11-21 10:00")
        #expect(TimeFormat.date(1_795_255_200, timeZone: utc) == "2026-11-21")
        #expect(TimeFormat.local(1_795_255_200, timeZone: TimeZone(secondsFromGMT: -5 * 3600)!) == "2026-11-21 05:00")
    }
}
