@testable import fc
import FCKit
import Foundation
import Testing

/// Issue 5's pipeline manners: results on stdout only, progress only on a terminal's stderr,
/// no ANSI escapes on pipes or under NO_COLOR, empty lists quiet on pipes.
@Suite struct PipelineMannersTests {
    static let customer = #"{"id":"cus_1","object":"customer","email":"a@example.com","name":"Ann","created":1795255200}"#
    static let list = #"{"object":"list","data":[\#(customer)],"has_more":false,"url":"/v1/customers"}"#
    static let empty = #"{"object":"list","data":[],"has_more":false,"url":"/v1/financial_connections/accounts"}"#

    static func account(_ status: String) -> String {
        #"{"id":"fca_1","object":"financial_connections.account","institution_name":"Test Institution","category":"cash","subcategory":"checking","status":"active","permissions":["balances"],"balance_refresh":{"status":"\#(status)","last_attempted_at":1795255200,"next_refresh_available_at":null}}"#
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() async {
        let terminal = await run(["customers", "list"], tty: true, stubs: [.json("GET", "/v1/customers", Self.list)])
        #expect(terminal.out.contains("\u{1B}["))
        var env = testEnv()
        env["NO_COLOR"] = "1"
        let noColor = await run(["customers", "list"], tty: true, env: env, stubs: [.json("GET", "/v1/customers", Self.list)])
        #expect(!noColor.out.contains("\u{1B}") && !noColor.err.contains("\u{1B}"))
        let flag = await run(["customers", "list", "--no-color"], tty: true, stubs: [.json("GET", "/v1/customers", Self.list)])
        #expect(!flag.out.contains("\u{1B}"))
        let pipe = await run(["customers", "list", "--format", "table"], tty: false, stubs: [.json("GET", "/v1/customers", Self.list)])
        #expect(!pipe.out.contains("\u{1B}") && !pipe.err.contains("\u{1B}"))
        #expect(pipe.out.hasPrefix("ID"))
    }

    @Test func progressOnlyOnATerminal() async {
        let stubs: [Stub] = [
            .json("POST", "/v1/financial_connections/accounts/fca_1/refresh", Self.account("pending")),
            .json("GET", "/v1/financial_connections/accounts/fca_1", Self.account("pending")),
            .json("GET", "/v1/financial_connections/accounts/fca_1", Self.account("succeeded")),
        ]
        let piped = await run(["accounts", "refresh", "fca_1", "--feature", "balance", "--wait"], stubs: stubs)
        #expect(piped.code == 0)
        #expect(piped.err == "")
        #expect(piped.out.contains("\"succeeded\""))
        let terminal = await run(["accounts", "refresh", "fca_1", "--feature", "balance", "--wait"], tty: true, stubs: stubs)
        #expect(terminal.code == 0)
        #expect(terminal.err.contains("waiting for balance refresh of fca_1"))
        #expect(!terminal.out.contains("waiting"))
    }

    @Test func emptyListIsAnEmptyArrayOnAPipeAndSaysSoOnATerminal() async {
        let path = "/v1/financial_connections/accounts"
        let piped = await run(["accounts", "list", "--customer", "cus_1"], stubs: [.json("GET", path, Self.empty)])
        #expect(piped.code == 0 && piped.out == "[]\n" && piped.err == "")
        let terminal = await run(["accounts", "list", "--customer", "cus_1"], tty: true, stubs: [.json("GET", path, Self.empty)])
        #expect(terminal.code == 0 && terminal.out == "")
        #expect(terminal.err == "No accounts found.\n")
    }

    @Test func failedRefreshStillPrintsTheAccountAndExitsOne() async {
        let failed = Self.account("failed")
        let result = await run(["accounts", "refresh", "fca_1", "--feature", "balance", "--wait", "--format", "tsv", "--fields", "id,balance_refresh.status"],
                               stubs: [.json("POST", "/v1/financial_connections/accounts/fca_1/refresh", Self.account("pending")),
                                       .json("GET", "/v1/financial_connections/accounts/fca_1", failed)])
        #expect(result.code == 1)
        #expect(result.out == "fca_1\tfailed\n")
        #expect(result.err.contains("error: balance refresh of fca_1 failed"))
    }

    @Test func waitGivesUpWithExitFive() async {
        // A clock that moves 10 s per reading, so a 1 s --wait-timeout runs out after one poll.
        let transport = StubTransport([
            .json("POST", "/v1/financial_connections/accounts/fca_1/refresh", Self.account("pending")),
            Stub(method: "GET", path: "/v1/financial_connections/accounts/fca_1",
                 reply: .response(HTTPResponse(status: 200, body: Array(Self.account("pending").utf8))), repeats: true),
        ])
        let io = IO.captured(tty: false)
        let clock = Counter()
        let environment = AppEnvironment(io: io, variables: testEnv(), transport: transport, sleep: { _ in },
                                         now: { fixedNow + 10 * Double(clock.next()) })
        let code = await FC.run(argv: ["accounts", "refresh", "fca_1", "--feature", "balance", "--wait", "--wait-timeout", "1s", "-q"],
                                environment: environment)
        #expect(code == 5)
        #expect(io.out.text == "fca_1\n", "the account as last seen still prints, so -q gives its id")
        #expect(io.err.text.contains("gave up waiting for balance refresh of fca_1 after 1s"))
    }

    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}
