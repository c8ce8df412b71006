/// An error answer from the Stripe API (`{"error":{...}}`), or the best reading of a non-JSON
/// error page (a proxy's HTML 502, say) in the same shape.
public struct StripeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `api_error`, `card_error`, `idempotency_error`, `invalid_request_error`, or a v2 type.
    public var type: String
    public var code: String?
    /// The offending request parameter, e.g. `features`.
    public var param: String?
    public var message: String
    public var docURL: String?
    public var requestLogURL: String?
    public var declineCode: String?
    public var httpStatus: Int
    public var requestID: String?

    public init(type: String, code: String? = nil, param: String? = nil, message: String, docURL: String? = nil,
                requestLogURL: String? = nil, declineCode: String? = nil, httpStatus: Int, requestID: String? = nil) {
        self.type = type
        self.code = code
        self.param = param
        self.message = message
        self.docURL = docURL
        self.requestLogURL = requestLogURL
        self.declineCode = declineCode
        self.httpStatus = httpStatus
        self.requestID = requestID
    }

    public var description: String { message }

    /// Reads an error response body. Never fails: a body that is not Stripe's error JSON becomes an
    /// `api_error` whose message names the HTTP status and quotes the start of the body.
    public static func parse(status: Int, body: [UInt8], requestID: String?) -> StripeError {
        guard let json = try? JSON.parse(body) else {
            return StripeError(type: "api_error", message: unreadableMessage(status: status, body: body),
                               httpStatus: status, requestID: requestID)
        }
        if let error = json["error"], case .object = error {
            let message = error["message"]?.stringValue ?? error["user_message"]?.stringValue
            return StripeError(
                type: error["type"]?.stringValue ?? "api_error",
                code: error["code"]?.stringValue,
                param: error["param"]?.stringValue,
                message: message.map(Secrets.redact) ?? "Stripe answered HTTP \(status) with no error message",
                docURL: error["doc_url"]?.stringValue,
                requestLogURL: error["request_log_url"]?.stringValue,
                declineCode: error["decline_code"]?.stringValue,
                httpStatus: status,
                requestID: requestID)
        }
        // OAuth-style bodies: {"error":"invalid_grant","error_description":"…"}.
        if let code = json["error"]?.stringValue {
            let message = json["error_description"]?.stringValue ?? code
            return StripeError(type: "api_error", code: code, message: Secrets.redact(message), httpStatus: status, requestID: requestID)
        }
        return StripeError(type: "api_error", message: unreadableMessage(status: status, body: body),
                           httpStatus: status, requestID: requestID)
    }

    /// "HTTP 502 from the API (not a Stripe error): <snippet>", with markup stripped and secrets masked.
    static func unreadableMessage(status: Int, body: [UInt8]) -> String {
        let snippet = Self.snippet(String(decoding: body, as: UTF8.self))
        if snippet.isEmpty, status == 401 {
            // Foundation on Linux drops the body of a 401 that carries an authentication challenge.
            return "the API did not accept the key (HTTP 401)"
        }
        let head = "unexpected HTTP \(status) response from the API"
        return snippet.isEmpty ? head + " (empty body)" : head + ": " + snippet
    }

    /// The first 120 visible characters of a body, tags removed and whitespace collapsed.
    static func snippet(_ text: String, limit: Int = 120) -> String {
        var visible = ""
        var inTag = false
        for ch in text {
            if ch == "<" { inTag = true; visible.append(" "); continue }
            if ch == ">" && inTag { inTag = false; continue }
            if !inTag { visible.append(ch) }
        }
        let words = visible.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let collapsed = Secrets.redact(words.joined(separator: " "))
        return collapsed.count > limit ? String(collapsed.prefix(limit)) + "…" : collapsed
    }
}

/// Everything `StripeClient.send` can throw.
public enum ClientError: Error, Sendable, CustomStringConvertible {
    /// Stripe answered with an error status (after any retries).
    case api(StripeError)
    /// The API could not be reached; `attempts` counts every try, the first included.
    case network(TransportError, attempts: Int)
    /// A 2xx answer whose body is not JSON.
    case invalidResponse(status: Int, requestID: String?, message: String)
    /// Dry-run mode: the request was reported through `onDryRun`, not sent.
    case dryRun
    /// A write (POST) was sent and no answer came (lost connection, timeout, cancellation): it may
    /// or may not have happened. Sending it again with `idempotencyKey` is safe: Stripe replays.
    case outcomeUnknown(TransportError, attempts: Int, method: String, path: String, idempotencyKey: String)

    /// The HTTP status Stripe answered with, when it answered at all.
    public var httpStatus: Int? {
        switch self {
        case .api(let error): return error.httpStatus
        case .invalidResponse(let status, _, _): return status
        case .network, .dryRun, .outcomeUnknown: return nil
        }
    }

    /// The `Request-Id` of the failing answer, when there was one.
    public var requestID: String? {
        switch self {
        case .api(let error): return error.requestID
        case .invalidResponse(_, let requestID, _): return requestID
        case .network, .dryRun, .outcomeUnknown: return nil
        }
    }

    public var description: String {
        switch self {
        case .api(let error): return error.message
        case .network(let error, let attempts):
            let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
            return "could not reach the Stripe API (\(error.message)) after \(tries)"
        case .invalidResponse(let status, _, let message): return "invalid response (HTTP \(status)): \(message)"
        case .dryRun: return "dry run: request not sent"
        case .outcomeUnknown(let error, _, let method, let path, _):
            return "the outcome of \(method) \(path) is unknown: it was sent and no answer came (\(error.message))"
        }
    }
}
