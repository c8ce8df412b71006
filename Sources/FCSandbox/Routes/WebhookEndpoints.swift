import FCKit

/// POST/GET /v1/webhook_endpoints and GET/POST/DELETE /v1/webhook_endpoints/{id}. The `secret`
/// is stored with the endpoint but shown only in the answer to the create, as on Stripe.
extension SandboxEngine {
    static let webhookUpdateSpec: [(String, ParamKind)] = [
        ("url", .string), ("enabled_events", .strings(nil)), ("description", .emptyableString), ("metadata", .any), ("disabled", .boolean),
    ]

    static let webhookCreateSpec: [(String, ParamKind)] = [
        ("url", .string), ("enabled_events", .strings(nil)), ("description", .emptyableString), ("metadata", .any),
        ("api_version", .string), ("connect", .boolean),
    ]

    func createWebhookEndpoint(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.webhookCreateSpec)
        let url = try p.require("url")
        try WebhookEndpointRules.checkURL(url)
        guard p.has("enabled_events") else { throw .missingParameter("enabled_events") }
        let events = try WebhookEndpointRules.enabledEvents(p)
        if let version = p.text("api_version"), !APIVersions.isKnown(version) {
            throw APIError(code: "parameter_invalid_string", message: "Invalid api_version: \(version)", param: "api_version", isValidation: true)
        }
        let metadata = try WebhookEndpointRules.metadata(p, over: JSONObject())
        let id = ids.next("we")
        var e = JSONObject()
        e["id"] = .string(id)
        e["object"] = "webhook_endpoint"
        e["api_version"] = p.text("api_version").map(JSON.string) ?? .null
        e["application"] = .null
        e["created"] = .int(ctx.timestamp)
        e["description"] = p.text("description").flatMap { $0.isEmpty ? nil : JSON.string($0) } ?? .null
        e["enabled_events"] = .array(events.map(JSON.string))
        e["livemode"] = false
        e["metadata"] = .object(metadata)
        e["secret"] = .string("whsec_" + ids.secret(32))
        e["status"] = "enabled"
        e["url"] = .string(url)
        webhookEndpoints[id] = e
        return .json(.object(e))
    }

    func listWebhookEndpoints(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, ListPaging.spec)
        return .json(try ListPaging.page(webhookEndpoints.newestFirst, params: p, url: "/v1/webhook_endpoints", noun: "webhook endpoint") { id throws(APIError) in
            .object(SandboxEngine.withoutSecret(webhookEndpoints[id]!))
        })
    }

    func retrieveWebhookEndpoint(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        return .json(.object(SandboxEngine.withoutSecret(try webhookEndpoint(ctx[0]))))
    }

    func updateWebhookEndpoint(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.webhookUpdateSpec)
        var e = try webhookEndpoint(ctx[0])
        if let url = p.text("url") {
            try WebhookEndpointRules.checkURL(url)
            e["url"] = .string(url)
        }
        if p.has("enabled_events") { e["enabled_events"] = .array(try WebhookEndpointRules.enabledEvents(p).map(JSON.string)) }
        if let description = p.string("description") { e["description"] = description.isEmpty ? .null : .string(description) }
        if p.has("metadata") { e["metadata"] = .object(try WebhookEndpointRules.metadata(p, over: e["metadata"]?.objectValue ?? JSONObject())) }
        if let disabled = p.bool("disabled") { e["status"] = disabled ? "disabled" : "enabled" }
        webhookEndpoints[ctx[0]] = e
        return .json(.object(SandboxEngine.withoutSecret(e)))
    }

    func deleteWebhookEndpoint(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        _ = try webhookEndpoint(ctx[0])
        webhookEndpoints.remove(ctx[0])
        return .json(["id": .string(ctx[0]), "object": "webhook_endpoint", "deleted": true])
    }

    func webhookEndpoint(_ id: String) throws(APIError) -> JSONObject {
        guard let e = webhookEndpoints[id] else { throw .noSuch("webhook endpoint", id) }
        return e
    }

    static func withoutSecret(_ endpoint: JSONObject) -> JSONObject {
        var copy = endpoint
        copy["secret"] = nil
        return copy
    }
}

