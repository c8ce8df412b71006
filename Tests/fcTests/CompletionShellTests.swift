import Foundation
import Testing
@testable import fc

/// Loads each committed script into the real shell and asks it what `stripe-fc …<TAB>` offers.
///
/// - bash: sources bash-completion (when installed) and completions/stripe-fc.bash, sets COMP_WORDS,
///   COMP_CWORD, COMP_LINE and COMP_POINT as readline would, calls the function `complete -p stripe-fc`
///   names, and prints COMPREPLY.
/// - zsh: completion needs a live line editor, so a `zsh -f` driver starts an interactive
///   `zsh -f -i` on a pseudo-terminal (zsh/zpty) with completions/ on $fpath and compinit run,
///   replaces `compadd` with a wrapper that prints the matches it is given instead of adding
///   them (so nothing is listed or inserted), types the line and a TAB, then a marker command;
///   everything printed before the marker's output is that line's matches.
/// - fish: `fish --no-config -c 'source completions/stripe-fc.fish; complete --do-complete LINE'`.
///
/// A shell that is not installed is skipped with the reason recorded (.ci/shells-install.sh
/// installs all three on CI).
@Suite("Completion in real shells")
struct CompletionShellTests {
    /// A command line as typed (its last word is the one being completed) and what must be offered.
    struct Case: Sendable, CustomTestStringConvertible {
        var words: [String]
        var offered: [String]
        var line: String { words.joined(separator: " ") }
        var testDescription: String { "'\(line)<TAB>'" }
    }

    static let cases: [Case] = [
        Case(words: ["stripe-fc", "acc"], offered: ["accounts"]),
        Case(words: ["stripe-fc", "accounts", "refresh", "--fe"], offered: ["--feature"]),
        Case(words: ["stripe-fc", "sessions", "create", "--permission", ""], offered: ["balances", "ownership", "payment_method", "transactions"]),
        Case(words: ["stripe-fc", "--format", ""], offered: ["table", "json", "jsonl", "csv", "tsv"]),
        Case(words: ["stripe-fc", "--format", "json", "sess"], offered: ["sessions"]),
        Case(words: ["stripe-fc", "account", "refresh", "--feature", ""], offered: ["balance", "ownership", "transactions"]),
        Case(words: ["stripe-fc", "sandbox", "link", "fcsess_1", "--institution", ""],
             offered: ["Test Institution", "Ownership Accounts", "Invalid Payment Accounts", "Down Bank (Error)"]),
        Case(words: ["stripe-fc", "sandbox", "link", "fcsess_1", "--institution", "Own"], offered: ["Ownership Accounts"]),
        Case(words: ["stripe-fc", "sandbox", "link", "fcsess_1", "--institution", "'Down"], offered: ["Down Bank (Error)"]),
        Case(words: ["stripe-fc", "sessions", "create", "--permission", "balances,own"], offered: ["balances,ownership"]),
        Case(words: ["stripe-fc", "config", "set", ""], offered: ["api_key", "base_url", "stripe_account", "format", "publishable_key"]),
        Case(words: ["stripe-fc", "config", "set", "format", ""], offered: []),
        Case(words: ["stripe-fc", "completion", ""], offered: ["bash", "zsh", "fish"]),
        Case(words: ["stripe-fc", "vers"], offered: ["version"]),
        Case(words: ["stripe-fc", "pay", "--mandate", "o"], offered: ["online", "offline"]),
        Case(words: ["stripe-fc", "transactions", "fca_1", "--status", ""], offered: ["pending", "posted", "void"]),
    ]

    static var completions: URL { Artefacts.url("completions") }

    @Test("bash parses stripe-fc.bash and offers what the tree allows", .enabled(if: Artefacts.which("bash") != nil, "bash is not installed"))
    func bash() async throws {
        try await checkSyntax(.bash)
        var script = """
            [ -r /usr/share/bash-completion/bash_completion ] && source /usr/share/bash-completion/bash_completion
            source \(Completions.shellQuoted(Self.completions.appendingPathComponent("stripe-fc.bash").path))
            function=$(complete -p stripe-fc | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')
            try() {
                COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMP_TYPE=9; COMP_KEY=9
                COMPREPLY=()
                "$function" stripe-fc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                echo "== $COMP_LINE"
                [ ${#COMPREPLY[@]} -gt 0 ] && printf '%s\\n' "${COMPREPLY[@]}"
                return 0
            }

            """
        for testCase in Self.cases {
            script += "try " + testCase.words.map(Completions.shellQuoted).joined(separator: " ") + "\n"
        }
        let result = try await Artefacts.run(Artefacts.which("bash")!, ["--norc", "--noprofile", "-c", script])
        #expect(result.status == 0, "\(result.stderr)")
        // bash hands back words quoted for the command line (Test\ Institution).
        check(result.stdout, unquote: { $0.replacingOccurrences(of: "\\", with: "") })
    }

