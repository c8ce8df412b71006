import FCKit
import Foundation
import Testing
@testable import FCSandbox

/// The sandbox's hosted linking flow, driven as a browser would: each page POSTed with the
/// client secret in the body (no API key), each form's fields read from the page before.
struct HostedBrowser {
    let h: Harness
    let secret: String
    var flow = "accounts"
    var returnTo: String? = "http://127.0.0.1:9/abc/outcome"

    var fields: String {
        var f = "client_secret=\(FormEncoder.escape(secret, keepBrackets: false))&flow=\(flow)"
        if let returnTo { f += "&return_to=\(FormEncoder.escape(returnTo, keepBrackets: false))" }
        return f
    }

    func post(_ step: String, _ extra: String = "") async -> Answer {
        await h.send("POST", "/link/\(step)", body: fields + extra, key: nil)
    }

    /// `accounts` are indices into the institution's accounts.
    func complete(_ institution: String, _ accounts: [Int]) async -> Answer {
        await post("complete", "&institution=\(FormEncoder.escape(institution, keepBrackets: false))"
                   + accounts.map { "&accounts%5B%5D=\($0)" }.joined())
    }
}

/// Properties and required members of the objects the payouts flow adds, from Stripe's OpenAPI
/// spec (fc-openapi.json, `components.schemas`): every member the sandbox sends must be a
/// property there, and every required one present.
enum SpecShape {
    static let shapes: [String: (properties: Set<String>, required: Set<String>)] = [
        "token": (["bank_account", "card", "client_ip", "created", "id", "livemode", "object", "type", "used"],
                  ["created", "id", "livemode", "object", "type", "used"]),
        "bank_account": (["account", "account_holder_name", "account_holder_type", "account_type", "available_payout_methods", "bank_name",
                          "country", "currency", "customer", "default_for_currency", "fingerprint", "future_requirements", "id", "last4",
                          "metadata", "object", "requirements", "routing_number", "status"],
                         ["country", "currency", "id", "last4", "object", "status"]),
        "account": (["business_profile", "business_type", "capabilities", "charges_enabled", "company", "controller", "country", "created",
                     "default_currency", "details_submitted", "email", "external_accounts", "future_requirements", "id", "individual",
                     "metadata", "object", "payouts_enabled", "requirements", "settings", "tos_acceptance", "type"],
                    ["id", "object"]),
        "financial_connections.session": (["account_holder", "accounts", "bank_account_token", "client_secret", "filters", "id", "limits",
                                           "livemode", "manual_entry", "object", "permissions", "prefetch", "return_url"],
                                          ["accounts", "id", "livemode", "object", "permissions"]),
        "account_requirements": (["alternatives", "current_deadline", "currently_due", "disabled_reason", "errors", "eventually_due",
                                  "past_due", "pending_verification"], []),
        "external_account_requirements": (["currently_due", "errors", "past_due", "pending_verification"], []),
        "account_business_profile": (["mcc", "monthly_estimated_revenue", "name", "product_description", "support_address",
                                      "support_email", "support_phone", "support_url", "url"], []),
        "account_tos_acceptance": (["date", "ip", "service_agreement", "user_agent"], []),
    ]

    /// Nested members checked against their own schema.
    static let nested: [String: [String: String]] = [
        "token": ["bank_account": "bank_account"],
        "bank_account": ["requirements": "external_account_requirements", "future_requirements": "external_account_requirements"],
        "account": ["requirements": "account_requirements", "future_requirements": "account_requirements",
                    "business_profile": "account_business_profile", "tos_acceptance": "account_tos_acceptance"],
        "financial_connections.session": ["bank_account_token": "token"],
    ]

    static func check(_ object: JSON, as name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let shape = shapes[name], let members = object.objectValue else {
            Issue.record("\(name): not an object: \(object)", sourceLocation: sourceLocation)
            return
        }
        let keys = Set(members.keys)
        #expect(keys.subtracting(shape.properties).isEmpty, "\(name) has members the spec does not: \(keys.subtracting(shape.properties).sorted())",
                sourceLocation: sourceLocation)
        #expect(shape.required.subtracting(keys).isEmpty, "\(name) lacks required members: \(shape.required.subtracting(keys).sorted())",
                sourceLocation: sourceLocation)
        for (member, schema) in nested[name] ?? [:] {
            if let value = members[member], !value.isNull { check(value, as: schema, sourceLocation: sourceLocation) }
        }
        if name == "account", let list = members["external_accounts"]?["data"]?.arrayValue {
            for item in list { check(item, as: "bank_account", sourceLocation: sourceLocation) }
        }
    }
}