/// What Stripe accepts for an endpoint's `url`, `enabled_events[]` and `metadata`.
enum WebhookEndpointRules {
    /// Event types of the families the sandbox emits: a name in one of these families must be one
    /// of them (so a typo is refused); names of other families are accepted by their shape.
    static let knownTypes: [String] = [
        "customer.created", "customer.deleted", "customer.updated",
        "financial_connections.account.account_numbers_updated", "financial_connections.account.created",
        "financial_connections.account.deactivated", "financial_connections.account.disconnected",
        "financial_connections.account.expected_deactivation_date_updated", "financial_connections.account.reactivated",
        "financial_connections.account.refreshed_balance", "financial_connections.account.refreshed_ownership",
        "financial_connections.account.refreshed_transactions", "financial_connections.account.supported_payment_method_types_updated",
        "financial_connections.account.upcoming_account_number_expiry", "financial_connections.account.upcoming_deactivation",
        "mandate.updated",
        "payment_intent.amount_capturable_updated", "payment_intent.canceled", "payment_intent.created", "payment_intent.partially_funded",
        "payment_intent.payment_failed", "payment_intent.processing", "payment_intent.requires_action", "payment_intent.succeeded",
        "payment_method.attached", "payment_method.automatically_updated", "payment_method.detached", "payment_method.updated",
        "setup_intent.canceled", "setup_intent.created", "setup_intent.requires_action", "setup_intent.setup_failed", "setup_intent.succeeded",
    ]

    static let knownFamilies: Set<String> = Set(knownTypes.map { family(of: $0) })

    /// `financial_connections.account.created` → `financial_connections.account`.
    static func family(of type: String) -> String {
        guard let dot = type.lastIndex(of: ".") else { return type }
        return String(type[..<dot])
    }

    /// `http://` or `https://` and a host: the sandbox delivers to loopback, which Stripe would not.
    static func checkURL(_ url: String) throws(APIError) {
        let lower = url.lowercased()
        let rest = lower.hasPrefix("https://") ? lower.dropFirst(8) : lower.hasPrefix("http://") ? lower.dropFirst(7) : nil
        let host = rest.map { $0.prefix { $0 != "/" && $0 != "?" && $0 != "#" } }
        guard let host, !host.isEmpty, !host.hasPrefix(":"), !url.contains(where: { $0.isWhitespace }) else {
            throw APIError(code: "url_invalid", message: "Invalid URL: \(url). A webhook endpoint's URL must start with http:// or https:// and name a host.",
                           param: "url", isValidation: true)
        }
    }

    /// The list as given, each entry `*`, an event type, or a pattern with `*` that some known type matches.
    static func enabledEvents(_ p: Params) throws(APIError) -> [String] {
        let events = p.strings("enabled_events") ?? []
        guard !events.isEmpty else { throw .missingParameter("enabled_events") }
        for (i, event) in events.enumerated() where !isAccepted(event) {
            let family = family(of: event)
            let allowed = ["*"] + (knownFamilies.contains(family) ? knownTypes.filter { self.family(of: $0) == family } : knownTypes)
            throw APIError(code: "parameter_invalid_string", message: "Invalid enabled_events[\(i)]: must be one of \(englishList(allowed, conjunction: "or"))",
                           param: "enabled_events[\(i)]", isValidation: true)
        }
        return events
    }

    static func isAccepted(_ event: String) -> Bool {
        if event == "*" { return true }
        if event.contains("*") { return knownTypes.contains { EventTypePattern.matches(event, $0) } }
        let shaped = event.split(separator: ".", omittingEmptySubsequences: false).count >= 2
            && event.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            }
        guard shaped else { return false }
        return knownFamilies.contains(family(of: event)) ? knownTypes.contains(event) : true
    }

    /// `metadata[k]=v` merged over what was there; `metadata[k]=` removes a key, `metadata=` all of them.
    static func metadata(_ p: Params, over existing: JSONObject) throws(APIError) -> JSONObject {
        guard let value = p.value("metadata") else { return existing }
        if value.stringValue == "" { return JSONObject() }
        guard let pairs = value.objectValue else { throw .invalidType("metadata", "object") }
        var out = existing
        for (key, v) in pairs {
            guard let text = v.stringValue else { throw .invalidType("metadata[\(key)]", "string") }
            out[key] = text.isEmpty ? nil : .string(text)
        }
        return out
    }

    /// Whether an endpoint with these `enabled_events` wants an event of `type`.
    static func wants(_ enabledEvents: [String], _ type: String) -> Bool {
        enabledEvents.contains { EventTypePattern.matches($0, type) }
    }
}
