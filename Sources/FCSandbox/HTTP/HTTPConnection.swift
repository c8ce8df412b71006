import Dispatch
import Foundation

/// Serves one accepted socket, on its own thread, until the client leaves or misbehaves,
/// a response asks to close, or the server stops. The caller closes the descriptor afterwards.
struct HTTPConnection {
    let fd: Int32
    let handler: any SandboxHandler
    let limits: HTTPLimits
    let isStopping: @Sendable () -> Bool
    /// A keep-alive response is about to go out: the server may close the connection from now
    /// on to make room (once the response is out).
    let idle: @Sendable () -> Void
    /// The response went out; false when the connection was closed to make room meanwhile.
    let stillOpen: @Sendable () -> Bool
    /// A request began to arrive; false when the connection was closed to make room first.
    let active: @Sendable () -> Bool

    func run() {
        let fd = self.fd
        var reader = RequestReader(
            limits: limits,
            receive: { POSIXSocket.receive(fd, into: $0, timeoutMS: $1) },
            sendInterim: { POSIXSocket.sendAll(fd, $0) },
            beginRequest: active)
        while !isStopping() {
            let read: ReadRequest
            do {
                read = try reader.next()
            } catch .rejected(let rejection) {
                let response = ResponseEncoder.rejection(rejection)
                if POSIXSocket.sendAll(fd, ResponseEncoder.encode(response, keepAlive: false, headRequest: false)) {
                    lingerBeforeClose()
                }
                return
            } catch {
                return  // closed by the peer, or idle too long: nothing to say
            }
            let response = Self.answer(read.request, with: handler)
            if response.drop { return }
            let keepAlive = read.keepAlive && !isStopping()
            let bytes = ResponseEncoder.encode(response, keepAlive: keepAlive, headRequest: read.request.method == "HEAD")
            if keepAlive { idle() }
            let sent = POSIXSocket.sendAll(fd, bytes)
            response.afterSend?()
            guard sent, keepAlive, stillOpen() else { return }
        }
    }

    /// Runs the async handler from this dedicated thread. Where task executors exist, the
    /// handler's jobs run on this very thread, so an answer never queues behind whatever else
    /// keeps the small Swift concurrency pool busy; elsewhere it runs on the pool.
    static func answer(_ request: SandboxRequest, with handler: any SandboxHandler) -> SandboxResponse {
        let slot = ResponseSlot()
        if #available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, *) {
            let executor = ThreadTaskExecutor()
            Task(executorPreference: executor) {
                slot.fill(await handler.handle(request))
                executor.finish()
            }
            executor.drain()
        } else {
            Task {
                slot.fill(await handler.handle(request))
            }
        }
        return slot.wait()
    }

    /// After refusing a request the client may still be sending its body; closing with unread
    /// bytes would reset the connection and could destroy the error response before it is read.
    /// So stop writing, then read and discard briefly, bounded in time and bytes.
    private func lingerBeforeClose() {
        POSIXSocket.shutdownWrite(fd)
        let deadline = ContinuousClock.now + .milliseconds(500)
        var discarded = 0
        withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { scratch in
            while discarded < 4 * 1024 * 1024 {
                let remaining = POSIXSocket.milliseconds(deadline - .now)
                guard remaining > 0, case .bytes(let count) = POSIXSocket.receive(fd, into: scratch, timeoutMS: remaining)
                else { return }
                discarded += count
            }
        }
    }
}

/// Hands one response from the handler's task to the waiting connection thread.
private final class ResponseSlot: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var response: SandboxResponse?

    func fill(_ value: SandboxResponse) {
        lock.withLock { response = value }
        ready.signal()
    }

    func wait() -> SandboxResponse {
        ready.wait()
        return lock.withLock { response } ?? SandboxResponse(status: 500)
    }
}

/// A task executor whose jobs run on the thread that calls `drain()`: the connection thread.
@available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, *)
private final class ThreadTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    /// Called by the handler's task as its last step.
    func finish() {
        condition.withLock {
            finished = true
            condition.signal()
        }
    }

    /// Runs jobs as they come until `finish()`, then returns.
    func drain() {
        while true {
            let next: UnownedJob? = condition.withLock {
                while jobs.isEmpty && !finished { condition.wait() }
                return jobs.isEmpty ? nil : jobs.removeFirst()
            }
            guard let next else { return }
            next.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
