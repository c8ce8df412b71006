/// Everything a `StripeClient` needs to know besides its transport.
public struct ClientConfiguration: Sendable {
    /// A secret (`sk_…`) or restricted (`rk_…`) key, sent as `Authorization: Bearer <key>`.
    public var apiKey: String
    /// `https://api.stripe.com`, or a sandbox; a trailing slash is allowed.
    public var baseURL: String = "https://api.stripe.com"
    /// Pinned so responses keep the shape this client was written against.
    public var stripeVersion: String = "2026-07-29.dahlia"
    /// Sent as `Stripe-Account` (Connect) when set.
    public var stripeAccount: String?
    /// Retries after the first attempt; 0 disables retrying.
    public var maxRetries: Int = 2
    /// Seconds per attempt, from connect to the last byte of the answer.
    public var timeout: Double = 80
    /// The most bytes an answer may have (body counted decompressed); a larger one is an error.
    public var maxResponseSize: Int = HTTPRequest.defaultMaxResponseSize
    /// A PEM file of CA certificates to verify TLS servers against instead of the system's store.
    public var caBundle: String?
    /// A hashed directory of CA certificates (`SSL_CERT_DIR`), likewise.
    public var caDirectory: String?
    /// Goes into `User-Agent: fc/<clientVersion>` and the client user-agent JSON.
    public var clientVersion: String = "0.1.0"
    /// Build and report requests through `onDryRun` without sending them.
    public var dryRun: Bool = false

    public init(apiKey: String) {
        self.apiKey = apiKey
    }
}

/// One HTTP attempt, reported after it ends (for `--verbose`). Secrets are already redacted.
public struct ExchangeLog: Sendable {
    public var method: String
    /// Path and query string, secrets redacted.
    public var path: String
    /// Nil when no response arrived.
    public var status: Int?
    public var requestID: String?
    public var durationMS: Int
    /// 0 for the first try, 1 for the first retry, …
    public var attempt: Int
    /// The transport error's message when no response arrived.
    public var error: String?
    public var idempotencyKey: String?

    public init(method: String, path: String, status: Int?, requestID: String?, durationMS: Int, attempt: Int,
                error: String? = nil, idempotencyKey: String? = nil) {
        self.method = method
        self.path = path
        self.status = status
        self.requestID = requestID
        self.durationMS = durationMS
        self.attempt = attempt
        self.error = error
        self.idempotencyKey = idempotencyKey
    }
}

/// A request that dry-run mode would have sent, secrets redacted, ready to print.
public struct DryRunRequest: Sendable {
    public var method: String
    public var url: String
    /// Every header that would be sent, `Authorization` masked (`Bearer sk_test_…abcd`).
    public var headers: [(name: String, value: String)]
    /// The form or JSON body text (empty for GET/DELETE), secrets redacted.
    public var body: String

    public init(method: String, url: String, headers: [(name: String, value: String)], body: String) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? { HTTPHeaders.first(name, in: headers) }
}
