import FCKit
import Foundation

/// Why a scenario file could not be loaded: which entry, and what is wrong with it.
public struct SandboxScenarioError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "scenario \(path): \(reason)" }
}

/// A scenario file (`stripe-fc sandbox --scenario FILE`): customers, linked accounts and webhook
/// endpoints with fixed ids, so a CI job starts from the same world every run.
/// `GET /v1/test_helpers/sandbox/state` writes the current world in the same format. The schema
/// is documented in docs/sandbox.md ("Scenario files"); `examples/scenario.json` is one.
enum Scenario {
    static let format = "stripe-fc-sandbox-scenario-1"
    /// The export's `object`, so it reads as an API object; a scenario file may leave it out.
    static let object = "test_helpers.sandbox_state"
    static let allPermissions = ["balances", "ownership", "payment_method", "transactions"]
}

extension SandboxEngine {
    // MARK: loading

    /// Seeds the world described by `json` at sandbox time `wall`'s reading (or the file's `time`).
    func loadScenario(_ json: JSON, path: String, wall: Double) throws(SandboxScenarioError) {
        func fail(_ reason: String) -> SandboxScenarioError { SandboxScenarioError(path: path, reason: reason) }
        guard let root = json.objectValue else { throw fail("the file must hold a JSON object") }
        let known: Set<String> = ["object", "format", "time", "clock", "customers", "accounts", "webhook_endpoints"]
        if let unknown = root.keys.first(where: { !known.contains($0) }) {
            throw fail("unknown member '\(unknown)'; a scenario has \(englishList(known.sorted(), conjunction: "and"))")
        }
        if let object = root["object"], object.stringValue != Scenario.object { throw fail("object must be \"\(Scenario.object)\"") }
        if let format = root["format"], format.stringValue != Scenario.format {
            throw fail("format must be \"\(Scenario.format)\"")
        }
        if let time = root["time"], time.intValue == nil { throw fail("time must be unix seconds (an integer)") }
        let clockMode = root["clock"]?.stringValue
        if root["clock"] != nil, clockMode != "manual", clockMode != "system" { throw fail("clock must be \"manual\" or \"system\"") }
        if let time = root["time"]?.intValue {
            clock.advance(by: Double(time) - clock.now(wall: wall), from: clock.now(wall: wall))
        }
        if clockMode == "manual" { clock.freeze(at: clock.now(wall: wall)) }
        let now = clock.now(wall: wall)
        let ctx = { (params: JSONObject) in
            RequestContext(method: "POST", path: "scenario", params: Params(params), json: nil, requestId: "scenario", now: now, idempotencyKey: nil)
        }
        for (i, entry) in (root["customers"]?.arrayValue ?? []).enumerated() {
            try seedCustomer(entry, ctx: ctx) { fail("customers[\(i)]: \($0)") }
        }
        for (i, entry) in (root["accounts"]?.arrayValue ?? []).enumerated() {
            try seedAccount(entry, ctx: ctx) { fail("accounts[\(i)]: \($0)") }
        }
        let endpoints = root["webhook_endpoints"]?.arrayValue ?? []
        do throws(APIError) {
            try seedWebhookEndpoints(endpoints, at: Int(now))
        } catch {
            throw fail("webhook_endpoints\(error.message)")
        }
    }

    private func seedCustomer(_ entry: JSON, ctx: (JSONObject) -> RequestContext, fail: (String) -> SandboxScenarioError) throws(SandboxScenarioError) {
        guard let c = entry.objectValue else { throw fail("must be an object") }
        guard let id = c["id"]?.stringValue, id.hasPrefix("cus_") else { throw fail("id must be a cus_… id") }
        if customers.contains(id) { throw fail("\(id) appears twice") }
        var params = JSONObject()
        for key in ["email", "name", "phone", "description"] {
            guard let value = c[key], value != .null else { continue }
            guard value.stringValue != nil else { throw fail("\(key) must be a string") }
            params[key] = value
        }
        if let metadata = c["metadata"] {
            guard let map = metadata.objectValue, map.allSatisfy({ $0.value.stringValue != nil }) else { throw fail("metadata must map strings to strings") }
            params["metadata"] = metadata
        }
        if let unknown = c.keys.first(where: { !["id", "email", "name", "phone", "description", "metadata"].contains($0) }) {
            throw fail("unknown member '\(unknown)'")
        }
        ids.pin(id)
        do throws(APIError) {
            _ = try createCustomer(ctx(params))
        } catch {
            throw fail(error.message)
        }
    }

