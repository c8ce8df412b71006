import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw HTTP/1.1 listener on 127.0.0.1 that keeps connections open between requests, so tests can
/// see which connection each request came on and script what happens to it: answer and keep the
/// connection, or read the whole request and close without a word (the answer lost after the server acted).
final class KeepAliveServer: @unchecked Sendable {
    struct Seen: Sendable {
        /// 0 for the first connection accepted, 1 for the next, …
        var connection: Int
        /// The request's head and body exactly as they arrived.
        var text: String
        var head: String { text.components(separatedBy: "\r\n\r\n").first ?? "" }
        var body: String { text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n") }
        var requestLine: String { head.components(separatedBy: "\r\n").first ?? "" }
        func header(_ name: String) -> String? {
            head.components(separatedBy: "\r\n").dropFirst().first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
    }

    enum Action {
        /// Writes these bytes and keeps the connection for the next request.
        case answer(String)
        /// Closes the connection without answering.
        case drop
        /// Writes `head`, then `piece` again and again, `pause` microseconds apart, until the client
        /// or the server stops.
        case stream(head: String, piece: String, pause: UInt32)

        /// One byte of body every 50 ms.
        static func drip(_ head: String) -> Action { .stream(head: head, piece: "x", pause: 50_000) }

        /// A chunked body that never ends, as fast as the client reads.
        static let endlessChunks = Action.stream(head: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                                                 piece: "1000\r\n" + String(repeating: "x", count: 0x1000) + "\r\n", pause: 0)
    }

    private let lock = NSLock()
    private var seen: [Seen] = []
    private var begun = 0
    private var stopped = false
    private var connections = 0
    private let listener: Int32
    let port: Int
    /// Decides each request's fate from its number (0-based, over all connections) and what arrived.
    private let script: @Sendable (Int, Seen) -> Action
    private let acceptingEnded = DispatchSemaphore(value: 0)

    /// Requests read whole, in order of arrival.
    var requests: [Seen] { lock.withLock { seen } }
    /// Requests whose head arrived, whether or not their body followed.
    var requestsBegun: Int { lock.withLock { begun } }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(script: @escaping @Sendable (Int, Seen) -> Action) throws {
        self.script = script
        var address = sockaddr_in()
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in accepting() }
    }

    /// An answer with `Content-Length` that keeps the connection open.
    static func answer(_ status: Int, _ reason: String, headers: [String] = [], body: String) -> Action {
        .answer((["HTTP/1.1 \(status) \(reason)", "Content-Length: \(body.utf8.count)", "Content-Type: application/json"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n" + body)
    }

    /// Stops accepting, then closes the listener: closing it under the accepting thread would let
    /// that thread accept on whatever socket reuses the descriptor next (another test's).
    func stop() {
        lock.withLock { stopped = true }
        acceptingEnded.wait()
        close(listener)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func accepting() {
        defer { acceptingEnded.signal() }
        while !isStopped {
            var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 20) > 0 else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            let number = lock.withLock { () -> Int in
                defer { connections += 1 }
                return connections
            }
            Thread.detachNewThread { [self] in serve(fd, connection: number) }
        }
    }

    private func serve(_ fd: Int32, connection: Int) {
        defer { close(fd) }
        var pending: [UInt8] = []
        while !isStopped {
            guard let request = readRequest(fd, &pending) else { return }
            let arrived = Seen(connection: connection, text: String(decoding: request, as: UTF8.self))
            let index = lock.withLock { () -> Int in
                seen.append(arrived)
                return seen.count - 1
            }
            switch script(index, arrived) {
            case .answer(let text):
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Self.noSignal) }
            case .drop:
                return
            case .stream(let head, let piece, let pause):
                let bytes = Array(head.utf8), repeated = Array(piece.utf8)
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Self.noSignal) }
                while !isStopped, repeated.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Self.noSignal) }) == repeated.count {
                    if pause > 0 { usleep(pause) }
                }
                return
            }
        }
    }

    /// One request (head and `Content-Length` body) from the connection, nil once it closes.
    private func readRequest(_ fd: Int32, _ pending: inout [UInt8]) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var counted = false
        while true {
            if let end = Self.headEnd(pending) {
                if !counted {
                    counted = true
                    lock.withLock { begun += 1 }
                }
                let head = String(decoding: pending[..<end], as: UTF8.self).lowercased()
                let length = head.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if pending.count >= end + 4 + length {
                    let request = Array(pending[..<(end + 4 + length)])
                    pending.removeFirst(end + 4 + length)
                    return request
                }
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 50) == 0 {
                if isStopped { return nil }
                continue
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            pending.append(contentsOf: buffer[0..<n])
        }
    }

    #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let noSignal: Int32 = 0
    #endif

    private static func headEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
            return i
        }
        return nil
    }
}
