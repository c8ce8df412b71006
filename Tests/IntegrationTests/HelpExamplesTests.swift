import FCKit
import Foundation
import Testing

/// Every `$ fc …` line of every command's help runs and exits 0. Placeholder ids (`cus_123`,
/// `fca_1`, …) are replaced by real ones from a fresh customer whose accounts are linked, after
/// the preparation that example needs (a refresh for `owners`, a failed payment to cancel, …).
@Suite("Help examples", .sandbox())
struct HelpExamplesTests {
    /// Every command path listed in `stripe-fc --help`, plus the root.
    static func commandPaths(_ fc: FCRunner) async throws -> [[String]] {
        let help = try await fc.ok(["--help"]).out
        var paths: [[String]] = [[]]
        for line in help.split(separator: "\n") {
            if line.hasPrefix("GLOBAL OPTIONS") { break }
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let gap = line.dropFirst(2).range(of: "  ") else { continue }
            let words = line.dropFirst(2)[..<gap.lowerBound].split(separator: " ").map(String.init)
            if words.allSatisfy({ $0.allSatisfy { $0.isLowercase || $0 == "-" } }) { paths.append(words) }
        }
        return paths
    }

    /// `$ fc …` lines of each command's help, without duplicates.
    static func examples(_ fc: FCRunner) async throws -> [String] {
        var seen: [String] = []
        for path in try await commandPaths(fc) {
            let help = try await fc.ok(path + ["--help"]).out
            for line in help.split(separator: "\n") where line.hasPrefix("  $ stripe-fc ") {
                let example = String(line.dropFirst("  $ stripe-fc ".count))
                if !seen.contains(example) { seen.append(example) }
            }
        }
        return seen
    }

    @Test("every help example runs and exits 0")
    func examplesRun() async throws {
        let fc = try FCRunner.shared()
        let paths = try await Self.commandPaths(fc)
        #expect(paths.count >= 25, "commands listed in stripe-fc --help: \(paths)")
        let examples = try await Self.examples(fc)
        #expect(examples.count >= 40, "\(examples)")
        // A few at a time: each builds its own fixture on the shared sandbox.
        for batch in stride(from: 0, to: examples.count, by: 4) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for example in examples[batch..<min(batch + 4, examples.count)] {
                    group.addTask { try await ExampleRunner(fc: FCRunner(baseURL: fc.baseURL)).run(example) }
                }
                try await group.waitForAll()
            }
        }
    }
}

/// Runs one help example with real ids, failing the test with the example's text.
struct ExampleRunner {
    let fc: FCRunner
    static var placeholder: Regex<(Substring, Substring)> { /\b(cus|fca|fcsess|pi|fctxnref|pm|mandate|seti|acct|btok)_\d+\b/ }

    func run(_ example: String) async throws {
        let words = ShellWords.split(example)
        let comment = Comment(rawValue: "example: stripe-fc \(example)")
        switch words.first {
        case "sandbox" where !["link", "trigger", "clock", "state"].contains(words.dropFirst().first ?? ""):
            try await runServer(words, comment: comment)
            return
        case "events" where words.contains("follow"):
            try await runFollow(words, comment: comment)
            return
        case "events" where words.contains("forward"):
            try await runForward(words, comment: comment)
            return
        case "link":
            try await runLink(words, comment: comment)
            return
        default: break
        }
        if words.first == "config" || words.contains("config") { try await prepareConfig(words) }
        let args = example.contains(Self.placeholder) ? try await withRealIDs(words) : words
        let result = try await fc.run(args, timeout: 40)
        #expect(result.code == 0, "\(comment)\n\(result)")
    }

    /// Replaces placeholder ids after preparing what the example needs.
    private func withRealIDs(_ words: [String]) async throws -> [String] {
        let linked = try await fc.linkedFixture()
        let checking = try linked.account("Success Checking"), savings = try linked.account("High Yield Savings")
        var ids = ["cus_123": linked.customer, "fcsess_123": linked.session, "fca_123": checking, "fca_1": checking, "fca_2": savings]
        let command = words.prefix(2).joined(separator: " ")
        if words.first == "owners", !words.contains("--refresh") {
            try await fc.ok(["owners", checking, "--refresh", "--wait"])
        }
        if words.first == "transactions", !words.contains("--refresh") {
            let targets = words.contains("--customer") ? linked.accountIDs : [checking]
            let refreshed = try await fc.okJSON(["accounts", "refresh"] + targets + ["--feature", "transactions", "--wait"])
            ids["fctxnref_123"] = refreshed[0]?.value(at: "transaction_refresh.id")?.stringValue
        }
        if command == "sandbox link" {
            ids["fcsess_123"] = try await fc.createSession(customer: linked.customer, permissions: "balances,ownership")
        }
        if command == "payments get" {
            let paid = try await fc.okJSON(["pay", "--account", checking, "--customer", linked.customer, "--amount", "3", "--mandate", "offline", "--wait"])
            ids["pi_123"] = paid["id"]?.stringValue
        }
        if command == "payments cancel" {
            let failed = try await fc.run(["pay", "--account", try linked.account("Insufficient Funds Checking"), "--customer", linked.customer,
                                           "--amount", "3", "--mandate", "offline", "--wait"])
            ids["pi_123"] = try failed.json()["id"]?.stringValue
        }
        if command == "payouts attach" {
            // A connected account and a bank-account token from the sandbox's hosted flow.
            let account = try await LinkTests.connectedAccount(fc)
            let link = try await LinkRun.start(fc, ["--account", account, "--for", "payouts", "--no-browser"])
            _ = try await link.completeInSandbox(Browser())
            ids["acct_123"] = account
            ids["btok_123"] = try await link.running.finish(timeout: 30).json()["id"]?.stringValue
        }
        if words.first == "payment-methods" || words.contains(where: { $0.contains(/\b(pm|mandate|seti)_\d+\b/) }) {
            // A linked account saved by a setup: its payment method, mandate and SetupIntent.
            let saved = try await fc.okJSON(["setup", "--account", checking, "--customer", linked.customer, "--mandate", "offline", "--wait"])
            ids["pm_123"] = saved["payment_method"]?.stringValue
            ids["mandate_123"] = saved["mandate"]?.stringValue
            ids["seti_123"] = saved["id"]?.stringValue
        }
        var words = words
        if let state = words.firstIndex(of: "--state") { words[state + 1] = Scratch.newDirectory("sync") + "/" + words[state + 1] }
        return words.map { word in
            var word = word
            for match in word.matches(of: Self.placeholder).reversed() {
                if let real = ids[String(word[match.range])] { word.replaceSubrange(match.range, with: real) }
            }
            return word
        }
    }

