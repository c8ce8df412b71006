import FCKit

/// The browser page `stripe-fc link` opens: GET /link/{session} lists the institutions, and
/// POST /link/{session} (form field `institution`) links as the test helper does.
/// No API key: the session id is the capability, as with Stripe's hosted flow.
extension SandboxEngine {
    func hostedLinkPage(_ ctx: RequestContext) throws(APIError) -> Reply {
        let id = ctx[0]
        guard sessions.contains(id) else { return .html(page("Session not found", "<p>No such session: \(escapeHTML(id))</p>"), status: 404) }
        if linkedSessions.contains(id) {
            return .html(page("Already linked", "<p>This session has already been completed. You can close this window.</p>"), status: 200)
        }
        var body = "<p>Choose a test institution to link for session <code>\(escapeHTML(id))</code>.</p>\n<ul>\n"
        for institution in world.institutions {
            let accountsText = institution.accounts.map { escapeHTML($0.displayName) }.joined(separator: ", ")
            body += """
            <li><form method="post" action="/link/\(escapeHTML(id))">
            <input type="hidden" name="institution" value="\(escapeHTML(institution.name))">
            <button type="submit">\(escapeHTML(institution.name))</button> <small>\(accountsText)</small>
            </form></li>\n
            """
        }
        body += "</ul>\n"
        return .html(page("Link your bank account", body), status: 200)
    }

    func hostedLinkSubmit(_ ctx: RequestContext) throws(APIError) -> Reply {
        let id = ctx[0]
        guard sessions.contains(id) else { return .html(page("Session not found", "<p>No such session: \(escapeHTML(id))</p>"), status: 404) }
        do {
            let linked = try link(session: id, institution: ctx.params.text("institution") ?? World.defaultInstitution, subcategories: nil, ctx: ctx)
            let noun = linked.count == 1 ? "account" : "accounts"
            return .html(page("Accounts linked", "<p>Linked \(linked.count) \(noun), you can close this window.</p>"), status: 200)
        } catch {
            return .html(page("Could not link", "<p>\(escapeHTML(error.message))</p>"), status: error.status)
        }
    }

    private func page(_ title: String, _ body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escapeHTML(title)) · stripe-fc sandbox</title>
        <style>body{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em}li{margin:.6em 0}button{font-size:1em}</style>
        </head><body><h1>\(escapeHTML(title))</h1>
        \(body)</body></html>

        """
    }
}

func escapeHTML(_ text: String) -> String {
    var out = ""
    for ch in text {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(ch)
        }
    }
    return out
}