    private func seedAccount(_ entry: JSON, ctx: (JSONObject) -> RequestContext, fail: (String) -> SandboxScenarioError) throws(SandboxScenarioError) {
        guard let a = entry.objectValue else { throw fail("must be an object") }
        let allowed = ["id", "customer", "session", "institution", "display_name", "subcategory", "last4", "permissions",
                       "status", "status_details", "balance", "owners", "transactions"]
        if let unknown = a.keys.first(where: { !allowed.contains($0) }) { throw fail("unknown member '\(unknown)'") }
        guard let id = a["id"]?.stringValue, id.hasPrefix("fca_") else { throw fail("id must be an fca_… id") }
        if accounts.contains(id) { throw fail("\(id) appears twice") }
        guard let customer = a["customer"]?.stringValue, customers.contains(customer) else {
            throw fail("customer must name one of the scenario's customers")
        }
        let institutionName = a["institution"]?.stringValue ?? World.defaultInstitution
        guard let institution = world.institution(named: institutionName) else {
            throw fail("no institution '\(institutionName)'; the sandbox's are \(englishList(world.institutions.map { "'\($0.name)'" }, conjunction: "and"))")
        }
        let displayName = a["display_name"]?.stringValue
        let subcategory = a["subcategory"]?.stringValue
        guard let index = institution.accounts.firstIndex(where: { $0.displayName == displayName && (subcategory == nil || $0.subcategory == subcategory) })
                ?? institution.accounts.firstIndex(where: { subcategory == nil || $0.subcategory == subcategory }) else {
            let held = Array(Set(institution.accounts.map(\.subcategory))).sorted()
            throw fail("\(institution.name) has no \(subcategory ?? "") account; its accounts are \(englishList(held, conjunction: "and"))")
        }
        let template = institution.accounts[index]
        let permissions = a["permissions"]?.arrayValue?.compactMap(\.stringValue) ?? Scenario.allPermissions
        if a["permissions"] != nil, permissions.count != a["permissions"]?.arrayValue?.count || permissions.isEmpty
            || !permissions.allSatisfy(Scenario.allPermissions.contains) {
            throw fail("permissions must be a non-empty list of \(englishList(Scenario.allPermissions, conjunction: "and"))")
        }
        if let last4 = a["last4"], last4.stringValue?.count != 4 || !(last4.stringValue ?? "").allSatisfy(\.isNumber) {
            throw fail("last4 must be 4 digits")
        }
        let status = a["status"]?.stringValue ?? "active"
        guard ["active", "inactive", "disconnected"].contains(status) else { throw fail("status must be active, inactive or disconnected") }
        if let details = a["status_details"], details.objectValue == nil { throw fail("status_details must be an object") }
        let seeded = try seededData(a, template: template, fail: fail)

        // Accounts of one session share it: the later ones link into it again, with its permissions.
        var existing: String? = nil
        if let session = a["session"]?.stringValue {
            guard session.hasPrefix("fcsess_") else { throw fail("session must be an fcsess_… id") }
            if let s = sessions[session] {
                guard s["account_holder"]?["customer"]?.stringValue == customer, s["permissions"] == .array(permissions.map(JSON.string)) else {
                    throw fail("session \(session) is another account's, with another customer or other permissions")
                }
                existing = session
                linkedSessions.remove(session)
            } else {
                ids.pin(session)
            }
        }
        let holder: JSONObject = ["customer": .string(customer), "type": "customer"]
        do throws(APIError) {
            var session = existing ?? ""
            if existing == nil {
                let created = try createSession(ctx(["account_holder": .object(holder), "permissions": .array(permissions.map(JSON.string))]))
                guard case .json(let sessionJSON) = created, let sessionId = sessionJSON["id"]?.stringValue else { return }
                session = sessionId
            }
            ids.pin(id)
            _ = try link(session: session, institution: institution.name, subcategories: nil, onlyTemplate: index, ctx: ctx([:]))
        } catch {
            throw fail(error.message)
        }
        guard var account = accounts[id] else { throw fail("could not link \(id) at \(institution.name)") }
        if let displayName { account["display_name"] = .string(displayName) }
        if let last4 = a["last4"]?.stringValue { account["last4"] = .string(last4) }
        accounts[id] = account
        accountRecords[id]?.seeded = seeded
        // The data the permissions allow is there at once, and may be refreshed again straight away.
        let now = ctx([:]).now
        for (permission, feature) in [("balances", "balance"), ("ownership", "ownership"), ("transactions", "transactions")] where permissions.contains(permission) {
            startRefresh(account: id, feature: feature, now: now)
            completeRefresh(account: id, feature: feature, at: now)
            let key = SandboxEngine.refreshKey(feature)
            if var refreshed = accounts[id], var refresh = refreshed[key]?.objectValue {
                refresh["next_refresh_available_at"] = .int(Int(now))
                refreshed[key] = .object(refresh)
                accounts[id] = refreshed
            }
        }
        if status != "active" || a["status_details"] != nil, var changed = accounts[id] {
            changed["status"] = .string(status)
            changed = SandboxEngine.setting("status_details", a["status_details"].flatMap { $0.objectValue?.isEmpty == false ? $0 : nil }, in: changed)
            accounts[id] = changed
        }
    }

