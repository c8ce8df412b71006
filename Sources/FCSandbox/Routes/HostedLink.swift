import FCKit

/// The sandbox's own hosted linking flow, standing in for the modal Stripe.js opens: consent,
/// institution, accounts, success. Server-rendered forms that work without JavaScript, each
/// authorized by the session's client secret in the POST body (never by an id in the path), so
/// only whoever holds the secret — the page `stripe-fc link` serves — can drive the session.
/// `stripe-fc link` finds the flow with `GET /v1/test_helpers/financial_connections/hosted_flow`,
/// which Stripe does not have. Every form carries `client_secret`, `flow` (`accounts`, as
/// `collectFinancialConnectionsAccounts`, or `bank_account_token`, as `collectBankAccountToken`) and
/// `return_to` (where the last page hands back to, a loopback http address; optional).
extension SandboxEngine {
    /// The two Stripe.js calls the flow stands in for.
    enum HostedFlowKind: String {
        case accounts
        case bankAccountToken = "bank_account_token"
    }

    /// One request of the flow: the session the secret opens, and where the flow goes back to.
    struct HostedFlow {
        let sessionId: String
        let session: JSONObject
        let secret: String
        let kind: HostedFlowKind
        let returnTo: String?

        /// The hidden fields every form of the flow repeats.
        var hiddenFields: String {
            var out = hidden("client_secret", secret) + hidden("flow", kind.rawValue)
            if let returnTo { out += hidden("return_to", returnTo) }
            return out
        }
    }

    static let hostedFlowFields: [(String, ParamKind)] = [
        ("client_secret", .string), ("flow", .oneOf(["accounts", "bank_account_token"])), ("return_to", .string),
        ("institution", .string), ("accounts", .strings(nil)),
    ]

    /// The discovery answer: where the flow starts, relative to the API base.
    func hostedFlowDiscovery(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        return .json(["object": "test_helpers.hosted_flow", "url": "/link/start",
                      "flows": [.string(HostedFlowKind.accounts.rawValue), .string(HostedFlowKind.bankAccountToken.rawValue)]])
    }

