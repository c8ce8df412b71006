import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real transport: Foundation's `URLSession` with an ephemeral configuration (no cookies,
/// no cache, no stored credentials). Redirects are not followed, so a POST is never silently
/// replayed as a GET: the 3xx response is returned as it is.
public struct URLSessionTransport: Transport {
    private let holder: SessionHolder

    public init() {
        holder = SessionHolder()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let url = Self.wireURL(request.url) else {
            throw TransportError(kind: .connection, message: "invalid URL: \(request.url)")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        urlRequest.httpShouldHandleCookies = false
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        // A write never rides a reused keep-alive connection: when such a connection dies after the
        // server acted, libcurl silently resends on a new one — without the body (the 408s and
        // double charges the chaos suite found). Writes go through their own session, each on a
        // connection of its own that closes after the answer; there a lost answer is an error.
        let isWrite = request.method == "POST"
        if isWrite, !request.headers.contains(where: { $0.name.lowercased() == "connection" }) {
            urlRequest.setValue("close", forHTTPHeaderField: "Connection")
        }
        if request.method != "GET" && request.method != "HEAD" { urlRequest.httpBody = Data(request.body) }

        let exchange = Exchange()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let delegate = holder.delegate
                let task = (isWrite ? holder.writeSession : holder.session).dataTask(with: urlRequest) { data, response, error in
                    // A 401 carrying `WWW-Authenticate` (Stripe sends one) arrives as an authentication
                    // challenge; the delegate cancels it and keeps the response, which is the answer.
                    let challenged = exchange.taskIdentifier.flatMap(delegate.takeChallengedResponse)
                    let timedOut = exchange.timedOut
                    exchange.complete()
                    if let challenged {
                        continuation.resume(returning: Self.response(challenged, body: data))
                        return
                    }
                    continuation.resume(with: Self.result(data: data, response: response, error: error, timedOut: timedOut, timeout: request.timeout))
                }
                exchange.start(task, timeout: request.timeout)
            }
        } onCancel: {
            exchange.cancel()
        }
    }

    /// The URL Foundation sends exactly as `string` spells it. Handed a string with any character
    /// RFC 3986 does not allow where it stands (the unescaped brackets of `created[gte]=…`),
    /// Foundation percent-encodes the whole string again, `%` included (swiftlang/swift-foundation#1190):
    /// `type=payment_intent.%2A` would go out as `%252A` and match nothing. So the few such
    /// characters after the host are encoded here, and nothing else: an existing `%XX` stays as it
    /// is. Brackets are the one change on the wire (`%5B`, `%5D`, which Stripe reads as `[`, `]`):
    /// Foundation has no URL that carries them raw. Nil when Foundation would still send something else.
    static func wireURL(_ string: String) -> URL? {
        let bytes = Array(string.utf8)
        // Scheme and authority stay as they are: the host may hold brackets of its own (`http://[::1]:12111`).
        let authority = string.range(of: "://").map { string.utf8.distance(from: string.startIndex, to: $0.upperBound) } ?? 0
        let pathStart = bytes[authority...].firstIndex { "/?#".utf8.contains($0) } ?? bytes.count
        var wire = Array(bytes[..<pathStart])
        var i = pathStart
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count, isHexDigit(bytes[i + 1]), isHexDigit(bytes[i + 2]) {
                wire += bytes[i...(i + 2)]
                i += 3
                continue
            }
            if isAllowedInPathOrQuery(byte) {
                wire.append(byte)
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                wire += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
            i += 1
        }
        let text = String(decoding: wire, as: UTF8.self)
        guard let url = URL(string: text), url.absoluteString == text else { return nil }
        return url
    }

    /// RFC 3986 `pchar`, `/` and `?`: unreserved, sub-delims, `:` and `@` (a `%` only as part of `%XX`).
    private static func isAllowedInPathOrQuery(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=:@/?".utf8.contains(byte)
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "a")...UInt8(ascii: "f"): return true
        default: return false
        }
    }

    private static func result(data: Data?, response: URLResponse?, error: (any Error)?, timedOut: Bool, timeout: Double) -> Result<HTTPResponse, any Error> {
        if timedOut {
            return .failure(TransportError(kind: .timeout, message: "no response within \(formatSeconds(timeout))"))
        }
        if let error {
            return .failure(mapError(error, timeout: timeout))
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(TransportError(kind: .connection, message: "the server's answer was not an HTTP response"))
        }
        return .success(Self.response(http, body: data))
    }

    private static func response(_ http: HTTPURLResponse, body: Data?) -> HTTPResponse {
        var headers: [(name: String, value: String)] = []
        for (name, value) in http.allHeaderFields {
            headers.append((String(describing: name), String(describing: value)))
        }
        headers.sort { $0.name.lowercased() < $1.name.lowercased() }
        return HTTPResponse(status: http.statusCode, headers: headers, body: Array(body ?? Data()))
    }

    /// Sorts Foundation's many error codes into the three kinds the retry policy cares about.
    static func mapError(_ error: any Error, timeout: Double) -> TransportError {
        guard let urlError = error as? URLError else {
            return TransportError(kind: .connection, message: String(describing: error))
        }
        switch urlError.code {
        case .timedOut:
            return TransportError(kind: .timeout, message: "no response within \(formatSeconds(timeout))")
        case .cancelled:
            return TransportError(kind: .cancelled, message: "request cancelled")
        default:
            return TransportError(kind: .connection, message: urlError.localizedDescription)
        }
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}

