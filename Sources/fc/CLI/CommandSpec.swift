/// The command tree as plain data. Parsing, help, completions and the man page all walk
/// this one tree, so none of them can drift from the others.

/// What an option's or positional's value must look like; checked before anything is sent.
enum ValueKind: Sendable, Equatable {
    case flag
    case string
    case integer(min: Int, max: Int)
    /// A decimal in major units, such as an amount (`12.34`).
    case decimal
    /// `90s`, `5m`, `1h` or plain seconds; at least `min` seconds.
    case duration(min: Double = 0)
    /// `YYYY-MM-DD`, RFC 3339 or unix seconds.
    case time
    /// An id that must start with one of these prefixes (`cus_`).
    case id([String])
    /// One of a fixed set.
    case choice([String])
    /// One of a fixed set, or an id with one of these prefixes (`--mandate online|offline|mandate_…`).
    case choiceOrID([String], prefixes: [String])
    /// `key=value`.
    case keyValue
    case url
    case path
    /// A number of bytes, at least `min`: `65536`, `512KiB`, `64MiB`, `1GiB` (`K`, `KB`, `M`, `MB`,
    /// `G`, `GB` are the same powers of 1024).
    case size(min: Int)

    var allowedValues: [String] {
        if case .choice(let values) = self { return values }
        if case .choiceOrID(let values, _) = self { return values }
        return []
    }

    var takesValue: Bool { self != .flag }

    /// A duration's least value as help shows it (`1s`), when it has one.
    var minimumText: String? {
        if case .duration(let min) = self, min > 0 { return ValueCheck.describe(seconds: min) }
        return nil
    }
}

struct OptionSpec: Sendable {
    var name: String
    var short: Character? = nil
    var valueName: String = "VALUE"
    var kind: ValueKind = .string
    var help: String
    var defaultValue: String? = nil
    var repeatable: Bool = false
    /// Accepts `a,b,c` as three values (and is then also repeatable).
    var list: Bool = false
    var required: Bool = false
    var env: String? = nil
    /// The value taken when the option is given bare: last on the line, or before another option
    /// (`--fields` alone lists the fields).
    var valueWhenBare: String? = nil
    /// A flag that is shorthand for another option's value (`--json` is `--format json`): given
    /// together with that option set to anything else, it is a usage error.
    var shorthand: Shorthand? = nil

    struct Shorthand: Sendable {
        var option: String
        var value: String
        var spelling: String { "--\(option) \(value)" }
    }

    static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: "", kind: .flag, help: help)
    }

    /// `--json`, the same as `--format json`; its help says so.
    static func shorthand(_ name: String, for option: String, value: String) -> OptionSpec {
        let meaning = Shorthand(option: option, value: value)
        var spec = OptionSpec.flag(name, help: "Same as \(meaning.spelling).")
        spec.shorthand = meaning
        return spec
    }

    var flagSpelling: String { "--\(name)" }
    var usageSpelling: String { kind.takesValue ? "--\(name) \(valueName)" : "--\(name)" }
}

struct PositionalSpec: Sendable {
    var name: String
    var kind: ValueKind = .string
    var help: String
    var required: Bool = true
    var variadic: Bool = false

    var usageSpelling: String {
        let core = variadic ? "\(name)..." : name
        return required ? core : "[\(core)]"
    }
}

/// What a command's run function gets: its parsed arguments and the environment.
typealias CommandHandler = @Sendable (CommandContext) async throws -> CommandOutput

struct CommandSpec: Sendable {
    var name: String
    var aliases: [String] = []
    /// One line, shown in lists.
    var summary: String
    /// What the command does, in Stripe terms.
    var description: String = ""
    /// Help section for the root command's grouped list.
    var group: String? = nil
    /// Usage shapes beyond the generated one, e.g. `(fca_… | --customer cus_…)`.
    var usage: [String] = []
    var options: [OptionSpec] = []
    var positionals: [PositionalSpec] = []
    /// Lines written as `$ stripe-fc …`, run by a test.
    var examples: [String] = []
    var subcommands: [CommandSpec] = []
    /// How the command shows its objects: what `--fields` may name (checked before anything is sent).
    var view: View? = nil
    var run: CommandHandler? = nil
    /// Commands that never talk to Stripe ignore the request-related global options in help.
    var sendsRequests: Bool = true
    /// A write whose unknown outcome must not be repeated blindly: its key is remembered (`RememberedWrites`).
    var remembersWrites: Bool = false
    /// The format when stdout is not a terminal and none was asked for (`events follow` streams jsonl).
    var pipeFormat: OutputFormat = .json

    func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name || $0.aliases.contains(name) }
    }

    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}