    /// POST /link/start: the consent page, listing what the session asks for.
    func hostedStart(_ ctx: RequestContext) throws(APIError) -> Reply {
        let flow: HostedFlow
        switch hostedFlow(ctx) {
        case .success(let f): flow = f
        case .failure(let page): return page.reply
        }
        let permissions = flow.session["permissions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var body = "<p>stripe-fc sandbox uses test data to link bank accounts for this session. Nothing here touches a real bank.</p>\n"
        body += "<h2>The accounts you link will share</h2>\n<ul>\n"
        for permission in permissions { body += "<li>\(escapeHTML(Self.permissionText[permission] ?? permission))</li>\n" }
        body += "</ul>\n"
        if flow.kind == .bankAccountToken {
            body += "<p>The checking or savings account you choose becomes a payout bank account (a bank account token).</p>\n"
        }
        body += form(flow, action: "/link/institutions", button: "Agree and continue")
        body += cancelForm(flow)
        return .html(page("Link your bank account", body), status: 200)
    }

    /// POST /link/institutions: choose a bank.
    func hostedInstitutions(_ ctx: RequestContext) throws(APIError) -> Reply {
        switch hostedFlow(ctx) {
        case .success(let flow): return institutionsPage(flow, error: nil)
        case .failure(let page): return page.reply
        }
    }

    /// POST /link/accounts (`institution`): choose accounts there, as the session's filters and limit allow.
    func hostedAccounts(_ ctx: RequestContext) throws(APIError) -> Reply {
        let flow: HostedFlow
        switch hostedFlow(ctx) {
        case .success(let f): flow = f
        case .failure(let page): return page.reply
        }
        guard let name = ctx.params.text("institution"), let institution = world.institution(named: name) else {
            return institutionsPage(flow, error: "Choose one of the banks below.")
        }
        return accountsPage(flow, institution, error: nil)
    }

    /// POST /link/complete (`institution`, `accounts[]` = indices): links the chosen accounts; with
    /// `flow=bank_account_token` also issues the token. The success page hands back to `return_to`.
    func hostedComplete(_ ctx: RequestContext) throws(APIError) -> Reply {
        let flow: HostedFlow
        switch hostedFlow(ctx) {
        case .success(let f): flow = f
        case .failure(let page): return page.reply
        }
        guard let name = ctx.params.text("institution"), let institution = world.institution(named: name) else {
            return institutionsPage(flow, error: "Choose one of the banks below.")
        }
        let picked = (ctx.params.strings("accounts") ?? []).map { Int($0) }
        var chosen: [Int] = []
        for index in picked {
            guard let index, institution.accounts.indices.contains(index), selectable(institution.accounts[index], flow) == nil else {
                return accountsPage(flow, institution, error: "One of the chosen accounts cannot be linked in this session.")
            }
            if !chosen.contains(index) { chosen.append(index) }
        }
        let limit = flow.kind == .bankAccountToken ? 1 : flow.session["limits"]?["accounts"]?.intValue
        if chosen.isEmpty { return accountsPage(flow, institution, error: "Choose an account to link.") }
        if let limit, chosen.count > limit {
            return accountsPage(flow, institution, error: "Choose at most \(limit) account\(limit == 1 ? "" : "s").")
        }
        let linked: [String]
        do {
            linked = try attach(session: flow.sessionId, institution: institution, chosen: chosen, ctx: ctx)
        } catch {
            return accountsPage(flow, institution, error: error.message)
        }
        var body = "<p role=\"status\">Linked \(linked.count) account\(linked.count == 1 ? "" : "s") at \(escapeHTML(institution.name)):</p>\n<ul>\n"
        for id in linked {
            let a = accounts[id] ?? JSONObject()
            body += "<li>\(escapeHTML(a["display_name"]?.stringValue ?? id)) ••••\(escapeHTML(a["last4"]?.stringValue ?? ""))</li>\n"
        }
        body += "</ul>\n"
        if flow.kind == .bankAccountToken, let account = linked.first {
            let token = issueBankAccountToken(session: flow.sessionId, account: account, ctx: ctx)
            body += "<p>Bank account token: <code>\(escapeHTML(token["id"]?.stringValue ?? ""))</code></p>\n"
        }
        return .html(page("Success", body + handBack(flow, outcome: "linked")), status: 200)
    }

    /// POST /link/cancel: nothing linked; the session can still be completed later.
    func hostedCancel(_ ctx: RequestContext) throws(APIError) -> Reply {
        switch hostedFlow(ctx) {
        case .success(let flow):
            return .html(page("Cancelled", "<p role=\"status\">No accounts were linked.</p>\n" + handBack(flow, outcome: "cancelled")), status: 200)
        case .failure(let page): return page.reply
        }
    }

    // MARK: pages

    static let permissionText = [
        "balances": "Balances: how much is in each account",
        "ownership": "Ownership: the names, addresses and contact details the bank holds for the account holders",
        "payment_method": "Account details: account and routing numbers, to pay or be paid",
        "transactions": "Transactions: each account's transaction history",
    ]

    private func institutionsPage(_ flow: HostedFlow, error: String?) -> Reply {
        var body = errorText(error)
        body += "<form method=\"post\" action=\"/link/accounts\">\n\(flow.hiddenFields)<fieldset>\n<legend>Choose your bank</legend>\n"
        for (i, institution) in world.institutions.enumerated() {
            let id = "institution-\(i)"
            body += "<div class=\"choice\"><input type=\"radio\" name=\"institution\" id=\"\(id)\" value=\"\(escapeHTML(institution.name))\"\(i == 0 ? " checked" : "") required>"
            body += " <label for=\"\(id)\">\(escapeHTML(institution.name))</label></div>\n"
        }
        body += "</fieldset>\n<p><button type=\"submit\">Continue</button></p>\n</form>\n" + cancelForm(flow)
        return .html(page("Choose your bank", body), status: error == nil ? 200 : 400)
    }

    private func accountsPage(_ flow: HostedFlow, _ institution: Institution, error: String?) -> Reply {
        let limit = flow.kind == .bankAccountToken ? 1 : flow.session["limits"]?["accounts"]?.intValue
        let single = limit == 1
        var body = errorText(error)
        body += "<form method=\"post\" action=\"/link/complete\">\n\(flow.hiddenFields)\(hidden("institution", institution.name))<fieldset>\n"
        body += "<legend>\(single ? "Choose an account" : "Choose accounts") at \(escapeHTML(institution.name))</legend>\n"
        if let limit, !single { body += "<p>You can link up to \(limit) accounts in this session.</p>\n" }
        var preselected = 0
        for (i, template) in institution.accounts.enumerated() {
            let id = "account-\(i)"
            let reason = selectable(template, flow)
            let checked = reason == nil && preselected < (limit ?? Int.max)
            if checked { preselected += 1 }
            body += "<div class=\"choice\"><input type=\"\(single ? "radio" : "checkbox")\" name=\"accounts[]\" id=\"\(id)\" value=\"\(i)\""
            body += reason == nil ? (checked ? " checked" : "") : " disabled aria-describedby=\"\(id)-why\""
            body += "> <label for=\"\(id)\">\(escapeHTML(template.displayName)) ••••\(escapeHTML(template.last4)) <small>(\(escapeHTML(template.subcategory.replacingOccurrences(of: "_", with: " "))))</small></label>"
            if let reason { body += "<br><small id=\"\(id)-why\">Not available: \(escapeHTML(reason)).</small>" }
            body += "</div>\n"
        }
        body += "</fieldset>\n<p><button type=\"submit\">\(single ? "Link account" : "Link accounts")</button></p>\n</form>\n"
        body += form(flow, action: "/link/institutions", button: "Choose another bank", secondary: true) + cancelForm(flow)
        return .html(page(single ? "Choose an account" : "Choose accounts", body), status: error == nil ? 200 : 400)
    }

    /// Why this account cannot be chosen in this flow, or nil.
    private func selectable(_ template: AccountTemplate, _ flow: HostedFlow) -> String? {
        if let reason = eligibility(of: template, session: flow.session) { return reason }
        if flow.kind == .bankAccountToken, !template.supportsACH || !["checking", "savings"].contains(template.subcategory) {
            return "payouts need a checking or savings account that supports ACH"
        }
        return nil
    }

    /// The last page's way back to whoever started the flow (`stripe-fc link`'s page).
    private func handBack(_ flow: HostedFlow, outcome: String) -> String {
        guard let returnTo = flow.returnTo else { return "<p>You can close this window.</p>\n" }
        return "<form method=\"post\" action=\"\(escapeHTML(returnTo))\">\(hidden("outcome", outcome))<p><button type=\"submit\" autofocus>Done</button></p></form>\n"
    }

    private func form(_ flow: HostedFlow, action: String, button: String, secondary: Bool = false) -> String {
        "<form method=\"post\" action=\"\(action)\">\(flow.hiddenFields)<p><button type=\"submit\"\(secondary ? " class=\"secondary\"" : "")>\(escapeHTML(button))</button></p></form>\n"
    }

