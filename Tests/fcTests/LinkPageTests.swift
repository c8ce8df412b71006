@testable import fc
import FCKit
import FCSandbox
import Foundation
import Testing

/// The page `stripe-fc link` serves against Stripe, and its one-shot server's rules, driven at the handler.
@Suite("link page")
struct LinkPageTests {
    static let secret = "fcsess_client_secret_TESTsecret123"

    func server(_ flow: LinkFlow = .accounts) -> LinkServer {
        LinkServer(page: .stripe(.init(publishableKey: "pk_test_abc", clientSecret: Self.secret, flow: flow)), token: String(repeating: "a", count: 64),
                   nonce: "n0nce")
    }

    func request(_ server: LinkServer, _ method: String, _ path: String, body: String = "", host: String = "127.0.0.1:0") async -> (status: Int, headers: [(name: String, value: String)], text: String) {
        let response = await server.handle(SandboxRequest(method: method, path: path, headers: [("Host", host)], body: Array(body.utf8)))
        response.afterSend?()  // as the HTTP server does once the answer is written
        return (response.status, response.headers, String(decoding: response.body, as: UTF8.self))
    }

    func header(_ headers: [(name: String, value: String)], _ name: String) -> String? { HTTPHeaders.first(name, in: headers) }

    @Test("loads Stripe.js from js.stripe.com, fetches the secret by POST, calls collectFinancialConnectionsAccounts with it; the secret is not in the page")
    func stripePage() async throws {
        let s = server()
        let page = await request(s, "GET", "/" + s.token)
        #expect(page.status == 200)
        #expect(page.text.contains("<script src=\"https://js.stripe.com/v3/\" nonce=\"n0nce\"></script>"))
        #expect(page.text.contains("post('/secret')"))
        #expect(page.text.contains("method: 'POST'"))
        #expect(page.text.contains("stripe.collectFinancialConnectionsAccounts({clientSecret: config.client_secret})"))
        #expect(page.text.contains("Stripe(config.publishable_key)"))
        #expect(page.text.contains("post('/outcome'"))
        #expect(!page.text.contains(Self.secret))
        #expect(!page.text.contains("pk_test_abc"), "the key comes with the secret")
        // Accessible and plain: a language, a viewport, a heading, a live status line, a real button.
        for part in ["<html lang=\"en\">", "name=\"viewport\"", "<h1>", "role=\"status\" aria-live=\"polite\"", "<button id=\"start\" type=\"button\""] {
            #expect(page.text.contains(part), "\(part)")
        }
        let secret = await request(s, "POST", "/\(s.token)/secret")
        #expect(secret.status == 200)
        let config = try JSON.parse(secret.text)
        #expect(config["client_secret"]?.stringValue == Self.secret)
        #expect(config["publishable_key"] == "pk_test_abc")
        #expect(config["flow"] == "accounts")
        #expect(await request(s, "GET", "/\(s.token)/secret").status == 404, "only by POST")
    }

    @Test("--for payouts calls collectBankAccountToken and reports the token id")
    func payoutsPage() async throws {
        let s = server(.bankAccountToken)
        let page = await request(s, "GET", "/" + s.token)
        #expect(page.text.contains("stripe.collectBankAccountToken({clientSecret: config.client_secret})"))
        #expect(page.text.contains("token: result.token.id"))
        #expect(try JSON.parse(await request(s, "POST", "/\(s.token)/secret").text)["flow"] == "bank_account_token")
    }

    @Test("the Content-Security-Policy allows scripts only from js.stripe.com (and the page's nonce), connections only to itself and api.stripe.com")
    func contentSecurityPolicy() async throws {
        let s = server()
        let page = await request(s, "GET", "/" + s.token)
        let csp = try #require(header(page.headers, "Content-Security-Policy"))
        var directives: [String: [String]] = [:]
        for part in csp.split(separator: ";") {
            let words = part.split(separator: " ").map(String.init)
            if let name = words.first { directives[name] = Array(words.dropFirst()) }
        }
        #expect(directives["default-src"] == ["'none'"])
        #expect(directives["script-src"] == ["'nonce-n0nce'", "https://js.stripe.com", "https://*.js.stripe.com"])
        #expect(directives["connect-src"] == ["'self'", "https://api.stripe.com"])
        #expect(directives["frame-src"] == ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"])
        #expect(directives["frame-ancestors"] == ["'none'"])
        #expect(directives["base-uri"] == ["'none'"])
        for (name, sources) in directives {
            for source in sources where source.hasPrefix("https://") {
                #expect(source.hasSuffix("stripe.com"), "\(name) allows \(source), not a Stripe origin")
            }
            #expect(!sources.contains("'unsafe-eval'") && !(name == "script-src" && sources.contains("'unsafe-inline'")))
        }
        #expect(header(page.headers, "Cache-Control") == "no-store")
        #expect(header(page.headers, "Referrer-Policy") == "no-referrer")
        // The only inline script carries the nonce.
        #expect(page.text.components(separatedBy: "<script").count - 1 == 2)
        #expect(page.text.components(separatedBy: "nonce=\"n0nce\"").count - 1 == 2)
    }

    @Test("every other path, another token, or another Host is 404")
    func onlyTheToken() async throws {
        let s = server()
        #expect(await request(s, "GET", "/").status == 404)
        #expect(await request(s, "GET", "/" + String(repeating: "b", count: 64)).status == 404)
        #expect(await request(s, "POST", "/\(String(repeating: "b", count: 64))/secret").status == 404)
        #expect(await request(s, "GET", "/\(s.token)/other").status == 404)
        #expect(await request(s, "GET", "/\(s.token)x").status == 404)
        #expect(await request(s, "GET", "/" + s.token, host: "attacker.example:0").status == 404, "a rebinding name is refused")
        #expect(await request(s, "GET", "/" + s.token, host: "localhost:0").status == 200)
    }

