import FCKit

/// Completing a session as the hosted linking UI would: the sandbox-only test helper
/// POST /v1/test_helpers/financial_connections/sessions/{session}/link, and the hosted flow's
/// last step (`HostedLink.swift`), which share the session's filters and limit.
extension SandboxEngine {
    func linkSessionHelper(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, [("institution", .string), ("subcategories", .strings(SandboxEngine.subcategoryValues + ["other"]))])
        _ = try session(ctx[0])
        _ = try link(session: ctx[0], institution: p.text("institution") ?? World.defaultInstitution,
                     subcategories: p.strings("subcategories"), ctx: ctx)
        return .json(renderSession(ctx[0]))
    }

    /// Attaches every account of the institution that the session's filters and limit allow
    /// (and, when given, of these subcategories). Returns the new account ids.
    /// `onlyTemplate` picks one of the institution's accounts by position (a scenario file's account).
    func link(session id: String, institution name: String, subcategories: [String]?, onlyTemplate: Int? = nil, ctx: RequestContext) throws(APIError) -> [String] {
        let s = try linkableSession(id)
        let institution = try institution(named: name)
        // In the UI one picks among the accounts shown; asking for kinds the bank does not hold
        // would complete the session with nothing in it.
        let held = distinct(institution.accounts.map(\.subcategory))
        if let subcategories, !subcategories.isEmpty, !subcategories.contains(where: held.contains) {
            throw APIError(message: "\(institution.name) has no \(englishList(distinct(subcategories), conjunction: "or")) accounts to link; "
                           + "its accounts are \(englishList(held, conjunction: "and")).", param: "subcategories")
        }
        var chosen = institution.accounts.indices.filter { index in
            eligibility(of: institution.accounts[index], session: s) == nil
                && (onlyTemplate.map { $0 == index } ?? true)
                && (subcategories.map { $0.contains(institution.accounts[index].subcategory) } ?? true)
        }
        if let limit = s["limits"]?["accounts"]?.intValue { chosen = Array(chosen.prefix(limit)) }
        return try attach(session: id, institution: institution, chosen: chosen, ctx: ctx)
    }

    /// The session, if it may still link accounts.
    func linkableSession(_ id: String) throws(APIError) -> JSONObject {
        let s = try session(id)
        if linkedSessions.contains(id) {
            throw APIError(message: "This Financial Connections session (\(id)) has already been completed; create a new session to link more accounts.")
        }
        return s
    }

    func institution(named name: String) throws(APIError) -> Institution {
        guard let institution = world.institution(named: name) else {
            let names = world.institutions.map { "'\($0.name)'" }
            throw APIError(message: "No such institution: '\(name)'. The sandbox's test institutions are \(englishList(names, conjunction: "and")).",
                           param: "institution")
        }
        return institution
    }

    /// Why the session's filters keep this account out, or nil when it may be linked.
    func eligibility(of template: AccountTemplate, session s: JSONObject) -> String? {
        let filters = s["filters"]?.objectValue ?? JSONObject()
        let countries = filters["countries"]?.arrayValue?.compactMap(\.stringValue) ?? filters["country"]?.stringValue.map { [$0] } ?? ["US"]
        if !countries.contains("US") { return "the session asks for accounts in \(englishList(countries, conjunction: "or")); this bank is in US" }
        if let allowed = filters["account_subcategories"]?.arrayValue?.compactMap(\.stringValue), !allowed.contains(template.subcategory) {
            return "the session asks only for \(englishList(allowed, conjunction: "or")) accounts"
        }
        if filters["require_payment_method_support"]?.stringValue == "all", !template.supportsACH {
            return "the session asks only for accounts that support payments"
        }
        return nil
    }

    /// Links the chosen accounts (indices into the institution's accounts) and completes the
    /// session. Returns the new account ids.
    func attach(session id: String, institution: Institution, chosen: [Int], ctx: RequestContext) throws(APIError) -> [String] {
        let s = try linkableSession(id)
        let support = s["filters"]?["require_payment_method_support"]?.stringValue ?? "none"
        if support == "at_least_one", !chosen.contains(where: { institution.accounts[$0].supportsACH }) {
            throw APIError(message: "None of the accounts selected at \(institution.name) support payments, but this session requires at least one (filters[require_payment_method_support]=at_least_one).")
        }
        linkedSessions.insert(id)
        let permissions = s["permissions"] ?? .array([])
        let prefetch = s["prefetch"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var created: [String] = []
        for index in chosen {
            let template = institution.accounts[index]
            let accountId = ids.next("fca")
            var a = JSONObject()
            a["id"] = .string(accountId)
            a["object"] = "financial_connections.account"
            a["account_holder"] = s["account_holder"] ?? .null
            // `account_numbers` is includable: added only when expanded (see `includable`).
            a["balance"] = .null
            a["balance_refresh"] = .null
            a["category"] = .string(template.category)
            a["created"] = .int(ctx.timestamp)
            a["display_name"] = .string(template.displayName)
            a["institution_name"] = .string(institution.name)
            a["last4"] = .string(template.last4)
            a["livemode"] = false
            a["ownership"] = .null
            a["ownership_refresh"] = .null
            a["permissions"] = permissions
            a["status"] = "active"
            a["subcategory"] = .string(template.subcategory)
            a["subscriptions"] = .array([])
            a["supported_payment_method_types"] = .array(template.supportedPaymentMethodTypes.map(JSON.string))
            a["transaction_refresh"] = .null
            accounts[accountId] = a
            accountRecords[accountId] = AccountRecord(institution: institution.name, templateIndex: index, session: id)
            for feature in prefetch {
                startRefresh(account: accountId, feature: feature == "balances" ? "balance" : feature, now: ctx.now)
            }
            emit("financial_connections.account.created", object: accounts[accountId]!, at: ctx.timestamp, origin: ctx.origin)
            created.append(accountId)
        }
        return created
    }
}

/// Each item once, in the order first seen.
func distinct(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
}
