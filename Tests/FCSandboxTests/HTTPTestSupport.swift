#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FCSandbox
import Foundation

/// Runs blocking socket code on a fresh thread, so test clients never occupy the Swift
/// concurrency pool that the server's handler needs (a 2-core pool would otherwise deadlock).
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

struct TestClientError: Error, CustomStringConvertible {
    var description: String
}

/// A response as the raw test client parsed it.
struct RawResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A deliberately dumb HTTP client over a POSIX socket, so tests can send any bytes at all.
/// Every read is bounded by a receive timeout, so a broken server fails a test instead of hanging it.
/// Unchecked Sendable: a test hands a client from thread to thread but never uses it from two at once.
final class RawClient: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []

    /// The receive timeout is long: it only runs out when a test is failing, and a loaded CI
    /// machine (every suite in parallel) can take seconds to answer.
    init(port: Int, receiveTimeout: Double = 30) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TestClientError(description: "socket failed") }
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var interval = timeval()
        interval.tv_sec = numericCast(Int(receiveTimeout))
        interval.tv_usec = numericCast(Int((receiveTimeout - Double(Int(receiveTimeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close()
            throw TestClientError(description: "connect failed: errno \(errno)")
        }
    }

    deinit { close() }

    private var closed = false

    func close() {
        guard !closed else { return }
        closed = true
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    /// Sends FIN: the server sees end of input but can still answer.
    func finishWriting() {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// False when the server has gone away (its reset shows up as a failed send).
    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { systemSend(fd, $0.baseAddress! + offset, bytes.count - offset, flags) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Reads more bytes; false at end of stream, on error, or when the receive timeout passes.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    private func line() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > 0 && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let text = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return text
            }
            guard fill() else { throw TestClientError(description: "connection ended before a full line") }
        }
    }

    /// One response; the body is read by `Content-Length` (none for HEAD when `head` is set).
    func readResponse(head: Bool = false) throws -> RawResponse {
        let statusLine = try line()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw TestClientError(description: "bad status line: \(statusLine)")
        }
        var headers: [(name: String, value: String)] = []
        while true {
            let field = try line()
            if field.isEmpty { break }
            guard let colon = field.firstIndex(of: ":") else { throw TestClientError(description: "bad header: \(field)") }
            headers.append((String(field[..<colon]), field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = RawResponse(status: status, headers: headers, body: [])
        let length = head ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
        while buffer.count < length {
            guard fill() else { throw TestClientError(description: "connection ended inside the body") }
        }
        response.body = Array(buffer[0..<length])
        buffer.removeFirst(length)
        return response
    }

    /// True when the server closes the connection (end of stream or reset) with nothing more
    /// to read; false if bytes arrive or `seconds` pass first.
    func isClosedByServer(within seconds: Double = 3) -> Bool {
        guard buffer.isEmpty else { return false }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(seconds * 1000)) > 0 else { return false }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, 0)
        if count == 0 { return true }
        if count < 0 && errno == ECONNRESET { return true }
        return false
    }

    /// Everything until the server closes (or the timeout passes).
    func readToEnd() -> [UInt8] {
        while fill() {}
        defer { buffer.removeAll() }
        return buffer
    }
}

/// A trivial handler for server tests: echoes the request, with a few paths that misbehave.
struct EchoHandler: SandboxHandler {
    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        switch request.path {
        case "/drop":
            return .dropConnection
        case "/big":
            return SandboxResponse(status: 200, body: [UInt8](repeating: UInt8(ascii: "x"), count: 8 * 1024 * 1024))
        case "/slow":
            try? await Task.sleep(for: .milliseconds(200))
        default:
            break
        }
        let text = "\(request.method) \(request.path)?\(request.query)\n"
        return SandboxResponse(
            status: 200,
            headers: [
                (name: "Content-Type", value: "text/plain"),
                (name: "X-Body-Length", value: String(request.body.count)),
            ],
            body: Array(text.utf8) + request.body)
    }
}

/// A request as a test would type it.
func rawRequest(_ method: String = "GET", _ target: String = "/", headers: [String] = [], body: String = "") -> String {
    var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for header in headers { text += header + "\r\n" }
    if !body.isEmpty { text += "Content-Length: \(body.utf8.count)\r\n" }
    return text + "\r\n" + body
}

private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(fd, bytes, count, flags)
}
