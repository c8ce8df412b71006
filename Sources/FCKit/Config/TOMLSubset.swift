/// The small part of TOML the config file uses: `[table]` headers and `key = "string"` lines,
/// `#` comments, basic strings with `\" \\ \n \t \r \b \f \uXXXX \UXXXXXXXX` escapes, and
/// literal strings in single quotes.
enum TOMLSubset {
    typealias Table = (name: String, values: [(key: String, value: String)])

    /// A syntax error with its 1-based line number.
    struct SyntaxError: Error {
        let line: Int
        let message: String
    }

    static func parse(_ text: String) throws(SyntaxError) -> [Table] {
        var tables: [Table] = []
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let lineNumber = offset + 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            line = trimmed(line)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let name = try parseHeader(line, lineNumber: lineNumber)
                if tables.contains(where: { $0.name == name }) {
                    throw SyntaxError(line: lineNumber, message: "table [\(name)] is defined twice")
                }
                tables.append((name, []))
                continue
            }
            let (key, value) = try parseKeyValue(line, lineNumber: lineNumber)
            guard !tables.isEmpty else {
                throw SyntaxError(line: lineNumber, message: "'\(key)' is outside any [profile] table")
            }
            if tables[tables.count - 1].values.contains(where: { $0.key == key }) {
                throw SyntaxError(line: lineNumber, message: "key '\(key)' is set twice in [\(tables[tables.count - 1].name)]")
            }
            tables[tables.count - 1].values.append((key, value))
        }
        return tables
    }

    static func serialize(_ tables: [Table]) -> String {
        var out = ""
        for (i, table) in tables.enumerated() {
            if i > 0 { out += "\n" }
            out += "[\(isBare(table.name) ? table.name : quote(table.name))]\n"
            for (key, value) in table.values {
                out += "\(isBare(key) ? key : quote(key)) = \(quote(value))\n"
            }
        }
        return out
    }

    // MARK: - Lines

    private static func parseHeader(_ line: Substring, lineNumber: Int) throws(SyntaxError) -> String {
        var rest = line.dropFirst()
        if rest.hasPrefix("[") { throw SyntaxError(line: lineNumber, message: "arrays of tables ([[…]]) are not supported") }
        rest = trimmedLeading(rest)
        let name = try parseKey(&rest, lineNumber: lineNumber)
        rest = trimmedLeading(rest)
        guard rest.first == "]" else { throw SyntaxError(line: lineNumber, message: "expected ']' to close the table header") }
        try expectLineEnd(rest.dropFirst(), lineNumber: lineNumber)
        return name
    }

    private static func parseKeyValue(_ line: Substring, lineNumber: Int) throws(SyntaxError) -> (String, String) {
        var rest = line
        let key = try parseKey(&rest, lineNumber: lineNumber)
        rest = trimmedLeading(rest)
        guard rest.first == "=" else { throw SyntaxError(line: lineNumber, message: "expected '=' after key '\(key)'") }
        rest = trimmedLeading(rest.dropFirst())
        let value: String
        switch rest.first {
        case "\"":
            if rest.hasPrefix("\"\"\"") { throw SyntaxError(line: lineNumber, message: "multi-line strings are not supported") }
            value = try parseBasicString(&rest, lineNumber: lineNumber)
        case "'":
            value = try parseLiteralString(&rest, lineNumber: lineNumber)
        case nil:
            throw SyntaxError(line: lineNumber, message: "missing value for key '\(key)'")
        default:
            throw SyntaxError(line: lineNumber, message: "the value of '\(key)' must be a quoted string")
        }
        try expectLineEnd(rest, lineNumber: lineNumber)
        return (key, value)
    }

    private static func parseKey(_ rest: inout Substring, lineNumber: Int) throws(SyntaxError) -> String {
        if rest.first == "\"" { return try parseBasicString(&rest, lineNumber: lineNumber) }
        if rest.first == "'" { return try parseLiteralString(&rest, lineNumber: lineNumber) }
        let key = rest.prefix { isBareKeyCharacter($0) }
        guard !key.isEmpty else {
            throw SyntaxError(line: lineNumber, message: "expected a key, found '\(rest.prefix(1))'")
        }
        rest = rest.dropFirst(key.count)
        return String(key)
    }

    private static func expectLineEnd(_ rest: Substring, lineNumber: Int) throws(SyntaxError) {
        let tail = trimmedLeading(rest)
        guard tail.isEmpty || tail.hasPrefix("#") else {
            throw SyntaxError(line: lineNumber, message: "unexpected text after the value: '\(tail)'")
        }
    }

    // MARK: - Strings

    private static func parseBasicString(_ rest: inout Substring, lineNumber: Int) throws(SyntaxError) -> String {
        var scalars = rest.unicodeScalars.dropFirst()
        var out = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"":
                rest = Substring(scalars)
                return String(out)
            case "\\":
                guard let escape = scalars.popFirst() else { break }
                switch escape {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "u", "U":
                    let width = escape == "u" ? 4 : 8
                    let hex = String(String.UnicodeScalarView(scalars.prefix(width)))
                    guard hex.count == width, let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                        throw SyntaxError(line: lineNumber, message: "invalid \\\(escape) escape: expected \(width) hex digits of a Unicode scalar")
                    }
                    scalars = scalars.dropFirst(width)
                    out.append(decoded)
                default:
                    throw SyntaxError(line: lineNumber, message: "invalid escape '\\\(escape)' in a string")
                }
            default:
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
                    throw SyntaxError(line: lineNumber, message: "control character in a string (use an escape)")
                }
                out.append(scalar)
            }
        }
        throw SyntaxError(line: lineNumber, message: "unterminated string")
    }

    private static func parseLiteralString(_ rest: inout Substring, lineNumber: Int) throws(SyntaxError) -> String {
        let body = rest.dropFirst()
        guard let close = body.firstIndex(of: "'") else { throw SyntaxError(line: lineNumber, message: "unterminated string") }
        rest = body[body.index(after: close)...]
        return String(body[..<close])
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    // MARK: - Characters

    static func isBare(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy(isBareKeyCharacter)
    }

    private static func isBareKeyCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }

    private static func trimmed(_ s: Substring) -> Substring {
        var out = trimmedLeading(s)
        while let last = out.last, last == " " || last == "\t" { out.removeLast() }
        return out
    }

    private static func trimmedLeading(_ s: Substring) -> Substring {
        s.drop { $0 == " " || $0 == "\t" }
    }
}
