@testable import fc
import Foundation
import Testing

/// Help for every command in the tree, compared with committed snapshots, and checked for a
/// summary, examples, and option names that exist.
@Suite("Help")
struct HelpTests {
    static let commandPaths: [[String]] = allCommands().map(\.path).filter { !$0.isEmpty }

    static func snapshotName(_ path: [String]) -> String {
        path.isEmpty ? "help.txt" : "help-" + path.joined(separator: "-") + ".txt"
    }

    @Test func rootHelpIsTheSameThreeWays() async {
        let bare = await run([], width: 80)
        let flag = await run(["--help"], width: 80)
        let word = await run(["help"], width: 80)
        for result in [bare, flag, word] {
            #expect(result.code == 0)
            #expect(result.err == "")
            #expect(result.requests.isEmpty)
        }
        #expect(flag.out == bare.out)
        #expect(word.out == bare.out)
        Snapshot.check(bare.out, named: Self.snapshotName([]))
    }

    @Test("stripe-fc help PATH equals fc PATH --help and its snapshot", arguments: commandPaths)
    func commandHelp(_ path: [String]) async {
        let viaHelp = await run(["help"] + path, width: 80)
        let viaFlag = await run(path + ["--help"], width: 80)
        #expect(viaHelp.code == 0)
        #expect(viaFlag.code == 0)
        #expect(viaHelp.err == "")
        #expect(viaHelp.out == viaFlag.out)
        #expect(viaHelp.out.hasPrefix("stripe-fc \(path.joined(separator: " ")) — "))
        Snapshot.check(viaHelp.out, named: Self.snapshotName(path))
    }

    @Test("every snapshot belongs to a command") func noStaleSnapshots() throws {
        let wanted = Set(([[]] + Self.commandPaths).map(Self.snapshotName))
        let present = try FileManager.default.contentsOfDirectory(atPath: Snapshot.folder.path).filter { $0.hasPrefix("help") }
        #expect(Set(present).subtracting(wanted).isEmpty, "snapshots without a command: \(Set(present).subtracting(wanted).sorted())")
    }

    @Test("every help has a summary and a $ stripe-fc example", arguments: [[String]()] + commandPaths)
    func summaryAndExamples(_ path: [String]) throws {
        let command = try #require(CommandTree.find(path))
        #expect(!command.summary.isEmpty)
        let text = Help.render(command, path: path, width: 80)
        let examples = text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("$ stripe-fc ") }
        #expect(!examples.isEmpty, "'stripe-fc \(path.joined(separator: " "))' help shows no '$ fc …' example")
    }

    @Test("every --option in help text exists", arguments: [[String]()] + commandPaths)
    func mentionedOptionsExist(_ path: [String]) throws {
        let command = try #require(CommandTree.find(path))
        let text = Help.render(command, path: path, width: 10_000)
        for problem in Self.unknownOptions(in: text, command: command) {
            Issue.record("'stripe-fc \(path.joined(separator: " "))' help mentions \(problem)")
        }
    }

    /// Option names a help text mentions that the command it belongs to does not accept.
    /// A quoted command reference (`'sessions create --customer-account'`) is checked against
    /// the command it names; the rest against this command, its subcommands and the globals.
    static func unknownOptions(in text: String, command: CommandSpec) -> [String] {
        var problems: [String] = []
        var rest = ""
        var quoted: String?
        let chars = Array(text)
        for (i, ch) in chars.enumerated() {
            let before = i > 0 ? chars[i - 1] : " ", after = i + 1 < chars.count ? chars[i + 1] : " "
            // An apostrophe inside a word ("customer's") is not a quote.
            let opens = quoted == nil && !(before.isLetter || before.isNumber)
            let closes = quoted != nil && !(after.isLetter || after.isNumber)
            if ch == "'", opens || closes {
                if let q = quoted {
                    let (target, words) = referencedCommand(q)
                    if let target {
                        for name in optionNames(in: words) where !accepts(target, name, deep: false) {
                            problems.append("--\(name) (in '\(q)')")
                        }
                    } else {
                        rest += " " + q + " "
                    }
                    quoted = nil
                } else {
                    quoted = ""
                }
                continue
            }
            if quoted != nil { quoted!.append(ch) } else { rest.append(ch) }
        }
        if let q = quoted { rest += q }
        for name in optionNames(in: rest) where !accepts(command, name, deep: true) {
            problems.append("--\(name)")
        }
        return problems
    }

    /// The command a quoted snippet like `stripe-fc sessions create --x` or `sessions create --x` names.
    static func referencedCommand(_ snippet: String) -> (CommandSpec?, String) {
        var words = snippet.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        if words.first == "stripe-fc" { words.removeFirst() }
        var path: [String] = []
        while let word = words.first, CommandTree.find(path + [word]) != nil {
            path.append(word)
            words.removeFirst()
        }
        guard !path.isEmpty else { return (nil, snippet) }
        return (CommandTree.find(path), words.joined(separator: " "))
    }

    static func optionNames(in text: String) -> [String] {
        var names: [String] = []
        let chars = Array(text)
        var i = 0
        while i + 2 < chars.count {
            let boundary = i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "-")
            if boundary, chars[i] == "-", chars[i + 1] == "-", chars[i + 2].isLetter, chars[i + 2].isLowercase {
                var j = i + 2
                var name = ""
                while j < chars.count, chars[j].isLowercase || chars[j].isNumber || chars[j] == "-" { name.append(chars[j]); j += 1 }
                while name.hasSuffix("-") { name.removeLast() }
                names.append(name)
                i = j
            } else {
                i += 1
            }
        }
        return names
    }

    static func accepts(_ command: CommandSpec, _ name: String, deep: Bool) -> Bool {
        if GlobalOptions.all.contains(where: { $0.name == name }) { return true }
        if command.option(named: name) != nil { return true }
        return deep && command.subcommands.contains { accepts($0, name, deep: true) }
    }

    @Test func optionScannerFindsNames() {
        #expect(Self.optionNames(in: "use --limit N | --all, not x--y or --.") == ["limit", "all"])
        let stray = CommandSpec(name: "x", summary: "x", description: "needs --nope and 'customers create --v2 --bogus'")
        #expect(Self.unknownOptions(in: stray.description, command: stray) == ["--bogus (in 'customers create --v2 --bogus')", "--nope"])
    }
}
