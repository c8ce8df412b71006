@testable import fc
import FCKit
import Foundation
import Testing

/// Issue 8's output contract, run in-process against stubs: `--fields` checked and listed before
/// anything is sent, one path one value in every format, times in a stated zone, JSON-only stderr
/// when JSON was asked for, objects still printed when `--wait` gives up, complete dry runs.
@Suite struct OutputContractTests {
    static let accountPath = "/v1/financial_connections/accounts/fca_1"

    static func account(refresh: String = "succeeded") -> String {
        #"{"id":"fca_1","object":"financial_connections.account","display_name":"Checking","institution_name":"Test Institution","last4":"6789","category":"cash","subcategory":"checking","status":"active","permissions":["balances"],"balance":{"as_of":1795255200,"cash":{"available":{"usd":1200}},"current":{"usd":1500},"type":"cash"},"balance_refresh":{"status":"\#(refresh)","last_attempted_at":1795255200,"next_refresh_available_at":null}}"#
    }

    // MARK: - --fields

    @Test("a path the objects cannot have is a usage error naming the fields, and nothing is sent",
          arguments: [["customers", "list", "--fields", "id,emial"], ["accounts", "get", "fca_1", "--fields", "balance.nope"],
                      ["balances", "fca_1", "--fields", "currency", "--format", "json"]])
    func unknownFieldsAreRefused(_ argv: [String]) async {
        let result = await run(argv)
        #expect(result.code == 2, "\(result)")
        #expect(result.requests.isEmpty)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("'--fields help' lists them"), "\(result.err)")
    }

    @Test func unknownFieldNamesTheValidOnesAndSuggests() async {
        let result = await run(["customers", "list", "--fields", "id,emial"])
        #expect(result.err.hasPrefix("error: unknown field 'emial' for 'stripe-fc customers list': did you mean 'email'? fields are id, email, name, created,"), "\(result.err)")
    }

    @Test("--fields alone, or help, lists the fields and sends nothing", arguments: [["--fields"], ["--fields", "help"], ["--fields", "-q"]])
    func fieldsListing(_ flags: [String]) async {
        let result = await run(["accounts", "list"] + flags)
        #expect(result.code == 0, "\(result)")
        #expect(result.requests.isEmpty)
        #expect(result.out.hasPrefix("Fields of 'stripe-fc accounts list'"))
        #expect(result.out.contains("\n  balance.current.*\n"))
        #expect(result.out.contains("\n  subcategory       TYPE\n"), "\(result.out)")
    }

    @Test("the same path is the same value in json, tsv, csv and a table")
    func onePathOneValue() async throws {
        let stub = Stub.json("GET", Self.accountPath, Self.account())
        let fields = "id,subcategory,balance.current.usd,balance.as_of"
        let json = await run(["accounts", "get", "fca_1", "--fields", fields, "--format", "json"], stubs: [stub])
        #expect(try JSON.parse(json.out) == JSON.parse(#"{"id":"fca_1","subcategory":"checking","balance":{"current":{"usd":1500},"as_of":1795255200}}"#))
        let tsv = await run(["accounts", "get", "fca_1", "--fields", fields, "--format", "tsv"], stubs: [stub])
        #expect(tsv.out == "fca_1\tchecking\t1500\t1795255200\n")
        let csv = await run(["accounts", "get", "fca_1", "--fields", fields, "--format", "csv"], stubs: [stub])
        #expect(csv.out == "id,subcategory,balance.current.usd,balance.as_of\nfca_1,checking,1500,1795255200\n")
        let table = await run(["accounts", "list", "--fields", fields, "--format", "table"],
                              stubs: [.json("GET", "/v1/financial_connections/accounts", listJSON([Self.account()], hasMore: false))])
        #expect(table.out == "ID     SUBCATEGORY  BALANCE.CURRENT.USD  BALANCE.AS_OF\nfca_1  checking     1500                 1795255200\n")
    }

    @Test("a derived column (balances' currency) works in tables, and its money is formatted on a terminal")
    func derivedColumnsInTables() async {
        let result = await run(["balances", "fca_1", "--fields", "id,currency,current", "--no-color"], tty: true,
                               stubs: [.json("GET", Self.accountPath, Self.account())])
        #expect(result.code == 0, "\(result)")
        #expect(result.out == "ACCOUNT  CURRENCY  CURRENT\nfca_1    usd       $15.00\n")
    }

    // MARK: - Time zones

