import Foundation
import FCKit

/// A Stripe error answer: `{"error":{code, doc_url, message, param, request_log_url, type}}`.
struct APIError: Error, Sendable {
    var status: Int
    var type: String
    var code: String?
    var message: String
    var param: String?
    /// Parameter validation failures: Stripe does not save these for idempotent replay,
    /// because the endpoint never started executing.
    var isValidation: Bool = false
    /// Extra members, e.g. `payment_intent` on payment errors.
    var extra: JSONObject = JSONObject()

    init(status: Int = 400, type: String = "invalid_request_error", code: String? = nil, message: String,
         param: String? = nil, isValidation: Bool = false) {
        self.status = status
        self.type = type
        self.code = code
        self.message = message
        self.param = param
        self.isValidation = isValidation
    }

    static func invalid(_ message: String, param: String? = nil, code: String? = nil) -> APIError {
        APIError(code: code, message: message, param: param)
    }

    static func unknownParameter(_ name: String) -> APIError {
        APIError(code: "parameter_unknown", message: "Received unknown parameter: \(name)", param: name, isValidation: true)
    }

    static func missingParameter(_ name: String) -> APIError {
        APIError(code: "parameter_missing", message: "Missing required param: \(name).", param: name, isValidation: true)
    }

    static func invalidEnum(_ name: String, _ allowed: [String]) -> APIError {
        APIError(code: "parameter_invalid_string", message: "Invalid \(name): must be one of \(englishList(allowed, conjunction: "or"))",
                 param: name, isValidation: true)
    }

    static func invalidInteger(_ name: String, _ value: String) -> APIError {
        APIError(code: "parameter_invalid_integer", message: "Invalid integer: \(value)", param: name, isValidation: true)
    }

    static func invalidType(_ name: String, _ what: String) -> APIError {
        APIError(code: "parameter_invalid_type", message: "Invalid \(what)", param: name, isValidation: true)
    }

    static func emptyString(_ name: String) -> APIError {
        APIError(code: "parameter_invalid_empty",
                 message: "You passed an empty string for '\(name)'. We assume empty values are an attempt to unset a parameter; however '\(name)' cannot be unset. You should remove '\(name)' from your request or supply a non-empty value.",
                 param: name, isValidation: true)
    }

    /// 404 `resource_missing`, e.g. "No such customer: 'cus_x'".
    static func noSuch(_ noun: String, _ id: String, param: String = "id", status: Int = 404) -> APIError {
        APIError(status: status, code: "resource_missing", message: "No such \(noun): '\(id)'", param: param)
    }

    static func unrecognizedURL(method: String, path: String) -> APIError {
        APIError(status: 404, message: "Unrecognized request URL (\(method): \(path)). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.")
    }

    /// The `error` member for a v1 answer.
    func body(requestId: String, now: Int) -> JSON {
        var e = JSONObject()
        if let code {
            e["code"] = .string(code)
            e["doc_url"] = .string("https://stripe.com/docs/error-codes/" + code.replacingOccurrences(of: "_", with: "-"))
        }
        e["message"] = .string(message)
        if let param { e["param"] = .string(param) }
        for (key, value) in extra { e[key] = value }
        e["request_log_url"] = .string("https://dashboard.stripe.com/test/logs/\(requestId)?t=\(now)")
        e["type"] = .string(type)
        return ["error": .object(e)]
    }

    /// v2 errors: `{"error":{"type","code","message"}}`.
    func v2Body() -> JSON {
        var e = JSONObject()
        e["type"] = .string(type)
        e["code"] = .string(code ?? type)
        e["message"] = .string(message)
        if let param { e["param"] = .string(param) }
        return ["error": .object(e)]
    }
}

/// "a or b", "a, b, or c".
func englishList(_ items: [String], conjunction: String) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    case 2: return "\(items[0]) \(conjunction) \(items[1])"
    default: return items.dropLast().joined(separator: ", ") + ", \(conjunction) " + items.last!
    }
}