    @Test("the first outcome ends the wait; a bad one is refused; later ones change nothing")
    func outcome() async throws {
        let s = server()
        #expect(await request(s, "POST", "/\(s.token)/outcome", body: "outcome=maybe").status == 400)
        let waiting = Task { try await s.outcome() }
        let done = await request(s, "POST", "/\(s.token)/outcome", body: "outcome=error&message=Bank+unavailable")
        #expect(done.status == 200)
        #expect(done.text.contains("You can close this tab"))
        #expect(try await waiting.value == LinkOutcome(kind: "error", message: "Bank unavailable", token: nil))
        _ = await request(s, "POST", "/\(s.token)/outcome", body: "outcome=linked")
        #expect(try await s.outcome().kind == "error")
    }

    @Test("a wait that is cancelled (Ctrl-C) ends")
    func cancelledWait() async throws {
        let s = server()
        let waiting = Task { try await s.outcome() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}

@Suite("link command")
struct LinkCommandTests {
    static let stripeSession = #"{"id":"fcsess_1","object":"financial_connections.session","client_secret":"fcsess_client_secret_abc","accounts":{"object":"list","data":[],"has_more":false,"url":"/v1/financial_connections/accounts"},"livemode":false,"permissions":["balances"]}"#

    @Test("against api.stripe.com with no publishable key: exit 2 naming all three places, nothing sent")
    func missingPublishableKey() async throws {
        let r = await run(["link", "--customer", "cus_1", "--permission", "balances"])
        #expect(r.code == 2)
        for name in ["--publishable-key", "STRIPE_PUBLISHABLE_KEY", "publishable_key"] { #expect(r.err.contains(name), "\(r.err)") }
        #expect(r.requests.isEmpty)
    }

    @Test("a live publishable key with a test secret key, or the reverse, is refused before anything is sent",
          arguments: [("pk_live_abc", "sk_test_123", "live-mode key but the secret key"), ("pk_test_abc", "sk_live_123", "test-mode key but the secret key")])
    func modesMustMatch(_ c: (String, String, String)) async throws {
        var env = testEnv(key: c.1)
        env["STRIPE_PUBLISHABLE_KEY"] = c.0
        let r = await run(["link", "--customer", "cus_1", "--permission", "balances"], env: env)
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.contains(c.2), "\(r.err)")
        #expect(r.err.contains("STRIPE_PUBLISHABLE_KEY"))
        #expect(r.requests.isEmpty)
    }

    @Test("--publishable-key beats STRIPE_PUBLISHABLE_KEY beats the profile; the profile's is read")
    func profileKey() async throws {
        let home = uniqueConfigHome()
        #expect(await run(["config", "set", "publishable_key", "pk_test_fromprofile"], env: testEnv(configHome: home)).code == 0)
        #expect(await run(["config", "set", "publishable_key", "sk_test_wrong"], env: testEnv(configHome: home)).code == 2)
        // Against api.stripe.com: no discovery; the session is created, then the wait gives up at once (the test sleep returns at once): exit 5.
        let r = await run(["link", "--customer", "cus_1", "--permission", "balances", "--no-browser"], env: testEnv(configHome: home),
                          stubs: [.json("POST", "/v1/financial_connections/sessions", Self.stripeSession)])
        #expect(r.code == 5, "\(r.err)")
        #expect(r.err.contains("gave up waiting for the browser to finish linking (session fcsess_1)"), "\(r.err)")
        #expect(r.requests.map(\.method) == ["POST"], "no discovery request to api.stripe.com")
        #expect(!r.err.contains("fcsess_client_secret_abc") && !r.out.contains("fcsess_client_secret_abc"))
        var env = testEnv(configHome: home)
        env["STRIPE_PUBLISHABLE_KEY"] = "pk_live_fromenv"
        let fromEnv = await run(["link", "--customer", "cus_1", "--permission", "balances"], env: env)
        #expect(fromEnv.code == 2)
        #expect(fromEnv.err.contains("the publishable key from STRIPE_PUBLISHABLE_KEY is a live-mode key"), "the variable beats the profile: \(fromEnv.err)")
        let fromFlag = await run(["link", "--customer", "cus_1", "--permission", "balances", "--publishable-key", "pk_live_flag"], env: env)
        #expect(fromFlag.err.contains("the publishable key from --publishable-key is a live-mode key"), "the flag beats the variable: \(fromFlag.err)")
        let bad = await run(["link", "--customer", "cus_1", "--permission", "balances", "--publishable-key", "nope"], env: testEnv(configHome: home))
        #expect(bad.code == 2)
        #expect(bad.err.contains("publishable key from --publishable-key must start with pk_test_ or pk_live_"), "\(bad.err)")
    }

    @Test("usage: --attach needs --for payouts; --for payouts needs --account and payment_method; data needs --permission")
    func usage() async throws {
        let cases: [([String], String)] = [
            (["--customer", "cus_1", "--permission", "balances", "--attach"], "--attach needs --for payouts"),
            (["--customer", "cus_1", "--for", "payouts"], "--for payouts links a bank account for a connected account's payouts"),
            (["--account", "acct_1", "--for", "payouts", "--permission", "balances"], "--for payouts needs --permission payment_method"),
            (["--customer", "cus_1"], "missing required option --permission"),
            (["--customer", "cus_1", "--permission", "balances", "--for", "money"], "--for"),
        ]
        for (args, message) in cases {
            let r = await run(["link"] + args)
            #expect(r.code == 2, "\(args): \(r.err)")
            #expect(r.err.contains(message), "\(args): \(r.err)")
            #expect(r.requests.isEmpty)
        }
    }
}
