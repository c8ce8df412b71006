import FCKit

/// Applies already-checked `expand[]` paths to an answer: ids the sandbox holds become their
/// objects, and includable properties (absent or `null` until asked for) are filled in.
/// Paths through anything else leave the answer as it is.
extension SandboxEngine {
    func expand(_ answer: JSON, paths: [String]) -> JSON {
        var out = answer
        for path in paths {
            out = expand(out, path: path.split(separator: ".").map(String.init)[...])
        }
        return out
    }

    private func expand(_ value: JSON, path: ArraySlice<String>) -> JSON {
        guard let segment = path.first else { return value }
        switch value {
        case .array(let items):
            // Inside a list's `data`: the rest of the path applies to every item.
            return .array(items.map { expand($0, path: path) })
        case .object(var object):
            var field = object[segment]
            if let id = field?.stringValue, let resolved = expandable(id) {
                field = .object(resolved)
            } else if field == nil || field == .null, let included = includable(segment, of: object) {
                field = included
            }
            guard let field else { return value }
            let expanded = expand(field, path: path.dropFirst())
            if object[segment] != nil { object[segment] = expanded; return .object(object) }
            return .object(SandboxEngine.inserting(segment, expanded, into: object))
        default:
            return value
        }
    }

    /// A new member in Stripe's order: after `id` and `object`, alphabetically among the rest.
    static func inserting(_ key: String, _ value: JSON, into object: JSONObject) -> JSONObject {
        var out = JSONObject()
        var placed = false
        for (k, v) in object {
            if !placed, k != "id", k != "object", k > key { out[key] = value; placed = true }
            out[k] = v
        }
        if !placed { out[key] = value }
        return out
    }

    /// The object behind an id, for the kinds of object the sandbox keeps.
    private func expandable(_ id: String) -> JSONObject? {
        if id.hasPrefix("cus_") { return customers[id] }
        if id.hasPrefix("pm_") { return paymentMethods[id] }
        if id.hasPrefix("py_") { return charges[id] }
        if id.hasPrefix("pi_") { return paymentIntents[id] }
        if id.hasPrefix("seti_") { return setupIntents[id] }
        if id.hasPrefix("setatt_") { return setupAttempts[id] }
        if id.hasPrefix("mandate_") { return mandates[id] }
        if id.hasPrefix("fcaowns_") {
            for record in accountRecords.values { if let ownership = record.ownerships[id] { return ownership } }
        }
        return nil
    }

    /// Properties Stripe leaves out (or `null`) unless they are expanded.
    private func includable(_ field: String, of object: JSONObject) -> JSON? {
        switch (object["object"]?.stringValue, field) {
        case ("financial_connections.account", "account_numbers"):
            // Account number details exist only with the `payment_method` permission on an ACH-capable account.
            guard let id = object["id"]?.stringValue else { return .null }
            return accountNumbers(of: id)
        case ("financial_connections.account", "status_details"):
            // Present once there is something to say (`active` with a deactivation date, `inactive`).
            return [:]
        case ("customer", "sources"), ("customer", "subscriptions"), ("customer", "tax_ids"):
            guard let id = object["id"]?.stringValue else { return nil }
            return ListPaging.envelope([], hasMore: false, url: "/v1/customers/\(id)/\(field)", totalCount: 0)
        default:
            return nil
        }
    }
}
