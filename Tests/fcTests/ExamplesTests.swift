@testable import fc
import Testing

/// Every `$ fc …` example in the command tree parses: help text never shows a line that fails.
@Suite("Examples")
struct ExamplesTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var owner: [String]
        var line: String
        var testDescription: String { line }
    }

    static let examples: [Example] = allCommands().flatMap { entry in
        entry.command.examples.map { Example(owner: entry.path, line: $0) }
    }

    @Test("example parses without a usage error", arguments: examples)
    func parses(_ example: Example) throws {
        let words = shellWords(example.line)
        try #require(Array(words.prefix(2)) == ["$", "stripe-fc"], "an example starts with '$ stripe-fc '")
        let argv = Array(words.dropFirst(2))
        do {
            let parsed = try Parser(root: CommandTree.root, environment: [:]).parse(argv)
            #expect(!parsed.helpRequested)
            #expect(parsed.command.run != nil, "'\(example.line)' names a group, not a command")
        } catch {
            Issue.record("'\(example.line)' (in 'stripe-fc \(example.owner.joined(separator: " "))' help): \(error.message)")
        }
    }

    @Test func thereAreExamples() {
        #expect(Self.examples.count >= 10)
    }

    @Test("shell-like splitting", arguments: [
        ("$ stripe-fc a 'b c' d", ["$", "stripe-fc", "a", "b c", "d"]),
        ("stripe-fc --name \"Jenny Rosen\"  --x", ["stripe-fc", "--name", "Jenny Rosen", "--x"]),
        ("a 'it''s' \"q\\\"q\" e\\ f ''", ["a", "its", "q\"q", "e f", ""]),
    ])
    func splitting(_ line: String, words: [String]) {
        #expect(shellWords(line) == words)
    }
}