    private func seededData(_ a: JSONObject, template: AccountTemplate, fail: (String) -> SandboxScenarioError) throws(SandboxScenarioError) -> SeededAccountData {
        let id = a["id"]?.stringValue ?? ""
        let computed = balance(for: id, template: template, at: 0)
        var current = computed["current"]?["usd"]?.intValue ?? 0
        var available = computed["cash"]?["available"]?["usd"]?.intValue
        if let balance = a["balance"] {
            guard let b = balance.objectValue, let c = b["current"]?.intValue else { throw fail("balance must be {\"current\": cents, \"available\": cents}") }
            if let extra = b.keys.first(where: { $0 != "current" && $0 != "available" }) { throw fail("unknown member 'balance.\(extra)'") }
            current = c
            available = b["available"]?.intValue
            if template.category == "credit", available != nil { throw fail("a credit account's balance has no available amount") }
            if template.category != "credit", available == nil { available = current }
        }
        var owners = template.owners
        if let list = a["owners"] {
            guard let items = list.arrayValue else { throw fail("owners must be a list") }
            owners = []
            for item in items {
                guard let o = item.objectValue, let name = o["name"]?.stringValue, !name.isEmpty else { throw fail("each owner needs a name") }
                if let extra = o.keys.first(where: { !["name", "email", "phone", "address"].contains($0) }) { throw fail("unknown member 'owners.\(extra)'") }
                owners.append(OwnerTemplate(name: name, email: o["email"]?.stringValue, phone: o["phone"]?.stringValue, rawAddress: o["address"]?.stringValue))
            }
        }
        var transactions = options.transactionsPerAccount
        if let count = a["transactions"] {
            guard let n = count.intValue, (0...100_000).contains(n) else { throw fail("transactions must be a count from 0 to 100000") }
            transactions = n
        }
        return SeededAccountData(current: current, available: available, owners: owners, transactions: transactions)
    }

    /// The balance a scenario fixed, as a balance refresh reports it.
    static func balance(_ seeded: SeededAccountData, category: String?, at time: Int) -> JSON {
        var b = JSONObject()
        b["as_of"] = .int(time)
        if category == "credit" {
            b["credit"] = ["used": ["usd": .int(-seeded.current)]]
            b["current"] = ["usd": .int(seeded.current)]
            b["type"] = "credit"
        } else {
            b["cash"] = ["available": ["usd": .int(seeded.available ?? seeded.current)]]
            b["current"] = ["usd": .int(seeded.current)]
            b["type"] = "cash"
        }
        return .object(b)
    }

    /// Registers the scenario's endpoints as `POST /v1/webhook_endpoints` would, with their fixed
    /// ids and, when given, their `secret` (so a receiver's configured secret keeps working).
    func seedWebhookEndpoints(_ endpoints: [JSON], at time: Int) throws(APIError) {
        for (i, entry) in endpoints.enumerated() {
            func fail(_ reason: String) -> APIError { APIError(message: "[\(i)]: \(reason)") }
            guard let e = entry.objectValue else { throw fail("must be an object") }
            if let unknown = e.keys.first(where: { !["id", "url", "enabled_events", "secret", "description", "disabled"].contains($0) }) {
                throw fail("unknown member '\(unknown)'")
            }
            guard let id = e["id"]?.stringValue, id.hasPrefix("we_"), !webhookEndpoints.contains(id) else { throw fail("id must be a we_… id used once") }
            guard let url = e["url"]?.stringValue else { throw fail("url is required") }
            let events = e["enabled_events"]?.arrayValue?.compactMap(\.stringValue) ?? ["*"]
            if let secret = e["secret"], !(secret.stringValue ?? "").hasPrefix("whsec_") { throw fail("secret must be a whsec_… value") }
            var params: JSONObject = ["url": .string(url), "enabled_events": .array(events.map(JSON.string))]
            if let description = e["description"]?.stringValue { params["description"] = .string(description) }
            ids.pin(id)
            do throws(APIError) {
                _ = try createWebhookEndpoint(RequestContext(method: "POST", path: "scenario", params: Params(params), json: nil,
                                                             requestId: "scenario", now: Double(time), idempotencyKey: nil))
            } catch {
                throw fail(error.message)
            }
            guard var endpoint = webhookEndpoints[id] else { throw fail("could not register \(id)") }
            if let secret = e["secret"]?.stringValue { endpoint["secret"] = .string(secret) }
            if e["disabled"]?.boolValue == true { endpoint["status"] = "disabled" }
            webhookEndpoints[id] = endpoint
        }
    }