@Suite("Sandbox hosted linking flow")
struct HostedFlowTests {
    func session(_ h: Harness, _ holder: String, permissions: [String] = ["balances", "payment_method"], extra: String = "") async -> (id: String, secret: String) {
        let perms = permissions.map { "permissions[]=\($0)" }.joined(separator: "&")
        let s = await h.post("/v1/financial_connections/sessions", "\(holder)&\(perms)\(extra)")
        return (s.id, s["client_secret"]?.stringValue ?? "")
    }

    func customerSession(_ h: Harness, permissions: [String] = ["balances", "payment_method"], extra: String = "") async -> (id: String, secret: String) {
        let cus = await h.customer()
        return await session(h, "account_holder[type]=customer&account_holder[customer]=\(cus)", permissions: permissions, extra: extra)
    }

    @Test("discovery: an API route Stripe does not have, behind the API key, pointing at /link/start")
    func discovery() async throws {
        let h = try Harness()
        let found = await h.get("/v1/test_helpers/financial_connections/hosted_flow")
        #expect(found.status == 200)
        #expect(found["url"] == "/link/start")
        #expect(found["flows"] == ["accounts", "bank_account_token"])
        #expect(await h.send("GET", "/v1/test_helpers/financial_connections/hosted_flow", key: nil).status == 401)
    }

    @Test("consent lists the permissions; the bank page lists every institution; the accounts page honours filters and the limit")
    func pages() async throws {
        let h = try Harness()
        let (_, secret) = await customerSession(h, permissions: ["balances", "ownership"],
                                                extra: "&filters[account_subcategories][]=checking&filters[account_subcategories][]=savings&limits[accounts]=2")
        let browser = HostedBrowser(h: h, secret: secret)
        let consent = await browser.post("start")
        #expect(consent.status == 200)
        #expect(consent.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(consent.text.contains("Balances: how much is in each account"))
        #expect(consent.text.contains("Ownership: the names"))
        #expect(!consent.text.contains("Transactions:"))
        #expect(consent.text.contains("action=\"/link/institutions\""))
        #expect(consent.text.contains("action=\"/link/cancel\""))
        #expect(consent.text.contains("<meta name=\"viewport\""))
        let banks = await browser.post("institutions")
        for name in ["Test Institution", "Ownership Accounts", "Invalid Payment Accounts", "Down Bank (Error)"] {
            #expect(banks.text.contains("value=\"\(escapeHTML(name))\""), "\(name)")
        }
        #expect(banks.text.contains("<legend>Choose your bank</legend>"))
        let accounts = await browser.post("accounts", "&institution=Test+Institution")
        #expect(accounts.text.contains("You can link up to 2 accounts"))
        #expect(accounts.text.contains("id=\"account-2\" value=\"2\" disabled"), "the credit card is filtered out")
        #expect(accounts.text.contains("Not available: the session asks only for checking or savings accounts."))
        #expect(accounts.text.contains("<label for=\"account-0\">Success Checking ••••6789"))
        #expect(accounts.text.contains("id=\"account-0\" value=\"0\" checked"))
        #expect(accounts.text.contains("id=\"account-3\" value=\"3\">"), "only as many preselected as the limit allows")
    }

    @Test("complete links exactly the chosen accounts; more than the limit, none, or a filtered one is refused with the page again")
    func complete() async throws {
        let h = try Harness()
        let (id, secret) = await customerSession(h, extra: "&filters[account_subcategories][]=checking&filters[account_subcategories][]=savings&limits[accounts]=2")
        let browser = HostedBrowser(h: h, secret: secret)
        let tooMany = await browser.complete("Test Institution", [0, 1, 3])
        #expect(tooMany.status == 400)
        #expect(tooMany.text.contains("Choose at most 2 accounts."))
        let none = await browser.complete("Test Institution", [])
        #expect(none.text.contains("Choose an account to link."))
        let filtered = await browser.complete("Test Institution", [2])
        #expect(filtered.text.contains("cannot be linked in this session"))
        #expect(await h.get("/v1/financial_connections/sessions/\(id)")["accounts.data"]?.arrayValue?.isEmpty == true, "nothing linked yet")
        let done = await browser.complete("Test Institution", [0, 3])
        #expect(done.status == 200)
        #expect(done.text.contains("Linked 2 accounts at Test Institution"))
        #expect(done.text.contains("action=\"http://127.0.0.1:9/abc/outcome\""))
        #expect(done.text.contains("name=\"outcome\" value=\"linked\""))
        let s = await h.get("/v1/financial_connections/sessions/\(id)")
        let names = s["accounts.data"]?.arrayValue?.compactMap { $0["display_name"]?.stringValue }.sorted()
        #expect(names == ["Insufficient Funds Checking", "Success Checking"])
        SpecShape.check(s.json, as: "financial_connections.session")
        let again = await browser.post("start")
        #expect(again.status == 400)
        #expect(again.text.contains("already been completed"))
    }

