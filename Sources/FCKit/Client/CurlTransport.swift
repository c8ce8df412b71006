import CCurl
import Foundation

/// The real transport: libcurl, called directly.
///
/// **Design.** One libcurl *multi* handle per transport, driven by one thread of its own: every
/// request becomes an easy handle added to it, so all requests of a run share one connection pool
/// (keep-alive reuse, HTTP/2 multiplexing when the server offers it) and a bulk command's 64
/// requests in flight cost one thread, not 64. The thread starts with the first request (so
/// `--help`, `--version` and usage errors touch no networking code: `curl_global_init` runs then,
/// once per process) and ends when the transport is released and nothing is in flight.
/// Cancellation (Ctrl-C, a cancelled task) wakes the thread at once (`curl_multi_wakeup`), which
/// removes the transfer; no polling interval delays it.
///
/// **On the wire.** The URL goes out exactly as `RequestBuilder` spelled it (brackets raw, as
/// stripe-python sends them; libcurl does not re-encode); the body is handed over as bytes
/// (`CURLOPT_COPYPOSTFIELDS`), so when libcurl resends a request because a reused keep-alive
/// connection turned out dead before any byte of answer came, the resend carries the whole body
/// and the same headers, `Idempotency-Key` included, and Stripe replays instead of acting twice.
/// That is why writes may share the pool: the old workaround (writes on connections of their
/// own) guarded against FoundationNetworking, whose resend had lost the body. Every status is
/// returned with its headers and body (a 401 with `WWW-Authenticate` too: libcurl never answers
/// a challenge it was not asked to). Redirects are never followed; only http and https are
/// spoken; TLS peers and host names are always verified. `timeout` is one deadline for the whole
/// exchange, from name lookup and connect to the last byte, so a server that drips its answer
/// cannot outlast it. The answer is capped while it is read (`maxResponseSize`, body counted
/// after libcurl's decompression), so memory stays bounded whatever the server sends.
/// Proxies come from the environment as curl reads them (`https_proxy`/`HTTPS_PROXY`,
/// `ALL_PROXY`, `NO_PROXY`).
public struct CurlTransport: Transport {
    private let owner: Owner

    public init() {
        owner = Owner(driver: CurlDriver())
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transfer = try CurlTransfer(request)
        let driver = owner.driver
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                transfer.continuation = continuation
                driver.submit(transfer)
            }
        } onCancel: {
            transfer.requestCancel()
            driver.wake()
        }
    }

    /// Shuts the driver's thread down when the last copy of the transport goes.
    private final class Owner: Sendable {
        let driver: CurlDriver
        init(driver: CurlDriver) { self.driver = driver }
        deinit { driver.shutdown() }
    }
}

/// `curl_global_init`, once per process, on first use.
private enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}