    static func customers(_ env: [String: String], flags: [String] = []) async -> RunResult {
        // 2026-11-21 23:30 UTC: already the 22nd in Paris, still the 21st in New York.
        let customer = customerJSON("cus_1", created: 1_795_303_800)
        return await run(["customers", "list", "--format", "table"] + flags, env: env,
                         stubs: [.json("GET", "/v1/customers", listJSON([customer], hasMore: false))])
    }

    @Test("table times are in the TZ zone and say so; --utc switches to UTC")
    func tableTimesSayTheirZone() async {
        var env = testEnv()
        env["TZ"] = "Europe/Paris"
        let paris = await Self.customers(env)
        #expect(paris.out.contains("CREATED (Europe/Paris)\n") && paris.out.contains("2026-11-22 00:30"), "\(paris.out)")
        let utc = await Self.customers(env, flags: ["--utc"])
        #expect(utc.out.contains("CREATED (UTC)\n") && utc.out.contains("2026-11-21 23:30"), "\(utc.out)")
    }

    @Test("--since/--until dates are read in the same zone as the table shows",
          arguments: [(["TZ": "Europe/Paris"], [String](), 1_795_993_200), (["TZ": "America/New_York"], [], 1_796_014_800),
                      (["TZ": "Europe/Paris"], ["--utc"], 1_795_996_800)])
    func datesReadInTheOutputZone(_ zone: [String: String], _ flags: [String], _ midnight: Int) async {
        var env = testEnv()
        env.merge(zone) { _, new in new }
        let empty = #"{"object":"list","data":[],"has_more":false,"url":"/v1/events"}"#
        let result = await run(["events", "list", "--since", "2026-11-30"] + flags, env: env,
                               stubs: [.json("GET", "/v1/events", query: "created[gte]=\(midnight)&limit=10", empty)])
        #expect(result.code == 0, "\(result)")
    }

    // MARK: - stderr when JSON was asked for

    @Test("with --format json, stderr is exactly one JSON error object", arguments: [
        ["customers", "get", "cus_nope", "--format", "json"], ["customers", "get", "cus_nope", "--json"],
        ["customers", "get", "cus_nope", "--json", "--api-key", "sk_test_123"],
    ])
    func jsonErrorsOnly(_ argv: [String]) async throws {
        let missing = #"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such customer: 'cus_nope'","param":"id"}}"#
        let result = await run(argv, stubs: [.json("GET", "/v1/customers/cus_nope", status: 404, missing)])
        #expect(result.code == 1)
        let lines = result.err.split(separator: "\n").map(String.init)
        let errors = try lines.map { try JSON.parse($0) }.filter { $0["error"] != nil }
        #expect(errors.count == 1, "\(result.err)")
        #expect(errors.first?.value(at: "error.code") == "resource_missing")
        #expect(errors.first?.value(at: "error.request_id") == "req_test")
        #expect(lines.allSatisfy { $0.hasPrefix("{") }, "no human text: \(result.err)")
    }

    @Test func usageErrorsInJSONModeAreOneJSONObject() async throws {
        let result = await run(["customers", "list", "--limit", "0", "--format", "jsonl"])
        #expect(result.code == 2)
        let error = try JSON.parse(result.err)
        #expect(error.value(at: "error.type") == "usage_error" && error.value(at: "error.exit_code") == 2, "\(result.err)")
    }

    // MARK: - What scripts keep on every exit

    @Test("pay --wait that gives up: exit 5, and -q still prints the PaymentIntent's id")
    func payWaitGivesUpButPrintsTheIntent() async {
        let processing = #"{"id":"pi_1","object":"payment_intent","amount":1000,"currency":"usd","status":"processing","customer":"cus_1","created":1795255200}"#
        let account = #"{"id":"fca_1","object":"financial_connections.account","status":"active","supported_payment_method_types":["us_bank_account"],"permissions":["payment_method"],"account_holder":{"type":"customer","customer":"cus_1"}}"#
        let transport = StubTransport([
            .json("GET", Self.accountPath, account),
            .json("POST", "/v1/payment_intents", processing),
            Stub(method: "GET", path: "/v1/payment_intents/pi_1", reply: .response(HTTPResponse(status: 200, body: Array(processing.utf8))), repeats: true),
        ])
        let io = IO.captured(tty: false)
        let clock = PipelineMannersTests.Counter()
        let environment = AppEnvironment(io: io, variables: testEnv(), transport: transport, sleep: { _ in },
                                         now: { fixedNow + 10 * Double(clock.next()) })
        let code = await FC.run(argv: ["pay", "--account", "fca_1", "--customer", "cus_1", "--amount", "10", "--currency", "usd",
                                       "--mandate", "offline", "--name", "Ann", "--wait", "--wait-timeout", "1s", "-q"], environment: environment)
        #expect(code == 5)
        #expect(io.out.text == "pi_1\n")
        #expect(io.err.text.contains("gave up waiting for payment pi_1 to settle (it is still processing"), "\(io.err.text)")
    }

