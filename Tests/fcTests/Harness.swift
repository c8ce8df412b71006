@testable import fc
import FCKit
import Foundation
import Testing

/// One canned answer at the transport seam, matched by method and path (and, when given, the
/// exact query string). A stub answers once unless `repeats` is set.
struct Stub: Sendable {
    enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(TransportError)
    }

    var method: String
    var path: String
    /// The exact query string (no `?`), or nil to match any.
    var query: String?
    var reply: Reply
    /// Answers every matching request instead of only the first.
    var repeats = false

    static func json(_ method: String, _ path: String, query: String? = nil, status: Int = 200, _ body: String,
                     requestID: String = "req_test", headers: [(name: String, value: String)] = []) -> Stub {
        let response = HTTPResponse(status: status, headers: [("Content-Type", "application/json"), ("Request-Id", requestID)] + headers,
                                    body: Array(body.utf8))
        return Stub(method: method, path: path, query: query, reply: .response(response))
    }

    static func failing(_ method: String, _ path: String, _ kind: TransportError.Kind, message: String = "connection refused") -> Stub {
        Stub(method: method, path: path, reply: .failure(TransportError(kind: kind, message: message)), repeats: true)
    }
}

/// A fake `Transport` in the manner of gh's HTTP stub registry: records every request, answers
/// from registered stubs, records a test failure for a request nothing was registered for, and
/// can check that every stub was used.
final class StubTransport: Transport, @unchecked Sendable {
    private let lock = NSLock()
    private var stubs: [(stub: Stub, uses: Int)]
    private var recorded: [HTTPRequest] = []

    init(_ stubs: [Stub] = []) { self.stubs = stubs.map { ($0, 0) } }

    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (path, query) = Self.split(request.url)
        let reply: Stub.Reply? = lock.withLock {
            recorded.append(request)
            let index = stubs.indices.first { i in
                let s = stubs[i].stub
                return s.method == request.method && s.path == path && (s.query == nil || s.query == query)
                    && (s.repeats || stubs[i].uses == 0)
            }
            guard let index else { return nil }
            stubs[index].uses += 1
            return stubs[index].stub.reply
        }
        switch reply {
        case .response(let response): return response
        case .failure(let error): throw error
        case nil:
            Issue.record("unexpected request: \(request.method) \(request.url)")
            throw TransportError(kind: .connection, message: "no stub for \(request.method) \(path)")
        }
    }

    /// Records a failure for every stub that never answered.
    func verifyAllUsed(sourceLocation: SourceLocation = #_sourceLocation) {
        for (stub, uses) in lock.withLock({ stubs }) where uses == 0 {
            Issue.record("stub never used: \(stub.method) \(stub.path)\(stub.query.map { "?" + $0 } ?? "")", sourceLocation: sourceLocation)
        }
    }

    /// Path and query string of an absolute URL.
    static func split(_ url: String) -> (path: String, query: String?) {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        guard let q = rest.firstIndex(of: "?") else { return (String(rest), nil) }
        return (String(rest[..<q]), String(rest[rest.index(after: q)...]))
    }
}

/// What one `stripe-fc` run produced.
struct RunResult: Sendable {
    var code: Int32
    var out: String
    var err: String
    var requests: [HTTPRequest]
}

/// A unique path under the system temp folder, used as `XDG_CONFIG_HOME`. Not created:
/// a missing config file is an empty config, and `stripe-fc config set` creates the folders.
func uniqueConfigHome() -> String {
    NSTemporaryDirectory() + "fc-tests-" + UUID().uuidString
}

/// The test key, and an environment with it and an empty config folder of its own.
let testKey = "sk_test_123"

func testEnv(configHome: String = uniqueConfigHome(), key: String? = testKey) -> [String: String] {
    var env = ["XDG_CONFIG_HOME": configHome, "XDG_STATE_HOME": configHome + "/state"]
    if let key { env["STRIPE_API_KEY"] = key }
    return env
}

