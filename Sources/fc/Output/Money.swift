/// Money in a currency's minor units: exact conversion from decimal text, and display formatting.
enum Money {
    /// Currencies whose minor unit is not the cent (ISO 4217 exponents as Stripe uses them).
    static func exponent(_ currency: String) -> Int {
        switch currency.lowercased() {
        case "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf": return 0
        case "bhd", "jod", "kwd", "omr", "tnd": return 3
        default: return 2
        }
    }

    static let symbols: [String: String] = [
        "usd": "$", "eur": "€", "gbp": "£", "jpy": "¥", "cad": "CA$", "aud": "A$", "nzd": "NZ$",
        "chf": "CHF ", "inr": "₹", "krw": "₩", "cny": "CN¥", "mxn": "MX$", "brl": "R$", "sgd": "SGD ", "hkd": "HK$",
    ]

    enum AmountError: Error, Equatable { case notANumber, tooManyDecimals(allowed: Int), notPositive, tooLarge }

    /// `"12.34"` in usd → 1234, exactly (no floating point). Rejects zero, negatives and excess decimals.
    static func minorUnits(_ text: String, currency: String) throws(AmountError) -> Int64 {
        guard ValueCheck.isDecimal(text) else { throw .notANumber }
        if text.hasPrefix("-") { throw .notPositive }
        let digitsOnly = text.hasPrefix("+") ? String(text.dropFirst()) : text
        let parts = digitsOnly.split(separator: ".", omittingEmptySubsequences: false)
        let exp = exponent(currency)
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.count > exp, fraction.last == "0" { fraction.removeLast() }
        guard fraction.count <= exp else { throw .tooManyDecimals(allowed: exp) }
        fraction += String(repeating: "0", count: exp - fraction.count)
        let whole = parts[0].drop { $0 == "0" }
        guard whole.count + fraction.count <= 18, let value = Int64(whole + fraction) ?? (whole.isEmpty && fraction.isEmpty ? 0 : nil) else {
            throw .tooLarge
        }
        guard value > 0 else { throw .notPositive }
        return value
    }

    /// 123456 usd → `$1,234.56`; -300 → `-$3.00`; 1235 jpy → `¥1,235`; unknown currency → `1,234.56 XYZ`.
    static func format(_ minor: Int64, currency: String) -> String {
        let exp = exponent(currency)
        let negative = minor < 0
        let magnitude = minor.magnitude
        var scale: UInt64 = 1
        for _ in 0..<exp { scale *= 10 }
        let whole = String(magnitude / scale)
        var grouped = ""
        for (i, ch) in whole.reversed().enumerated() {
            if i > 0, i % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        var number = String(grouped.reversed())
        if exp > 0 {
            let frac = String(magnitude % scale)
            number += "." + String(repeating: "0", count: exp - frac.count) + frac
        }
        let sign = negative ? "-" : ""
        if let symbol = symbols[currency.lowercased()] { return sign + symbol + number }
        return sign + number + " " + currency.uppercased()
    }
}
