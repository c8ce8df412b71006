import FCKit
import Foundation
import Testing

/// `stripe-fc link --no-browser`: the command prints the page's address; the test is the browser.
struct LinkRun {
    let running: RunningFC
    let page: String

    /// Starts `stripe-fc link args…` and waits for the address on stderr.
    static func start(_ fc: FCRunner, _ args: [String], env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> LinkRun {
        let running = try fc.start(["link"] + args, env: env)
        let printed = await running.waitFor(timeout: 20) { _, err in err.contains(try! Regex(#"http://127\.0\.0\.1:\d+/[0-9a-f]{64}"#)) }
        try #require(printed, "no address on stderr: \(running.stderrSoFar)", sourceLocation: sourceLocation)
        let page = try #require(running.stderrSoFar.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{64}/).map { String($0.0) })
        return LinkRun(running: running, page: page)
    }

    /// The sandbox flow from the local page to the hand-back: consent, bank, accounts, success, Done.
    /// `accounts` are the indices to tick (nil: as preselected). Returns every page seen.
    func completeInSandbox(_ browser: Browser, institution: String = "Test Institution", accounts: [String]? = nil,
                           sourceLocation: SourceLocation = #_sourceLocation) async throws -> [WebPage] {
        let local = try await browser.get(page)
        let consent = try await browser.click("Start linking", on: local)
        let banks = try await browser.click("Agree and continue", on: consent)
        let choose = try await browser.click("Continue", on: banks, choosing: ["institution": [institution]])
        let button = choose.text.contains("Link account<") ? "Link account" : "Link accounts"
        let success = try await browser.click(button, on: choose, choosing: accounts.map { ["accounts[]": $0] } ?? [:])
        #expect(success.status == 200, "\(success)", sourceLocation: sourceLocation)
        let done = try await browser.click("Done", on: success)
        #expect(done.text.contains("You can close this tab"), "\(done)", sourceLocation: sourceLocation)
        return [local, consent, banks, choose, success, done]
    }
}

@Suite("link", .sandbox())
struct LinkTests {
    @Test("link --no-browser against the sandbox: its hosted flow over HTTP, then the accounts as 'accounts list' prints them, exit 0")
    func linksThroughTheSandboxFlow() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let link = try await LinkRun.start(fc, ["--customer", customer, "--permission", "balances,transactions", "--no-browser",
                                                "--subcategory", "checking,savings", "--max-accounts", "2"])
        let browser = Browser()
        let pages = try await link.completeInSandbox(browser, accounts: ["0", "3"])
        let choose = pages[3]
        let boxes = try choose.form(button: "Link accounts").options("accounts[]")
        #expect(boxes.map(\.enabled) == [true, true, false, true], "the credit card is filtered out")
        #expect(pages[1].text.contains("Balances: how much is in each account") && pages[1].text.contains("Transactions:"))
        let result = try await link.running.finish(timeout: 30)
        #expect(result.code == 0, "\(result)")
        let printed = try result.json().arrayValue ?? []
        #expect(printed.compactMap { $0["display_name"]?.stringValue }.sorted() == ["Insufficient Funds Checking", "Success Checking"])
        let listed = try await fc.okJSON(["accounts", "list", "--customer", customer])
        #expect(printed == listed.arrayValue, "link prints the accounts as 'accounts list' does")
        // The page is gone once the command is done.
        await #expect(throws: (any Error).self) { try await browser.get(link.page) }
    }

    @Test("--account acct_… --for payouts --attach: a token through the sandbox flow, then the connected account's new external bank account")
    func payoutsAttach() async throws {
        let fc = try FCRunner.shared()
        let account = try await Self.connectedAccount(fc)
        let link = try await LinkRun.start(fc, ["--account", account, "--for", "payouts", "--attach", "--no-browser"])
        let pages = try await link.completeInSandbox(Browser(), accounts: ["1"])
        #expect(pages[4].text.contains("Bank account token: <code>btok_"))
        let result = try await link.running.finish(timeout: 30)
        #expect(result.code == 0, "\(result)")
        let bank = try result.json()
        #expect(bank["object"] == "bank_account")
        #expect(bank["account"]?.stringValue == account)
        #expect(bank["id"]?.stringValue?.hasPrefix("ba_") == true)
        #expect(bank["default_for_currency"] == true)
        let stored = try await Self.raw(fc, ConnectAPI.retrieveAccount(account))
        #expect(stored.value(at: "external_accounts.data")?.arrayValue == [bank])
    }

    @Test("--for payouts prints the token; 'payouts attach' attaches it once, then Stripe's token_already_used (exit 1)")
    func payoutsTokenThenAttach() async throws {
        let fc = try FCRunner.shared()
        let account = try await Self.connectedAccount(fc)
        let session = try await fc.okJSON(["sessions", "create", "--account", account, "--permission", "payment_method"])
        #expect(session.value(at: "account_holder.account")?.stringValue == account, "a v1 connected account holds a session")
        #expect(session.value(at: "account_holder.type") == "account")
        let link = try await LinkRun.start(fc, ["--account", account, "--for", "payouts", "--no-browser"])
        _ = try await link.completeInSandbox(Browser())
        let result = try await link.running.finish(timeout: 30)
        #expect(result.code == 0, "\(result)")
        let token = try result.json()
        #expect(token["object"] == "token")
        #expect(token["type"] == "bank_account")
        #expect(token.value(at: "bank_account.routing_number") == "110000000")
        let tokenId = try #require(token["id"]?.stringValue)
        let attached = try await fc.okJSON(["payouts", "attach", "--account", account, "--token", tokenId])
        #expect(attached["object"] == "bank_account")
        #expect(attached["last4"] == token.value(at: "bank_account.last4"))
        let again = try await fc.run(["payouts", "attach", "--account", account, "--token", tokenId])
        #expect(again.code == 1, "\(again)")
        #expect(again.err.contains("You cannot use a Stripe token more than once"), "\(again)")
        #expect(again.err.contains("token_already_used"), "\(again)")
        let unknown = try await fc.run(["payouts", "attach", "--account", account, "--token", "btok_nope"])
        #expect(unknown.code == 1)
        #expect(unknown.err.contains("No such token: 'btok_nope'"), "\(unknown)")
    }

    @Test("only the token path answers: another token, another path, or the secret endpoint of a sandbox page is 404")
    func wrongTokenIs404() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let link = try await LinkRun.start(fc, ["--customer", customer, "--permission", "balances", "--no-browser"])
        let browser = Browser()
        let origin = "http://" + link.page.split(separator: "/")[1]
        let other = origin + "/" + String(repeating: "0", count: 64)
        #expect(try await browser.get(other).status == 404)
        #expect(try await browser.get(origin + "/").status == 404)
        #expect(try await browser.get(origin + "/favicon.ico").status == 404)
        #expect(try await browser.post(other + "/outcome", [("outcome", "linked")]).status == 404)
        #expect(try await browser.post(link.page + "/secret", []).status == 404, "the sandbox page hands the secret to no script")
        #expect(try await browser.get(link.page).status == 200)
        #expect(link.running.child.exitCode == nil, "a wrong token ends nothing")
        _ = try await browser.click("Cancel", on: try await browser.get(link.page))
        let result = try await link.running.finish(timeout: 30)
        #expect(result.code == 1, "\(result)")
    }

    @Test("Cancel on the local page, or in the sandbox flow: nothing linked, exit 1")
    func cancel() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let first = try await LinkRun.start(fc, ["--customer", customer, "--permission", "balances", "--no-browser"])
        let browser = Browser()
        let done = try await browser.click("Cancel", on: try await browser.get(first.page))
        #expect(done.text.contains("Nothing was linked"))
        let local = try await first.running.finish(timeout: 30)
        #expect(local.code == 1, "\(local)")
        #expect(local.out.isEmpty)
        #expect(local.err.contains("nothing was linked: linking was cancelled in the browser"), "\(local)")

        let second = try await LinkRun.start(fc, ["--customer", customer, "--permission", "balances", "--no-browser"])
        let consent = try await browser.click("Start linking", on: try await browser.get(second.page))
        let cancelled = try await browser.click("Cancel", on: consent)
        _ = try await browser.click("Done", on: cancelled)
        let inFlow = try await second.running.finish(timeout: 30)
        #expect(inFlow.code == 1, "\(inFlow)")
        #expect(inFlow.err.contains("linking was cancelled"), "\(inFlow)")
    }

    @Test("--wait-timeout: nobody comes, exit 5")
    func timeout() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let result = try await fc.run(["link", "--customer", customer, "--permission", "balances", "--no-browser", "--wait-timeout", "1s"])
        #expect(result.code == 5, "\(result)")
        #expect(result.err.contains("gave up waiting for the browser to finish linking"), "\(result)")
    }

