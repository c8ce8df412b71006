import Foundation
import Testing
@testable import fc

/// docs/: the generated command reference stays current with the tree, and the repository's
/// Markdown explains itself — every relative link in README.md and docs/ resolves to a file (and
/// heading) inside the repository.
@Suite("Docs")
struct DocsTests {
    let page = Docs.render(root: CommandTree.root)

    @Test("docs/commands.md matches the page rendered from the command tree (FC_RECORD=1 or 'make generate' rewrites it)")
    func committedPageIsCurrent() throws {
        try Artefacts.checkDrift(page, committedAt: Docs.committedPath)
    }

    @Test("every command of the tree has a section")
    func everyCommandDocumented() {
        for (path, _) in Manual.commands(CommandTree.root) {
            #expect(page.contains("\n### \(path.joined(separator: " "))\n"), "\(path)")
        }
        #expect(page.contains("\n### stripe-fc version\n"))
    }

    @Test("every global option, environment variable and exit code is listed")
    func contractTables() {
        for option in GlobalOptions.all { #expect(page.contains("| `\(Help.spelling(option))` |"), "\(option.name)") }
        for (variable, _) in Reference.environment(CommandTree.root) { #expect(page.contains("| `\(variable)` |"), "\(variable)") }
        for status in Reference.exitStatuses { #expect(page.contains("| \(status.code) | "), "\(status.code)") }
    }

    @Test("Markdown specials in help text are escaped, intraword underscores left alone", arguments: [
        ("a|b", "a\\|b"), ("fca_… or _stripe-fc", "fca\\_… or \\_stripe-fc"), ("payment_method", "payment_method"),
        ("~/.bashrc", "\\~/.bashrc"), ("type.*", "type.\\*"), ("<command>", "\\<command\\>"),
    ])
    func escaping(_ input: String, _ expected: String) {
        #expect(Docs.text(input) == expected)
    }

    @Test("GitHub heading anchors", arguments: [("stripe-fc accounts list", "stripe-fc-accounts-list"), ("Exit codes", "exit-codes"), ("Output & formats", "output--formats")])
    func slugs(_ heading: String, _ slug: String) {
        #expect(Docs.slug(heading) == slug)
    }

    /// README.md and every page in docs/.
    static func markdownFiles() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: Artefacts.url("docs").path).filter { $0.hasSuffix(".md") }.sorted()
        return ["README.md"] + docs.map { "docs/" + $0 }
    }

    @Test("docs/ has the contract's pages")
    func pagesExist() throws {
        let files = try Self.markdownFiles()
        for page in ["docs/README.md", "docs/commands.md", "docs/exit-codes.md", "docs/environment.md", "docs/output.md", "docs/config.md", "docs/sandbox.md"] {
            #expect(files.contains(page), "\(page) is missing")
        }
    }

    @Test("README.md links to docs/ and to nothing outside the repository")
    func readmeLinksIntoTheRepository() throws {
        let readme = try String(contentsOf: Artefacts.url("README.md"), encoding: .utf8)
        #expect(readme.contains("](docs/"), "README.md does not link to docs/")
        #expect(!readme.contains("../shared"), "README.md points at ../shared, which is not in the repository")
    }

    @Test("every relative link in README.md and docs/ resolves inside the repository, headings included")
    func relativeLinksResolve() throws {
        let root = Artefacts.root.standardizedFileURL.path
        for file in try Self.markdownFiles() {
            let text = try String(contentsOf: Artefacts.url(file), encoding: .utf8)
            let folder = Artefacts.url(file).deletingLastPathComponent()
            for link in Self.links(in: text) where !link.contains("://") && !link.hasPrefix("mailto:") {
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? Artefacts.url(file) : folder.appendingPathComponent(parts[0]).standardizedFileURL
                #expect(target.path.hasPrefix(root + "/"), "\(file): \(link) leaves the repository")
                #expect(FileManager.default.fileExists(atPath: target.path), "\(file): \(link) does not exist")
                if parts.count == 2, target.pathExtension == "md", let linked = try? String(contentsOf: target, encoding: .utf8) {
                    #expect(Self.anchors(in: linked).contains(parts[1]), "\(file): \(link) names no heading there")
                }
            }
        }
    }

    @Test("make generate rewrites docs/ with the other generated files")
    func makeGenerateIncludesDocs() async throws {
        try #require(Artefacts.which("make") != nil, "make is not installed")
        var environment = ProcessInfo.processInfo.environment
        for name in ["MAKEFLAGS", "MFLAGS", "MAKELEVEL"] { environment[name] = nil }
        let dryRun = try await Artefacts.run(Artefacts.which("make")!, ["-C", Artefacts.root.path, "-n", "generate"], environment: environment)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("DocsTests"), "\(dryRun.stdout)")
    }

    /// Link targets of `[text](target)` outside code blocks and code spans.
    static func links(in markdown: String) -> [String] {
        var targets: [String] = []
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle(); continue }
            if inFence { continue }
            // Drop code spans, where "](" is literal.
            let plain = line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
            var rest = Substring(plain)
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                targets.append(String(after[..<close]))
                rest = after[after.index(after: close)...]
            }
        }
        return targets
    }

    /// The anchors GitHub gives the headings of a Markdown page.
    static func anchors(in markdown: String) -> Set<String> {
        var anchors = Set<String>()
        var inFence = false
        for line in markdown.split(separator: "\n") {
            if line.hasPrefix("```") { inFence.toggle(); continue }
            guard !inFence, line.hasPrefix("#") else { continue }
            let heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
            anchors.insert(Docs.slug(heading))
        }
        return anchors
    }
}