    private func prepareConfig(_ words: [String]) async throws {
        if words == ["config", "get", "api_key"] { try await fc.ok(["config", "set", "api_key", "sk_test_51ExampleConfigKey000042"]) }
        if words == ["config", "unset", "format"] { try await fc.ok(["config", "set", "format", "json"]) }
        if words == ["config", "list"] { try await fc.ok(["config", "set", "format", "json"]) }
    }

    /// `stripe-fc sandbox …` serves until stopped: it must print its address first, then stop on SIGTERM.
    private func runServer(_ words: [String], comment: Comment) async throws {
        var args = words
        // The default port (12111) may be taken on a shared machine; a data file goes to scratch space.
        if !args.contains("--port") { args += ["--port", "0"] }
        if let data = args.firstIndex(of: "--data") { args[data + 1] = Scratch.newDirectory("data") + "/fc-sandbox.json" }
        let server = try fc.start(args)
        let listening = await server.waitFor { out, _ in out.hasPrefix("listening on http://127.0.0.1:") && out.contains("\n") }
        #expect(listening, "\(comment)\n\(server.stdoutSoFar)\(server.stderrSoFar)")
        server.child.signal(SIGTERM)
        let result = try await server.finish(timeout: 10)
        #expect(result.code == 143, "stops cleanly on SIGTERM, with 143: \(comment)\n\(result)")
    }

    /// `stripe-fc events follow … --until-type payment_intent.succeeded` ends once a payment succeeds.
    private func runFollow(_ words: [String], comment: Comment) async throws {
        let follow = try fc.start(words)
        // The example has no --verbose to tell when follow took its starting point: give it a second.
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let linked = try await fc.linkedFixture()
        try await fc.ok(["pay", "--account", try linked.account("Success Checking"), "--customer", linked.customer,
                         "--amount", "1", "--mandate", "offline", "--wait"])
        let result = try await follow.finish(timeout: 20)
        #expect(result.code == 0, "\(comment)\n\(result)")
        #expect(try result.jsonLines().last?["type"] == "payment_intent.succeeded", "\(comment)\n\(result)")
    }

    /// `stripe-fc events forward --to URL …` delivers to a receiver standing in for the example's URL:
    /// with `--once` it exits 0; following, it delivers a new account's events and stops on Ctrl-C (130).
    private func runForward(_ words: [String], comment: Comment) async throws {
        let receiver = try WebhookReceiver.start()
        defer { receiver.stop() }
        let args = words.map { $0.hasPrefix("http://127.0.0.1:4242/") ? receiver.url : $0 }
        if words.contains("--once") {
            let result = try await fc.run(args, timeout: 60)
            #expect(result.code == 0, "\(comment)\n\(result)")
            return
        }
        let forward = try fc.start(args)
        // As for follow: give it a second to take its starting point.
        try await Task.sleep(nanoseconds: 1_000_000_000)
        _ = try await fc.linkedFixture()
        #expect(await receiver.wait(for: 1), "\(comment)\n\(forward.stderrSoFar)")
        forward.child.signal(SIGINT)
        let result = try await forward.finish(timeout: 20)
        #expect(result.code == 130, "\(comment)\n\(result)")
    }

    /// `stripe-fc link … --no-browser` prints the page's address and waits; the sandbox's flow, completed
    /// over HTTP, ends it with the linked accounts (or, with --for payouts --attach, the new bank account).
    private func runLink(_ words: [String], comment: Comment) async throws {
        var ids = ["cus_123": try await fc.createCustomer()]
        if words.contains("acct_123") { ids["acct_123"] = try await LinkTests.connectedAccount(fc) }
        let link = try await LinkRun.start(fc, words.dropFirst().map { ids[$0] ?? $0 })
        _ = try await link.completeInSandbox(Browser())
        let result = try await link.running.finish(timeout: 30)
        #expect(result.code == 0, "\(comment)\n\(result)")
        let printed = try result.json()
        if words.contains("--attach") {
            #expect(printed["object"] == "bank_account", "\(comment)\n\(result)")
        } else {
            #expect((printed.arrayValue ?? []).count == 4, "\(comment)\n\(result)")
        }
    }
}