/// The multi handle and the thread that drives it.
private final class CurlDriver: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var multi: UnsafeMutableRawPointer?
    private var pending: [CurlTransfer] = []
    private var stopping = false
    /// Touched only by the driver thread.
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    func submit(_ transfer: CurlTransfer) {
        let handle = lock.withLock { () -> UnsafeMutableRawPointer? in
            pending.append(transfer)
            if multi == nil, let created = curl_multi_init() {
                multi = created
                // Idle connections kept for reuse: one per request a bulk command keeps in flight.
                _ = fc_multi_setopt_long(created, CURLMOPT_MAXCONNECTS, 64)
                let thread = Thread { [self] in run() }
                thread.name = "stripe-fc curl"
                thread.start()
            }
            return multi
        }
        if let handle {
            curl_multi_wakeup(handle)
        } else {
            transfer.finish(.failure(TransportError(kind: .connection, message: "libcurl could not start (curl_multi_init failed)")))
        }
    }

    func wake() {
        if let handle = lock.withLock({ multi }) { curl_multi_wakeup(handle) }
    }

    func shutdown() {
        let handle = lock.withLock { () -> UnsafeMutableRawPointer? in
            stopping = true
            return multi
        }
        if let handle { curl_multi_wakeup(handle) }
    }

    private func run() {
        guard let multi = lock.withLock({ self.multi }) else { return }
        while true {
            let (arrived, stop) = lock.withLock { () -> ([CurlTransfer], Bool) in
                defer { pending.removeAll() }
                return (pending, stopping)
            }
            for transfer in arrived {
                if transfer.isCancelled {
                    transfer.finish(.failure(TransportError(kind: .cancelled, message: "request cancelled")))
                } else if curl_multi_add_handle(multi, transfer.easy) == CURLM_OK {
                    running[transfer.easy] = transfer
                } else {
                    transfer.finish(.failure(TransportError(kind: .connection, message: "libcurl refused the request")))
                }
            }
            for (easy, transfer) in running where transfer.isCancelled {
                curl_multi_remove_handle(multi, easy)
                running[easy] = nil
                transfer.finish(.failure(TransportError(kind: .cancelled, message: "request cancelled")))
            }
            if stop, running.isEmpty, lock.withLock({ pending.isEmpty }) { break }

            var active: Int32 = 0
            curl_multi_perform(multi, &active)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                if let transfer = running.removeValue(forKey: easy) {
                    transfer.finish(transfer.outcome(code))
                }
            }
            // Sleeps until a socket is ready, libcurl's next timer, or a wakeup (new request,
            // cancellation, shutdown); the cap only bounds the wait when nothing at all is happening.
            curl_multi_poll(multi, nil, 0, 60_000, nil)
        }
        lock.withLock { self.multi = nil }
        curl_multi_cleanup(multi)
    }
}

