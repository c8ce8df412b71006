import FCKit

/// What Connect payouts need: Custom connected accounts (`POST /v1/accounts`, `GET /v1/accounts/{id}`),
/// bank-account tokens from the hosted flow (`Tokens.swift`), and a token becoming the connected
/// account's external account (`POST|GET /v1/accounts/{id}/external_accounts`).
struct ConnectState: Sendable {
    /// `acct_…` created by `POST /v1/accounts`, without their `external_accounts` list (rendered on read).
    var accounts = ResourceTable()
    /// `ba_…` attached to a connected account, in attach order.
    var externalAccounts = ResourceTable()
    /// `btok_…`, each as Stripe returns it; `used` turns true once attached.
    var tokens = ResourceTable()
}

extension SandboxEngine {
    static let capabilityNames = ["card_payments", "transfers", "us_bank_account_ach_payments"]

    static let connectAccountCreateSpec: [(String, ParamKind)] = [
        ("type", .oneOf(["custom", "express", "standard"])),
        ("country", .string),
        ("email", .emptyableString),
        ("business_type", .oneOf(["company", "government_entity", "individual", "non_profit"])),
        ("capabilities", .object(capabilityNames.map { ($0, ParamKind.object([("requested", .boolean)])) })),
        ("default_currency", .string),
        ("metadata", .map),
    ]

    func createConnectAccount(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.connectAccountCreateSpec)
        let type = try p.require("type")
        let country = (p.text("country") ?? "US").uppercased()
        guard country == "US" else {
            throw APIError(message: "stripe-fc sandbox creates connected accounts in US only (bank-account tokens from Financial Connections are US accounts).",
                           param: "country")
        }
        let id = ids.next("acct")
        var capabilities = JSONObject()
        for name in SandboxEngine.capabilityNames where p.bool("capabilities.\(name).requested") == true {
            capabilities[name] = "inactive"
        }
        let none = JSON.array([])
        let requirements: JSONObject = [
            "alternatives": none, "current_deadline": .null, "currently_due": none, "disabled_reason": .null,
            "errors": none, "eventually_due": none, "past_due": none, "pending_verification": none,
        ]
        var a = JSONObject()
        a["id"] = .string(id)
        a["object"] = "account"
        a["business_profile"] = ["mcc": .null, "name": .null, "product_description": .null, "support_email": .null,
                                 "support_phone": .null, "support_url": .null, "url": .null]
        a["business_type"] = p.text("business_type").map(JSON.string) ?? .null
        a["capabilities"] = .object(capabilities)
        a["charges_enabled"] = false
        a["country"] = .string(country)
        a["created"] = .int(ctx.timestamp)
        a["default_currency"] = .string(p.text("default_currency")?.lowercased() ?? "usd")
        a["details_submitted"] = false
        a["email"] = p.text("email").map(JSON.string) ?? .null
        a["future_requirements"] = .object(requirements)
        a["metadata"] = .object(SandboxEngine.metadata(p))
        a["payouts_enabled"] = false
        a["requirements"] = .object(requirements)
        a["tos_acceptance"] = ["date": .null, "ip": .null, "user_agent": .null]
        a["type"] = .string(type)
        connect.accounts[id] = a
        return .json(.object(connectAccountJSON(id)))
    }

    func retrieveConnectAccount(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        _ = try connectAccount(ctx[0])
        return .json(.object(connectAccountJSON(ctx[0])))
    }

    func connectAccount(_ id: String, param: String = "account") throws(APIError) -> JSONObject {
        guard let a = connect.accounts[id] else { throw .noSuch("account", id, param: param) }
        return a
    }

    /// The account as Stripe returns it, its external accounts listed in `external_accounts`
    /// (which Stripe places in key order between `email` and `future_requirements`).
    func connectAccountJSON(_ id: String) -> JSONObject {
        guard let stored = connect.accounts[id] else { return JSONObject() }
        var out = JSONObject()
        for (key, value) in stored {
            if key == "future_requirements" {
                let attached = externalAccountIds(of: id).map { JSON.object(connect.externalAccounts[$0]!) }
                out["external_accounts"] = ListPaging.envelope(attached, hasMore: false, url: "/v1/accounts/\(id)/external_accounts",
                                                               totalCount: attached.count)
            }
            out[key] = value
        }
        return out
    }

    /// Newest first, as Stripe lists them.
    func externalAccountIds(of account: String) -> [String] {
        connect.externalAccounts.newest { $0["account"]?.stringValue == account }
    }

    /// `external_account=btok_…`: the token's bank account becomes the account's external account.
    /// A token works once; an unknown one is `resource_missing`, a used one `token_already_used`.
    func createExternalAccount(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, [("external_account", .string), ("default_for_currency", .boolean), ("metadata", .map)])
        let accountId = ctx[0]
        _ = try connectAccount(accountId)
        let tokenId = try p.require("external_account")
        guard var token = connect.tokens[tokenId] else {
            throw .noSuch("token", tokenId, param: "external_account", status: 400)
        }
        if token["used"]?.boolValue == true {
            throw APIError(code: "token_already_used", message: "You cannot use a Stripe token more than once: \(tokenId).", param: "external_account")
        }
        guard let bank = token["bank_account"]?.objectValue, let bankId = bank["id"]?.stringValue else {
            throw APIError(message: "The token \(tokenId) is not a bank account token.", param: "external_account")
        }
        token["used"] = true
        connect.tokens[tokenId] = token
        let currency = bank["currency"]?.stringValue ?? "usd"
        let first = !externalAccountIds(of: accountId).contains { connect.externalAccounts[$0]?["currency"]?.stringValue == currency }
        let makeDefault = first || p.bool("default_for_currency") == true
        if makeDefault {
            for other in externalAccountIds(of: accountId) where connect.externalAccounts[other]?["currency"]?.stringValue == currency {
                connect.externalAccounts[other]?["default_for_currency"] = false
            }
        }
        let none = JSON.array([])
        let requirements: JSON = ["currently_due": none, "errors": none, "past_due": none, "pending_verification": none]
        var e = JSONObject()
        e["id"] = .string(bankId)
        e["object"] = "bank_account"
        e["account"] = .string(accountId)
        e["account_holder_name"] = bank["account_holder_name"] ?? .null
        e["account_holder_type"] = bank["account_holder_type"] ?? .null
        e["account_type"] = bank["account_type"] ?? .null
        e["available_payout_methods"] = ["standard"]
        e["bank_name"] = bank["bank_name"] ?? .null
        e["country"] = bank["country"] ?? "US"
        e["currency"] = .string(currency)
        e["default_for_currency"] = .bool(makeDefault)
        e["fingerprint"] = bank["fingerprint"] ?? .null
        e["future_requirements"] = requirements
        e["last4"] = bank["last4"] ?? .null
        e["metadata"] = .object(SandboxEngine.metadata(p))
        e["requirements"] = requirements
        e["routing_number"] = bank["routing_number"] ?? .null
        e["status"] = bank["status"] ?? "new"
        connect.externalAccounts[bankId] = e
        emit("account.external_account.created", object: e, at: ctx.timestamp, origin: ctx.origin)
        return .json(.object(e))
    }

    func listExternalAccounts(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, ListPaging.spec + [("object", .oneOf(["bank_account", "card"]))])
        _ = try connectAccount(ctx[0])
        let ids = p.text("object") == "card" ? [] : externalAccountIds(of: ctx[0])
        let page = try ListPaging.page(ids, params: p, url: "/v1/accounts/\(ctx[0])/external_accounts", noun: "external account") { id throws(APIError) in
            .object(connect.externalAccounts[id]!)
        }
        return .json(page)
    }
}
