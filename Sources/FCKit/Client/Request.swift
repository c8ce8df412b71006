/// The HTTP methods the Stripe API uses.
public enum HTTPMethod: String, Sendable {
    case get = "GET", post = "POST", delete = "DELETE"
}

/// One logical Stripe API call, before headers, encoding and retries are applied.
public struct StripeRequest: Sendable {
    public var method: HTTPMethod
    /// The path below the base URL, e.g. `/v1/customers`. Ids in it are already percent-escaped.
    public var path: String
    /// Query parameters for GET/DELETE, the form body for a v1 POST (Stripe's bracket encoding).
    public var params: JSONObject
    /// For v2 POSTs: sent as `application/json` instead of a form body.
    public var jsonBody: JSON?
    /// For POSTs: generated when nil, and reused on every retry of this request either way.
    public var idempotencyKey: String?

    public init(method: HTTPMethod, path: String, params: JSONObject = [:], jsonBody: JSON? = nil, idempotencyKey: String? = nil) {
        self.method = method
        self.path = path
        self.params = params
        self.jsonBody = jsonBody
        self.idempotencyKey = idempotencyKey
    }
}

/// A successful (2xx) Stripe response with its JSON body.
public struct StripeResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var json: JSON
    /// The `Request-Id` header, for support and `--verbose` logs.
    public var requestID: String?
    /// True when Stripe answered from its idempotency cache (`Idempotent-Replayed: true`).
    public var replayed: Bool

    public init(status: Int, headers: [(name: String, value: String)], json: JSON, requestID: String?, replayed: Bool) {
        self.status = status
        self.headers = headers
        self.json = json
        self.requestID = requestID
        self.replayed = replayed
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? { HTTPHeaders.first(name, in: headers) }
}