    /// Installed on $fpath (autoloaded) or sourced after compinit: both must work.
    @Test("zsh parses _stripe-fc and offers what the tree allows", .enabled(if: Artefacts.which("zsh") != nil, "zsh is not installed"),
          arguments: ["fpath", "source"])
    func zsh(_ loading: String) async throws {
        try await checkSyntax(.zsh)
        let driver = FileManager.default.temporaryDirectory.appendingPathComponent("fc-zsh-\(UUID().uuidString).zsh")
        try Data(Self.zshDriver.utf8).write(to: driver)
        defer { try? FileManager.default.removeItem(at: driver) }
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "dumb"
        let result = try await Artefacts.run(Artefacts.which("zsh")!, ["-f", driver.path, loading, Self.completions.path] + Self.cases.map(\.line),
                                       environment: environment, timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        check(result.stdout, unquote: { $0 })
    }

    @Test("fish parses stripe-fc.fish and offers what the tree allows", .enabled(if: Artefacts.which("fish") != nil, "fish is not installed"))
    func fish() async throws {
        try await checkSyntax(.fish)
        var script = "source \(Completions.fishQuoted(Self.completions.appendingPathComponent("stripe-fc.fish").path))\n"
        for testCase in Self.cases {
            script += "echo \(Completions.fishQuoted("== " + testCase.line))\n"
            script += "complete --do-complete \(Completions.fishQuoted(testCase.line)) | string replace -r '\\t.*' ''\n"
        }
        let result = try await Artefacts.run(Artefacts.which("fish")!, ["--no-config", "-c", script])
        #expect(result.status == 0, "\(result.stderr)")
        check(result.stdout, unquote: { $0 })
    }

    /// `SHELL -n script`: the committed script parses.
    private func checkSyntax(_ shell: Completions.Shell) async throws {
        let result = try await Artefacts.run(Artefacts.which(shell.rawValue)!, ["-n", Artefacts.url(shell.committedPath).path])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(shell.rawValue) -n: \(result.stderr)")
    }

    /// Splits `== line` sections and compares each line's offers with its case, as sets.
    private func check(_ output: String, unquote: (String) -> String) {
        var offers: [String: Set<String>] = [:]
        var current: String?
        for line in output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("== ") {
                current = String(line.dropFirst(3))
                offers[current!] = []
            } else if let current {
                offers[current, default: []].insert(unquote(line))
            }
        }
        for testCase in Self.cases {
            var got = offers[testCase.line]
            var expected = Set(testCase.offered)
            // In a comma-separated list bash and fish offer "balances,ownership", zsh offers
            // "ownership" (keeping "balances," as an ignored prefix): compare what follows the comma.
            if testCase.words.last?.contains(",") == true {
                func afterComma(_ word: String) -> String { String(word.split(separator: ",", omittingEmptySubsequences: false).last ?? "") }
                got = got.map { Set($0.map(afterComma)) }
                expected = Set(expected.map(afterComma))
            }
            #expect(got == expected, "\(testCase.testDescription) offered \(got.map { $0.sorted() } ?? ["<no answer>"])")
        }
    }

    /// Drives an interactive zsh on a pseudo-terminal. $1: "fpath" (autoload _stripe-fc) or "source" (source it
    /// after compinit); $2: the directory holding _stripe-fc; the rest: lines to complete.
    static let zshDriver = #"""
        zmodload zsh/zpty || { print -u2 "zsh/zpty is not available"; exit 3 }
        loading=$1 dir=$2; shift 2
        zpty fczpty zsh -f -i
        if [[ $loading == fpath ]]; then
            zpty -w fczpty "PROMPT='' RPROMPT=''; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
        else
            zpty -w fczpty "PROMPT='' RPROMPT=''; autoload -Uz compinit; compinit -u -D; source ${(q)dir}/_stripe-fc"
        fi
        # Matches are printed, not added: nothing is listed or inserted, so the line stays as typed.
        zpty -w fczpty 'compadd() { local -a m; if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi; builtin compadd -O m "$@"; (( $#m )) && print -r -l -- ${m/#/FC""MATCH:}; (( $#m )) }'
        zpty -w fczpty 'bindkey "^I" complete-word'
        # Reads the terminal until $1 appears (the marker's output; its echo is spelt differently).
        await() {
            local chunk deadline=$(( SECONDS + 30 ))
            out=""
            while (( SECONDS < deadline )); do
                if zpty -r -t fczpty chunk; then out+=$chunk; [[ $out == *$1* ]] && return 0; else sleep 0.02; fi
            done
            return 1
        }
        zpty -w fczpty "print FC''READY."
        await FCREADY. || { print -u2 "the interactive zsh did not start"; exit 4 }
        n=0
        for line in "$@"; do
            (( n++ ))
            zpty -w -n fczpty "$line"$'\t'
            zpty -w fczpty $'\C-u'"print FC''DONE$n."
            await FCDONE$n. || { print -u2 "no answer for: $line"; exit 4 }
            print -r -- "== $line"
            print -r -- "${out//$'\r'/}" | sed -n 's/^.*FCMATCH://p'
        done
        zpty -d fczpty
        """#
}
