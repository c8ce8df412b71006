import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct TLSFixtureError: Error, CustomStringConvertible {
    let description: String
}

/// A throwaway CA and an HTTPS server on 127.0.0.1 whose certificate it signed, made with the
/// `openssl` command at test time (`.ci/build-deps.sh` installs it where missing). The server is
/// `openssl s_server -WWW`, serving files under `root` by their path (`/v1/…` → `root/v1/…`) with
/// HTTP/1.0 and no keep-alive; it dies with the test runner, like the sandbox.
final class TLSServer: Sendable {
    /// The CA's certificate (PEM): what `--ca-bundle` must name for the server to be trusted.
    let caFile: String
    /// `https://127.0.0.1:PORT`.
    let url: String
    let root: String
    private let guardProcess: ChildProcess
    private let lifeline: FileHandle

    static func start() async throws -> TLSServer {
        let directory = Scratch.newDirectory("tls")
        let root = directory + "/www"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n".write(toFile: directory + "/ext.cnf", atomically: true, encoding: .utf8)
        for arguments in [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=stripe-fc test CA"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"],
            ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf"],
        ] {
            try openssl(arguments, in: directory)
        }
        let pipe = Pipe()
        let script = #"cd "$0" && openssl s_server -4 -accept 0 -cert ../server.pem -key ../server.key -WWW & pid=$!; read ignored; kill $pid 2>/dev/null"#
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", script, root], environment: FCEnvironment.childBase(),
                                     input: .pipe(pipe), directory: directory)
        for _ in 0..<500 {
            if let line = child.stdout.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT ") }), let port = line.split(separator: ":").last {
                return TLSServer(caFile: directory + "/ca.pem", url: "https://127.0.0.1:\(port)", root: root, guardProcess: child, lifeline: pipe.fileHandleForWriting)
            }
            if child.exitCode != nil { break }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        try? pipe.fileHandleForWriting.close()
        throw TLSFixtureError(description: "openssl s_server did not start: \(child.stdout) \(child.stderr)")
    }

    private init(caFile: String, url: String, root: String, guardProcess: ChildProcess, lifeline: FileHandle) {
        self.caFile = caFile
        self.url = url
        self.root = root
        self.guardProcess = guardProcess
        self.lifeline = lifeline
    }

    /// Serves `body` at `path` (`/v1/…`).
    func serve(_ path: String, _ body: String) throws {
        let file = root + path
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try body.write(toFile: file, atomically: true, encoding: .utf8)
    }

    func stop() {
        try? lifeline.close()
    }

    private static func openssl(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TLSFixtureError(description: "openssl \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus)); is openssl installed?")
        }
    }
}

/// An HTTP CONNECT proxy on 127.0.0.1 that tunnels to loopback ports only and records each
/// CONNECT request line.
final class ConnectProxy: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var stopped = false
    private let listener: Int32
    private let acceptingEnded = DispatchSemaphore(value: 0)
    let port: Int

    var connects: [String] { lock.withLock { lines } }
    var url: String { "http://127.0.0.1:\(port)" }

    init() throws {
        (listener, port) = try Socket.listenOnLoopback()
        Thread.detachNewThread { [self] in accepting() }
    }

    /// Stops accepting, then closes the listener (not under the accepting thread, whose next
    /// accept could otherwise land on a socket that reuses the descriptor).
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
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            Thread.detachNewThread { [self] in tunnel(client) }
        }
    }

    private func tunnel(_ client: Int32) {
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !(head.count >= 4 && head.suffix(4) == [13, 10, 13, 10]) {
            guard recv(client, &byte, 1, 0) == 1 else { close(client); return }
            head.append(byte)
        }
        let line = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
        lock.withLock { lines.append(line) }
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[0] == "CONNECT", parts[1].hasPrefix("127.0.0.1:"), let port = Int(parts[1].dropFirst("127.0.0.1:".count)),
              let upstream = try? Socket.connectToLoopback(port: port) else {
            Socket.write(client, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            close(client)
            return
        }
        Socket.write(client, "HTTP/1.1 200 Connection established\r\n\r\n")
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { Socket.pump(from: upstream, to: client); done.signal() }
        Socket.pump(from: client, to: upstream)
        done.wait()
        close(client)
        close(upstream)
    }
}

/// The few socket calls the fixtures need.
enum Socket {
    #if canImport(Glibc)
    static let stream = Int32(SOCK_STREAM.rawValue)
    static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    static let stream = SOCK_STREAM
    static let noSignal: Int32 = 0
    #endif

    static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    static func listenOnLoopback() throws -> (Int32, Int) {
        let fd = socket(AF_INET, stream, 0)
        var address = address(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func connectToLoopback(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, stream, 0)
        var address = address(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, connected == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
        return fd
    }

    static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, noSignal) }
    }

    /// Copies bytes until `source` closes, then half-closes `destination`.
    static func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            let sent = buffer.withUnsafeBytes { send(destination, $0.baseAddress, n, noSignal) }
            if sent != n { break }
        }
        shutdown(destination, Int32(SHUT_WR))
    }
}
