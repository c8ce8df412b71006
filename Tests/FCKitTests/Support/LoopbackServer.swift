import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for exercising `CurlTransport` over real sockets.
/// Each connection gets one request and one scripted reply, then is closed.
final class LoopbackServer: @unchecked Sendable {
    enum Reply {
        /// Raw bytes written back as they are.
        case raw(String)
        /// Say nothing and hold the connection open until the server stops.
        case silence
    }

    private let lock = NSLock()
    private var received: [String] = []
    private var stopped = false
    private let listener: Int32
    let port: Int
    private let reply: @Sendable (String) -> Reply
    private let done = DispatchSemaphore(value: 0)

    var requests: [String] { lock.withLock { received } }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(reply: @escaping @Sendable (String) -> Reply) throws {
        self.reply = reply
        (listener, port) = try Self.makeListener()
        Thread.detachNewThread { [self] in serve() }
    }

    /// A reply with a status, headers and body, `Content-Length` and `Connection: close` added.
    static func response(_ status: Int, _ reason: String, headers: [String] = [], body: String = "") -> Reply {
        let head = (["HTTP/1.1 \(status) \(reason)", "Content-Length: \(body.utf8.count)", "Connection: close"] + headers)
            .joined(separator: "\r\n")
        return .raw(head + "\r\n\r\n" + body)
    }

    func stop() {
        lock.withLock { stopped = true }
        done.wait()
        close(listener)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func serve() {
        var open: [Int32] = []
        while !isStopped {
            var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 20) > 0 else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            let request = readRequest(fd)
            lock.withLock { received.append(request) }
            switch reply(request) {
            case .raw(let text):
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
                close(fd)
            case .silence:
                open.append(fd)
            }
        }
        open.forEach { close($0) }
        done.signal()
    }

    /// Reads the head and a `Content-Length` body.
    private func readRequest(_ fd: Int32) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = headEnd(data) {
                let head = String(decoding: data[..<end], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if data.count >= end + 4 + length { break }
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func headEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
            return i
        }
        return nil
    }

    private static func makeListener() throws -> (Int32, Int) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port on which nothing listens (bound, then released).
    static func closedPort() throws -> Int {
        let (fd, port) = try makeListener()
        close(fd)
        return port
    }
}
