import FCKit

/// GET /v1/financial_connections/accounts[/{account}], subscribe, unsubscribe, disconnect.
extension SandboxEngine {
    func account(_ id: String, param: String = "account", status: Int = 404) throws(APIError) -> JSONObject {
        guard let a = accounts[id] else { throw .noSuch("financial connections account", id, param: param, status: status) }
        return a
    }

    /// The account as Stripe returns it (`expand[]` is applied to the whole answer afterwards).
    func renderAccount(_ id: String) -> JSON {
        accounts[id].map(JSON.object) ?? .null
    }

    func retrieveAccount(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        _ = try account(ctx[0])
        return .json(renderAccount(ctx[0]))
    }

    func listAccounts(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, ListPaging.spec + [
            ("account_holder", .object([("customer", .string), ("account", .string), ("customer_account", .string)])),
            ("session", .string),
        ])
        let customer = p.text("account_holder.customer"), connected = p.text("account_holder.account")
        let customerAccount = p.text("account_holder.customer_account"), session = p.text("session")
        if customer != nil, connected != nil {
            throw APIError(code: "parameters_exclusive",
                           message: "You may only specify one of these parameters: account_holder[account], account_holder[customer].",
                           param: "account_holder", isValidation: true)
        }
        if let customer { _ = try self.customer(customer, param: "account_holder[customer]", status: 400) }
        if let session { _ = try self.session(session, param: "session") }
        let matching = accounts.newest { a in
            let holder = a["account_holder"]
            if let customer, holder?["customer"]?.stringValue != customer { return false }
            if let connected, holder?["account"]?.stringValue != connected { return false }
            if let customerAccount, holder?["customer_account"]?.stringValue != customerAccount { return false }
            if let session, let id = a["id"]?.stringValue, accountRecords[id]?.session != session { return false }
            return true
        }
        return .json(try ListPaging.page(matching, params: p, url: "/v1/financial_connections/accounts", noun: "financial connections account") { id throws(APIError) in
            renderAccount(id)
        })
    }

    /// Data cannot be read or refreshed once the account is no longer active.
    func requireActive(_ a: JSONObject, _ id: String) throws(APIError) {
        let status = a["status"]?.stringValue ?? "active"
        guard status == "active" else {
            throw APIError(code: "financial_connections_account_inactive",
                           message: "The Financial Connections account \(id) is \(status), so its data can no longer be accessed or refreshed. Link the account again through a new session.",
                           param: "account")
        }
    }

    func subscribeAccount(_ ctx: RequestContext, on: Bool) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, [("features", .strings(["transactions"]))])
        guard let features = p.strings("features"), !features.isEmpty else { throw .missingParameter("features") }
        let id = ctx[0]
        var a = try account(id)
        try requireActive(a, id)
        if !(a["permissions"]?.arrayValue?.contains("transactions") ?? false) {
            throw APIError(message: "You cannot \(on ? "subscribe to" : "unsubscribe from") transactions on \(id) because the account was not linked with the `transactions` permission. Create a session with permissions[]=transactions and link the account again.",
                           param: "features")
        }
        let wasOn = a["subscriptions"]?.arrayValue?.contains("transactions") ?? false
        a["subscriptions"] = on ? ["transactions"] : .array([])
        accounts[id] = a
        if on != wasOn, var record = accountRecords[id] {
            record.subscriptionGeneration += 1
            accountRecords[id] = record
            if on { schedule(.subscriptionTick(account: id, generation: record.subscriptionGeneration), afterMS: SandboxEngine.dailyMS, from: ctx.now) }
        }
        return .json(renderAccount(id))
    }

    static let dailyMS = 86_400_000

    /// While subscribed, transactions refresh once a day, done by the time it is due (each
    /// emits `refreshed_transactions`, with new transactions and pending ones posted).
    func subscriptionTick(account id: String, generation: Int, at due: Double) {
        guard let a = accounts[id], let record = accountRecords[id], record.subscriptionGeneration == generation,
              a["status"]?.stringValue == "active", a["subscriptions"]?.arrayValue?.contains("transactions") == true else { return }
        startRefresh(account: id, feature: "transactions", now: due)
        completeRefresh(account: id, feature: "transactions", at: due)
        schedule(.subscriptionTick(account: id, generation: generation), afterMS: SandboxEngine.dailyMS, from: due)
    }

    func disconnectAccount(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        let id = ctx[0]
        var a = try account(id)
        if a["status"]?.stringValue != "disconnected" {
            let before = a
            a["status"] = "disconnected"
            a["subscriptions"] = .array([])
            accounts[id] = a
            emit("financial_connections.account.disconnected", object: a,
                 previous: SandboxEngine.changes(from: before, to: a, keys: ["status", "subscriptions"]),
                 at: ctx.timestamp, origin: ctx.origin)
        }
        return .json(renderAccount(id))
    }
}
