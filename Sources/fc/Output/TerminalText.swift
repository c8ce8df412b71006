/// What a terminal would obey in text that came from elsewhere (API data, arguments): control
/// characters (C0 but tab and newline, DEL, C1) are shown as visible escapes (`\e`, `\x07`), so a
/// customer named `M\e]0;owned\a\e[2J` cannot retitle or clear the operator's terminal. Applied by
/// `TextStream` to everything written to a terminal, never to pipes or files, whose data stays exact.
enum TerminalText {
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar.value {
            case 0x1B: out += "\\e"
            case 0x0D: out += "\\r"
            case 0x08: out += "\\b"
            default: out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        default: return false
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