    func exportWebhookEndpoints() -> [JSON] {
        webhookEndpoints.ids.compactMap { id in
            guard let e = webhookEndpoints[id] else { return nil }
            var o = JSONObject()
            o["id"] = .string(id)
            o["url"] = e["url"] ?? .null
            o["enabled_events"] = e["enabled_events"] ?? ["*"]
            if let description = e["description"]?.stringValue { o["description"] = .string(description) }
            o["secret"] = e["secret"] ?? .null
            if e["status"] == "disabled" { o["disabled"] = true }
            return .object(o)
        }
    }

    // MARK: exporting

    /// GET /v1/test_helpers/sandbox/state: the world as a scenario file.
    func exportState(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        var root = JSONObject()
        root["object"] = .string(Scenario.object)
        root["format"] = .string(Scenario.format)
        root["time"] = .int(ctx.timestamp)
        root["clock"] = .string(clock.mode.rawValue)
        root["customers"] = .array(customers.ids.map { id in
            let c = customers[id]!
            var o = JSONObject()
            o["id"] = .string(id)
            for key in ["email", "name", "phone", "description"] where c[key]?.stringValue != nil { o[key] = c[key] }
            if let metadata = c["metadata"]?.objectValue, !metadata.isEmpty { o["metadata"] = .object(metadata) }
            return .object(o)
        })
        root["accounts"] = .array(accounts.ids.compactMap(exportAccount))
        root["webhook_endpoints"] = .array(exportWebhookEndpoints())
        return .json(.object(root))
    }

    private func exportAccount(_ id: String) -> JSON? {
        guard let a = accounts[id], let record = accountRecords[id],
              let customer = a["account_holder"]?["customer"]?.stringValue,
              let template = world.template(institution: record.institution, index: record.templateIndex) else { return nil }
        let computed = balance(for: id, template: template, at: 0)
        let seeded = record.seeded ?? SeededAccountData(current: computed["current"]?["usd"]?.intValue ?? 0,
                                                        available: computed["cash"]?["available"]?["usd"]?.intValue,
                                                        owners: template.owners, transactions: options.transactionsPerAccount)
        var o = JSONObject()
        o["id"] = .string(id)
        o["customer"] = .string(customer)
        o["session"] = .string(record.session)
        o["institution"] = .string(record.institution)
        o["display_name"] = a["display_name"] ?? .null
        o["subcategory"] = a["subcategory"] ?? .null
        o["last4"] = a["last4"] ?? .null
        o["permissions"] = a["permissions"] ?? .array([])
        o["status"] = a["status"] ?? "active"
        if let details = a["status_details"] { o["status_details"] = details }
        var money = JSONObject()
        money["current"] = .int(seeded.current)
        if let available = seeded.available { money["available"] = .int(available) }
        o["balance"] = .object(money)
        o["owners"] = .array(seeded.owners.map { owner in
            var w = JSONObject()
            w["name"] = .string(owner.name)
            if let email = owner.email { w["email"] = .string(email) }
            if let phone = owner.phone { w["phone"] = .string(phone) }
            if let address = owner.rawAddress { w["address"] = .string(address) }
            return .object(w)
        })
        o["transactions"] = .int(seeded.transactions)
        return .object(o)
    }
}

extension SandboxApp {
    /// Reads and loads `options.scenarioFile` into a fresh engine (see `SandboxEngine.loadScenario`).
    static func loadScenario(_ path: String, into engine: SandboxEngine, wall: Double) throws(SandboxScenarioError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SandboxScenarioError(path: path, reason: "cannot be read")
        }
        let json: JSON
        do {
            json = try JSON.parse([UInt8](data))
        } catch {
            throw SandboxScenarioError(path: path, reason: "is not valid JSON (\(error))")
        }
        try engine.loadScenario(json, path: path, wall: wall)
    }
}
