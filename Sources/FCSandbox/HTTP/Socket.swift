#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the server could not start.
public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host is neither an IPv4 address nor `localhost`.
    case invalidHost(String)
    case invalidPort(Int)
    /// A system call failed; `errno` is the C error number.
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidHost(let host):
            return "cannot listen on host '\(host)': use an IPv4 address such as 127.0.0.1, or localhost"
        case .invalidPort(let port):
            return "invalid port \(port): use 0...65535"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// Thin, platform-neutral wrappers over the POSIX socket calls the server uses.
enum POSIXSocket {
    /// What waiting for bytes produced.
    enum Receive {
        case bytes(Int)
        case closed
        case timedOut
        case failed
    }

    /// SIGPIPE is process-wide; a peer that vanishes mid-write must only fail that write.
    static func ignoreSIGPIPE() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// An IPv4 address for `host`: dotted quad or `localhost`.
    static func ipv4Address(_ host: String) -> in_addr? {
        let name = host == "localhost" ? "127.0.0.1" : host
        var address = in_addr()
        guard inet_pton(AF_INET, name, &address) == 1 else { return nil }
        return address
    }

    /// A listening, close-on-exec TCP socket bound to `host:port`.
    static func listen(host: String, port: Int, backlog: Int32 = 128) throws(HTTPServerError) -> Int32 {
        guard let address = ipv4Address(host) else { throw .invalidHost(host) }
        guard (0...65535).contains(port) else { throw .invalidPort(port) }
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        setCloseOnExec(fd)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        #if canImport(Darwin)
        socketAddress.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
        socketAddress.sin_addr = address
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if bound != 0 {
            let code = errno
            closeSocket(fd)
            throw .system(call: "bind \(host):\(port)", errno: code)
        }
        if systemListen(fd, backlog) != 0 {
            let code = errno
            closeSocket(fd)
            throw .system(call: "listen", errno: code)
        }
        return fd
    }

    /// The local port and dotted address a socket is bound to.
    static func localEndpoint(_ fd: Int32) -> (address: String, port: Int) {
        var socketAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        var address = socketAddress.sin_addr
        inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
        let dotted = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (dotted, Int(UInt16(bigEndian: socketAddress.sin_port)))
    }

    /// Prepares an accepted socket: no SIGPIPE on Darwin, no Nagle delay, bounded blocking writes.
    static func configureConnection(_ fd: Int32, writeTimeout: Duration) {
        setCloseOnExec(fd)
        // Darwin hands out accepted sockets with the listener's O_NONBLOCK; reads here wait in poll,
        // and writes must block (bounded by SO_SNDTIMEO) rather than fail on a full buffer.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        var one: Int32 = 1
        #if canImport(Darwin)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let seconds = max(writeTimeout.components.seconds, 0)
        let micros = max(writeTimeout.components.attoseconds / 1_000_000_000_000, 0)
        var interval = timeval()
        interval.tv_sec = numericCast(seconds)
        interval.tv_usec = numericCast(micros)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Waits up to `timeoutMS` (-1: forever) for `fd` to become readable.
    static func waitReadable(_ fd: Int32, timeoutMS: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, timeoutMS)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    /// Reads whatever is available into `buffer`, waiting at most `timeoutMS`.
    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, timeoutMS: Int32) -> Receive {
        guard waitReadable(fd, timeoutMS: timeoutMS) else { return .timedOut }
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .closed }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return .timedOut }
            return .failed
        }
    }

    /// Writes all of `bytes`; false when the peer is gone or the write timed out.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        return bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, flags)
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Wakes any thread blocked reading or writing `fd` without releasing the descriptor number.
    /// The server's own threads never take SIGINT/SIGTERM, so the signals reach a thread where
    /// the process's handlers (dispatch signal sources) see them.
    static func blockTerminationSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    static func shutdownBoth(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Sends FIN but keeps reading possible, for a lingering close.
    static func shutdownWrite(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    static func closeSocket(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    static func setCloseOnExec(_ fd: Int32) {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    /// A pipe whose read end the accept loop polls, so `stop()` can wake it portably.
    static func makePipe() throws(HTTPServerError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .system(call: "pipe", errno: errno) }
        setCloseOnExec(ends[0])
        setCloseOnExec(ends[1])
        return (ends[0], ends[1])
    }

    /// Milliseconds for `poll`, rounded up so a short remaining time never busy-spins.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }
}

private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.listen(fd, backlog)
    #else
    return Darwin.listen(fd, backlog)
    #endif
}
