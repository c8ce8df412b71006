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
    /// Faults (`latencyMS`, `failRate`, `rateLimit`, `dropAfterRate`, and the `Sandbox-Fault` header) wrap `app`.
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
    /// `waitUntilStopped()` returns and the caller can exit. Returns once the signals are watched,
    /// so a signal sent after it returns (say, by a script that read the address line) is never
    /// missed. The signal sources are cancelled once the server has stopped. Calling it again does nothing.
    public func stopOnSignals() {
        signals.install { [self] in stop() }
    }

    /// The signal that stopped the server, if one did (the CLI exits 130 for SIGINT, 143 for SIGTERM).
    public var stoppedBySignal: Int32? { signals.received }
}

/// DispatchSource signal sources: signals are handled on a queue, not in a signal handler,
/// so stopping the server there is safe.
private final class SignalWatch: @unchecked Sendable {
    private static let watched = [SIGINT, SIGTERM]
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var installed = false
    private var receivedSignal: Int32?

    var received: Int32? { lock.withLock { receivedSignal } }

    func install(onSignal: @escaping @Sendable () -> Void) {
        let registered = DispatchGroup()
        let fresh = lock.withLock { () -> Bool in
            guard !installed else { return false }
            installed = true
            for signalNumber in Self.watched {
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { [weak self] in
                    self?.record(signalNumber)
                    onSignal()
                }
                registered.enter()
                source.setRegistrationHandler { registered.leave() }
                source.resume()
                sources.append(source)
            }
            return true
        }
        guard fresh else { return }
        // A source watches only once libdispatch has registered it, a moment after `resume()`;
        // until then a signal meets whatever disposition the process had.
        _ = registered.wait(timeout: .now() + 10)
        // Only then set the default action aside, and only where it still stands: on Linux,
        // registering installed libdispatch's handler, which must stay; with kqueue (Darwin) the
        // default action would end the process before the source saw the signal. Ignoring first
        // would open a window in which a signal is neither acted on nor seen.
        for signalNumber in Self.watched { Self.ignoreIfDefault(signalNumber) }
    }

    /// Sets SIG_IGN over the default action only; any handler already there is left alone.
    private static func ignoreIfDefault(_ signalNumber: Int32) {
        var current = sigaction()
        guard sigaction(signalNumber, nil, &current) == 0, current.sa_flags & SA_SIGINFO == 0 else { return }
        #if canImport(Glibc)
        let handler = current.__sigaction_handler.sa_handler
        #else
        let handler = current.__sigaction_u.__sa_handler
        #endif
        if unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_DFL, to: Int.self) {
            _ = signal(signalNumber, SIG_IGN)
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