/// The fixed clock: 2026-11-21 10:00:00 UTC.
let fixedNow: Double = 1_795_255_200

/// Runs `stripe-fc` in-process with captured IO, the stub transport, a sleep that returns at once,
/// a fixed clock and UTC. Every stub must be used (checked after the run).
func run(_ argv: [String], tty: Bool = false, width: Int? = 100, env: [String: String]? = nil, input: [String] = [],
         stubs: [Stub] = [], sourceLocation: SourceLocation = #_sourceLocation) async -> RunResult {
    let transport = StubTransport(stubs)
    let io = IO.captured(tty: tty, width: width, input: input)
    var environment = AppEnvironment(io: io, variables: env ?? testEnv(), transport: transport,
                                     sleep: { _ in }, now: { fixedNow })
    environment.timeZone = TimeZone(identifier: "UTC")!
    let code = await FC.run(argv: argv, environment: environment)
    transport.verifyAllUsed(sourceLocation: sourceLocation)
    return RunResult(code: code, out: io.out.text, err: io.err.text, requests: transport.requests)
}

/// A long test key: its masked form (`sk_test_…abcd`) differs from the key itself.
let longTestKey = "sk_test_51LongSecretValue0000abcd"

/// `run`, and then: neither test key appears anywhere on stdout or stderr.
func runHidingKeys(_ argv: [String], tty: Bool = false, env: [String: String]? = nil, stubs: [Stub] = [],
                   sourceLocation: SourceLocation = #_sourceLocation) async -> RunResult {
    let result = await run(argv, tty: tty, env: env, stubs: stubs, sourceLocation: sourceLocation)
    for key in [testKey, longTestKey] {
        #expect(!result.out.contains(key), "key on stdout", sourceLocation: sourceLocation)
        #expect(!result.err.contains(key), "key on stderr", sourceLocation: sourceLocation)
    }
    return result
}

extension HTTPRequest {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
    var path: String { StubTransport.split(url).path }
    var query: String? { StubTransport.split(url).query }
}

/// A customer object as Stripe sends it (keys in Stripe's order).
func customerJSON(_ id: String = "cus_x", email: String = "a@example.com", name: String = "Ann", created: Int = 1_795_255_200,
                  metadata: String = "{}") -> String {
    let email = JSON.string(email).serialized(), name = JSON.string(name).serialized()
    return """
        {"id":"\(id)","object":"customer","address":null,"balance":0,"created":\(created),"currency":null,"description":null,\
        "email":\(email),"livemode":false,"metadata":\(metadata),"name":\(name),"phone":null}
        """
}

/// A list page of the given objects.
func listJSON(_ items: [String], hasMore: Bool, url: String = "/v1/customers") -> String {
    "{\"object\":\"list\",\"data\":[\(items.joined(separator: ","))],\"has_more\":\(hasMore),\"url\":\"\(url)\"}"
}

/// Splits a `$ fc …` example like a shell: whitespace separates, single and double quotes group,
/// a backslash escapes the next character outside single quotes.
func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for ch in line {
        if escaped { current.append(ch); escaped = false; continue }
        if let q = quote {
            if ch == q { quote = nil } else if ch == "\\" && q == "\"" { escaped = true } else { current.append(ch) }
            continue
        }
        switch ch {
        case "'", "\"": quote = ch; inWord = true
        case "\\": escaped = true; inWord = true
        case " ", "\t":
            if inWord { words.append(current); current = ""; inWord = false }
        default: current.append(ch); inWord = true
        }
    }
    if inWord { words.append(current) }
    return words
}

/// Every command in the tree with its path, root first.
func allCommands(_ command: CommandSpec = CommandTree.root, path: [String] = []) -> [(path: [String], command: CommandSpec)] {
    [(path, command)] + command.subcommands.flatMap { allCommands($0, path: path + [$0.name]) }
}

extension RunResult: CustomStringConvertible {
    var description: String { "exit \(code), \(requests.count) request(s)\n--- stdout\n\(out)--- stderr\n\(err)" }
}
