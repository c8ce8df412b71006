import FCKit
import Foundation

/// POST /v2/core/accounts and GET /v2/core/accounts/{id}: JSON bodies, RFC 3339 times,
/// configurations shown only when asked for with `include`.
extension SandboxEngine {
    static let v2Includes = ["configuration.customer", "configuration.merchant", "configuration.recipient", "defaults",
                             "future_requirements", "identity", "requirements"]
    static let v2Fields = ["contact_email", "contact_phone", "display_name", "dashboard", "identity", "configuration", "defaults",
                           "include", "metadata", "account_token"]

    func createV2Account(_ ctx: RequestContext) throws(APIError) -> Reply {
        let body = ctx.json?.objectValue ?? JSONObject()
        for (key, _) in body where !SandboxEngine.v2Fields.contains(key) {
            throw APIError(code: "parameter_unknown", message: "Received unknown parameter: \(key)", param: key, isValidation: true)
        }
        for key in ["contact_email", "contact_phone", "display_name", "account_token"] {
            if let v = body[key], v.stringValue == nil { throw APIError(code: "invalid_type", message: "\(key) must be a string.", param: key, isValidation: true) }
        }
        if let dashboard = body["dashboard"], !["express", "full", "none"].contains(dashboard.stringValue ?? "") {
            throw APIError(code: "invalid_value", message: "Invalid dashboard: must be one of express, full, or none.", param: "dashboard", isValidation: true)
        }
        let include = try v2Include(body["include"]?.arrayValue, param: "include")
        let configuration = body["configuration"]?.objectValue ?? JSONObject()
        for (key, _) in configuration where !["customer", "merchant", "recipient"].contains(key) {
            throw APIError(code: "parameter_unknown", message: "Received unknown parameter: configuration.\(key)", param: "configuration.\(key)", isValidation: true)
        }
        let id = ids.next("acct")
        var configured = JSONObject()
        for (key, value) in configuration {
            var c = value.objectValue ?? JSONObject()
            if key == "customer" {
                if c["capabilities"] == nil { c["capabilities"] = ["automatic_indirect_tax": ["requested": false, "status": "inactive"]] }
                if c["test_clock"] == nil { c["test_clock"] = .null }
            }
            configured[key] = .object(c)
        }
        var a = JSONObject()
        a["id"] = .string(id)
        a["object"] = "v2.core.account"
        a["applied_configurations"] = .array(configured.keys.sorted().map(JSON.string))
        a["configuration"] = .object(configured)
        a["contact_email"] = body["contact_email"] ?? .null
        a["contact_phone"] = body["contact_phone"] ?? .null
        a["created"] = .string(SandboxEngine.rfc3339(ctx.now))
        a["dashboard"] = body["dashboard"] ?? .null
        a["defaults"] = body["defaults"] ?? .null
        a["display_name"] = body["display_name"] ?? .null
        a["identity"] = body["identity"] ?? .null
        a["livemode"] = false
        a["metadata"] = body["metadata"] ?? .object(JSONObject())
        a["requirements"] = .null
        v2Accounts[id] = a
        return .json(renderV2Account(a, include: include))
    }

    func retrieveV2Account(_ ctx: RequestContext) throws(APIError) -> Reply {
        let include = try v2Include(ctx.params.strings("include"), param: "include")
        for (key, _) in ctx.params.object where key != "include" {
            throw APIError(code: "parameter_unknown", message: "Received unknown parameter: \(key)", param: key, isValidation: true)
        }
        guard let a = v2Accounts[ctx[0]] else {
            throw APIError(status: 404, code: "not_found", message: "No such account: '\(ctx[0])'", param: "id")
        }
        return .json(renderV2Account(a, include: include))
    }

    private func v2Include(_ values: [JSON]?, param: String) throws(APIError) -> [String] {
        let include = values?.compactMap(\.stringValue) ?? []
        for value in include where !SandboxEngine.v2Includes.contains(value) {
            throw APIError(code: "invalid_value", message: "Invalid include: must be one of \(englishList(SandboxEngine.v2Includes, conjunction: "or")).",
                           param: param, isValidation: true)
        }
        return include
    }

    private func v2Include(_ values: [String]?, param: String) throws(APIError) -> [String] {
        try v2Include(values?.map(JSON.string), param: param)
    }

    /// Members not named in `include` are `null`, as v2 returns them.
    func renderV2Account(_ stored: JSONObject, include: [String]) -> JSON {
        var a = stored
        var configuration = JSONObject()
        for (key, value) in stored["configuration"]?.objectValue ?? JSONObject() where include.contains("configuration.\(key)") {
            configuration[key] = value
        }
        a["configuration"] = include.contains(where: { $0.hasPrefix("configuration.") }) ? .object(configuration) : .null
        for key in ["defaults", "identity", "requirements"] where !include.contains(key) { a[key] = .null }
        return .object(a)
    }

    static func rfc3339(_ time: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }
}
