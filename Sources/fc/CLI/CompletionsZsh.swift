/// The zsh script: one `_arguments` function per command, in the style of zsh's own
/// completions. A command with subcommands hands the rest of the line to the chosen one.
extension Completions {
    static func zsh(_ root: CommandSpec) -> String {
        let nodes = nodes(root)
        var out = "#compdef stripe-fc\n" + headerLine(.zsh) + "\n"
        out += "# Install as share/zsh/site-functions/_stripe-fc (any directory in $fpath), then run compinit;\n# or, after compinit, source <(stripe-fc completion zsh).\n\n"
        out += "# Global options, accepted before or after any command: sets reply.\n"
        out += "_stripe_fc_global_options() {\n    reply=(\n"
        for option in root.options { out += "        \(zshSpec(option))\n" }
        out += "    )\n}\n\n"
        for node in nodes { out += zshFunction(node) }
        // Autoloaded from $fpath the file is the body of _stripe-fc (the file's name): complete now. Sourced: register with compdef.
        out += "if [[ $funcstack[1] == _stripe-fc ]]; then\n    _stripe_fc \"$@\"\nelse\n    compdef _stripe_fc stripe-fc\nfi\n"
        return out
    }

    private static func functionName(_ path: [String]) -> String {
        "_" + path.joined(separator: "_").replacingOccurrences(of: "-", with: "_")
    }

    private static func zshFunction(_ node: Node) -> String {
        let command = node.command
        var out = "\(functionName(node.path))() {\n"
        out += "    local context state state_descr line ret=1\n    typeset -A opt_args\n    local -a args\n    args=(\n"
        for option in node.path.count == 1 ? [] : command.options { out += "        \(zshSpec(option))\n" }
        if command.subcommands.isEmpty {
            for positional in command.positionals { out += "        \(positionalSpec(positional))\n" }
        } else {
            out += "        '(-): :->command'\n        '(-)*:: :->argument'\n"
        }
        out += "    )\n    _stripe_fc_global_options\n    args+=(\"${reply[@]}\")\n"
        if command.subcommands.isEmpty {
            out += "    _arguments -s -S $args && ret=0\n    return ret\n}\n\n"
            return out
        }
        out += "    _arguments -C -s -S $args && ret=0\n    case $state in\n        command)\n"
        out += "            local -a commands\n            commands=(\n"
        for sub in command.subcommands {
            out += "                \(singleQuoted(sub.name.replacingOccurrences(of: ":", with: "\\:") + ":" + sub.summary))\n"
        }
        out += "            )\n            _describe -t commands \(singleQuoted(node.key + " command")) commands && ret=0\n            ;;\n"
        out += "        argument)\n            case $words[1] in\n"
        for sub in command.subcommands {
            let names = ([sub.name] + sub.aliases).joined(separator: "|")
            out += "                \(names)) \(functionName(node.path + [sub.name])) && ret=0 ;;\n"
        }
        if command.run != nil, !command.positionals.isEmpty {
            // Its own arguments (`transactions fca_… --status …` beside `transactions sync`).
            out += "                *)\n                    local -a own\n                    own=(\n"
            for option in command.options { out += "                        \(zshSpec(option))\n" }
            for positional in command.positionals { out += "                        \(positionalSpec(positional))\n" }
            out += "                    )\n                    own+=(\"${reply[@]}\")\n                    _arguments -s -S $own && ret=0 ;;\n"
        }
        out += "            esac\n            ;;\n    esac\n    return ret\n}\n\n"
        return out
    }

    /// An `_arguments` spec for a positional: `':NAME:action'`, `'::NAME:action'` (optional), `'*:NAME:action'`.
    private static func positionalSpec(_ positional: PositionalSpec) -> String {
        let prefix = positional.variadic ? "*" : (positional.required ? "" : ":")
        return singleQuoted(prefix + ":" + zshEscape(positional.name) + ":" + zshAction(positional.kind, list: false))
    }

    /// An `_arguments` spec: `'(-q --quiet)'{-q,--quiet}'[help]'` or `'*--name=[help]:N:action'`.
    static func zshSpec(_ option: OptionSpec) -> String {
        let repeatable = option.repeatable || option.list ? "*" : ""
        let equals = option.kind.takesValue ? "=" : ""
        var rest = "[" + zshEscape(firstSentence(option.help), specials: "[]\\") + "]"
        if option.kind.takesValue {
            let message = option.valueName.isEmpty ? "VALUE" : option.valueName
            rest += ":" + zshEscape(message) + ":" + zshAction(option.kind, list: option.list)
        }
        guard let short = option.short else {
            return singleQuoted(repeatable + option.flagSpelling + equals + rest)
        }
        let exclusion = repeatable.isEmpty ? singleQuoted("(-\(short) \(option.flagSpelling))") : ""
        return exclusion + "{-\(short),\(option.flagSpelling)}" + singleQuoted(equals + rest)
    }

    /// The action part of a spec; a single space means "a value, nothing to offer".
    private static func zshAction(_ kind: ValueKind, list: Bool) -> String {
        switch kind {
        case .choice(let values), .choiceOrID(let values, _):
            let words = values.map(zshWord).joined(separator: " ")
            return list ? "_sequence -s , compadd - \(words)" : "(\(words))"
        case .path:
            return "_files"
        default:
            return " "
        }
    }

    /// A value as a word inside an action: spaces, parentheses, colons and quotes escaped.
    private static func zshWord(_ value: String) -> String {
        var out = ""
        for character in value {
            if " ()[]:'\"\\$`;&|<>*?#~{}".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Text inside a spec's `[...]` (specials `[]\\`) or `:message:` (specials `:\\`).
    private static func zshEscape(_ text: String, specials: String = ":\\") -> String {
        var out = ""
        for character in text {
            if specials.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private static func singleQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
