/// `docs/commands.md`, the CLI contract's reference in Markdown, rendered from the command tree as
/// the man page is: global options, every command (usage, description, arguments, options with
/// allowed values, defaults and environment, examples), environment variables and exit codes.
/// The hand-written pages beside it in docs/ cover what the tree does not hold.
enum Docs {
    /// Where the committed copy lives, relative to the repository root.
    static let committedPath = "docs/commands.md"

    static func render(root: CommandSpec) -> String {
        var out = "<!-- Generated from stripe-fc's command tree (Sources/fc/CLI/Docs.swift) by 'make generate'; do not edit. -->\n\n"
        out += "# stripe-fc commands\n\n"
        out += "\(text(root.summary)). \(paragraphs(root.description))\n\n"
        out += "```\nstripe-fc [global options] <command> [options] [arguments]\nstripe-fc help [command...]\nstripe-fc --version\n```\n\n"
        out += "Global options are accepted before or after any command. "
        out += "`stripe-fc help COMMAND` (or `stripe-fc COMMAND --help`) prints the same details on a terminal.\n\n"

        out += "## Contents\n\n"
        let commands = Manual.commands(root)
        for group in Help.groups {
            let members = commands.filter { path, _ in root.subcommand(named: path[1])?.group == group }
            guard !members.isEmpty else { continue }
            let links = members.map { path, _ in "[\(path.dropFirst().joined(separator: " "))](#\(anchor(path)))" }
            out += "- **\(group)**: \(links.joined(separator: " · "))\n"
        }
        out += "- [Global options](#global-options) · [Environment](#environment) · [Exit codes](#exit-codes)\n\n"

        out += "## Global options\n\n"
        out += optionTable(root.options)

        out += "## Commands\n"
        for (path, command) in commands {
            out += "\n" + section(command, path: path)
        }

        out += "\n## Environment\n\n| Variable | Meaning |\n|---|---|\n"
        for (variable, meaning) in Reference.environment(root) {
            out += "| `\(variable)` | \(text(meaning)) |\n"
        }

        out += "\n## Exit codes\n\n| Code | Meaning |\n|---|---|\n"
        for status in Reference.exitStatuses {
            out += "| \(status.code) | \(text(status.meaning)) |\n"
        }
        return out
    }

    private static func section(_ command: CommandSpec, path: [String]) -> String {
        let name = path.joined(separator: " ")
        var out = "### \(name)\n\n\(text(command.summary)).\n\n"
        out += "```\n" + Help.usageLines(command, name: name).joined(separator: "\n") + "\n```\n\n"
        if !command.description.isEmpty { out += paragraphs(command.description) + "\n\n" }
        if !command.subcommands.isEmpty {
            let links = command.subcommands.map { "[\($0.name)](#\(anchor(path + [$0.name])))" }
            out += "Commands: \(links.joined(separator: ", ")).\n\n"
        }
        if !command.positionals.isEmpty {
            out += "| Argument | Meaning |\n|---|---|\n"
            for positional in command.positionals {
                out += "| `\(positional.usageSpelling)` | \(text(Help.describe(positional))) |\n"
            }
            out += "\n"
        }
        if !command.options.isEmpty { out += optionTable(command.options) }
        if !command.examples.isEmpty {
            out += "```console\n" + command.examples.joined(separator: "\n") + "\n```\n"
        }
        return out
    }

    private static func optionTable(_ options: [OptionSpec]) -> String {
        var out = "| Option | Meaning |\n|---|---|\n"
        for option in options {
            out += "| `\(Help.spelling(option))` | \(text(Help.describe(option))) |\n"
        }
        return out + "\n"
    }

    /// GitHub's anchor for a `### stripe-fc accounts list` heading.
    static func anchor(_ path: [String]) -> String {
        slug(path.joined(separator: " "))
    }

    /// GitHub's heading slug: lower case, spaces to hyphens, punctuation other than `-` and `_` dropped.
    static func slug(_ heading: String) -> String {
        String(heading.lowercased().compactMap { c -> Character? in
            if c == " " { return "-" }
            return c.isLetter || c.isNumber || c == "-" || c == "_" ? c : nil
        })
    }

    /// Paragraphs of help text, each on one line, separated by blank lines.
    private static func paragraphs(_ prose: String) -> String {
        prose.split(separator: "\n").map { text(String($0)) }.joined(separator: "\n\n")
    }

    /// Help text made literal in Markdown: characters that would start emphasis, strikethrough,
    /// a link, an HTML tag or a table cell are escaped. An underscore between two letters or
    /// digits (`payment_method`) cannot start emphasis and is left readable.
    static func text(_ plain: String) -> String {
        let chars = Array(plain)
        var out = ""
        for (i, c) in chars.enumerated() {
            switch c {
            case "\\", "*", "~", "`", "[", "]", "<", ">", "|":
                out += "\\" + String(c)
            case "_":
                let inside = i > 0 && i + 1 < chars.count && isAlphanumeric(chars[i - 1]) && isAlphanumeric(chars[i + 1])
                out += inside ? "_" : "\\_"
            default:
                out.append(c)
            }
        }
        return out
    }

    private static func isAlphanumeric(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}