    @Test("the client secret is the only key: a wrong one is 404, the session id in the path is no route, return_to must be loopback")
    func authorization() async throws {
        let h = try Harness()
        let (id, secret) = await customerSession(h)
        let wrong = await HostedBrowser(h: h, secret: secret + "x").post("start")
        #expect(wrong.status == 404)
        #expect(wrong.text.contains("No session has this client secret"))
        #expect(await h.send("GET", "/link/\(id)", key: nil).status == 404)
        #expect(await h.send("POST", "/link/\(id)", body: "institution=Test+Institution", key: nil).status == 404)
        var elsewhere = HostedBrowser(h: h, secret: secret)
        elsewhere.returnTo = "https://evil.example/steal"
        #expect(await elsewhere.post("start").status == 400)
        var noReturn = HostedBrowser(h: h, secret: secret)
        noReturn.returnTo = nil
        #expect(await noReturn.complete("Ownership Accounts", [0]).text.contains("You can close this window."))
    }

    @Test("cancel links nothing and hands back 'cancelled'; the session can still be completed")
    func cancel() async throws {
        let h = try Harness()
        let (id, secret) = await customerSession(h)
        let browser = HostedBrowser(h: h, secret: secret)
        let cancelled = await browser.post("cancel")
        #expect(cancelled.text.contains("No accounts were linked."))
        #expect(cancelled.text.contains("name=\"outcome\" value=\"cancelled\""))
        #expect(await h.get("/v1/financial_connections/sessions/\(id)")["accounts.data"]?.arrayValue?.isEmpty == true)
        #expect(await browser.complete("Ownership Accounts", [1]).status == 200)
    }

    @Test("flow=bank_account_token: one ACH account, a btok_ token as Stripe shapes it, set on the session; needs payment_method")
    func bankAccountToken() async throws {
        let h = try Harness()
        let acct = await h.post("/v1/accounts", "type=custom&country=US&capabilities[transfers][requested]=true").id
        let (id, secret) = await session(h, "account_holder[type]=account&account_holder[account]=\(acct)", permissions: ["payment_method"])
        var browser = HostedBrowser(h: h, secret: secret)
        browser.flow = "bank_account_token"
        let page = await browser.post("accounts", "&institution=Test+Institution")
        #expect(page.text.contains("type=\"radio\" name=\"accounts[]\" id=\"account-0\""))
        #expect(page.text.contains("payouts need a checking or savings account that supports ACH"))
        #expect(await browser.complete("Test Institution", [0, 1]).text.contains("Choose at most 1 account."))
        let done = await browser.complete("Test Institution", [1])
        #expect(done.text.contains("Bank account token: <code>btok_"))
        let s = await h.get("/v1/financial_connections/sessions/\(id)")
        #expect(s["accounts.data"]?.arrayValue?.count == 1)
        let token = try #require(s["bank_account_token"])
        #expect(token["object"] == "token")
        #expect(token["type"] == "bank_account")
        #expect(token["used"] == false)
        #expect(token["id"]?.stringValue?.hasPrefix("btok_") == true)
        #expect(token.value(at: "bank_account.object") == "bank_account")
        #expect(token.value(at: "bank_account.last4") == s.json.value(at: "accounts.data")?.arrayValue?.first?["last4"])
        #expect(token.value(at: "bank_account.routing_number") == "110000000")
        #expect(token.value(at: "bank_account.account_type") == "savings")
        #expect(token.value(at: "bank_account.account_holder_type") == "individual")
        #expect(token.value(at: "bank_account.status") == "new")
        SpecShape.check(s.json, as: "financial_connections.session")
        let keys = s.json.objectValue?.keys.map { $0 } ?? []
        #expect(keys.firstIndex(of: "bank_account_token") == keys.firstIndex(of: "accounts").map { $0 + 1 }, "\(keys)")
        let read = await h.get("/v1/tokens/\(token["id"]!.stringValue!)")
        #expect(read.json == token)
        SpecShape.check(read.json, as: "token")

        let (_, dataOnly) = await customerSession(h, permissions: ["balances"])
        var refused = HostedBrowser(h: h, secret: dataOnly)
        refused.flow = "bank_account_token"
        let noPermission = await refused.post("start")
        #expect(noPermission.status == 400)
        #expect(noPermission.text.contains("needs a session with the payment_method permission"))
    }
}

