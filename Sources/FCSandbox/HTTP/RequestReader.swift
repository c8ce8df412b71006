/// Why no request came out of the connection.
enum RequestReadFailure: Error, Equatable {
    /// The peer closed (or the socket failed); nothing to answer.
    case closed
    /// No byte of a new request arrived within the idle timeout.
    case idle
    /// Answer with this status, then close.
    case rejected(HTTPRejection)
}

/// A request read off the wire, with what the connection needs to know about it.
struct ReadRequest {
    var request: SandboxRequest
    var keepAlive: Bool
}

/// Reads requests one after another from a byte stream, keeping bytes that belong to the next
/// (pipelined) request. Enforces every `HTTPLimits` bound while reading, before buffering more.
struct RequestReader {
    typealias Receive = (UnsafeMutableRawBufferPointer, _ timeoutMS: Int32) -> POSIXSocket.Receive

    private let limits: HTTPLimits
    private let receive: Receive
    /// Writes the `100 Continue` interim response.
    private let sendInterim: ([UInt8]) -> Bool
    /// Told when a request's first bytes are in; false stops reading (the connection was closed
    /// to make room for another), as if the peer had closed.
    private let beginRequest: () -> Bool
    private var buffer: [UInt8] = []
    private var cursor = 0
    private var deadline = ContinuousClock.now

    init(limits: HTTPLimits, receive: @escaping Receive, sendInterim: @escaping ([UInt8]) -> Bool,
         beginRequest: @escaping () -> Bool = { true }) {
        self.limits = limits
        self.receive = receive
        self.sendInterim = sendInterim
        self.beginRequest = beginRequest
    }

    /// The next request: waits up to `idleTimeout` for its first byte, then `readTimeout` for all of it.
    mutating func next() throws(RequestReadFailure) -> ReadRequest {
        compact()
        if cursor == buffer.count {
            switch fill(timeoutMS: POSIXSocket.milliseconds(limits.idleTimeout)) {
            case .bytes: break
            case .timedOut: throw .idle
            case .closed, .failed: throw .closed
            }
        }
        guard beginRequest() else { throw .closed }
        deadline = .now + limits.readTimeout

        var line = try readLine(max: limits.maxRequestLine, tooLong: HTTPRejection(status: 414, message: "Request line too long."))
        var blankLines = 0
        while line.isEmpty {  // RFC 9112 §2.2: ignore stray CRLFs before a request line, but not forever.
            blankLines += 1
            if blankLines > 4 { throw .rejected(.badRequest("Malformed request line.")) }
            line = try readLine(max: limits.maxRequestLine, tooLong: HTTPRejection(status: 414, message: "Request line too long."))
        }
        var head: RequestHead
        do {
            let start = try RequestHead.parseRequestLine(line)
            head = RequestHead(method: start.method, path: start.path, query: start.query, minorVersion: start.minor, headers: [])
        } catch { throw .rejected(error) }

        var headerBytes = 0
        head.headers = try readFields(budget: &headerBytes)
        do { try head.interpretHeaders(maxBody: limits.maxBody) } catch { throw .rejected(error) }

        if head.expectsContinue, head.framing != .none, cursor == buffer.count {
            _ = sendInterim(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        let body: [UInt8]
        switch head.framing {
        case .none: body = []
        case .length(let count): body = try readExact(count)
        case .chunked: body = try readChunked(headerBytes: &headerBytes)
        }
        let request = SandboxRequest(
            method: head.method, path: head.path, query: head.query,
            headers: head.headers.map { (name: $0.name, value: $0.value) }, body: body)
        return ReadRequest(request: request, keepAlive: head.keepAlive)
    }

    /// Header (or trailer) lines up to the blank line, within the shared byte and count budget.
    private mutating func readFields(budget used: inout Int) throws(RequestReadFailure) -> [RequestHead.HeaderField] {
        let tooLarge = HTTPRejection(status: 431, message: "Request header fields too large.")
        var fields: [RequestHead.HeaderField] = []
        while true {
            let line = try readLine(max: limits.maxHeaderBytes - used, tooLong: tooLarge)
            used += line.count + 2
            if line.isEmpty { return fields }
            if fields.count >= limits.maxHeaders { throw .rejected(tooLarge) }
            do { fields.append(try RequestHead.parseHeaderLine(line)) } catch { throw .rejected(error) }
        }
    }

    /// RFC 9112 §7.1: hex size lines, data, CRLF; extensions ignored, trailers read and dropped.
    private mutating func readChunked(headerBytes: inout Int) throws(RequestReadFailure) -> [UInt8] {
        let malformed = RequestReadFailure.rejected(.badRequest("Malformed chunked body."))
        var body: [UInt8] = []
        while true {
            let line = try readLine(max: 1024, tooLong: .badRequest("Malformed chunked body."))
            let sizeText = line.prefix { $0 != UInt8(ascii: ";") }.filter { !RequestHead.isOptionalWhitespace($0) }
            guard !sizeText.isEmpty, sizeText.count <= 15, sizeText.allSatisfy(Self.isHexDigit),
                let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16)
            else { throw malformed }
            if size == 0 { break }
            if body.count + size > limits.maxBody {
                throw .rejected(HTTPRejection(status: 413, message: "Request body too large."))
            }
            body += try readExact(size)
            guard try readLine(max: 0, tooLong: .badRequest("Malformed chunked body.")).isEmpty else { throw malformed }
        }
        _ = try readFields(budget: &headerBytes)
        return body
    }

    /// One line without its terminator (CRLF, or a bare LF, which RFC 9112 lets servers accept).
    private mutating func readLine(max: Int, tooLong: HTTPRejection) throws(RequestReadFailure) -> ArraySlice<UInt8> {
        var scanned = cursor
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > cursor && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if end - cursor > max { throw .rejected(tooLong) }
                let line = buffer[cursor..<end]
                cursor = newline + 1
                return line
            }
            scanned = buffer.count
            // Allow one byte of slack for the CR that may precede the next LF.
            if buffer.count - cursor > max + 1 { throw .rejected(tooLong) }
            try fillBeforeDeadline()
        }
    }

    private mutating func readExact(_ count: Int) throws(RequestReadFailure) -> [UInt8] {
        while buffer.count - cursor < count { try fillBeforeDeadline() }
        let bytes = Array(buffer[cursor..<(cursor + count)])
        cursor += count
        return bytes
    }

    private mutating func fillBeforeDeadline() throws(RequestReadFailure) {
        let remaining = deadline - .now
        switch fill(timeoutMS: POSIXSocket.milliseconds(remaining)) {
        case .bytes: return
        case .timedOut: throw .rejected(HTTPRejection(status: 408, message: "Request timed out."))
        case .closed, .failed: throw .closed
        }
    }

    private mutating func fill(timeoutMS: Int32) -> POSIXSocket.Receive {
        let receive = self.receive
        return withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { scratch in
            let outcome = receive(scratch, timeoutMS)
            if case .bytes(let count) = outcome {
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
            }
            return outcome
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        RequestHead.isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// Drops consumed bytes so a long keep-alive connection does not grow its buffer.
    private mutating func compact() {
        guard cursor > 0 else { return }
        buffer.removeFirst(cursor)
        cursor = 0
    }
}
