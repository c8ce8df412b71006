import Foundation
import Testing
@testable import fc

@Suite("Manual")
struct ManualTests {
    let page = Manual.render(root: CommandTree.root, version: FC.version)

    @Test("man/stripe-fc.1 matches the page rendered from the command tree (FC_RECORD=1 rewrites it)")
    func committedPageIsCurrent() throws {
        try Artefacts.checkDrift(page, committedAt: Manual.committedPath)
    }

    @Test("the page has the sections a man page is expected to have", arguments: [
        "NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "GLOBAL OPTIONS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES", "SEE ALSO",
    ])
    func hasSection(_ name: String) {
        #expect(page.contains("\n.SH \(name)\n") || page.contains("\n.SH \"\(name)\"\n"))
    }

    @Test("every command of the tree has a subsection")
    func everyCommandDocumented() {
        for (path, _) in Manual.commands(CommandTree.root) {
            #expect(page.contains(".SS \"\(path.joined(separator: " "))\"\n"), "\(path)")
        }
    }

    @Test("environment variables and exit statuses are listed", arguments: [
        ".B STRIPE_API_KEY", ".B FC_API_BASE", ".B FC_PROFILE", ".B FC_FORMAT", ".B FC_MAX_RETRIES", ".B NO_COLOR", ".B XDG_CONFIG_HOME",
        ".B 0\n", ".B 1\n", ".B 2\n", ".B 3\n", ".B 4\n", ".B 5\n", ".B 130\n", "stripe-fc/config.toml",
    ])
    func mentions(_ text: String) {
        #expect(page.contains(text))
    }

    @Test("allowed values and defaults of options appear", arguments: [
        "Allowed: balances, ownership, payment_method, transactions.", "Allowed: table, json, jsonl, csv, tsv.", "Default: 2.",
    ])
    func optionDetails(_ text: String) {
        #expect(page.contains(text))
    }

    @Test("option names use the roff minus, never a bare hyphen")
    func optionHyphensEscaped() {
        #expect(page.contains("\\fB\\-\\-permission\\fR"))
        #expect(!page.contains(" --"))
        #expect(!page.contains("\\fB--"))
    }

    @Test("no text line starts with a control character or space, and no line is blank")
    func textLinesAreSafe() {
        for line in page.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            #expect(!line.isEmpty)
            #expect(!line.hasPrefix("'") && !line.hasPrefix(" "), "\(line)")
            if line.hasPrefix(".") { #expect(line.count > 1 && line.dropFirst().first != " ", "\(line)") }
        }
        #expect(page.hasSuffix("\n"))
    }

    @Test("roff escaping", arguments: [
        ("a\\b", "a\\eb"), ("use --wait now", "use \\-\\-wait now"),
        ("world-readable", "world-readable"), ("fca_… — x", "fca_\\&... \\(em x"), ("café", "caf\\[u00E9]"), ("(-q)", "(\\-q)"),
    ])
    func escaping(_ input: String, _ expected: String) {
        #expect(Roff.escape(input) == expected)
    }

    @Test("a line starting with a control character or space is guarded", arguments: [(".start", "\\&.start"), ("'quoted", "\\&'quoted"), (" x", "\\& x"), ("plain", "plain")])
    func guardsLineStart(_ input: String, _ expected: String) {
        #expect(Roff.guardLine(input) == expected)
    }

    @Test("long text lines fold at spaces")
    func folds() {
        #expect(Roff.fold("aaa bbb .ccc ddd", width: 7) == ["aaa bbb", "\\&.ccc", "ddd"])
    }

    @Test("sentences go one per line")
    func sentences() {
        #expect(Roff.sentences("One. Two, e.g. three. 4 more? Yes, i.e. Yes. End") == ["One.", "Two, e.g. three.", "4 more?", "Yes, i.e. Yes.", "End"])
    }

    @Test("mandoc -Tlint finds nothing to report", .enabled(if: Artefacts.which("mandoc") != nil, "mandoc is not installed"))
    func mandocLint() async throws {
        let result = try await Artefacts.run(Artefacts.which("mandoc")!, ["-Tlint", try renderedPage()])
        #expect(result.stdout + result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("groff -ww -z -man reports no warnings", .enabled(if: Artefacts.which("groff") != nil, "groff is not installed"))
    func groffWarnings() async throws {
        let result = try await Artefacts.run(Artefacts.which("groff")!, ["-ww", "-z", "-man", try renderedPage()])
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("man -l renders the committed page", .enabled(if: Artefacts.which("man") != nil, "man is not installed"))
    func manRenders() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["MANPAGER"] = "cat"
        environment["PAGER"] = "cat"
        environment["MANWIDTH"] = "80"
        let result = try await Artefacts.run(Artefacts.which("man")!, ["-l", Artefacts.url(Manual.committedPath).path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("EXIT STATUS"))
        #expect(result.stdout.contains("stripe-fc sessions create"))
    }

    /// The rendered page in a temporary file (the committed copy may be being rewritten).
    private func renderedPage() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fc-\(UUID().uuidString).1")
        try Data(page.utf8).write(to: url)
        return url.path
    }
}
