import FCKit

/// GET /v1/events (type with `*` wildcards, types[], created ranges) and GET /v1/events/{id}.
extension SandboxEngine {
    func listEvents(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, ListPaging.spec + [("type", .string), ("types", .strings(nil)),
                                                                 ("created", .range), ("delivery_success", .boolean)])
        if p.has("type"), p.has("types") {
            throw APIError(code: "parameters_exclusive", message: "You may only specify one of these parameters: type, types.",
                           param: "types", isValidation: true)
        }
        let patterns = p.string("type").map { [$0] } ?? p.strings("types") ?? []
        if patterns.count > 20 {
            throw APIError(code: "parameter_invalid_integer", message: "You may specify at most 20 types.", param: "types", isValidation: true)
        }
        let created = try ListPaging.range(p, "created")
        let deliverySuccess = p.bool("delivery_success")
        // Stripe lists only the last 30 days of events.
        let oldest = ctx.timestamp - 30 * 86_400
        let matching = events.newest { e in
            if (e["created"]?.intValue ?? 0) < oldest { return false }
            let type = e["type"]?.stringValue ?? ""
            if !patterns.isEmpty, !patterns.contains(where: { EventTypePattern.matches($0, type) }) { return false }
            // Stripe's delivery_success=false: events with deliveries still pending or finally failed.
            if let deliverySuccess, deliverySuccess != ((e["pending_webhooks"]?.intValue ?? 0) == 0) { return false }
            return created(e["created"]?.intValue ?? 0)
        }
        return .json(try ListPaging.page(matching, params: p, url: "/v1/events", noun: "event") { id throws(APIError) in
            .object(events[id]!)
        })
    }

    func retrieveEvent(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        guard let e = events[ctx[0]] else { throw .noSuch("event", ctx[0]) }
        return .json(.object(e))
    }
}

/// `financial_connections.account.*`-style patterns: `*` matches any run of characters.
enum EventTypePattern {
    static func matches(_ pattern: String, _ type: String) -> Bool {
        let p = Array(pattern), t = Array(type)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
