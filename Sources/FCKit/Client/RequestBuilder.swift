import Foundation

/// Turns a `StripeRequest` into the exact bytes on the wire: URL, headers and body.
/// Shared by real sends and dry runs so what `--dry-run` prints is what would be sent.
public struct RequestBuilder: Sendable {
    public var configuration: ClientConfiguration
    /// The `X-Stripe-Client-User-Agent` JSON, computed once.
    public let clientUserAgent: String

    public init(configuration: ClientConfiguration) {
        self.configuration = configuration
        self.clientUserAgent = Self.clientUserAgentJSON(version: configuration.clientVersion)
    }

    /// `baseURL` + `path`, with GET/DELETE params (or a v2 POST's params) as the query string.
    public func url(for request: StripeRequest) -> String {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let path = request.path.hasPrefix("/") ? request.path : "/" + request.path
        let paramsInQuery = request.method != .post || request.jsonBody != nil
        guard paramsInQuery, !request.params.isEmpty else { return base + path }
        let query = FormEncoder.encode(request.params)
        return base + path + (path.contains("?") ? "&" : "?") + query
    }

    /// The full request. `idempotencyKey` is used for POSTs only (the caller decides it once per
    /// logical request so every retry carries the same one).
    public func httpRequest(for request: StripeRequest, idempotencyKey: String?) -> HTTPRequest {
        var headers: [(name: String, value: String)] = [
            ("Authorization", "Bearer \(configuration.apiKey)"),
            ("Stripe-Version", configuration.stripeVersion),
            ("User-Agent", "stripe-fc/\(configuration.clientVersion)"),
            ("X-Stripe-Client-User-Agent", clientUserAgent),
        ]
        if let account = configuration.stripeAccount, !account.isEmpty {
            headers.append(("Stripe-Account", account))
        }
        var body: [UInt8] = []
        if request.method == .post {
            if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
            if let json = request.jsonBody {
                headers.append(("Content-Type", "application/json"))
                body = Array(json.serialized().utf8)
            } else {
                headers.append(("Content-Type", "application/x-www-form-urlencoded"))
                body = Array(FormEncoder.encode(request.params).utf8)
            }
        }
        return HTTPRequest(method: request.method.rawValue, url: url(for: request), headers: headers, body: body,
                           timeout: configuration.timeout, maxResponseSize: configuration.maxResponseSize,
                           caBundle: configuration.caBundle, caDirectory: configuration.caDirectory)
    }

    /// What dry-run mode shows: the same request with the key masked and any secret redacted.
    public func redacted(_ request: HTTPRequest) -> DryRunRequest {
        let headers = request.headers.map { header -> (name: String, value: String) in
            if header.name.lowercased() == "authorization" {
                return (header.name, "Bearer " + Secrets.mask(configuration.apiKey))
            }
            return (header.name, Secrets.redact(header.value))
        }
        return DryRunRequest(method: request.method, url: Secrets.redact(request.url), headers: headers,
                             body: Secrets.redact(String(decoding: request.body, as: UTF8.self)))
    }

    /// Path and query of a URL below the base, secrets redacted: what `--verbose` prints.
    public func loggedPath(_ request: StripeRequest) -> String {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let full = url(for: request)
        let path = full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
        return Secrets.redact(path)
    }

    static func clientUserAgentJSON(version: String) -> String {
        var info = JSONObject()
        info["bindings_version"] = .string(version)
        info["lang"] = "swift"
        info["lang_version"] = .string(swiftVersion)
        info["publisher"] = "stripe-fc"
        info["uname"] = .string(ProcessInfo.processInfo.operatingSystemVersionString)
        info["os"] = .string(osName)
        return JSON.object(info).serialized()
    }

    private static var osName: String {
        #if os(Linux)
        return "linux"
        #elseif os(macOS)
        return "darwin"
        #elseif os(Windows)
        return "windows"
        #else
        return "unknown"
        #endif
    }

    private static var swiftVersion: String {
        #if swift(>=6.3)
        return "6.3"
        #elseif swift(>=6.2)
        return "6.2"
        #elseif swift(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }
}
