/// roff text escaping: what makes arbitrary help text safe to put on a man(7) text line.
enum Roff {
    /// Escapes backslashes (`\e`), option hyphens (`\-`, so `--wait` copies as typed) and
    /// non-ASCII characters (`\[u2026]`). `ManualPage` guards the start of each line.
    static func escape(_ text: String) -> String {
        var out = ""
        var atBoundary = true
        var optionWord = false
        for scalar in text.unicodeScalars {
            let character = Character(scalar)
            if atBoundary { optionWord = character == "-" }
            atBoundary = " \n([{'\"/|=,".contains(character)
            switch character {
            case "\\": out += "\\e"
            // A hyphen in an option (`--max-retries`) is typed as ASCII minus; one inside prose stays a hyphen.
            case "-": out += optionWord ? "\\-" : "-"
            default:
                if scalar.isASCII {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += named[scalar.value] ?? "\\[u" + hex(scalar.value) + "]"
                }
            }
        }
        return out
    }

    /// A text line must not start with a control character (`.` or `'`) or a space.
    static func guardLine(_ line: String) -> String {
        guard let first = line.first, first == "." || first == "'" || first == " " else { return line }
        return "\\&" + line
    }

    /// A filled text line broken at spaces into lines of at most `width` bytes where possible.
    static func fold(_ line: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.utf8.count + 1 + word.utf8.count > width {
                lines.append(current)
                current = guardLine(String(word))
            } else {
                current += current.isEmpty ? guardLine(String(word)) : " " + word
            }
        }
        lines.append(current)
        return lines
    }

    /// Prose split one sentence per line, as roff expects (it then spaces sentences properly).
    static func sentences(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            let next = index + 2 < characters.count ? characters[index + 2] : nil
            if ".?!".contains(character), index + 1 < characters.count, characters[index + 1] == " ",
               let next, next.isUppercase || next.isNumber || next == "'", !endsWithAbbreviation(current) {
                lines.append(current)
                current = ""
                index += 2
                continue
            }
            index += 1
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// "e.g." and "i.e." end in a full stop but not a sentence.
    private static func endsWithAbbreviation(_ text: String) -> Bool {
        text.hasSuffix("e.g.") || text.hasSuffix("i.e.")
    }

    private static let named: [UInt32: String] = [0x2014: "\\(em", 0x2013: "\\(en", 0x2026: "\\&...", 0x2019: "\\(cq", 0x00B7: "\\(pc"]

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// A man page being written: request lines and escaped text lines.
struct ManualPage {
    private(set) var out = ""

    mutating func comment(_ text: String) { out += ".\\\" \(text)\n" }
    mutating func macro(_ request: String) { out += ".\(request)\n" }
    /// Already-escaped filled text, one or more lines, broken at spaces to keep lines within 80 bytes.
    mutating func text(_ escaped: String) {
        for line in escaped.split(separator: "\n", omittingEmptySubsequences: false) {
            for piece in Roff.fold(String(line), width: 80) { out += piece + "\n" }
        }
    }

    /// Already-escaped text in no-fill mode, written as it is.
    mutating func verbatim(_ escaped: String) { out += Roff.guardLine(escaped) + "\n" }

    /// Prose within the current paragraph, one sentence per line.
    mutating func prose(_ text: String) {
        for sentence in Roff.sentences(text) { self.text(Roff.escape(sentence)) }
    }

    /// Prose: paragraphs on `\n`, one sentence per line.
    mutating func paragraphs(_ prose: String, first: Bool) {
        for (index, paragraph) in prose.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            if index > 0 || !first { macro("PP") }
            self.prose(String(paragraph))
        }
    }

    mutating func options(_ options: [OptionSpec]) {
        for option in options {
            macro("TP")
            var spelling = option.short.map { "\\fB\\-\($0)\\fR, " } ?? ""
            spelling += "\\fB" + Roff.escape(option.flagSpelling) + "\\fR"
            if option.kind.takesValue { spelling += " \\fI" + Roff.escape(option.valueName) + "\\fR" }
            text(spelling)
            prose(Help.describe(option))
        }
    }

    mutating func examples(_ lines: [String], first: Bool = false) {
        if !first { macro("PP") }
        macro("RS 4")
        macro("nf")
        for line in lines { verbatim(Roff.escape(line)) }
        macro("fi")
        macro("RE")
    }

    /// A command's subsection: usage, description, arguments, options, subcommands, examples.
    mutating func command(_ command: CommandSpec, path: [String], first: Bool) {
        let name = path.joined(separator: " ")
        macro("SS \"\(name)\"")
        for (index, usage) in Help.usageLines(command, name: name).enumerated() {
            if index > 0 { macro("br") }
            let rest = usage.dropFirst(name.count)
            text("\\fB\(Roff.escape(name))\\fR" + Roff.escape(String(rest)))
        }
        macro("PP")
        paragraphs(command.summary + ".", first: true)
        if !command.description.isEmpty { paragraphs(command.description, first: false) }
        if !command.positionals.isEmpty {
            for positional in command.positionals {
                macro("TP")
                text("\\fI" + Roff.escape(positional.usageSpelling) + "\\fR")
                prose(Help.describe(positional))
            }
        }
        options(command.options)
        if !command.subcommands.isEmpty {
            macro("PP")
            text(Roff.escape("Commands: " + command.subcommands.map { "\(name) \($0.name)" }.joined(separator: ", ") + "."))
        }
        if !command.examples.isEmpty { examples(command.examples) }
    }
}
