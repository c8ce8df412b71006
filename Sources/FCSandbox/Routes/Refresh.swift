import FCKit

/// POST …/accounts/{account}/refresh and the pending → succeeded/failed transition behind it.
extension SandboxEngine {
    /// Seconds after a completed refresh before the same feature may be refreshed again.

    static let featurePermission = ["balance": "balances", "ownership": "ownership", "transactions": "transactions"]

    static func refreshKey(_ feature: String) -> String {
        feature == "transactions" ? "transaction_refresh" : "\(feature)_refresh"
    }

    func refreshAccount(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, [("features", .strings(["balance", "ownership", "transactions"]))])
        guard let features = p.strings("features"), !features.isEmpty else { throw .missingParameter("features") }
        let id = ctx[0]
        let a = try account(id)
        try requireActive(a, id)
        let granted = a["permissions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for feature in features {
            let permission = SandboxEngine.featurePermission[feature]!
            if !granted.contains(permission) {
                throw APIError(message: "You cannot refresh \(feature) on \(id) because the account was not linked with the `\(permission)` permission. Create a session with permissions[]=\(permission) and link the account again.",
                               param: "features")
            }
            if let refresh = a[SandboxEngine.refreshKey(feature)]?.objectValue,
               let next = refresh["next_refresh_available_at"]?.intValue, next > ctx.timestamp {
                throw APIError(message: "The \(feature) of \(id) was refreshed recently and cannot be refreshed again until \(next) (\(SandboxEngine.rfc3339(Double(next)))), its next_refresh_available_at. Please try again after that time.",
                               param: "features")
            }
        }
        for feature in features { startRefresh(account: id, feature: feature, now: ctx.now) }
        return .json(renderAccount(id))
    }

    /// Marks the feature's refresh `pending` and schedules its completion. A refresh already
    /// pending is left alone.
    func startRefresh(account id: String, feature: String, now: Double) {
        guard var a = accounts[id] else { return }
        let key = SandboxEngine.refreshKey(feature)
        if a[key]?["status"]?.stringValue == "pending" { return }
        var refresh = JSONObject()
        if feature == "transactions" { refresh["id"] = .string(ids.next("fctxnref")) }
        refresh["last_attempted_at"] = .int(Int(now))
        refresh["next_refresh_available_at"] = .null
        refresh["status"] = "pending"
        a[key] = .object(refresh)
        accounts[id] = a
        schedule(.refresh(account: id, feature: feature), afterMS: options.refreshDelayMS, from: now)
    }

    /// The pending refresh ends: data filled on success, `failed` at a failing institution, when
    /// the account left `active` meanwhile, or when `failing` (a test helper) says so.
    /// Emits `financial_connections.account.refreshed_*`. A refresh no longer pending is left alone.
    func completeRefresh(account id: String, feature: String, at due: Double, failing forced: Bool = false) {
        guard var a = accounts[id], var record = accountRecords[id] else { return }
        let before = a
        let key = SandboxEngine.refreshKey(feature)
        guard var refresh = a[key]?.objectValue, refresh["status"]?.stringValue == "pending" else { return }
        let time = Int(due)
        let failing = forced || (world.institution(named: record.institution)?.refreshesFail ?? false)
        let active = a["status"]?.stringValue == "active"
        if failing || !active {
            refresh["next_refresh_available_at"] = .int(time)
            refresh["status"] = "failed"
        } else {
            refresh["next_refresh_available_at"] = .int(time + options.refreshCooldownSeconds)
            refresh["status"] = "succeeded"
            let template = world.template(institution: record.institution, index: record.templateIndex)
            switch feature {
            case "balance":
                if let seeded = record.seeded {
                    a["balance"] = SandboxEngine.balance(seeded, category: a["category"]?.stringValue, at: time)
                } else if let template {
                    a["balance"] = balance(for: id, template: template, at: time)
                }
            case "ownership":
                let ownership = makeOwnership(account: id, owners: record.seeded?.owners ?? template?.owners ?? [], at: time)
                record.ownerships[ownership.0] = ownership.1
                a["ownership"] = .string(ownership.0)
            default:
                if let refreshId = refresh["id"]?.stringValue {
                    record.transactionRefreshes.append(TransactionRefreshMark(id: refreshId, at: time))
                }
            }
        }
        a[key] = .object(refresh)
        accounts[id] = a
        accountRecords[id] = record
        let changedKeys = feature == "balance" ? ["balance", key] : feature == "ownership" ? ["ownership", key] : [key]
        emit("financial_connections.account.refreshed_\(feature)", object: a,
             previous: SandboxEngine.changes(from: before, to: a, keys: changedKeys), at: time, origin: .automatic)
    }

    /// A stable balance per account (the template's amount, varied by account), as of `time`.
    func balance(for id: String, template: AccountTemplate, at time: Int) -> JSON {
        var rng = SeededRandom(options.seed, SeededRandom.hash(id), 0xBA1)
        var b = JSONObject()
        b["as_of"] = .int(time)
        if template.category == "credit" {
            let used = template.balance + rng.below(5_000)
            b["credit"] = ["used": ["usd": .int(used)]]
            b["current"] = ["usd": .int(-used)]
            b["type"] = "credit"
        } else {
            let current = template.balance + rng.below(10_000)
            let pending = template.paymentOutcome == .insufficientFunds ? 0 : rng.below(min(current, 15_000) + 1)
            b["cash"] = ["available": ["usd": .int(current - pending)]]
            b["current"] = ["usd": .int(current)]
            b["type"] = "cash"
        }
        return .object(b)
    }

    /// A new `fcaowns_…` with its owners, as a successful ownership refresh reports them.
    func makeOwnership(account: String, owners: [OwnerTemplate], at time: Int) -> (String, JSONObject) {
        let ownershipId = ids.next("fcaowns")
        var data: [JSON] = []
        for owner in owners {
            var o = JSONObject()
            o["id"] = .string(ids.next("fcaown"))
            o["object"] = "financial_connections.account_owner"
            o["email"] = owner.email.map(JSON.string) ?? .null
            o["name"] = .string(owner.name)
            o["ownership"] = .string(ownershipId)
            o["phone"] = owner.phone.map(JSON.string) ?? .null
            o["raw_address"] = owner.rawAddress.map(JSON.string) ?? .null
            o["refreshed_at"] = .int(time)
            data.append(.object(o))
        }
        var ownership = JSONObject()
        ownership["id"] = .string(ownershipId)
        ownership["object"] = "financial_connections.account_ownership"
        ownership["created"] = .int(time)
        ownership["owners"] = ListPaging.envelope(data, hasMore: false, url: "/v1/financial_connections/accounts/\(account)/owners?ownership=\(ownershipId)")
        return (ownershipId, ownership)
    }
}
