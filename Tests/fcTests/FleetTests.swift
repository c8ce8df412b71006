@testable import fc
import FCKit
import Foundation
import Testing

/// Issue 9 at the transport seam: several accounts at once (proven by a barrier, not a clock),
/// results in input order, one account's failure beside the others' successes, progress on a terminal.
@Suite struct FleetTests {
    static func account(_ id: String, refresh: String = "succeeded", next: Int? = nil) -> String {
        #"{"id":"\#(id)","object":"financial_connections.account","display_name":"Checking","institution_name":"Test Institution","status":"active","permissions":["balances"],"balance":{"as_of":1795255200,"cash":{"available":{"usd":100}},"current":{"usd":100},"type":"cash"},"balance_refresh":{"status":"\#(refresh)","last_attempted_at":1795255000,"next_refresh_available_at":\#(next.map(String.init) ?? "null")}}"#
    }

    /// Answers account reads only once `barrier` of them are in flight together (or, if that never
    /// happens, after a bounded number of yields, recording the failure): sequential code cannot pass.
    final class BarrierTransport: Transport, @unchecked Sendable {
        let barrier: Int
        let failing: Set<String>
        private let lock = NSLock()
        private var inFlight = 0, arrived = 0
        private(set) var most = 0
        var timedOut = false

        init(barrier: Int, failing: Set<String> = []) { self.barrier = barrier; self.failing = failing }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            let id = String(request.url.split(separator: "/").last ?? "")
            lock.withLock { inFlight += 1; arrived += 1; most = max(most, inFlight) }
            defer { lock.withLock { inFlight -= 1 } }
            var turns = 0
            while lock.withLock({ arrived < barrier }) {
                turns += 1
                if turns > 200_000 { lock.withLock { timedOut = true }; break }
                await Task.yield()
            }
            if failing.contains(id) {
                let body = #"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such financial connections account: '\#(id)'","param":"account"}}"#
                return HTTPResponse(status: 404, headers: [("Request-Id", "req_\(id)")], body: Array(body.utf8))
            }
            return HTTPResponse(status: 200, headers: [("Request-Id", "req_\(id)")], body: Array(FleetTests.account(id).utf8))
        }
    }

    static func runWith(_ argv: [String], transport: any Transport, tty: Bool = false) async -> (code: Int32, out: String, err: String) {
        let io = IO.captured(tty: tty, width: 200)
        var environment = AppEnvironment(io: io, variables: testEnv(), transport: transport, sleep: { _ in }, now: { fixedNow })
        environment.timeZone = TimeZone(identifier: "UTC")!
        let code = await FC.run(argv: argv, environment: environment)
        return (code, io.out.text, io.err.text)
    }

    static let ids = (1...8).map { "fca_\($0)" }

    @Test("eight accounts are read four at a time with --concurrency 4, and printed in input order")
    func boundedConcurrency() async throws {
        let transport = BarrierTransport(barrier: 4)
        let result = await Self.runWith(["balances"] + Self.ids + ["--concurrency", "4", "-q"], transport: transport)
        #expect(result.code == 0, "\(result.err)")
        #expect(!transport.timedOut, "four reads were never in flight together")
        #expect(transport.most == 4)
        #expect(result.out == Self.ids.map { $0 + "\n" }.joined())
    }

    @Test("--concurrency 1 is one account at a time")
    func sequential() async {
        let transport = BarrierTransport(barrier: 1)
        let result = await Self.runWith(["balances"] + Self.ids + ["--concurrency", "1", "-q"], transport: transport)
        #expect(result.code == 0 && transport.most == 1)
    }

    @Test("one account failing among eight: seven print, each failure is a line, exit 1 with a summary")
    func partialFailure() async throws {
        let transport = BarrierTransport(barrier: 8, failing: ["fca_3"])
        let result = await Self.runWith(["balances"] + Self.ids + ["--format", "tsv", "--fields", "id"], transport: transport)
        #expect(result.code == 1)
        #expect(result.out == Self.ids.filter { $0 != "fca_3" }.map { $0 + "\n" }.joined(), "no fake row for the failed account")
        #expect(result.err == """
            fca_3: retrieve: No such financial connections account: 'fca_3' (code resource_missing, request id req_fca_3)
            error: 1 of 8 accounts failed

            """)
        let json = await Self.runWith(["balances"] + Self.ids + ["--format", "json"], transport: BarrierTransport(barrier: 8, failing: ["fca_3", "fca_5"]))
        #expect(try JSON.parse(json.out).arrayValue?.count == 6)
        let error = try JSON.parse(json.err)
        #expect(error.value(at: "error.type") == "partial_failure" && error.value(at: "error.message") == "2 of 8 accounts failed")
        #expect(error.value(at: "error.failures")?.arrayValue?.compactMap { $0["account"]?.stringValue } == ["fca_3", "fca_5"])
        #expect(error.value(at: "error.failures.0.request_id") == "req_fca_3")
    }

    @Test("the progress line is rewritten in place on a terminal, and absent on a pipe")
    func progressLine() async {
        let terminal = await Self.runWith(["balances"] + Self.ids + ["--format", "tsv"], transport: BarrierTransport(barrier: 8, failing: ["fca_2"]), tty: true)
        #expect(terminal.err.contains("\r\u{1B}[Kreading 8/8 · 1 failed"), "\(terminal.err)")
        let pipe = await Self.runWith(["balances"] + Self.ids + ["--format", "tsv"], transport: BarrierTransport(barrier: 8))
        #expect(pipe.err.isEmpty)
    }

    @Test("--refresh inside Stripe's cooldown sends no POST, says when the data is from, and exits 0")
    func cooldownSkipsTheRefresh() async {
        let later = Int(fixedNow) + 3600
        let result = await run(["balances", "fca_1", "--refresh", "--wait", "--format", "tsv", "--fields", "id"],
                               stubs: [.json("GET", "/v1/financial_connections/accounts/fca_1", Self.account("fca_1", next: later))])
        #expect(result.code == 0, "\(result)")
        #expect(result.out == "fca_1\n")
        #expect(result.requests.allSatisfy { $0.method == "GET" })
        #expect(result.err == "note: fca_1: balance data is from the refresh at 2026-11-21 09:56 (UTC); Stripe allows the next refresh at 2026-11-21 11:00 (UTC), so none was asked for\n")
    }

    @Test("accounts refresh keeps Stripe's refusal inside the cooldown, per account, beside the others")
    func explicitRefreshReportsTheRefusal() async {
        let refused = #"{"error":{"type":"invalid_request_error","code":"financial_connections_account_refresh_in_cooldown","message":"You cannot refresh this account yet."}}"#
        let result = await run(["accounts", "refresh", "fca_1", "fca_2", "--feature", "balance", "-q"], stubs: [
            .json("POST", "/v1/financial_connections/accounts/fca_1/refresh", status: 400, refused),
            .json("POST", "/v1/financial_connections/accounts/fca_2/refresh", Self.account("fca_2", refresh: "pending")),
        ])
        #expect(result.code == 1)
        #expect(result.out == "fca_2\n")
        #expect(result.err.hasPrefix("fca_1: balance refresh: You cannot refresh this account yet. (code financial_connections_account_refresh_in_cooldown"), "\(result.err)")
        #expect(result.err.hasSuffix("error: 1 of 2 accounts failed\n"))
    }

    @Test("transactions across accounts: newest first overall, so --limit 3 is the three newest of all")
    func mergedNewestFirst() async throws {
        func txn(_ id: String, _ account: String, _ at: Int) -> String {
            #"{"id":"\#(id)","object":"financial_connections.transaction","account":"\#(account)","amount":-100,"currency":"usd","description":"x","status":"posted","transacted_at":\#(at)}"#
        }
        let path = "/v1/financial_connections/transactions"
        let account = { (id: String) in #"{"id":"\#(id)","object":"financial_connections.account","status":"active","permissions":["transactions"]}"# }
        let result = await run(["transactions", "fca_a", "fca_b", "--limit", "3", "-q"], stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_a", account("fca_a")),
            .json("GET", "/v1/financial_connections/accounts/fca_b", account("fca_b")),
            .json("GET", path, query: "account=fca_a&limit=3", listJSON([txn("a1", "fca_a", 900), txn("a2", "fca_a", 500), txn("a3", "fca_a", 100)], hasMore: true, url: path)),
            .json("GET", path, query: "account=fca_b&limit=3", listJSON([txn("b1", "fca_b", 800), txn("b2", "fca_b", 700), txn("b3", "fca_b", 600)], hasMore: true, url: path)),
        ])
        #expect(result.code == 0, "\(result)")
        #expect(result.out == "a1\nb1\nb2\n")
    }
}

/// `--wait` over many accounts asks about each refresh when it should have ended, learning how
/// long refreshes take from what it has seen (no clock: times are given).
@Suite struct RefreshScheduleTests {
    @Test("before anything was seen the first look is 0.5 s after each refresh started")
    func firstLook() {
        let schedule = RefreshSchedule(startedAt: [0, 0.2, 1.0])
        #expect(schedule.due(of: [0, 1, 2]) == [0.5, 0.7, 1.5])
    }

    @Test("a refresh seen done sets the guess; accounts not yet asked about are due when theirs should end")
    func learnsFromADoneRefresh() {
        var schedule = RefreshSchedule(startedAt: [0, 0.5, 1.3])
        schedule.observe(0, settled: true, sent: 1.7, answered: 1.8)
        schedule.observe(1, settled: false, sent: 1.2, answered: 1.3)
        #expect(schedule.guess == 1.8)
        #expect(schedule.due(of: [2]) == [3.1], "1.3 + the 1.8 s a refresh was seen to take")
        #expect(schedule.due(of: [1]) == [2.3], "seen pending, but due by the guess (0.5 + 1.8) after its own 0.25 s backoff")
    }

    @Test("until one is seen done, the guess doubles past the longest seen pending; past the guess, each account backs off on its own")
    func backsOff() {
        var schedule = RefreshSchedule(startedAt: [0, 0])
        schedule.observe(0, settled: false, sent: 0.5, answered: 0.6)
        #expect(schedule.guess == 1.0)
        schedule.observe(0, settled: false, sent: 1.0, answered: 1.1)
        schedule.observe(1, settled: true, sent: 1.0, answered: 1.1)
        #expect(schedule.guess == 1.1)
        #expect(schedule.due(of: [0]) == [1.5], "twice seen pending: 0.5 s after the last look")
        schedule.observe(0, settled: false, sent: 1.5, answered: 1.6)
        #expect(schedule.due(of: [0]) == [2.5], "the backoff doubles: 1 s")
    }
}
