import FCKit

/// POST /v1/financial_connections/sessions and GET …/sessions/{session}.
extension SandboxEngine {
    static let permissionValues = ["balances", "ownership", "payment_method", "transactions"]
    static let prefetchValues = ["balances", "ownership", "transactions"]
    static let subcategoryValues = ["checking", "credit_card", "line_of_credit", "mortgage", "savings"]

    static let sessionCreateSpec: [(String, ParamKind)] = [
        ("account_holder", .object([("type", .oneOf(["account", "customer"])), ("customer", .string), ("account", .string),
                                    ("customer_account", .string)])),
        ("permissions", .strings(permissionValues)),
        ("prefetch", .strings(prefetchValues)),
        ("filters", .object([("countries", .strings(nil)), ("country", .string),
                             ("account_subcategories", .strings(subcategoryValues)),
                             ("require_payment_method_support", .oneOf(["all", "at_least_one", "none"]))])),
        ("limits", .object([("accounts", .emptyableInteger)])),
        ("manual_entry", .object([("mode", .oneOf(["automatic", "disabled"]))])),
        ("return_url", .string),
    ]

    func createSession(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.sessionCreateSpec)
        let holder = try accountHolder(p)
        guard let permissions = p.strings("permissions"), !permissions.isEmpty else { throw .missingParameter("permissions") }
        let prefetch = p.strings("prefetch") ?? []
        for feature in prefetch where !permissions.contains(feature) {
            throw APIError(message: "Invalid prefetch[]: `\(feature)` cannot be prefetched without the `\(feature)` permission. Add `\(feature)` to permissions[] or remove it from prefetch[].",
                           param: "prefetch", isValidation: true)
        }
        if p.has("filters.countries"), p.has("filters.country") {
            throw APIError(code: "parameters_exclusive", message: "You may only specify one of these parameters: filters[countries], filters[country].",
                           param: "filters[country]", isValidation: true)
        }
        if p.has("limits"), !p.has("limits.accounts") { throw .missingParameter("limits[accounts]") }
        var limit: Int? = nil
        if let text = p.text("limits.accounts") {
            let n = Int(text)!
            if n < 1 || n > 100 {
                throw APIError(code: "parameter_invalid_integer",
                               message: n < 1 ? "This value must be greater than or equal to 1." : "This value must be less than or equal to 100.",
                               param: "limits[accounts]", isValidation: true)
            }
            limit = n
        }
        if let url = p.text("return_url"), !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.count < 10 {
            throw APIError(code: "url_invalid", message: "Not a valid URL", param: "return_url", isValidation: true)
        }
        try checkHolderExists(holder)

        let id = ids.next("fcsess")
        var s = JSONObject()
        s["id"] = .string(id)
        s["object"] = "financial_connections.session"
        s["account_holder"] = .object(holder)
        s["accounts"] = ListPaging.envelope([], hasMore: false, url: "/v1/financial_connections/accounts", totalCount: 0)
        s["client_secret"] = .string("fcsess_client_secret_" + ids.secret(24))
        var filters = JSONObject()
        if let subcategories = p.strings("filters.account_subcategories") { filters["account_subcategories"] = .array(subcategories.map(JSON.string)) }
        if let country = p.text("filters.country") {
            filters["country"] = .string(country)
        } else {
            filters["countries"] = .array((p.strings("filters.countries") ?? ["US"]).map(JSON.string))
        }
        if let support = p.text("filters.require_payment_method_support") { filters["require_payment_method_support"] = .string(support) }
        s["filters"] = .object(filters)
        if let limit { s["limits"] = ["accounts": .int(limit)] }
        s["livemode"] = false
        if let mode = p.text("manual_entry.mode") { s["manual_entry"] = ["mode": .string(mode)] }
        s["permissions"] = .array(permissions.map(JSON.string))
        s["prefetch"] = p.has("prefetch") ? .array(prefetch.map(JSON.string)) : .null
        if let url = p.text("return_url") { s["return_url"] = .string(url) }
        sessions[id] = s
        return .json(.object(s))
    }

    /// The validated `account_holder` hash, keys in Stripe's (alphabetical) order.
    private func accountHolder(_ p: Params) throws(APIError) -> JSONObject {
        guard p.has("account_holder") else { throw .missingParameter("account_holder") }
        let type = try p.require("account_holder.type")
        let customer = p.text("account_holder.customer"), account = p.text("account_holder.account")
        let customerAccount = p.text("account_holder.customer_account")
        var holder = JSONObject()
        switch type {
        case "customer":
            if account != nil {
                throw APIError(message: "account_holder[account] cannot be set when account_holder[type] is customer.",
                               param: "account_holder[account]", isValidation: true)
            }
            if customer != nil, customerAccount != nil {
                throw APIError(code: "parameters_exclusive",
                               message: "You may only specify one of these parameters: account_holder[customer], account_holder[customer_account].",
                               param: "account_holder[customer_account]", isValidation: true)
            }
            if let customer { holder["customer"] = .string(customer) }
            else if let customerAccount { holder["customer_account"] = .string(customerAccount) }
            else { throw .missingParameter("account_holder[customer]") }
        default:
            if customer != nil || customerAccount != nil {
                let name = customer != nil ? "account_holder[customer]" : "account_holder[customer_account]"
                throw APIError(message: "\(name) cannot be set when account_holder[type] is account.", param: name, isValidation: true)
            }
            guard let account else { throw .missingParameter("account_holder[account]") }
            holder["account"] = .string(account)
        }
        holder["type"] = .string(type)
        return holder
    }

    /// Referenced ids must exist: 400 `resource_missing` naming the parameter.
    func checkHolderExists(_ holder: JSONObject) throws(APIError) {
        if let customer = holder["customer"]?.stringValue {
            _ = try self.customer(customer, param: "account_holder[customer]", status: 400)
        }
        if let account = holder["account"]?.stringValue, !v2Accounts.contains(account), !connect.accounts.contains(account) {
            throw .noSuch("account", account, param: "account_holder[account]", status: 400)
        }
        if let account = holder["customer_account"]?.stringValue, !v2Accounts.contains(account) {
            throw .noSuch("account", account, param: "account_holder[customer_account]", status: 400)
        }
    }

    func session(_ id: String, param: String = "session") throws(APIError) -> JSONObject {
        guard let s = sessions[id] else { throw .noSuch("financial connections session", id, param: param) }
        return s
    }

    /// The session with its linked accounts as they are now.
    func renderSession(_ id: String) -> JSON {
        guard var s = sessions[id] else { return .null }
        let linked = accounts.ids.filter { accountRecords[$0]?.session == id }.reversed().map { JSON.object(accounts[$0]!) }
        s["accounts"] = ListPaging.envelope(Array(linked), hasMore: false, url: "/v1/financial_connections/accounts", totalCount: linked.count)
        if let token = s["bank_account_token"]?["id"]?.stringValue, let current = connect.tokens[token] { s["bank_account_token"] = .object(current) }
        return .object(s)
    }

    func retrieveSession(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        _ = try session(ctx[0])
        return .json(renderSession(ctx[0]))
    }
}
