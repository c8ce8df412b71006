/// Help text rendered from the command tree: usage, description, options (with defaults,
/// allowed values and environment variables) and examples. Nothing here is typed twice.
enum Help {
    static let groups = ["Customers", "Sessions & linking", "Account data", "Payments", "Events", "Tools"]

    static func render(_ command: CommandSpec, path: [String], width: Int?) -> String {
        let width = min(max(width ?? 80, 60), 100)
        var out = ""
        let name = (["stripe-fc"] + path).joined(separator: " ")
        out += "\(name) — \(command.summary)\n\n"
        out += "USAGE\n"
        for line in usageLines(command, name: name) { out += "  \(line)\n" }
        if !command.description.isEmpty {
            out += "\nDESCRIPTION\n"
            out += wrap(command.description, indent: 2, width: width)
        }
        if !command.subcommands.isEmpty {
            out += commandList(command, path: path, width: width)
        }
        if !command.positionals.isEmpty {
            out += "\nARGUMENTS\n"
            out += table(command.positionals.map { ($0.usageSpelling, describe($0)) }, width: width)
        }
        if !command.options.isEmpty, !path.isEmpty {
            out += "\nOPTIONS\n"
            out += table(command.options.map { (spelling($0), describe($0)) }, width: width)
        }
        if path.isEmpty {
            out += "\nGLOBAL OPTIONS (accepted before or after any command)\n"
            out += table(GlobalOptions.all.map { (spelling($0), describe($0)) }, width: width)
        } else if command.run != nil {
            out += "\nGLOBAL OPTIONS\n"
            let names = GlobalOptions.all.map { "--" + $0.name }.joined(separator: " ")
            out += wrap(names + " (see 'stripe-fc --help')", indent: 2, width: width)
        }
        if !command.examples.isEmpty {
            out += "\nEXAMPLES\n"
            for example in command.examples { out += "  \(example)\n" }
        }
        return out
    }

    static func usageLines(_ command: CommandSpec, name: String) -> [String] {
        if !command.usage.isEmpty { return command.usage.map { "\(name) \($0)" } }
        if !command.subcommands.isEmpty { return ["\(name) <command> [options]"] }
        var parts = [name]
        parts += command.positionals.map(\.usageSpelling)
        for option in command.options where option.required { parts.append(option.usageSpelling) }
        if command.options.contains(where: { !$0.required }) || command.run != nil { parts.append("[options]") }
        return [parts.joined(separator: " ")]
    }

    private static func commandList(_ command: CommandSpec, path: [String], width: Int) -> String {
        var out = ""
        if path.isEmpty {
            for group in groups {
                let members = command.subcommands.filter { $0.group == group }
                guard !members.isEmpty else { continue }
                out += "\n\(group.uppercased())\n"
                out += table(members.flatMap { entries(for: $0, prefix: "") }, width: width)
            }
        } else {
            out += "\nCOMMANDS\n"
            out += table(command.subcommands.map { ($0.name, $0.summary) }, width: width)
        }
        if path.isEmpty {
            out += "\nRun 'stripe-fc help <command>' or 'stripe-fc <command> --help' for details.\n"
        }
        return out
    }

    /// A group's verbs listed as `customers create`, so the root help shows every command.
    private static func entries(for command: CommandSpec, prefix: String) -> [(String, String)] {
        let name = prefix.isEmpty ? command.name : "\(prefix) \(command.name)"
        let own = command.run == nil ? [] : [(name, command.summary)]
        return own + command.subcommands.flatMap { entries(for: $0, prefix: name) }
    }

    static func spelling(_ option: OptionSpec) -> String {
        let short = option.short.map { "-\($0), " } ?? ""
        return short + option.usageSpelling
    }

    static func describe(_ option: OptionSpec) -> String {
        var text = option.help
        let allowed = option.kind.allowedValues
        if case .choiceOrID(let choices, let prefixes) = option.kind {
            text += " Allowed: \(choices.joined(separator: ", ")), or an id starting with \(prefixes.joined(separator: " or "))."
        } else if !allowed.isEmpty {
            text += " Allowed: \(allowed.joined(separator: ", "))."
        }
        if option.list { text += " Comma-separated or repeated." } else if option.repeatable { text += " Repeatable." }
        if option.required { text += " Required." }
        if let minimum = option.kind.minimumText { text += " Minimum: \(minimum)." }
        if let value = option.defaultValue { text += " Default: \(value)." }
        if let env = option.env { text += " Env: \(env)." }
        return text
    }

    static func describe(_ positional: PositionalSpec) -> String {
        var text = positional.help
        if positional.variadic { text += " One or more." }
        return text
    }

    private static func table(_ rows: [(String, String)], width: Int) -> String {
        let left = min((rows.map(\.0.count).max() ?? 0) + 2, 30)
        var out = ""
        for (term, text) in rows {
            let lines = wrapLines(text, width: width - left - 2)
            if term.count + 2 > left {
                out += "  \(term)\n"
                for line in lines { out += String(repeating: " ", count: left + 2) + line + "\n" }
            } else {
                for (i, line) in lines.enumerated() {
                    let head = i == 0 ? "  " + term + String(repeating: " ", count: left - term.count) : String(repeating: " ", count: left + 2)
                    out += head + line + "\n"
                }
            }
        }
        return out
    }

    static func wrap(_ text: String, indent: Int, width: Int) -> String {
        var out = ""
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let lines = wrapLines(String(paragraph), width: width - indent)
            if lines.isEmpty { out += "\n" }
            for line in lines { out += String(repeating: " ", count: indent) + line + "\n" }
        }
        return out
    }

    static func wrapLines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
