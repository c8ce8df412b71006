/// One HTTP request as the client hands it to a `Transport`: the seam where tests fake the network.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The absolute URL, query string included.
    public var url: String
    /// Header fields in the order they are sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Seconds to wait for the whole exchange before giving up with `TransportError.Kind.timeout`.
    public var timeout: Double

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [], timeout: Double = 80) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? { HTTPHeaders.first(name, in: headers) }
}

/// One HTTP response as a `Transport` returns it, whatever its status.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? { HTTPHeaders.first(name, in: headers) }
}

/// The exchange did not produce an HTTP response at all.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No complete response within the request's timeout.
        case timeout
        /// DNS, refused or reset connections, TLS failures: the API could not be reached.
        case connection
        /// The caller cancelled the request; never retried.
        case cancelled
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Sends one HTTP request and returns the response. Implementations throw only `TransportError`
/// and return every status (4xx/5xx included) as a response: deciding what a status means is the client's job.
public protocol Transport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// Case-insensitive lookup in an ordered header list.
public enum HTTPHeaders {
    /// The first value for `name` (case-insensitive), or nil.
    public static func first(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
