import Foundation
import Testing
@testable import fc

/// The executable is `stripe-fc`: `fc` is a bash/zsh builtin that shadows any binary of that name.
/// Everything rendered from the command tree must therefore say `stripe-fc`, never a bare `fc` —
/// a man page synopsis or an install hint naming `fc` sends users to the shell's history editor,
/// or saves a completion script where bash-completion never looks for `stripe-fc`.
@Suite("The executable's name")
struct ExecutableNameTests {
    /// Every text generated from the tree, by name.
    static func generated() -> [(name: String, text: String)] {
        var texts: [(String, String)] = [("man page", Manual.render(root: CommandTree.root, version: FC.version)),
                                         ("docs/commands.md", Docs.render(root: CommandTree.root))]
        for shell in Completions.Shell.allCases {
            texts.append(("\(shell.rawValue) completion", Completions.script(for: shell, root: CommandTree.root)))
        }
        for (path, command) in allCommands() {
            texts.append(("help for '\((["stripe-fc"] + path).joined(separator: " "))'", Help.render(command, path: path, width: 10_000)))
        }
        return texts
    }

    @Test("no generated text names the command a bare 'fc'")
    func noBareFC() {
        for (name, text) in Self.generated() {
            let hits = Self.bareFC(in: text)
            #expect(hits.isEmpty, "\(name) says 'fc' where it means stripe-fc: \(hits)")
        }
    }

    @Test("the scanner finds a bare fc and leaves stripe-fc, ids and the old config path alone")
    func scanner() {
        #expect(Self.bareFC(in: "\\fBfc\\fR [options]").count == 1)
        #expect(Self.bareFC(in: "save it as ~/.local/share/bash-completion/completions/fc.").count == 1)
        #expect(Self.bareFC(in: "run 'fc help'").count == 1)
        #expect(Self.bareFC(in: "stripe-fc fca_1 fcsess_2 _stripe_fc __stripe_fc_x the old fc/config.toml, Sources/fc/CLI").isEmpty)
    }

    /// The lines holding `fc` as a word of its own (roff font escapes removed first), except in the
    /// pre-rename config path `fc/config.toml`, which the config help names on purpose, and in the
    /// source folder `Sources/fc`, which keeps the old name.
    static func bareFC(in text: String) -> [String] {
        var hits: [String] = []
        for line in text.split(separator: "\n") {
            var plain = String(line)
            for escape in ["\\fB", "\\fI", "\\fR", "\\fP"] { plain = plain.replacingOccurrences(of: escape, with: " ") }
            let chars = Array(plain)
            func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "-" }
            var i = 0
            while i + 1 < chars.count {
                let starts = i == 0 || !isWord(chars[i - 1])
                let ends = i + 2 == chars.count || !isWord(chars[i + 2])
                if starts, ends, chars[i] == "f", chars[i + 1] == "c", !String(chars[(i + 2)...]).hasPrefix("/config.toml"),
                   !String(chars[..<i]).hasSuffix("Sources/") {
                    hits.append(String(line))
                    break
                }
                i += 1
            }
        }
        return hits
    }
}
