/// A request the server refuses: the status and a short reason for the client. The connection closes after it.
struct HTTPRejection: Error, Equatable {
    var status: Int
    var message: String

    static func badRequest(_ message: String) -> HTTPRejection { HTTPRejection(status: 400, message: message) }
}

/// How the body of a request is delimited on the wire.
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
}

/// The request line and header fields, checked, before any body is read.
struct RequestHead: Equatable {
    var method: String
    var path: String
    var query: String
    var minorVersion: Int
    var headers: [HeaderField]
    var framing: BodyFraming = .none
    var expectsContinue = false
    var keepAlive = true

    struct HeaderField: Equatable {
        var name: String
        var value: String
    }

    /// Parses `METHOD SP target SP HTTP/1.x` (RFC 9112 §3).
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPRejection) -> (method: String, path: String, query: String, minor: Int) {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .badRequest("Malformed request line.")
        }
        guard parts[0].allSatisfy(isTokenByte) else { throw .badRequest("Malformed method.") }
        let method = String(decoding: parts[0], as: UTF8.self)
        let minor = try parseVersion(parts[2])
        let (path, query) = try parseTarget(parts[1], method: method)
        return (method, path, query, minor)
    }

    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPRejection) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        if text == "HTTP/1.1" { return 1 }
        if text == "HTTP/1.0" { return 0 }
        let digits = Array(bytes.dropFirst(5))
        if text.hasPrefix("HTTP/"), digits.count == 3, isDigit(digits[0]), digits[1] == UInt8(ascii: "."), isDigit(digits[2]) {
            throw HTTPRejection(status: 505, message: "Only HTTP/1.0 and HTTP/1.1 are supported.")
        }
        throw .badRequest("Malformed HTTP version.")
    }

    /// Accepts origin-form (`/p?q`), absolute-form (`http://host/p?q`) and `*` for OPTIONS.
    static func parseTarget(_ bytes: ArraySlice<UInt8>, method: String) throws(HTTPRejection) -> (path: String, query: String) {
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .badRequest("Malformed request target.")
        }
        var target = String(decoding: bytes, as: UTF8.self)
        if target == "*" {
            guard method == "OPTIONS" else { throw .badRequest("Malformed request target.") }
            return ("*", "")
        }
        let lowered = target.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let afterScheme = target.dropFirst(scheme.count)
            target = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }).map { String(afterScheme[$0...]) } ?? "/"
            if target.hasPrefix("?") { target = "/" + target }
        }
        guard target.hasPrefix("/") else { throw .badRequest("Malformed request target.") }
        if let mark = target.firstIndex(of: "?") {
            return (String(target[..<mark]), String(target[target.index(after: mark)...]))
        }
        return (target, "")
    }

    /// Parses `name: value`; obsolete line folding and whitespace before the colon are refused (RFC 9112 §5).
    static func parseHeaderLine(_ line: ArraySlice<UInt8>) throws(HTTPRejection) -> HeaderField {
        guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else {
            throw .badRequest("Malformed header line.")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .badRequest("Malformed header line.") }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .badRequest("Malformed header name.") }
        var value = line[line.index(after: colon)...]
        while let byte = value.first, isOptionalWhitespace(byte) { value = value.dropFirst() }
        while let byte = value.last, isOptionalWhitespace(byte) { value = value.dropLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw .badRequest("Malformed header value.")
        }
        return HeaderField(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// Decides framing, keep-alive and `Expect` from the headers, refusing ambiguous framing
    /// (both lengths, conflicting lengths) because that is how requests get smuggled.
    mutating func interpretHeaders(maxBody: Int) throws(HTTPRejection) {
        let hosts = values(of: "host")
        if minorVersion == 1 && hosts.count != 1 { throw .badRequest("HTTP/1.1 requests need exactly one Host header.") }
        let tokens = values(of: "connection").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingOptionalWhitespace().lowercased() }
        keepAlive = minorVersion == 1 ? !tokens.contains("close") : tokens.contains("keep-alive")

        let lengths = values(of: "content-length").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingOptionalWhitespace() }
        let encodings = values(of: "transfer-encoding")
        if !encodings.isEmpty {
            guard lengths.isEmpty else { throw .badRequest("Content-Length and Transfer-Encoding together.") }
            guard minorVersion == 1 else { throw .badRequest("Transfer-Encoding needs HTTP/1.1.") }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingOptionalWhitespace().lowercased() }
            guard codings == ["chunked"] else {
                throw HTTPRejection(status: 501, message: "Only Transfer-Encoding: chunked is supported.")
            }
            framing = .chunked
        } else if let length = lengths.first {
            guard lengths.allSatisfy({ $0 == length }), !length.isEmpty, length.utf8.allSatisfy(Self.isDigit) else {
                throw .badRequest("Malformed Content-Length.")
            }
            guard length.count <= 18, let count = Int(length) else {
                throw HTTPRejection(status: 413, message: "Request body too large.")
            }
            if count > maxBody { throw HTTPRejection(status: 413, message: "Request body too large.") }
            framing = count == 0 ? .none : .length(count)
        }

        if let expect = values(of: "expect").last {
            guard expect.lowercased() == "100-continue" else {
                throw HTTPRejection(status: 417, message: "Only Expect: 100-continue is supported.")
            }
            expectsContinue = minorVersion == 1
        }
    }

    /// All values of a header, compared case-insensitively; `lowercasedName` must be lower case.
    func values(of lowercasedName: String) -> [String] {
        headers.filter { $0.name.lowercased() == lowercasedName }.map(\.value)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isOptionalWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x30...0x39: return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingOptionalWhitespace() -> String {
        var slice = Substring(self)
        while let c = slice.first, c == " " || c == "\t" { slice = slice.dropFirst() }
        while let c = slice.last, c == " " || c == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
