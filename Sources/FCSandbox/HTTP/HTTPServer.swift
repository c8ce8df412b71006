#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A small HTTP/1.1 server on POSIX sockets: one accept thread, one thread per connection,
/// the async handler bridged from those threads. Dedicated threads do all socket IO, so many
/// slow or idle clients never tie up the Swift concurrency pool the handler runs on.
public final class HTTPServer: Sendable {
    /// The bound port (the chosen one when started with port 0).
    public let port: Int
    /// The dotted IPv4 address the listener is bound to, e.g. `127.0.0.1`.
    public let address: String
    private let state: ServerState
    private let wakeRead: Int32
    private let wakeWrite: Int32

    /// Binds `host:port` (an IPv4 address or `localhost`; port 0 picks a free port), starts
    /// accepting, and returns once the socket is listening, so clients may connect at once.
    public static func start(
        host: String = "127.0.0.1", port: Int, handler: any SandboxHandler, limits: HTTPLimits = .init()
    ) throws -> HTTPServer {
        POSIXSocket.ignoreSIGPIPE()
        let listener = try POSIXSocket.listen(host: host, port: port)
        POSIXSocket.setNonBlocking(listener)
        let wake: (read: Int32, write: Int32)
        do {
            wake = try POSIXSocket.makePipe()
        } catch {
            POSIXSocket.closeSocket(listener)
            throw error
        }
        let endpoint = POSIXSocket.localEndpoint(listener)
        let server = HTTPServer(
            port: endpoint.port, address: endpoint.address,
            state: ServerState(maxConnections: limits.maxConnections), wake: wake)
        let state = server.state
        let thread = Thread {
            POSIXSocket.blockTerminationSignals()
            acceptLoop(listener: listener, wakeRead: wake.read, state: state, handler: handler, limits: limits)
        }
        thread.name = "fc-sandbox-accept"
        thread.start()
        return server
    }

    private init(port: Int, address: String, state: ServerState, wake: (read: Int32, write: Int32)) {
        self.port = port
        self.address = address
        self.state = state
        self.wakeRead = wake.read
        self.wakeWrite = wake.write
    }

    /// Stops accepting, closes the listener, shuts open connections down, and returns when the
    /// accept loop has ended. A request already inside the handler finishes but its answer is not
    /// delivered. Safe to call more than once and from any thread.
    public func stop() {
        if state.beginStopping() {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
        state.waitUntilAcceptEnded()
        if state.claimPipeClosing() {
            POSIXSocket.closeSocket(wakeRead)
            POSIXSocket.closeSocket(wakeWrite)
        }
    }

    /// Blocks the calling thread until `stop()` has ended the accept loop.
    public func waitUntilStopped() {
        state.waitUntilAcceptEnded()
    }

    /// Connections open right now.
    public var openConnections: Int { state.connectionCount }

    private static func acceptLoop(
        listener: Int32, wakeRead: Int32, state: ServerState, handler: any SandboxHandler, limits: HTTPLimits
    ) {
        var descriptors = [
            pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        while !state.isStopping {
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 && errno != EINTR { break }
            if state.isStopping || descriptors[1].revents != 0 { break }
            guard descriptors[0].revents != 0 else { continue }
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                // Out of descriptors: back off briefly instead of spinning on a ready listener.
                if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                continue
            }
            POSIXSocket.configureConnection(fd, writeTimeout: limits.readTimeout)
            guard state.register(fd) else {
                refuseOverCapacity(fd)
                continue
            }
            let connection = HTTPConnection(
                fd: fd, handler: handler, limits: limits, isStopping: { state.isStopping },
                idle: { state.markIdle(fd) }, stillOpen: { state.stayOpen(fd) }, active: { state.markActive(fd) })
            let thread = Thread {
                POSIXSocket.blockTerminationSignals()
                connection.run()
                state.unregister(fd)
                POSIXSocket.closeSocket(fd)
            }
            thread.name = "fc-sandbox-connection"
            thread.start()
        }
        POSIXSocket.closeSocket(listener)
        state.markAcceptEnded()
    }

    private static func refuseOverCapacity(_ fd: Int32) {
        let response = ResponseEncoder.rejection(HTTPRejection(status: 503, message: "Too many open connections."))
        _ = POSIXSocket.sendAll(fd, ResponseEncoder.encode(response, keepAlive: false, headRequest: false))
        POSIXSocket.closeSocket(fd)
    }
}

/// The server's shared bookkeeping. Connections leave the registry before their descriptor is
/// closed, and `beginStopping` and eviction shut them down under the same lock, so a reused
/// descriptor number is never shut down by mistake.
///
/// At the connection cap, a new connection takes the place of the one idle the longest (a
/// keep-alive connection between requests, or one that never sent a request), as nginx reuses
/// its keep-alive connections; only when every connection is in the middle of a request is the
/// new one refused.
private final class ServerState: @unchecked Sendable {
    private enum Phase {
        /// Reading a request, or in the handler: never closed to make room.
        case busy
        /// Writing a keep-alive response, idle from `since` on: closed once the response is out.
        case answering(since: UInt64)
        /// Waiting for the next request since `since`: closed at once.
        case idle(since: UInt64)

