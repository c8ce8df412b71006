#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// `stripe-fc sandbox` as a running thing: the app behind the fault injector behind the HTTP server.
public final class SandboxServer: Sendable {
    private let http: HTTPServer
    private let signals = SignalWatch()

    /// The bound port (the chosen one when `options.port` is 0).
    public var port: Int { http.port }

    /// Where clients reach the sandbox, e.g. `http://127.0.0.1:12111`. A wildcard bind
    /// (`0.0.0.0`) is reported as `127.0.0.1`, an address clients can actually dial.
    public var url: String {
        let host = http.address == "0.0.0.0" ? "127.0.0.1" : http.address
        return "http://\(host):\(port)"
    }

    /// Starts listening on `options.host:options.port` and returns once clients can connect.
    /// Faults (`latencyMS`, `failRate`, `rateLimit`, and the `Sandbox-Fault` header) wrap `app`.
    public static func start(options: SandboxOptions, app: any SandboxHandler, limits: HTTPLimits = .init()) throws -> SandboxServer {
        let faults = FaultInjector(wrapping: app, options: options)
        let http = try HTTPServer.start(host: options.host, port: options.port, handler: faults, limits: limits)
        return SandboxServer(http: http)
    }

    private init(http: HTTPServer) {
        self.http = http
    }

    /// Stops accepting and closes connections; returns when the server has stopped. Idempotent.
    public func stop() {
        http.stop()
        signals.cancel()
    }

    /// Blocks the calling thread until the server has stopped (by `stop()` or a signal).
    public func waitUntilStopped() {
        http.waitUntilStopped()
    }

    /// Suspends until the server has stopped. The blocking wait happens on a thread of its own,
    /// so awaiting this never holds one of the Swift concurrency pool's few threads.
    public func waitUntilStopped() async {
        let http = self.http
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiter = Thread {
                http.waitUntilStopped()
                continuation.resume()
            }
            waiter.name = "fc-sandbox-wait"
            waiter.start()
        }
    }

    /// Makes SIGINT and SIGTERM stop the server cleanly instead of killing the process, so
    /// `waitUntilStopped()` returns and the caller can exit. The signal sources are cancelled
    /// once the server has stopped. Calling it again does nothing.
    public func stopOnSignals() {
        signals.install { [self] in stop() }
    }

    /// The signal that stopped the server, if one did (the CLI may exit 130 for SIGINT).
    public var stoppedBySignal: Int32? { signals.received }
}

/// DispatchSource signal sources: signals are handled on a queue, not in a signal handler,
/// so stopping the server there is safe.
private final class SignalWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var installed = false
    private var receivedSignal: Int32?

    var received: Int32? { lock.withLock { receivedSignal } }

    func install(onSignal: @escaping @Sendable () -> Void) {
        lock.withLock {
            guard !installed else { return }
            installed = true
            for signalNumber in [SIGINT, SIGTERM] {
                // The default action would end the process before the source saw the signal;
                // but a handler already there (libdispatch's, for another source) must stay.
                Self.ignoreUnlessHandled(signalNumber)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { [weak self] in
                    self?.record(signalNumber)
                    onSignal()
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Sets SIG_IGN only over the default action. Replacing a handler would silence the
    /// dispatch sources that rely on it: libdispatch installs its handler once per signal.
    private static func ignoreUnlessHandled(_ signalNumber: Int32) {
        let previous = signal(signalNumber, SIG_IGN)
        if let previous, unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) {
            _ = signal(signalNumber, previous)
        }
    }

    private func record(_ signalNumber: Int32) {
        lock.withLock {
            if receivedSignal == nil { receivedSignal = signalNumber }
        }
    }

    func cancel() {
        lock.withLock {
            guard installed else { return }
            for source in sources { source.cancel() }
            sources.removeAll()
            installed = false
        }
    }
}