/// Owns the `URLSession` so it is invalidated (and its delegate released) with the last transport copy.
private final class SessionHolder: Sendable {
    let session: URLSession
    /// Writes only: every connection closes after its answer, so none is ever reused.
    let writeSession: URLSession
    let delegate = SessionDelegate()

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        // Foundation's default of 6 connections per host would queue a bulk command's requests
        // behind each other (and out of order) below --concurrency (at most 64).
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        writeSession = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
        writeSession.finishTasksAndInvalidate()
    }
}

/// Returns 3xx responses to the caller instead of following them, and turns authentication
/// challenges (a 401 with `WWW-Authenticate`) back into the 401 response: stripe-fc never answers a
/// challenge, and on Linux an unanswered one would leave the request hanging.
private final class SessionDelegate: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var challenged: [Int: HTTPURLResponse] = [:]

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        if let response = challenge.failureResponse as? HTTPURLResponse {
            lock.withLock { challenged[task.taskIdentifier] = response }
        }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    /// The 401 a task was challenged with, once.
    func takeChallengedResponse(_ taskIdentifier: Int) -> HTTPURLResponse? {
        lock.withLock { challenged.removeValue(forKey: taskIdentifier) }
    }
}

/// One in-flight task with its overall deadline. `URLRequest.timeoutInterval` only bounds idle
/// time between packets, so a slow-dripping server needs this wall-clock limit too.
private final class Exchange: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionTask?
    private var deadline: DispatchWorkItem?
    private var cancelled = false
    private var deadlinePassed = false

    var timedOut: Bool { lock.withLock { deadlinePassed } }
    var taskIdentifier: Int? { lock.withLock { task?.taskIdentifier } }

    func start(_ task: URLSessionTask, timeout: Double) {
        var timer: DispatchWorkItem?
        if timeout > 0 {
            timer = DispatchWorkItem { [weak self] in self?.expire() }
        }
        let alreadyCancelled = lock.withLock { () -> Bool in
            self.task = task
            self.deadline = timer
            return cancelled
        }
        if alreadyCancelled { task.cancel() }
        task.resume()
        if let timer { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer) }
    }

    /// The answer arrived: drop the deadline so nothing keeps the request alive until it would have fired.
    func complete() {
        let timer = lock.withLock { () -> DispatchWorkItem? in
            defer { deadline = nil; task = nil }
            return deadline
        }
        timer?.cancel()
    }

    private func expire() {
        let running = lock.withLock { () -> URLSessionTask? in
            guard let task, task.state == .running else { return nil }
            deadlinePassed = true
            return task
        }
        running?.cancel()
    }

    func cancel() {
        let running = lock.withLock { () -> URLSessionTask? in
            cancelled = true
            return task
        }
        running?.cancel()
    }
}