        var idleSince: UInt64? {
            switch self {
            case .busy: return nil
            case .answering(let since), .idle(let since): return since
            }
        }
    }

    private struct Connection {
        var phase: Phase
        /// Closed to make room; its thread ends as soon as it looks.
        var evicted = false
    }

    private let condition = NSCondition()
    private let maxConnections: Int
    private var stopping = false
    private var acceptEnded = false
    private var pipeClosed = false
    private var connections: [Int32: Connection] = [:]
    /// Connections not evicted.
    private var liveCount = 0
    /// Orders idle periods: a smaller number went idle earlier.
    private var idleClock: UInt64 = 0

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var isStopping: Bool { condition.withLock { stopping } }

    var connectionCount: Int { condition.withLock { connections.count } }

    /// False when stopping, or full of busy connections; the caller then closes the descriptor itself.
    func register(_ fd: Int32) -> Bool {
        condition.withLock {
            guard !stopping else { return false }
            if liveCount >= maxConnections {
                let oldest = connections.filter { !$0.value.evicted && $0.value.phase.idleSince != nil }
                    .min { $0.value.phase.idleSince! < $1.value.phase.idleSince! }
                guard let (victim, entry) = oldest else { return false }
                connections[victim]?.evicted = true
                liveCount -= 1
                if case .idle = entry.phase { POSIXSocket.shutdownBoth(victim) }
            }
            idleClock += 1
            connections[fd] = Connection(phase: .idle(since: idleClock))
            liveCount += 1
            return true
        }
    }

    func unregister(_ fd: Int32) {
        condition.withLock {
            if let entry = connections.removeValue(forKey: fd), !entry.evicted { liveCount -= 1 }
        }
    }

    /// A keep-alive response is about to be written: from now on the connection is idle.
    func markIdle(_ fd: Int32) {
        condition.withLock {
            guard connections[fd]?.evicted == false else { return }
            idleClock += 1
            connections[fd]?.phase = .answering(since: idleClock)
        }
    }

    /// The response is out; false when the connection was closed to make room meanwhile.
    func stayOpen(_ fd: Int32) -> Bool {
        condition.withLock {
            guard let entry = connections[fd], !entry.evicted else { return false }
            if case .answering(let since) = entry.phase { connections[fd]?.phase = .idle(since: since) }
            return true
        }
    }

    /// A request's first bytes arrived; false when the connection was closed to make room first.
    func markActive(_ fd: Int32) -> Bool {
        condition.withLock {
            guard connections[fd]?.evicted == false else { return false }
            connections[fd]?.phase = .busy
            return true
        }
    }

    /// True for the first caller only; wakes every connection blocked on its socket.
    func beginStopping() -> Bool {
        condition.withLock {
            guard !stopping else { return false }
            stopping = true
            for fd in connections.keys { POSIXSocket.shutdownBoth(fd) }
            return true
        }
    }

    func claimPipeClosing() -> Bool {
        condition.withLock {
            guard !pipeClosed else { return false }
            pipeClosed = true
            return true
        }
    }

    func markAcceptEnded() {
        condition.withLock {
            acceptEnded = true
            condition.broadcast()
        }
    }

    func waitUntilAcceptEnded() {
        condition.lock()
        while !acceptEnded { condition.wait() }
        condition.unlock()
    }
}
