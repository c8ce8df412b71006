/// One HTTP/1.1 request as the sandbox's server read it off the wire.
public struct SandboxRequest: Sendable {
    public var method: String
    /// The path without the query string, still percent-encoded (`/v1/customers/cus_123`).
    public var path: String
    /// The raw query string without `?` (empty when there is none).
    public var query: String
    /// Header fields in arrival order; names as sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// The answer the server writes back. `drop` closes the connection without writing anything.
public struct SandboxResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var drop: Bool
    /// The `Date` header's time (unix seconds): the sandbox's clock, when the app answered.
    /// The server writes the wall clock when it is nil.
    public var date: Double? = nil
    /// Runs once the answer was written (or the write failed): what must not happen before the
    /// client has its answer, e.g. `stripe-fc link` stopping its server once the outcome is in.
    public var afterSend: (@Sendable () -> Void)? = nil

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], drop: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.drop = drop
    }

    public static let dropConnection = SandboxResponse(status: 0, drop: true)

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// Anything that answers requests: the Stripe-compatible app, or a fault injector wrapped around it.
public protocol SandboxHandler: Sendable {
    func handle(_ request: SandboxRequest) async -> SandboxResponse
}