    @Test("--dry-run shows every request, writes included: reads, then each refresh POST")
    func dryRunShowsWrites() async {
        let result = await run(["balances", "fca_1", "fca_2", "--refresh", "--wait", "--dry-run"])
        #expect(result.code == 0, "\(result)")
        #expect(result.requests.isEmpty)
        let lines = result.out.split(separator: "\n").filter { $0.hasPrefix("GET ") || $0.hasPrefix("POST ") }
        #expect(lines == [
            "GET https://api.stripe.com/v1/financial_connections/accounts/fca_1",
            "GET https://api.stripe.com/v1/financial_connections/accounts/fca_2",
            "POST https://api.stripe.com/v1/financial_connections/accounts/fca_1/refresh",
            "POST https://api.stripe.com/v1/financial_connections/accounts/fca_2/refresh",
        ], "\(result.out)")
        let customer = await run(["balances", "--customer", "cus_1", "--refresh", "--dry-run"])
        #expect(customer.out.contains("POST https://api.stripe.com/v1/financial_connections/accounts/fca_DRYRUN/refresh"), "\(customer.out)")
    }

    /// Cancels the running task when a request is sent (as SIGINT does), then answers normally.
    final class CancellingTransport: Transport, @unchecked Sendable {
        let inner: StubTransport
        init(_ stubs: [Stub]) { inner = StubTransport(stubs) }
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await inner.send(request)
        }
    }

    @Test("a list cut short by Ctrl-C between items exits 130, not 0, with a closed JSON array")
    func interruptedListExits130() async throws {
        let page = listJSON([customerJSON("cus_1"), customerJSON("cus_2")], hasMore: true)
        let transport = CancellingTransport([.json("GET", "/v1/customers", page)])
        let io = IO.captured(tty: false)
        let environment = AppEnvironment(io: io, variables: testEnv(), transport: transport, sleep: { _ in }, now: { fixedNow })
        let code = await FC.run(argv: ["customers", "list", "--all", "--format", "json"], environment: environment)
        #expect(code == 130, "stdout: \(io.out.text) stderr: \(io.err.text)")
        #expect((try JSON.parse(io.out.text).arrayValue?.count ?? 0) <= 2)
    }

    // MARK: - Streaming on a terminal

    @Test("a live table on a terminal shows each row as it arrives, at widths fixed up front")
    func liveTableStreams() async throws {
        let io = IO.captured(tty: true, width: 160)
        let settings = OutputSettings(format: .table, fields: nil, quiet: false, color: false, width: 160, timeZone: TimeZone(identifier: "UTC")!)
        var view = Events.view
        view.live = true
        let (stream, continuation) = AsyncThrowingStream<JSON, Error>.makeStream()
        let rendering = Task { try await Renderer(io: io, settings: settings).render(.list(stream, view)) }
        continuation.yield(["id": "evt_1", "type": "customer.created", "data": ["object": ["id": "cus_1"]], "created": 1_795_255_200])
        var turns = 0
        while !io.out.text.contains("evt_1"), turns < 1_000_000 { await Task.yield(); turns += 1 }
        let first = io.out.text.split(separator: "\n").map(String.init)
        #expect(first.count == 2, "the header and the first row, before the stream ends: \(first)")
        continuation.yield(["id": "evt_2", "type": "financial_connections.account.refreshed_balance", "data": ["object": ["id": "fca_1"]], "created": 1_795_255_260])
        continuation.finish()
        try await rendering.value
        let lines = io.out.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID") && lines[0].contains("CREATED (UTC)") && lines[0].hasSuffix("TYPE"))
        let column = { (line: String, text: String) in line.range(of: text).map { line.distance(from: line.startIndex, to: $0.lowerBound) } }
        #expect(column(lines[1], "cus_1") == column(lines[0], "OBJECT") && column(lines[2], "fca_1") == column(lines[0], "OBJECT"),
                "columns line up across rows written apart: \(lines)")
    }
}
