import FCKit
import Foundation
import Testing
@testable import fc

@Suite("Completion scripts")
struct CompletionTests {
    @Test("the committed script matches the one rendered from the command tree (FC_RECORD=1 rewrites it)",
          arguments: Completions.Shell.allCases)
    func committedScriptIsCurrent(_ shell: Completions.Shell) throws {
        try Artefacts.checkDrift(Completions.script(for: shell, root: CommandTree.root), committedAt: shell.committedPath)
    }

    @Test("stripe-fc completion SHELL prints the script, nothing on stderr", arguments: Completions.Shell.allCases)
    func commandPrintsScript(_ shell: Completions.Shell) async {
        let io = IO.captured()
        let code = await FC.run(argv: ["completion", shell.rawValue], environment: environment(io))
        #expect(code == ExitCode.success)
        #expect(io.out.text == Completions.script(for: shell, root: CommandTree.root))
        #expect(io.err.text == "")
    }

    @Test("stripe-fc completion with an unknown or missing shell is a usage error", arguments: [["completion", "ksh"], ["completion"]])
    func badShell(_ argv: [String]) async {
        let io = IO.captured()
        let code = await FC.run(argv: argv, environment: environment(io))
        #expect(code == ExitCode.usage)
        #expect(io.out.text == "")
    }

    @Test("every command, option and allowed value of the tree is in every script", arguments: Completions.Shell.allCases)
    func coversTheTree(_ shell: Completions.Shell) {
        let script = Completions.script(for: shell, root: CommandTree.root)
        for node in Completions.nodes(CommandTree.root) {
            for sub in node.command.subcommands { #expect(script.contains(sub.name), "\(shell): \(node.key) \(sub.name)") }
            for option in node.options {
                let spelling = shell == .fish ? "-l \(option.name)" : option.flagSpelling
                #expect(script.contains(spelling), "\(shell): \(node.key) \(option.flagSpelling)")
                for value in option.kind.allowedValues { #expect(script.contains(quotedForm(value, shell)), "\(shell): \(option.name) \(value)") }
            }
            for positional in node.command.positionals {
                for value in positional.kind.allowedValues { #expect(script.contains(quotedForm(value, shell)), "\(shell): \(positional.name) \(value)") }
            }
        }
    }

    @Test("the command tree offers what the issue promises")
    func expectedValuesExist() {
        let nodes = Dictionary(uniqueKeysWithValues: Completions.nodes(CommandTree.root).map { ($0.key, $0) })
        func values(_ key: String, _ option: String) -> [String] {
            nodes[key]?.options.first { $0.name == option }?.kind.allowedValues ?? []
        }
        #expect(values("stripe-fc sessions create", "permission") == ["balances", "ownership", "payment_method", "transactions"])
        #expect(values("stripe-fc", "format") == ["table", "json", "jsonl", "csv", "tsv"])
        #expect(values("stripe-fc sandbox link", "institution").contains("Test Institution"))
        #expect(nodes["stripe-fc completion"]?.command.positionals.first?.kind.allowedValues == ["bash", "zsh", "fish"])
    }

    @Test("values with spaces or shell specials are quoted per shell", arguments: [
        (Completions.Shell.bash, "'Down Bank (Error)'"), (.zsh, "Down\\ Bank\\ \\(Error\\)"), (.fish, "\\'Down Bank (Error)\\'"),
    ])
    func quoting(_ shell: Completions.Shell, _ expected: String) {
        #expect(Completions.script(for: shell, root: CommandTree.root).contains(expected))
    }

    @Test("first sentences and shell quoting helpers", arguments: [
        ("Data to refresh. More text.", "Data to refresh"), ("No full stop", "No full stop"), ("Line one\nline two.", "Line one"), ("Two letters, e.g. US. Next.", "Two letters, e.g. US"),
    ])
    func firstSentence(_ text: String, _ expected: String) {
        #expect(Completions.firstSentence(text) == expected)
    }

    @Test("plain words stay plain, others are single-quoted", arguments: [
        ("balances", "balances"), ("Test Institution", "'Test Institution'"), ("it's", "'it'\\''s'"), ("", "''"),
    ])
    func shellQuoting(_ word: String, _ expected: String) {
        #expect(Completions.shellQuoted(word) == expected)
    }

    private func quotedForm(_ value: String, _ shell: Completions.Shell) -> String {
        switch shell {
        case .bash: Completions.shellQuoted(value)
        case .zsh: value.replacingOccurrences(of: " ", with: "\\ ").replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
        case .fish: "\\'\(value)\\'"
        }
    }

    private func environment(_ io: IO) -> AppEnvironment {
        AppEnvironment(io: io, variables: [:], transport: NoNetwork(), sleep: { _ in }, now: { 0 })
    }
}

/// A transport that fails every request: completion never talks to Stripe.
private struct NoNetwork: Transport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        Issue.record("unexpected request \(request)")
        throw CancellationError()
    }
}
