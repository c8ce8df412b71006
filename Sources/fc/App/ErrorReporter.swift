import FCKit

/// The one place errors become messages and exit codes (ARCHITECTURE.md "Exit codes").
/// Messages go to stderr; with `--format json|jsonl` the error is also a JSON object there.
struct ErrorReporter {
    let io: IO
    /// Also write the error as a JSON object (when json/jsonl output was asked for).
    let jsonErrors: Bool
    /// The command line that retries an unknown-outcome write safely (its base idempotency key in it).
    var rerun: String? = nil

    func report(_ error: Error) -> Int32 {
        var (code, fields) = Self.fields(of: error)
        if let rerun, fields["type"] == "outcome_unknown" {
            fields["hint"] = .string("rerun the same command within 24 hours: it reuses the key, so Stripe answers with what it did instead of doing it twice (or, from anywhere: \(rerun))")
        }
        if code == ExitCode.success { return code }
        io.out.flush()  // results first, then the error, when both go to one place
        if jsonErrors {
            var object = fields
            if let message = fields["message"]?.stringValue { object["message"] = .string(Secrets.redact(message)) }
            object["exit_code"] = .int(code)
            io.err.line(JSON.object(["error": .object(object)]).serialized())
            return code
        }
        for failure in fields["failures"]?.arrayValue ?? [] {
            // fca_1: balance refresh: The institution is down. (code …, request id req_…)
            let notes = [("code", "code"), ("request id", "request_id")].compactMap { label, key in
                failure[key]?.stringValue.map { "\(label) \($0)" }
            }
            let text = "\(failure["account"]?.displayText ?? "?"): \(failure["step"]?.displayText ?? "?"): \(failure["message"]?.displayText ?? "failed")"
            io.err.line(Secrets.redact(text + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")))
        }
        let message = fields["message"]?.stringValue ?? "unknown error"
        io.err.line("error: \(Secrets.redact(message))")
        for (label, key) in [("code", "code"), ("param", "param"), ("decline code", "decline_code"), ("request id", "request_id"),
                             ("status", "http_status"), ("idempotency key", "idempotency_key")] {
            if let value = fields[key], !value.isNull { io.err.line("  \(label): \(value.displayText)") }
        }
        if let hint = fields["hint"]?.stringValue { io.err.line("hint: \(hint)") }
        return code
    }

    /// A usage error found by the parser (exit 2): with its pointer to help, or as JSON.
    func reportUsage(_ message: String, commandPath: [String]) -> Int32 {
        if jsonErrors {
            let object: JSON = ["error": ["type": "usage_error", "message": .string(Secrets.redact(message)), "exit_code": .int(ExitCode.usage)]]
            io.err.line(object.serialized())
        } else {
            io.err.line("error: \(Secrets.redact(message))")
            io.err.line("Run '\((["stripe-fc"] + commandPath).joined(separator: " ")) --help' for usage.")
        }
        return ExitCode.usage
    }

    /// A warning or note: `warning: …`, or `{"warning":{"message":…}}` when stderr carries JSON.
    func say(_ kind: String, _ message: String) {
        if jsonErrors {
            io.err.line(JSON.object([kind: ["message": .string(Secrets.redact(message))]]).serialized())
        } else {
            io.err.line("\(kind): \(Secrets.redact(message))")
        }
    }

    /// The exit code an error maps to, and the fields that describe it (type, message, code, …).
    static func fields(of error: Error) -> (code: Int32, fields: JSONObject) {
        var fields = JSONObject()
        switch error {
        case let error as CLIError:
            fields["type"] = error.failures.isEmpty ? "cli_error" : "partial_failure"
            fields["message"] = .string(error.message)
            if let hint = error.hint { fields["hint"] = .string(hint) }
            if !error.failures.isEmpty { fields["failures"] = .array(error.failures.map(JSON.object)) }
            return (error.exitCode, fields)
        case let error as UsageError:
            fields["type"] = "usage_error"
            fields["message"] = .string(error.message)
            return (ExitCode.usage, fields)
        case let error as ClientError:
            switch error {
            case .dryRun:
                return (ExitCode.success, fields)
            case .api(let stripe):
                fields["type"] = .string(stripe.type)
                fields["message"] = .string(stripe.message)
                if let code = stripe.code { fields["code"] = .string(code) }
                if let param = stripe.param { fields["param"] = .string(param) }
                if let decline = stripe.declineCode { fields["decline_code"] = .string(decline) }
                if let id = stripe.requestID { fields["request_id"] = .string(id) }
                fields["http_status"] = .int(stripe.httpStatus)
                if let doc = stripe.docURL { fields["doc_url"] = .string(doc) }
                if stripe.httpStatus == 401 {
                    fields["hint"] = "check the key: STRIPE_API_KEY, --api-key or 'stripe-fc config set api_key' (for stripe-fc sandbox, any sk_test_ key)"
                    return (ExitCode.auth, fields)
                }
                if stripe.httpStatus == 403 {
                    fields["hint"] = "the key lacks permission for this request (a restricted key needs the Financial Connections scopes)"
                    return (ExitCode.auth, fields)
                }
                return (ExitCode.failure, fields)
            case .outcomeUnknown(let transport, let attempts, let method, let path, let key):
                fields["type"] = "outcome_unknown"
                let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
                fields["message"] = .string("the outcome is unknown: \(method) \(path) was sent and no answer said what became of it (\(transport.message); \(tries)), so it may have happened")
                fields["idempotency_key"] = .string(key)
                fields["hint"] = "rerun the same command with the same idempotency key: Stripe answers with what it did instead of doing it twice"
                return (transport.kind == .cancelled ? ExitCode.interrupted : ExitCode.network, fields)
            case .network(let transport, let attempts):
                fields["type"] = "network_error"
                fields["message"] = .string("could not reach the API: \(transport.message) (\(attempts) attempt\(attempts == 1 ? "" : "s"))")
                fields["hint"] = "check --base-url / FC_API_BASE and your connection"
                return (transport.kind == .cancelled ? ExitCode.interrupted : ExitCode.network, fields)
            case .invalidResponse(let status, let requestID, let message):
                fields["type"] = "api_error"
                fields["message"] = .string(message)
                if let requestID { fields["request_id"] = .string(requestID) }
                fields["http_status"] = .int(status)
                return (ExitCode.failure, fields)
            }
        case is CancellationError:
            fields["type"] = "interrupted"
            fields["message"] = "interrupted"
            return (ExitCode.interrupted, fields)
        default:
            fields["type"] = "internal_error"
            fields["message"] = .string(String(describing: error))
            return (ExitCode.failure, fields)
        }
    }
}
