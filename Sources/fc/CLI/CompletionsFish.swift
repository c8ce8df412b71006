/// The fish script: `complete` lines per command, guarded by a condition that walks the
/// tokens typed so far (skipping option values, resolving aliases) to find the command path.
extension Completions {
    static func fish(_ root: CommandSpec) -> String {
        let nodes = nodes(root)
        var out = headerLine(.fish) + "\n"
        out += "# Install as share/fish/vendor_completions.d/stripe-fc.fish (or ~/.config/fish/completions/stripe-fc.fish).\n\n"

        out += "# The subcommand a word names under a command path (aliases give the name).\n"
        out += "function __stripe_fc_subcommand\n    switch \"$argv[1]/$argv[2]\"\n"
        for node in nodes {
            for sub in node.command.subcommands {
                let words = ([sub.name] + sub.aliases).map { fishQuoted("\(node.key)/\($0)") }.joined(separator: " ")
                out += "        case \(words)\n            echo \(sub.name)\n"
            }
        }
        out += "        case '*'\n            return 1\n    end\nend\n\n"

        out += "# The options of a command path that take a value, one per line.\n"
        out += "function __stripe_fc_value_options\n    switch $argv[1]\n"
        for node in nodes where !node.valueOptions.isEmpty {
            out += "        case \(fishQuoted(node.key))\n"
            out += "            printf '%s\\n' \(node.valueOptions.flatMap(spellings).joined(separator: " "))\n"
        }
        out += "    end\nend\n\n"
        out += fishDriver

        out += "complete -c stripe-fc -f\n\n# Global options\n"
        for option in root.options { out += fishLine(option, condition: nil) + "\n" }
        for node in nodes {
            let command = node.command
            out += "\n# \(node.key)\n"
            for sub in command.subcommands {
                out += "complete -c stripe-fc -n \(fishQuoted("__stripe_fc_argument \(fishQuoted(node.key)) 0")) -a \(sub.name) -d \(fishQuoted(sub.summary))\n"
            }
            if node.path.count > 1 {
                for option in command.options {
                    out += fishLine(option, condition: "__stripe_fc_at \(fishQuoted(node.key))") + "\n"
                }
            }
            guard command.subcommands.isEmpty else { continue }
            for (index, positional) in command.positionals.enumerated() {
                guard let values = fishValues(positional.kind, list: false) else { continue }
                let test = "__stripe_fc_argument \(fishQuoted(node.key)) \(index)\(positional.variadic ? " more" : "")"
                out += "complete -c stripe-fc -n \(fishQuoted(test)) \(values) -d \(fishQuoted(firstSentence(positional.help)))\n"
            }
        }
        return out
    }

    private static func fishLine(_ option: OptionSpec, condition: String?) -> String {
        var parts = ["complete -c stripe-fc"]
        if let condition { parts.append("-n " + fishQuoted(condition)) }
        if let short = option.short { parts.append("-s \(short)") }
        parts.append("-l \(option.name)")
        if option.kind.takesValue {
            parts.append(fishValues(option.kind, list: option.list) ?? "-x")
        }
        parts.append("-d " + fishQuoted(firstSentence(option.help)))
        return parts.joined(separator: " ")
    }

    /// `-x -a '…'` for fixed values, `-r -F` for files; nil when nothing can be offered.
    private static func fishValues(_ kind: ValueKind, list: Bool) -> String? {
        switch kind {
        case .choice(let values), .choiceOrID(let values, _):
            let words = values.map(fishQuoted).joined(separator: " ")
            return "-x -a " + fishQuoted(list ? "(__stripe_fc_list \(words))" : words)
        case .path:
            return "-r -F"
        default:
            return nil
        }
    }

    /// A fish single-quoted string (only `\` and `'` are special inside).
    static func fishQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private static let fishDriver = #"""
        # Prints the command path typed so far ("stripe-fc accounts refresh"), then how many arguments follow it.
        function __stripe_fc_state
            set -l tokens (commandline -opc)
            set -l path stripe-fc
            set -l count 0
            set -l skip 0
            set -l rest 0
            for token in $tokens[2..-1]
                if test $skip = 1
                    set skip 0
                else if test $rest = 1
                    set count (math $count + 1)
                else if test "$token" = --
                    set rest 1
                else if string match -q -- '--*=*' $token
                    continue
                else if string match -q -- '-?*' $token
                    if contains -- $token (__stripe_fc_value_options $path)
                        set skip 1
                    end
                else if test $count = 0; and set -l sub (__stripe_fc_subcommand $path $token)
                    set path "$path $sub"
                else
                    set count (math $count + 1)
                end
            end
            echo $path
            echo $count
        end

        # True when the command path typed so far is $argv[1].
        function __stripe_fc_at
            set -l state (__stripe_fc_state)
            test "$state[1]" = "$argv[1]"
        end

        # True when the next word is argument $argv[2] (from 0) of command path $argv[1], or any later
        # one when $argv[3] is "more".
        function __stripe_fc_argument
            set -l state (__stripe_fc_state)
            test "$state[1]" = "$argv[1]"; or return 1
            if test "$argv[3]" = more
                test $state[2] -ge $argv[2]
            else
                test $state[2] -eq $argv[2]
            end
        end

        # Completes the part of a comma-separated list after its last comma.
        function __stripe_fc_list
            set -l word (string replace -r -- '^-[^=]*=' '' (commandline -ct))
            set -l prefix (string replace -r -- '[^,]*$' '' $word)
            for value in $argv
                echo $prefix$value
            end
        end


        """#
}
