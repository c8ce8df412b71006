/// A usage error: named bad token, what is allowed, exit 2, nothing sent.
struct UsageError: Error, Equatable {
    var message: String
    /// The command whose help explains the fix (`["customers", "list"]`).
    var commandPath: [String]
}

/// argv after parsing: which command, its option values (lists split, kinds checked) and positionals.
struct ParsedInvocation: Sendable {
    var path: [String] = []
    var command: CommandSpec
    /// Option values by option name, in the order given. Flags hold `["true"]`.
    var values: [String: [String]] = [:]
    /// Options given on the command line (as opposed to filled from the environment).
    var explicit: Set<String> = []
    var positionals: [String] = []
    var helpRequested = false
    var versionRequested = false

    func has(_ name: String) -> Bool { values[name] != nil }
    func flag(_ name: String) -> Bool { values[name] != nil }
    func string(_ name: String) -> String? { values[name]?.last }
    func strings(_ name: String) -> [String] { values[name] ?? [] }
    func int(_ name: String) -> Int? { string(name).flatMap { Int($0) } }
}

/// Walks argv against the command tree. Global options (the root's) are accepted
/// before or after the subcommand; `--opt value`, `--opt=value`, `-abc`, and `--` all work.
struct Parser {
    let root: CommandSpec
    let environment: [String: String]

    func parse(_ argv: [String]) throws(UsageError) -> ParsedInvocation {
        var result = ParsedInvocation(command: root)
        var index = 0
        var afterTerminator = false
        var pendingError: UsageError?

        func fail(_ message: String) throws(UsageError) {
            let error = UsageError(message: message, commandPath: result.path)
            // With --help anywhere, help wins over a usage error in the same line.
            if argv.contains("--help") || argv.contains("-h") {
                if pendingError == nil { pendingError = error }
                return
            }
            throw error
        }

        func available() -> [OptionSpec] {
            result.path.isEmpty ? root.options : result.command.options + root.options
        }

        while index < argv.count {
            let token = argv[index]
            index += 1
            if afterTerminator || token == "-" || !token.hasPrefix("-") {
                if !afterTerminator, result.positionals.isEmpty, !result.command.subcommands.isEmpty,
                   let sub = result.command.subcommand(named: token) {
                    result.command = sub
                    result.path.append(sub.name)
                    continue
                }
                // A command with subcommands and arguments of its own (`transactions fca_…` beside
                // `transactions sync`) takes any other word as an argument.
                let takesArguments = result.command.run != nil && !result.command.positionals.isEmpty
                if !afterTerminator, result.positionals.isEmpty, !result.command.subcommands.isEmpty, !takesArguments {
                    if token == "help", result.path.isEmpty {
                        result.helpRequested = true
                        continue
                    }
                    if result.helpRequested {
                        try fail("unknown command '\(token)'\(suggestion(token, among: result.command.subcommands.flatMap { [$0.name] + $0.aliases }))")
                        continue
                    }
                    let scope = result.path.isEmpty ? "" : " for 'stripe-fc \(result.path.joined(separator: " "))'"
                    try fail("unknown command '\(token)'\(scope)\(suggestion(token, among: result.command.subcommands.map(\.name)))")
                    continue
                }
                result.positionals.append(token)
                continue
            }
            if token == "--" { afterTerminator = true; continue }
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                let name: String
                var inline: String?
                if let eq = body.firstIndex(of: "=") {
                    name = String(body[..<eq])
                    inline = String(body[body.index(after: eq)...])
                } else {
                    name = String(body)
                }
                if name == "help" { result.helpRequested = true; continue }
                if name == "version" { result.versionRequested = true; continue }
                guard let spec = available().first(where: { $0.name == name }) else {
                    try fail("unknown option '--\(name)'\(scopeText(result.path))\(suggestion(name, among: available().map(\.name), prefix: "--"))")
                    continue
                }
                if spec.kind.takesValue {
                    var value = inline
                    if value == nil {
                        let next = index < argv.count ? argv[index] : nil
                        let nextIsOption = next.map { spec.valueWhenBare != nil ? $0.hasPrefix("-") && $0.count > 1 : $0.hasPrefix("--") && $0.count > 2 } ?? true
                        if let next, !nextIsOption {
                            value = next
                            index += 1
                        } else {
                            value = spec.valueWhenBare
                        }
                    }
                    guard let value else { try fail("option '--\(name)' needs a value (\(spec.valueName))"); continue }
                    if let problem = record(spec, value: value, source: "--\(name)", into: &result) { try fail(problem) }
                } else {
                    if inline != nil { try fail("option '--\(name)' takes no value"); continue }
                    if let problem = record(spec, value: "true", source: "--\(name)", into: &result) { try fail(problem) }
                }
                continue
            }
            // Short options: -q, -qy, -n5, -n 5.
            var shorts = Array(token.dropFirst())
            while !shorts.isEmpty {
                let letter = shorts.removeFirst()
                if letter == "h" { result.helpRequested = true; continue }
                guard let spec = available().first(where: { $0.short == letter }) else {
                    try fail("unknown option '-\(letter)'\(scopeText(result.path))")
                    break
                }
                if spec.kind.takesValue {
                    var value: String? = shorts.isEmpty ? nil : String(shorts)
                    shorts = []
                    if value == nil, index < argv.count { value = argv[index]; index += 1 }
                    guard let value else { try fail("option '-\(letter)' needs a value (\(spec.valueName))"); break }
                    if let problem = record(spec, value: value, source: "-\(letter)", into: &result) { try fail(problem) }
                } else {
                    if let problem = record(spec, value: "true", source: "-\(letter)", into: &result) { try fail(problem) }
                }
            }
        }

