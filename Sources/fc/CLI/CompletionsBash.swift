/// The bash script: lookup functions generated from the tree (one `case` arm per command),
/// then a fixed driver that walks COMP_WORDS with them. Works with or without bash-completion.
extension Completions {
    static func bash(_ root: CommandSpec) -> String {
        let nodes = nodes(root)
        var out = headerLine(.bash) + "\n"
        out += "# Install as share/bash-completion/completions/stripe-fc, or source it from ~/.bashrc.\n\n"

        out += "# The subcommand a word names under a command path (aliases give the name).\n"
        out += "_stripe_fc_subcommand() {\n    case \"$1/$2\" in\n"
        for node in nodes {
            for sub in node.command.subcommands {
                let words = ([sub.name] + sub.aliases).map { "\"\(node.key)/\($0)\"" }.joined(separator: "|")
                out += "        \(words)) echo \(sub.name) ;;\n"
            }
        }
        out += "        *) return 1 ;;\n    esac\n}\n\n"

        out += lookup("_stripe_fc_subcommands", "The subcommands of a command path.", nodes) { $0.command.subcommands.map(\.name) }
        out += lookup("_stripe_fc_options", "The options of a command path, global ones included.", nodes) { $0.options.flatMap(spellings) }
        out += lookup("_stripe_fc_value_options", "The options of a command path that take a value.", nodes) { $0.valueOptions.flatMap(spellings) }

        out += "# Completes the value of option $2 of command path $1; $3 is the word so far.\n"
        out += "_stripe_fc_option_value() {\n    case \"$1 $2\" in\n"
        let globalNames = Set(root.options.map(\.name))
        for node in nodes.dropFirst() {
            for option in node.command.options where option.kind.takesValue {
                let action = bashAction(option.kind, list: option.list)
                // An own option without values must still shadow a global one of the same name.
                guard action != nil || globalNames.contains(option.name) else { continue }
                out += "        \"\(node.key) \(option.flagSpelling)\") \(action ?? ":") ;;\n"
            }
        }
        for option in root.options where option.kind.takesValue {
            guard let action = bashAction(option.kind, list: option.list) else { continue }
            let patterns = spellings(option).map { "*\" \($0)\"" }.joined(separator: "|")
            out += "        \(patterns)) \(action) ;;\n"
        }
        out += "    esac\n}\n\n"

        out += "# Completes argument number $2 (from 0) of command path $1; $3 is the word so far.\n"
        out += "_stripe_fc_argument_value() {\n    case \"$1\" in\n"
        for node in nodes {
            var tests: [String] = []
            for (index, positional) in node.command.positionals.enumerated() {
                guard let action = bashAction(positional.kind, list: false) else { continue }
                let comparison = positional.variadic ? ">=" : "=="
                tests.append("if (( $2 \(comparison) \(index) )); then \(action); fi")
            }
            if !tests.isEmpty { out += "        \"\(node.key)\") \(tests.joined(separator: "; ")) ;;\n" }
        }
        out += "    esac\n}\n\n"
        return out + bashDriver
    }

    /// A function printing a word list per command path.
    private static func lookup(_ name: String, _ comment: String, _ nodes: [Node], _ words: (Node) -> [String]) -> String {
        var out = "# \(comment)\n\(name)() {\n    case \"$1\" in\n"
        for node in nodes {
            let list = words(node)
            if !list.isEmpty { out += "        \"\(node.key)\") echo \"\(list.joined(separator: " "))\" ;;\n" }
        }
        return out + "    esac\n}\n\n"
    }

    /// The shell command that completes a value of this kind, or nil when nothing can be offered.
    private static func bashAction(_ kind: ValueKind, list: Bool) -> String? {
        switch kind {
        case .choice(let values), .choiceOrID(let values, _):
            return "_stripe_fc_reply \(list ? "list" : "word") \"$3\" " + values.map(shellQuoted).joined(separator: " ")
        case .path:
            return "_stripe_fc_files \"$3\""
        default:
            return nil
        }
    }

    private static let bashDriver = #"""
        # Sets COMPREPLY to the candidates ($3...) that start with the word so far ($2), quoted for
        # the command line. In "list" mode ($1) a comma-separated list is completed after its last comma.
        _stripe_fc_reply() {
            local mode=$1 word=$2 prefix="" candidate
            shift 2
            if [[ $mode == list && $word == *,* ]]; then
                prefix=${word%,*},
                word=${word##*,}
            fi
            # Inside an opened quote readline quotes the reply itself; otherwise escape it here.
            local quoted=""
            if [[ $word == [\"\']* ]]; then
                quoted=1
                word=${word:1}
            fi
            word=${word//\\/}
            COMPREPLY=()
            for candidate in "$@"; do
                if [[ $candidate == "$word"* ]]; then
                    if [[ -n $quoted || $candidate =~ ^[A-Za-z0-9_.,/=+@%-]*$ ]]; then
                        COMPREPLY+=("$prefix$candidate")
                    else
                        COMPREPLY+=("$prefix$(printf '%q' "$candidate")")
                    fi
                fi
            done
        }

        _stripe_fc_files() {
            compopt -o filenames 2>/dev/null
            local IFS=$'\n'
            COMPREPLY=($(compgen -f -- "$1"))
        }

        _stripe_fc() {
            local cur=${COMP_WORDS[COMP_CWORD]} path=stripe-fc word next option="" count=0 i=1 sub
            # `--opt=value` reaches us as three words (`=` is a word break): --opt, =, value.
            if [[ $cur == = ]]; then
                option=${COMP_WORDS[COMP_CWORD-1]}
                cur=""
            elif ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD-1]} == = ]]; then
                option=${COMP_WORDS[COMP_CWORD-2]}
            fi
            while ((i < COMP_CWORD)); do
                word=${COMP_WORDS[i]}
                ((i++))
                case $word in
                    --)
                        count=$((count + COMP_CWORD - i))
                        break
                        ;;
                    -?*)
                        if [[ " $(_stripe_fc_value_options "$path") " == *" $word "* ]]; then
                            next=${COMP_WORDS[i]-}
                            if [[ $next == = ]]; then ((i += 2)); else ((i++)); fi
                            if ((i > COMP_CWORD)) && [[ -z $option ]]; then option=$word; fi
                        fi
                        ;;
                    *)
                        if ((count == 0)) && sub=$(_stripe_fc_subcommand "$path" "$word"); then
                            path="$path $sub"
                        else
                            ((count++))
                        fi
                        ;;
                esac
            done
            COMPREPLY=()
            if [[ -n $option ]]; then
                _stripe_fc_option_value "$path" "$option" "$cur"
            elif [[ $cur == -* ]]; then
                _stripe_fc_reply word "$cur" $(_stripe_fc_options "$path")
            elif ((count == 0)) && [[ -n $(_stripe_fc_subcommands "$path") ]]; then
                _stripe_fc_reply word "$cur" $(_stripe_fc_subcommands "$path")
            else
                _stripe_fc_argument_value "$path" "$count" "$cur"
            fi
            return 0
        }

        complete -F _stripe_fc stripe-fc

        """#
}