    @Test("secret hygiene: the client secret is in no URL visited or requested, and on no output, --verbose included")
    func secretHygiene() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let link = try await LinkRun.start(fc, ["--customer", customer, "--permission", "balances", "--no-browser", "--verbose"])
        let browser = Browser()
        let pages = try await link.completeInSandbox(browser)
        let secret = try #require(pages[0].text.firstMatch(of: /fcsess_client_secret_[A-Za-z0-9]+/).map { String($0.0) })
        let result = try await link.running.finish(timeout: 30)
        #expect(result.code == 0, "\(result)")
        #expect(result.err.contains("POST /v1/financial_connections/sessions 200"), "--verbose logged the exchanges: \(result.err)")
        for url in browser.visited { #expect(!url.contains(secret), "\(url)") }
        #expect(!link.page.contains(secret))
        #expect(!result.out.contains(secret))
        #expect(!result.err.contains(secret))
        #expect(!result.out.contains("client_secret") && !result.err.contains("client_secret"))
        #expect(pages[0].header("Cache-Control") == "no-store")
        #expect(pages[0].header("Referrer-Policy") == "no-referrer")
    }

    @Test("against Stripe (a stand-in that has no hosted flow): the Stripe.js page, the secret by POST, the outcome back; keys checked")
    func stripeJSPath() async throws {
        let fc = try FCRunner.shared()
        let standIn = try StripeStandIn.start(upstream: fc.baseURL)
        defer { standIn.stop() }
        let viaStripe = FCRunner(baseURL: standIn.url)
        let customer = try await fc.createCustomer()

        let noKey = try await viaStripe.run(["link", "--customer", customer, "--permission", "balances", "--no-browser"])
        #expect(noKey.code == 2, "\(noKey)")
        for name in ["--publishable-key", "STRIPE_PUBLISHABLE_KEY", "publishable_key"] { #expect(noKey.err.contains(name), "\(noKey.err)") }
        #expect(!standIn.requests.contains { $0.line.hasPrefix("POST") }, "no session was created")
        let live = try await viaStripe.run(["link", "--customer", customer, "--permission", "balances", "--no-browser", "--publishable-key", "pk_live_abc"])
        #expect(live.code == 2, "\(live)")
        #expect(live.err.contains("live-mode key but the secret key"), "\(live)")

        let link = try await LinkRun.start(viaStripe, ["--customer", customer, "--permission", "balances", "--no-browser", "--verbose"],
                                           env: ["STRIPE_PUBLISHABLE_KEY": "pk_test_standin"])
        let browser = Browser()
        let page = try await browser.get(link.page)
        #expect(page.text.contains("<script src=\"https://js.stripe.com/v3/\""))
        #expect(page.text.contains("collectFinancialConnectionsAccounts({clientSecret: config.client_secret})"))
        #expect(!page.text.contains("fcsess_client_secret_"))
        let csp = try #require(page.header("Content-Security-Policy"))
        #expect(csp.contains("script-src 'nonce-") && csp.contains(" https://js.stripe.com "))
        let config = try JSON.parse(try await browser.post(link.page + "/secret", []).text)
        #expect(config["publishable_key"] == "pk_test_standin")
        let secret = try #require(config["client_secret"]?.stringValue)
        let session = try #require(standIn.requests.first { $0.line == "POST /v1/financial_connections/sessions" })
        #expect(session.body.contains("account_holder[customer]=\(customer)"))
        let linkedSession = try #require(link.running.stderrSoFar.firstMatch(of: /\(session (fcsess_[A-Za-z0-9]+)\)/).map { String($0.1) })
        // What Stripe.js does in the browser, done here: the session gets its accounts, then the page reports.
        try await fc.ok(["sandbox", "link", linkedSession, "--institution", "Ownership Accounts"])
        let done = try await browser.post(link.page + "/outcome", [("outcome", "linked")])
        #expect(done.status == 200)
        let result = try await link.running.finish(timeout: 30)
        #expect(result.code == 0, "\(result)")
        #expect(try result.json().arrayValue?.count == 2)
        for request in standIn.requests { #expect(!request.line.contains(secret), "\(request.line)") }
        #expect(!result.out.contains(secret) && !result.err.contains(secret))
        #expect(standIn.requests.contains { $0.line == "GET /v1/test_helpers/financial_connections/hosted_flow" }, "asked for the sandbox flow first")
    }

    @Test("against Stripe, an error Stripe.js reported is exit 1 with its message; no accounts after 'nothing' is exit 1 too")
    func stripeJSError() async throws {
        let fc = try FCRunner.shared()
        let standIn = try StripeStandIn.start(upstream: fc.baseURL)
        defer { standIn.stop() }
        let viaStripe = FCRunner(baseURL: standIn.url)
        let customer = try await fc.createCustomer()
        let env = ["STRIPE_PUBLISHABLE_KEY": "pk_test_standin"]
        let failing = try await LinkRun.start(viaStripe, ["--customer", customer, "--permission", "balances", "--no-browser"], env: env)
        _ = try await Browser().post(failing.page + "/outcome", [("outcome", "error"), ("message", "The institution is unavailable.")])
        let failed = try await failing.running.finish(timeout: 30)
        #expect(failed.code == 1, "\(failed)")
        #expect(failed.err.contains("linking failed in the browser: The institution is unavailable."), "\(failed)")
        let empty = try await LinkRun.start(viaStripe, ["--customer", customer, "--permission", "balances", "--no-browser"], env: env)
        _ = try await Browser().post(empty.page + "/outcome", [("outcome", "nothing")])
        let nothing = try await empty.running.finish(timeout: 30)
        #expect(nothing.code == 1, "\(nothing)")
        #expect(nothing.err.contains("nothing was linked: the browser finished without linking any account"), "\(nothing)")
    }

    // MARK: helpers

    /// A Custom US connected account, created on the sandbox directly.
    static func connectedAccount(_ fc: FCRunner) async throws -> String {
        let account = try await raw(fc, ConnectAPI.createAccount(["type": "custom", "country": "US",
                                                                  "capabilities": ["transfers": ["requested": "true"]]]))
        return try #require(account["id"]?.stringValue)
    }

    static func raw(_ fc: FCRunner, _ request: StripeRequest) async throws -> JSON {
        var configuration = ClientConfiguration(apiKey: FCRunner.apiKey)
        configuration.baseURL = fc.baseURL
        return try await StripeClient(configuration: configuration, transport: CurlTransport()).send(request).json
    }
}
