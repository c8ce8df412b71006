import Foundation

/// bash, zsh and fish completion scripts rendered from the command tree, so they offer exactly
/// the commands, options and allowed values the parser accepts. Each script walks the words
/// already typed to find the command path (skipping option values, resolving aliases), then
/// offers that command's subcommands, options, or the values of the option or argument at hand.
enum Completions {
    enum Shell: String, CaseIterable, Sendable {
        case bash, zsh, fish

        /// Where the committed copy lives, relative to the repository root.
        var committedPath: String {
            switch self {
            case .bash: "completions/stripe-fc.bash"
            case .zsh: "completions/_stripe-fc"
            case .fish: "completions/stripe-fc.fish"
            }
        }
    }

    /// One command as the scripts see it.
    struct Node {
        /// `["stripe-fc", "accounts", "refresh"]`.
        var path: [String]
        var command: CommandSpec
        /// The command's own options first, then the global ones: the parser's lookup order.
        var options: [OptionSpec]

        var key: String { path.joined(separator: " ") }
        var valueOptions: [OptionSpec] { options.filter(\.kind.takesValue) }
    }

    static func script(for shell: Shell, root: CommandSpec) -> String {
        switch shell {
        case .bash: bash(root)
        case .zsh: zsh(root)
        case .fish: fish(root)
        }
    }

    /// Every command, depth first, root included.
    static func nodes(_ root: CommandSpec) -> [Node] {
        func walk(_ command: CommandSpec, _ path: [String]) -> [Node] {
            let options = path.count == 1 ? root.options : command.options + root.options
            let node = Node(path: path, command: command, options: options)
            return [node] + command.subcommands.flatMap { walk($0, path + [$0.name]) }
        }
        return walk(root, [root.name])
    }

    /// Option spellings as typed: `--quiet` and `-q`.
    static func spellings(_ option: OptionSpec) -> [String] {
        [option.flagSpelling] + (option.short.map { ["-\($0)"] } ?? [])
    }

    /// The first sentence of a help text: scripts show one short line per candidate.
    static func firstSentence(_ text: String) -> String {
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var sentence = Roff.sentences(firstLine).first ?? ""
        if sentence.hasSuffix(".") { sentence.removeLast() }
        return sentence
    }

    /// A word quoted for POSIX shells (bash, zsh): plain words stay plain.
    static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || "_-.,/=+@%".unicodeScalars.contains(scalar))
        }
        if plain && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func headerLine(_ shell: Shell) -> String {
        "# \(shell.rawValue) completion for stripe-fc. Generated from stripe-fc's command tree by `stripe-fc completion \(shell.rawValue)`; do not edit."
    }
}