        if result.helpRequested || result.versionRequested { return result }
        if let pendingError { throw pendingError }
        try checkShorthands(result)
        try applyEnvironment(&result)
        try checkCompleteness(result)
        return result
    }

    private func scopeText(_ path: [String]) -> String {
        path.isEmpty ? "" : " for 'stripe-fc \(path.joined(separator: " "))'"
    }

    /// Stores an option's value(s); returns what is wrong with them, if anything.
    private func record(_ spec: OptionSpec, value: String, source: String, into result: inout ParsedInvocation) -> String? {
        let pieces = spec.list ? value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces } : [value]
        if result.values[spec.name] != nil, !spec.repeatable, !spec.list {
            if spec.kind == .flag { return nil }
            return "option '--\(spec.name)' was given more than once"
        }
        for piece in pieces {
            if let problem = ValueCheck.problem(piece, kind: spec.kind) {
                return "invalid value '\(piece)' for \(source): \(problem)"
            }
            result.values[spec.name, default: []].append(piece)
        }
        result.explicit.insert(spec.name)
        return nil
    }

    /// `--json --format csv` asks for two formats: refused rather than one silently winning.
    private func checkShorthands(_ result: ParsedInvocation) throws(UsageError) {
        for spec in result.command.options + (result.path.isEmpty ? [] : root.options) {
            guard let shorthand = spec.shorthand, result.explicit.contains(spec.name), result.explicit.contains(shorthand.option),
                  let given = result.string(shorthand.option), given != shorthand.value else { continue }
            throw UsageError(message: "--\(spec.name) and --\(shorthand.option) \(given) cannot be used together (--\(spec.name) is \(shorthand.spelling))",
                             commandPath: result.path)
        }
    }

    /// Options with an environment variable take it when not given on the command line.
    private func applyEnvironment(_ result: inout ParsedInvocation) throws(UsageError) {
        for spec in result.command.options + (result.path.isEmpty ? [] : root.options) {
            guard result.values[spec.name] == nil, let variable = spec.env, let value = environment[variable], !value.isEmpty else { continue }
            if spec.kind == .flag { result.values[spec.name] = ["true"]; continue }
            if let problem = ValueCheck.problem(value, kind: spec.kind) {
                throw UsageError(message: "invalid value '\(value)' in \(variable): \(problem)", commandPath: result.path)
            }
            result.values[spec.name] = [value]
        }
    }

    private func checkCompleteness(_ result: ParsedInvocation) throws(UsageError) {
        let command = result.command
        if command.run == nil { return }  // a group: help is shown
        for spec in command.options where spec.required && result.values[spec.name] == nil {
            throw UsageError(message: "missing required option '\(spec.usageSpelling)'", commandPath: result.path)
        }
        let required = command.positionals.filter(\.required)
        if result.positionals.count < required.count {
            let missing = required[result.positionals.count]
            throw UsageError(message: "missing argument \(missing.name)", commandPath: result.path)
        }
        let variadic = command.positionals.contains(where: \.variadic)
        if !variadic, result.positionals.count > command.positionals.count {
            let extra = result.positionals[command.positionals.count]
            throw UsageError(message: "unexpected argument '\(extra)'", commandPath: result.path)
        }
        for (i, value) in result.positionals.enumerated() {
            guard let spec = i < command.positionals.count ? command.positionals[i] : command.positionals.last else { break }
            if let problem = ValueCheck.problem(value, kind: spec.kind) {
                throw UsageError(message: "invalid \(spec.name) '\(value)': \(problem)", commandPath: result.path)
            }
        }
    }

    private func suggestion(_ word: String, among candidates: [String], prefix: String = "") -> String {
        guard let best = EditDistance.closest(to: word, among: candidates) else { return "" }
        return "; did you mean '\(prefix)\(best)'?"
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

enum EditDistance {
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The nearest candidate within a third of the word's length (at least 2 edits), or one it starts.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        // The distance is at least the difference in length: a candidate that cannot be within the
        // limit is not scored (a 100,000-character argument would cost seconds per candidate).
        let scored = candidates.filter { abs($0.count - word.count) <= limit }.map { ($0, distance(word, $0)) }.sorted { $0.1 < $1.1 }
        if let (best, d) = scored.first, d <= limit { return best }
        return candidates.first { $0.hasPrefix(word) && word.count >= 3 }
    }
}
