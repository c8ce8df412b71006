#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// A process started anywhere in this one (the tests start many) holds a copy of every
    /// descriptor from fork until exec; the lock must not go with that copy. A dup stands in for it.
    @Test func aClosedSandboxLetsGoOfTheFileEvenWhileACopyOfItsDescriptorLives() throws {
        let path = temporaryPath("locked.jsonl")
        var copy: Int32 = -1
        try {
            let (journal, _, _, _) = try Journal.open(path: path, options: Harness.options(dataFile: path))
            copy = dup(journal.fd)
        }()
        defer { close(copy) }
        #expect(copy >= 0)
        #expect(throws: Never.self) { try SandboxApp(options: Harness.options(dataFile: path)) }
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

    /// Appends raw bytes to the file, as damage would.
    private func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    /// Two customers on file; returns the customer list and the file's bytes.
    private func twoCustomers(_ path: String) async throws -> (customers: String, file: Data) {
        let customers = try await { () async throws -> String in
            let a = try Harness(options: Harness.options(dataFile: path))
            _ = await a.customer(email: "one@example.com")
            _ = await a.customer(email: "two@example.com")
            return await a.get("/v1/customers").text
        }()
        return (customers, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func repairing(_ path: String) -> SandboxOptions {
        var options = Harness.options(dataFile: path)
        options.dataRepair = true
        return options
    }

    @Test("a damaged last line stops the start, naming it; dataRepair cuts it off and starts from the lines before",
          arguments: [
            (#"{"t":1780000000,"rid":"req_torn","m":"POST","p":"/v1/cus"#, "is not valid JSON"),
            ("\0\0\0\0\0\0\0\0\0\0\0\0", "is not valid JSON"),
            (#"{"t":1780000000,"rid":"req_torn"}"#, "is not a sandbox journal entry"),
          ])
    func dataRepairCutsADamagedLastLine(_ damage: String, _ why: String) async throws {
        let path = temporaryPath("damaged.jsonl")
        let (customers, good) = try await twoCustomers(path)
        try append(damage + "\n", to: path)

        let refused = #expect(throws: SandboxDataError.self) { try SandboxApp(options: Harness.options(dataFile: path)) }
        #expect(refused?.reason == "line 4 \(why)")
        #expect(refused?.repairable == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good + Data((damage + "\n").utf8))

        try await {
            let b = try Harness(options: repairing(path))
            #expect(b.app.dataRepair == SandboxDataRepair(path: path, firstDroppedLine: 4, droppedLines: 1, droppedBytes: damage.utf8.count + 1))
            #expect(b.app.dataRepair?.description == "repaired \(path): dropped 1 line (\(damage.utf8.count + 1) bytes) from line 4 on, kept the 3 before it")
            #expect(await b.get("/v1/customers").text == customers)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good)
            _ = await b.customer(email: "three@example.com")
        }()
        // Repaired for good: the next start needs no flag.
        let c = try Harness(options: Harness.options(dataFile: path))
        #expect(await c.get("/v1/customers").json["data"]?.arrayValue?.count == 3)
    }

    @Test func dataRepairDropsADamagedLineAndEverythingAfterIt() async throws {
        let path = temporaryPath("middle.jsonl")
        let a = try await twoCustomers(path)
        let bytes = [UInt8](a.file)
        // Damage line 2, the first customer: the second one, on line 3, goes with it.
        let lineTwo = bytes.firstIndex(of: 0x0A)! + 1
        var damaged = bytes
        damaged[lineTwo] = UInt8(ascii: "#")
        try Data(damaged + Array("{\"torn".utf8)).write(to: URL(fileURLWithPath: path))
        let refused = #expect(throws: SandboxDataError.self) { try SandboxApp(options: Harness.options(dataFile: path)) }
        #expect(refused?.reason == "line 2 is not valid JSON")

        let b = try Harness(options: repairing(path))
        #expect(b.app.dataRepair == SandboxDataRepair(path: path, firstDroppedLine: 2, droppedLines: 3, droppedBytes: bytes.count - lineTwo + 6))
        #expect(await b.get("/v1/customers").json["data"]?.arrayValue?.count == 0)
    }

    @Test func dataRepairReportsATornTailAndNeverCutsTheHeader() async throws {
        let path = temporaryPath("tail.jsonl")
        let (customers, good) = try await twoCustomers(path)
        let torn = #"{"t":1780000000,"rid":"req_torn","m":"PO"#
        try append(torn, to: path)
        try await {
            let b = try Harness(options: repairing(path))
            #expect(b.app.dataRepair == SandboxDataRepair(path: path, firstDroppedLine: 4, droppedLines: 1, droppedBytes: torn.utf8.count))
            #expect(await b.get("/v1/customers").text == customers)
        }()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good)
        // Nothing to repair: no report.
        #expect(try SandboxApp(options: repairing(path)).dataRepair == nil)

        // A damaged header is no journal to repair: the flag does not make it one.
        let header = temporaryPath("header.jsonl")
        try (Data(#"{"format":"fc-sandbox-jour"#.utf8) + Data("\n".utf8) + good.dropFirst(good.firstIndex(of: 0x0A)! + 1)).write(to: URL(fileURLWithPath: header))
        let refused = #expect(throws: SandboxDataError.self) { try SandboxApp(options: repairing(header)) }
        #expect(refused?.reason == "line 1 is not valid JSON")
        #expect(refused?.repairable == false)
    }
}