    private func cancelForm(_ flow: HostedFlow) -> String {
        form(flow, action: "/link/cancel", button: "Cancel", secondary: true)
    }

    private func errorText(_ error: String?) -> String {
        error.map { "<p class=\"error\" role=\"alert\">\(escapeHTML($0))</p>\n" } ?? ""
    }

    // MARK: authorization

    /// The session the posted client secret opens, or the error page to answer with.
    private func hostedFlow(_ ctx: RequestContext) -> Result<HostedFlow, HostedPageError> {
        let p = ctx.params
        do throws(APIError) {
            try ParamValidator.validate(p.object, SandboxEngine.hostedFlowFields)
        } catch {
            return .failure(HostedPageError(reply: .html(page("Bad request", "<p role=\"alert\">\(escapeHTML(error.message))</p>"), status: 400)))
        }
        guard let secret = p.text("client_secret"),
              let id = sessions.ids.first(where: { sessions[$0]?["client_secret"]?.stringValue == secret }),
              let session = sessions[id] else {
            return .failure(HostedPageError(reply: .html(page("Session not found", "<p role=\"alert\">No session has this client secret. Start again from stripe-fc link.</p>"), status: 404)))
        }
        let kind = HostedFlowKind(rawValue: p.text("flow") ?? "accounts") ?? .accounts
        let returnTo = p.text("return_to")
        if let returnTo, !Self.isLoopbackHTTP(returnTo) {
            return .failure(HostedPageError(reply: .html(page("Bad request", "<p role=\"alert\">return_to must be an http:// address on this machine (127.0.0.1, [::1] or localhost).</p>"), status: 400)))
        }
        let flow = HostedFlow(sessionId: id, session: session, secret: secret, kind: kind, returnTo: returnTo)
        if linkedSessions.contains(id) {
            return .failure(HostedPageError(reply: .html(page("Already completed", "<p role=\"alert\">This session has already been completed; create a new session to link more accounts.</p>\n"
                                                              + handBack(flow, outcome: "linked")), status: 400)))
        }
        if kind == .bankAccountToken, !(session["permissions"]?.arrayValue?.contains("payment_method") ?? false) {
            return .failure(HostedPageError(reply: .html(page("Cannot collect a bank account", "<p role=\"alert\">A bank account token needs a session with the payment_method permission.</p>\n"
                                                              + handBack(flow, outcome: "failed")), status: 400)))
        }
        return .success(flow)
    }

    struct HostedPageError: Error {
        let reply: Reply
    }

    static func isLoopbackHTTP(_ url: String) -> Bool {
        ["http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/", "http://[::1]:", "http://[::1]/"].contains { url.hasPrefix($0) }
    }

    func page(_ title: String, _ body: String) -> String {
        HTMLPage.document(title: "\(title) · stripe-fc sandbox", body: body)
    }
}

private func hidden(_ name: String, _ value: String) -> String { HTMLPage.hidden(name, value) }

func escapeHTML(_ text: String) -> String { HTMLPage.escape(text) }