/// One request's easy handle and what has come back so far. Created on the caller's task; from
/// `submit` on, read and written only by the driver thread (callbacks run inside `curl_multi_perform`),
/// except for the cancellation flag.
private final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let timeout: Double
    private let limit: Int
    var continuation: CheckedContinuation<HTTPResponse, any Error>?

    private var headerLines: [String] = []
    private var body: [UInt8] = []
    private var received = 0
    private var tooLarge = false

    private let flagLock = NSLock()
    private var cancelled = false

    init(_ request: HTTPRequest) throws {
        guard CurlGlobal.initialized, let easy = curl_easy_init() else {
            throw TransportError(kind: .connection, message: "libcurl could not start (curl_global_init failed)")
        }
        self.easy = easy
        timeout = request.timeout
        limit = max(request.maxResponseSize, 0)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(to: 0)
        try configure(request)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    private func configure(_ request: HTTPRequest) throws {
        var failed: CURLcode = CURLE_OK
        func set(_ code: CURLcode) { if code != CURLE_OK, failed == CURLE_OK { failed = code } }
        func set(_ option: CURLoption, _ value: Int) { set(fc_easy_setopt_long(easy, option, value)) }
        func set(_ option: CURLoption, _ value: String) { set(value.withCString { fc_easy_setopt_string(easy, option, $0) }) }

        set(CURLOPT_URL, request.url)
        set(fc_easy_allow_only_http(easy))
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_FOLLOWLOCATION, 0)
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        set(CURLOPT_PROXY_SSL_VERIFYPEER, 1)
        set(CURLOPT_PROXY_SSL_VERIFYHOST, 2)
        if let file = request.caBundle {
            set(CURLOPT_CAINFO, file)
            set(CURLOPT_PROXY_CAINFO, file)
        }
        if let directory = request.caDirectory {
            set(CURLOPT_CAPATH, directory)
            set(CURLOPT_PROXY_CAPATH, directory)
        }
        if request.url.lowercased().hasPrefix("https:") {
            set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
            // Several requests started together wait for the first connection and share it when it
            // turns out to be HTTP/2, instead of each opening its own.
            set(CURLOPT_PIPEWAIT, 1)
        }
        set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        // Every encoding this libcurl can decode; the write callback sees the decoded bytes.
        set(CURLOPT_ACCEPT_ENCODING, "")
        if timeout > 0 { set(CURLOPT_TIMEOUT_MS, max(Int((timeout * 1000).rounded(.up)), 1)) }
        set(fc_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))

        switch request.method {
        case "GET":
            set(CURLOPT_HTTPGET, 1)
        case "HEAD":
            set(CURLOPT_NOBODY, 1)
        default:
            if request.method != "POST" { set(CURLOPT_CUSTOMREQUEST, request.method) }
            if request.method == "POST" || !request.body.isEmpty {
                set(CURLOPT_POST, 1)
                set(fc_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
                // Copied into libcurl, which can then send it again whenever it resends the request.
                set(request.body.withUnsafeBytes { bytes in
                    fc_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)))
                })
            }
        }

        var names = Set<String>()
        for (name, value) in request.headers {
            names.insert(name.lowercased())
            // `Name;` is libcurl's spelling of a header sent with an empty value.
            headerList = curl_slist_append(headerList, value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // No `Expect: 100-continue` round trip before a larger body.
        if !names.contains("expect") { headerList = curl_slist_append(headerList, "Expect:") }
        set(fc_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))

        let me = Unmanaged.passUnretained(self).toOpaque()
        set(fc_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().take(body: data, size * count)
        }))
        set(fc_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me))
        set(fc_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().take(header: data, size * count)
        }))
        set(fc_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me))

        if failed != CURLE_OK {
            throw TransportError(kind: .connection, message: "libcurl refused the request for \(request.url): \(String(cString: curl_easy_strerror(failed)))")
        }
    }

    /// Counts `count` more bytes against the cap; false once it is exceeded (libcurl then stops).
    private func admit(_ count: Int) -> Bool {
        received += count
        if received > limit { tooLarge = true }
        return !tooLarge
    }

    private func take(body data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        guard admit(count) else { return 0 }
        body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }

    private func take(header data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        guard admit(count) else { return 0 }
        var bytes = UnsafeRawBufferPointer(start: data, count: count)[...]
        while let last = bytes.last, last == 10 || last == 13 { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        // A new status line (an interim 1xx, or a proxy's answer to CONNECT) starts the head over.
        if line.hasPrefix("HTTP/") { headerLines.removeAll() } else if !line.isEmpty { headerLines.append(line) }
        return count
    }

    var isCancelled: Bool { flagLock.withLock { cancelled } }

    func requestCancel() { flagLock.withLock { cancelled = true } }

    /// Resumes the caller, once.
    func finish(_ result: Result<HTTPResponse, TransportError>) {
        let waiting = continuation
        continuation = nil
        waiting?.resume(with: result.mapError { $0 as any Error })
    }

    /// What a finished transfer amounts to.
    func outcome(_ code: CURLcode) -> Result<HTTPResponse, TransportError> {
        var status = 0
        _ = fc_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        if tooLarge {
            return .failure(TransportError(kind: .responseTooLarge, message: "the answer (HTTP \(status)) was larger than \(Self.describe(bytes: limit)), the most stripe-fc takes (--max-response-size); it was not read to the end", status: status))
        }
        if code == CURLE_OK {
            return .success(HTTPResponse(status: status, headers: headerLines.compactMap(Self.header), body: body))
        }
        let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            let what = status == 0 ? "no response" : "the response (HTTP \(status)) did not complete"
            return .failure(TransportError(kind: .timeout, message: "\(what) within \(Self.describe(seconds: timeout))"))
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .failure(TransportError(kind: .connection, message: "TLS: \(detail) (if a proxy or private CA signs this server's certificate, name its CA with --ca-bundle FILE or SSL_CERT_FILE)"))
        default:
            return .failure(TransportError(kind: .connection, message: detail))
        }
    }

    private static func header(_ line: String) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (String(line[..<colon]), value)
    }

    static func describe(seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }

    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
