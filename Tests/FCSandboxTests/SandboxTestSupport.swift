import FCKit
import Foundation
import Testing
@testable import FCSandbox

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double

    init(_ start: Double = 1_780_000_000) { value = start }

    var now: Double {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func advance(_ seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        value += seconds
    }
}

/// One answer, decoded.
struct Answer {
    let status: Int
    let headers: [(name: String, value: String)]
    let text: String
    let json: JSON

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    subscript(path: String) -> JSON? { json.value(at: path) }
    var errorMessage: String? { json.value(at: "error.message")?.stringValue }
    var errorCode: String? { json.value(at: "error.code")?.stringValue }
    var errorParam: String? { json.value(at: "error.param")?.stringValue }
    var id: String { json["id"]?.stringValue ?? "" }
}

/// A sandbox app driven directly, with an injectable clock.
struct Harness {
    let app: SandboxApp
    let clock: ManualClock
    static let key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"

    init(options: SandboxOptions = Harness.options(), clock: ManualClock = ManualClock(), webhookTransport: (any Transport)? = nil) throws {
        self.clock = clock
        app = try SandboxApp(options: options, clock: { clock.now }, webhookTransport: webhookTransport)
    }

    /// With the data file's write and fsync calls going through `journalIO` (a `TestDisk`).
    init(options: SandboxOptions, clock: ManualClock = ManualClock(), journalIO: JournalFileIO) throws {
        self.clock = clock
        app = try SandboxApp(options: options, clock: { clock.now }, journalIO: journalIO)
    }

    static func options(seed: UInt64 = 42, transactions: Int = 60, dataFile: String? = nil) -> SandboxOptions {
        var o = SandboxOptions()
        o.seed = seed
        o.refreshDelayMS = 1_000
        o.settleDelayMS = 2_000
        o.transactionsPerAccount = transactions
        o.dataFile = dataFile
        return o
    }

    func send(_ method: String, _ path: String, query: String = "", body: String = "",
              headers extra: [(String, String)] = [], key: String? = Harness.key) async -> Answer {
        var headers: [(name: String, value: String)] = []
        if let key { headers.append(("Authorization", "Bearer \(key)")) }
        if method == "POST" { headers.append(("Content-Type", path.hasPrefix("/v2") ? "application/json" : "application/x-www-form-urlencoded")) }
        for (n, v) in extra { headers.append((n, v)) }
        let response = await app.handle(SandboxRequest(method: method, path: path, query: query, headers: headers, body: Array(body.utf8)))
        let text = String(decoding: response.body, as: UTF8.self)
        let json = (try? JSON.parse(text)) ?? .null
        return Answer(status: response.status, headers: response.headers, text: text, json: json)
    }

    func get(_ path: String, _ query: String = "") async -> Answer { await send("GET", path, query: query) }
    func post(_ path: String, _ body: String = "", headers: [(String, String)] = []) async -> Answer {
        await send("POST", path, body: body, headers: headers)
    }

    // MARK: common flows

    func customer(email: String = "jenny@example.com") async -> String {
        await post("/v1/customers", "email=\(email)&name=Jenny%20Rosen").id
    }

    /// A session for a new customer, linked at `institution`; returns (customer, session, account ids).
    func linked(institution: String = "Test Institution", permissions: [String] = ["balances", "ownership", "transactions", "payment_method"],
                extra: String = "", subcategories: [String] = []) async -> (customer: String, session: String, accounts: [String]) {
        let cus = await customer()
        let perms = permissions.map { "permissions[]=\($0)" }.joined(separator: "&")
        let session = await post("/v1/financial_connections/sessions", "account_holder[type]=customer&account_holder[customer]=\(cus)&\(perms)\(extra)").id
        let subs = subcategories.map { "&subcategories[]=\($0)" }.joined()
        let linked = await post("/v1/test_helpers/financial_connections/sessions/\(session)/link",
                                "institution=\(FormEncoder.escape(institution, keepBrackets: false))\(subs)")
        let ids = linked.json.value(at: "accounts.data")?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        return (cus, session, ids)
    }

    /// Refreshes and lets the refresh complete.
    func refreshed(_ account: String, _ feature: String) async -> Answer {
        _ = await post("/v1/financial_connections/accounts/\(account)/refresh", "features[]=\(feature)")
        clock.advance(1.5)
        return await get("/v1/financial_connections/accounts/\(account)")
    }
}

func temporaryPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fc-sandbox-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}