@Suite("Sandbox Connect payouts")
struct ConnectPayoutsTests {
    /// A custom account and a token for it from the hosted flow.
    static func accountAndToken(_ h: Harness) async -> (account: String, token: String) {
        let acct = await h.post("/v1/accounts", "type=custom&country=US&email=payee@example.com&capabilities[transfers][requested]=true").id
        let s = await h.post("/v1/financial_connections/sessions", "account_holder[type]=account&account_holder[account]=\(acct)&permissions[]=payment_method")
        var browser = HostedBrowser(h: h, secret: s["client_secret"]?.stringValue ?? "")
        browser.flow = "bank_account_token"
        _ = await browser.complete("Test Institution", [0])
        let token = await h.get("/v1/financial_connections/sessions/\(s.id)")["bank_account_token.id"]?.stringValue ?? ""
        return (acct, token)
    }

    @Test("POST /v1/accounts: a Custom US account as Stripe shapes it; GET reads it; unknown is resource_missing")
    func accounts() async throws {
        let h = try Harness()
        let created = await h.post("/v1/accounts", "type=custom&country=US&email=payee@example.com&capabilities[transfers][requested]=true&business_type=company")
        #expect(created.status == 200)
        #expect(created.id.hasPrefix("acct_"))
        #expect(created["object"] == "account")
        #expect(created["type"] == "custom")
        #expect(created["capabilities.transfers"] == "inactive")
        #expect(created["external_accounts.total_count"] == 0)
        #expect(created["payouts_enabled"] == false)
        SpecShape.check(created.json, as: "account")
        #expect(await h.get("/v1/accounts/\(created.id)").json == created.json)
        #expect(await h.get("/v1/accounts/acct_nope").errorCode == "resource_missing")
        #expect(await h.post("/v1/accounts", "country=US").errorParam == "type")
        #expect(await h.post("/v1/accounts", "type=custom&country=FR").status == 400)
        #expect(await h.post("/v1/accounts", "type=custom&bogus=1").errorCode == "parameter_unknown")
        // A v1 connected account may hold a session, as account_holder[account].
        let s = await h.post("/v1/financial_connections/sessions", "account_holder[type]=account&account_holder[account]=\(created.id)&permissions[]=payment_method")
        #expect(s.status == 200)
    }

    @Test("a token becomes the external account once: used → token_already_used, unknown → resource_missing; listed and on the account")
    func externalAccounts() async throws {
        let h = try Harness()
        let (acct, token) = await Self.accountAndToken(h)
        let attached = await h.post("/v1/accounts/\(acct)/external_accounts", "external_account=\(token)")
        #expect(attached.status == 200)
        #expect(attached["object"] == "bank_account")
        #expect(attached["account"] == .string(acct))
        #expect(attached["default_for_currency"] == true)
        #expect(attached["last4"] == "6789")
        SpecShape.check(attached.json, as: "bank_account")
        let used = await h.post("/v1/accounts/\(acct)/external_accounts", "external_account=\(token)")
        #expect(used.status == 400)
        #expect(used.errorCode == "token_already_used")
        #expect(used.errorMessage == "You cannot use a Stripe token more than once: \(token).")
        let unknown = await h.post("/v1/accounts/\(acct)/external_accounts", "external_account=btok_nope")
        #expect(unknown.status == 400)
        #expect(unknown.errorCode == "resource_missing")
        #expect(unknown.errorMessage == "No such token: 'btok_nope'")
        #expect(unknown.errorParam == "external_account")
        #expect(await h.post("/v1/accounts/acct_nope/external_accounts", "external_account=\(token)").status == 404)
        #expect(await h.get("/v1/tokens/\(token)")["used"] == true)
        let list = await h.get("/v1/accounts/\(acct)/external_accounts")
        #expect(list["object"] == "list")
        #expect(list["data"]?.arrayValue?.first == attached.json)
        let account = await h.get("/v1/accounts/\(acct)")
        #expect(account["external_accounts.data"]?.arrayValue == [attached.json])
        SpecShape.check(account.json, as: "account")
        let events = await h.get("/v1/events", "type=account.external_account.created")
        #expect(events["data"]?.arrayValue?.first?.value(at: "data.object") == attached.json)
    }

    @Test("the hosted flow and the payouts objects survive a restart (the data file replays them)")
    func persistence() async throws {
        let path = temporaryPath("payouts.jsonl")
        let clock = ManualClock()
        let (acct, token, before) = try await {
            let first = try Harness(options: Harness.options(dataFile: path), clock: clock)
            let (acct, token) = await Self.accountAndToken(first)
            _ = await first.post("/v1/accounts/\(acct)/external_accounts", "external_account=\(token)")
            return (acct, token, await first.get("/v1/accounts/\(acct)").text)
        }()
        let second = try Harness(options: Harness.options(dataFile: path), clock: clock)
        #expect(await second.get("/v1/accounts/\(acct)").text == before)
        #expect(await second.post("/v1/accounts/\(acct)/external_accounts", "external_account=\(token)").errorCode == "token_already_used")
    }
}
