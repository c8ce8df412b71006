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
    /// The most bytes of response (head and body, the body counted after decompression) taken
    /// before giving up with `TransportError.Kind.responseTooLarge`.
    public var maxResponseSize: Int
    /// Certificates the server must chain to, instead of the system's store: a PEM bundle file
    /// and/or an OpenSSL hashed directory (`--ca-bundle`, `CURL_CA_BUNDLE`, `SSL_CERT_FILE`, `SSL_CERT_DIR`).
    public var caBundle: String?
    public var caDirectory: String?

    /// 64 MiB: far above any Stripe object or page, far below what would exhaust memory.
    public static let defaultMaxResponseSize = 64 << 20

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [], timeout: Double = 80,
                maxResponseSize: Int = HTTPRequest.defaultMaxResponseSize, caBundle: String? = nil, caDirectory: String? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxResponseSize = maxResponseSize
        self.caBundle = caBundle
        self.caDirectory = caDirectory
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
        /// The server answered (`status`) but the answer outgrew `HTTPRequest.maxResponseSize`;
        /// never retried, as the same answer would come again.
        case responseTooLarge
    }

    public var kind: Kind
    public var message: String
    /// The status of the answer that was being read, when one had begun.
    public var status: Int?

    public init(kind: Kind, message: String, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
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
