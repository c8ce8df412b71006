/// Bounds the server puts on every client, so one bad or slow client cannot exhaust it.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line (method, target, version) in bytes; longer gets 414.
    public var maxRequestLine: Int
    /// Total bytes of all header lines of one request; more gets 431.
    public var maxHeaderBytes: Int
    /// Number of header fields in one request; more gets 431.
    public var maxHeaders: Int
    /// Largest request body in bytes (after chunked decoding); larger gets 413.
    public var maxBody: Int
    /// How long a connection may sit between requests before it is closed.
    public var idleTimeout: Duration
    /// How long a client may take to send one whole request once its first byte arrived
    /// (also the bound on a blocked write); slower clients get 408 and are closed.
    public var readTimeout: Duration
    /// Open connections at once. The next one takes the place of the connection idle the longest
    /// (which is closed); when none is idle, it is answered 503 and closed.
    public var maxConnections: Int

    public init(
        maxRequestLine: Int = 8192,
        maxHeaderBytes: Int = 64 * 1024,
        maxHeaders: Int = 100,
        maxBody: Int = 1024 * 1024,
        idleTimeout: Duration = .seconds(30),
        readTimeout: Duration = .seconds(10),
        maxConnections: Int = 512
    ) {
        self.maxRequestLine = maxRequestLine
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaders = maxHeaders
        self.maxBody = maxBody
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
        self.maxConnections = maxConnections
    }
}
