import FCKit
import Foundation
import Testing
@testable import FCSandbox

@Suite("Sandbox persistence")
struct PersistenceTests {
    @Test func stateSurvivesARestart() async throws {
        let path = temporaryPath("sandbox.jsonl")
        let clock = ManualClock()
        let (cus, session, accounts, pi, txns, events, customers) = try await {
            let first = try Harness(options: Harness.options(dataFile: path), clock: clock)
            let (cus, session, accounts) = await first.linked()
            _ = await first.post("/v1/financial_connections/accounts/\(accounts[0])/refresh", "features[]=transactions",
                                 headers: [("Idempotency-Key", "refresh-1")])
            let pi = await first.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: accounts.last!))
            clock.advance(5)
            let txns = await first.get("/v1/financial_connections/transactions", "account=\(accounts[0])")
            let events = await first.get("/v1/events", "limit=100")
            let customers = await first.get("/v1/customers")
            // While it runs, nobody else may open the file.
            #expect(throws: SandboxDataError.self) { try SandboxApp(options: Harness.options(dataFile: path)) }
            return (cus, session, accounts, pi, txns, events, customers)
        }()

        // A second app on the same file, as after a restart (or kill -9: every line was fsynced).
        let second = try Harness(options: Harness.options(dataFile: path), clock: clock)
        #expect(await second.get("/v1/customers").text == customers.text)
        #expect(await second.get("/v1/events", "limit=100").text == events.text)
        #expect(await second.get("/v1/financial_connections/transactions", "account=\(accounts[0])").text == txns.text)
        #expect(await second.get("/v1/financial_connections/sessions/\(session)")["accounts.data"]?.arrayValue?.count == accounts.count)
        #expect(await second.get("/v1/payment_intents/\(pi.id)")["status"] == "succeeded")
        let replay = await second.post("/v1/financial_connections/accounts/\(accounts[0])/refresh", "features[]=transactions",
                                       headers: [("Idempotency-Key", "refresh-1")])
        #expect(replay.header("Idempotent-Replayed") == "true")
        // New ids continue the sequence instead of repeating one.
        let next = await second.customer(email: "new@example.com")
        #expect(next != cus)
        #expect(await second.get("/v1/customers/\(next)").status == 200)
    }

    @Test func theFilesSeedWins() async throws {
        let path = temporaryPath("seeded.jsonl")
        let id = try await { try await Harness(options: Harness.options(seed: 1, dataFile: path)).customer() }()
        let b = try Harness(options: Harness.options(seed: 2, dataFile: path))
        #expect(await b.get("/v1/customers/\(id)").status == 200)
    }

    @Test func aTornLastLineIsDroppedAndGarbageIsAnError() async throws {
        let path = temporaryPath("torn.jsonl")
        let id = try await { try await Harness(options: Harness.options(dataFile: path)).customer() }()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"t":1,"rid":"req_x","m":"PO"#.utf8))
        try handle.close()
        let b = try Harness(options: Harness.options(dataFile: path))
        #expect(await b.get("/v1/customers/\(id)").status == 200)

        let bad = temporaryPath("bad.jsonl")
        try Data("this is not a journal\n".utf8).write(to: URL(fileURLWithPath: bad))
        #expect(throws: SandboxDataError.self) { try SandboxApp(options: Harness.options(dataFile: bad)) }
        let unreadable = temporaryPath("missing-dir/x/y.jsonl")
        #expect(throws: SandboxDataError.self) { try SandboxApp(options: Harness.options(dataFile: unreadable + "/nested")) }
    }

    @Test func getsAndFailedValidationAreNotJournaled() async throws {
        let path = temporaryPath("quiet.jsonl")
        let a = try Harness(options: Harness.options(dataFile: path))
        _ = await a.get("/v1/customers")
        _ = await a.post("/v1/customers", "bogus=1")
        _ = await a.customer()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)  // header + one create
        #expect(!lines.joined().contains(Harness.key))
    }
}
