import FCKit

/// Bank-account tokens (`btok_…`), issued by the hosted flow's `collectBankAccountToken` path,
/// as Stripe.js's `collectBankAccountToken` gets them; `GET /v1/tokens/{token}` reads one back.
extension SandboxEngine {
    /// Stripe's test routing number, and the bank name Stripe reports for it.
    static let testRoutingNumber = "110000000"
    static let testBankName = "STRIPE TEST BANK"

    /// A new token for the linked account's bank account; the session's `bank_account_token` is set to it.
    func issueBankAccountToken(session id: String, account fca: String, ctx: RequestContext) -> JSONObject {
        let template = accountRecords[fca].flatMap { record in world.institution(named: record.institution)?.accounts[record.templateIndex] }
        let holderType = sessions[id]?["account_holder"]?["account"]?.stringValue
            .flatMap { connect.accounts[$0]?["business_type"]?.stringValue } == "company" ? "company" : "individual"
        var bank = JSONObject()
        bank["id"] = .string(ids.next("ba"))
        bank["object"] = "bank_account"
        bank["account_holder_name"] = .null
        bank["account_holder_type"] = .string(holderType)
        bank["account_type"] = .string(template?.subcategory == "savings" ? "savings" : "checking")
        bank["bank_name"] = .string(SandboxEngine.testBankName)
        bank["country"] = "US"
        bank["currency"] = "usd"
        bank["fingerprint"] = .string(ids.secret(16))
        bank["last4"] = .string(template?.last4 ?? "6789")
        bank["routing_number"] = .string(SandboxEngine.testRoutingNumber)
        bank["status"] = "new"
        let tokenId = ids.next("btok")
        var t = JSONObject()
        t["id"] = .string(tokenId)
        t["object"] = "token"
        t["bank_account"] = .object(bank)
        t["client_ip"] = .null
        t["created"] = .int(ctx.timestamp)
        t["livemode"] = false
        t["type"] = "bank_account"
        t["used"] = false
        connect.tokens[tokenId] = t
        if var s = sessions[id] {
            // `bank_account_token` sits after `accounts` in Stripe's (alphabetical) key order.
            var ordered = JSONObject()
            for (key, value) in s {
                ordered[key] = value
                if key == "accounts" { ordered["bank_account_token"] = .object(t) }
            }
            s = ordered
            sessions[id] = s
        }
        return t
    }

    func retrieveToken(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        guard let t = connect.tokens[ctx[0]] else { throw .noSuch("token", ctx[0], param: "token") }
        return .json(.object(t))
    }
}
