#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FCKit
import Foundation
import Testing
@testable import FCSandbox

/// A disk a test fills and empties. While it is full, a write puts down at most `budget` more
/// bytes (as a disk whose last block runs out mid-line) and then fails with ENOSPC; with
/// `syncFails`, every write lands but fsync reports EIO (the data may never reach the disk).
final class TestDisk: @unchecked Sendable {
    enum Failure: Sendable, CustomTestStringConvertible {
        case noSpace(afterBytes: Int)
        case syncFails

        var testDescription: String {
            switch self {
            case .noSpace(let bytes): return "no space after \(bytes) bytes"
            case .syncFails: return "fsync fails"
            }
        }
    }

    private let lock = NSLock()
    private var failure: Failure?
    private var budget = 0

    func fill(_ failure: Failure) {
        lock.withLock {
            self.failure = failure
            if case .noSpace(let bytes) = failure { budget = bytes }
        }
    }

    func empty() { lock.withLock { failure = nil } }

    var io: JournalFileIO {
        JournalFileIO(write: { [self] fd, bytes in write(fd, bytes) }, sync: { [self] fd in sync(fd) })
    }

    private func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        let allowed: Int = lock.withLock {
            guard case .noSpace = failure else { return bytes.count }
            return min(budget, bytes.count)
        }
        guard allowed > 0 else {
            errno = ENOSPC
            return -1
        }
        let written = JournalFileIO.system.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<allowed]))
        lock.withLock {
            if case .noSpace = failure { budget -= max(written, 0) }
        }
        return written
    }

    private func sync(_ fd: Int32) -> Int32 {
        let fails = lock.withLock { () -> Bool in
            if case .syncFails = failure { return true }
            return false
        }
        guard !fails else {
            errno = EIO
            return -1
        }
        return JournalFileIO.system.sync(fd)
    }
}

@Suite("Sandbox journal write failures")
struct JournalFailureTests {
    static let failures: [TestDisk.Failure] = [.noSpace(afterBytes: 0), .noSpace(afterBytes: 40), .syncFails]

    private func customerIds(_ harness: Harness) async -> [String] {
        await harness.get("/v1/customers", "limit=100").json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    private func eventIds(_ harness: Harness) async -> [String] {
        await harness.get("/v1/events", "limit=100").json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    /// The ids the same requests get from a sandbox with the same seed and nothing going wrong.
    private func referenceCustomers(_ count: Int) async throws -> [String] {
        let reference = try Harness()
        var ids: [String] = []
        for n in 0..<count { ids.append(await reference.customer(email: "c\(n)@example.com")) }
        return ids
    }

    @Test("a failed journal write is rolled back with its idempotent answer, its ids stay spent, and the sandbox carries on",
          arguments: failures)
    func failedWriteRollsBack(_ failure: TestDisk.Failure) async throws {
        let path = temporaryPath("full.jsonl")
        let clock = ManualClock()
        let body = "email=ghost%40example.com"
        let key = [("Idempotency-Key", "create-ghost")]
        let reference = try await referenceCustomers(4)
        // The first sandbox, in a closure so it lets go of the file before the restart.
        let (retried, later, customers, events) = try await { () async throws -> (Answer, String, String, String) in
            let disk = TestDisk()
            let a = try Harness(options: Harness.options(dataFile: path), clock: clock, journalIO: disk.io)
            let first = await a.customer(email: "first@example.com")
            #expect(first == reference[0])
            let eventsBefore = await a.get("/v1/events").text

            disk.fill(failure)
            let failed = await a.post("/v1/customers", body, headers: key)
            #expect(failed.status == 500)
            #expect(failed["error.type"] == "api_error")
            #expect(failed.header("Stripe-Should-Retry") == "true")
            #expect(failed.header("Request-Id")?.hasPrefix("req_") == true)
            // Nothing of it is left: no customer, no event; and the sandbox still answers.
            #expect(await customerIds(a) == [first])
            #expect(await a.get("/v1/events").text == eventsBefore)
            // A retry while the disk is still full is not a replay of the failure: it runs, and fails, again.
            let stillFull = await a.post("/v1/customers", body, headers: key)
            #expect(stillFull.status == 500)
            #expect(stillFull.header("Idempotent-Replayed") == nil)

            disk.empty()
            let retried = await a.post("/v1/customers", body, headers: key)
            #expect(retried.status == 200)
            #expect(retried.header("Idempotent-Replayed") == nil)
            #expect(retried["email"] == "ghost@example.com")
            let replayed = await a.post("/v1/customers", body, headers: key)
            #expect(replayed.header("Idempotent-Replayed") == "true")
            #expect(replayed.id == retried.id)
            let later = await a.customer(email: "later@example.com")
            return (retried, later, await a.get("/v1/customers", "limit=100").text, await a.get("/v1/events", "limit=100").text)
        }()

        // The two failed attempts took the 2nd and 3rd customer ids of an undisturbed sandbox;
        // neither is handed out again.
        #expect(retried.id != reference[1] && retried.id != reference[2])
        #expect(retried.id == reference[3])
        #expect(!reference[1...2].contains(later))

        // After a restart from the file: exactly the acknowledged objects, with the same ids.
        let b = try Harness(options: Harness.options(dataFile: path), clock: clock)
        #expect(await customerIds(b) == [later, retried.id, reference[0]])
        #expect(await b.get("/v1/customers", "limit=100").text == customers)
        #expect(await b.get("/v1/events", "limit=100").text == events)
        #expect(await b.post("/v1/customers", body, headers: key).header("Idempotent-Replayed") == "true")
        let afterRestart = await b.customer(email: "after@example.com")
        let all = await customerIds(b) + eventIds(b)
        #expect(Set(all).count == all.count)
        #expect(!reference[1...2].contains(afterRestart))
    }

    /// A skipped id is written with the next line that reaches the file, at its place among the
    /// time-driven changes: a refresh that completes after the failure numbers its event and
    /// transaction refresh the same way live and after a restart.
    @Test func skippedIdsReplayInPlaceAmongTimeDrivenChanges() async throws {
        let path = temporaryPath("skips.jsonl")
        let clock = ManualClock()
        let (accounts, events, account, other) = try await { () async throws -> ([String], String, String, String) in
            let disk = TestDisk()
            let a = try Harness(options: Harness.options(dataFile: path), clock: clock, journalIO: disk.io)
            let (_, _, accounts) = await a.linked()
            _ = await a.post("/v1/financial_connections/accounts/\(accounts[0])/refresh", "features[]=transactions")
            clock.advance(0.5)
            disk.fill(.noSpace(afterBytes: 0))
            #expect(await a.post("/v1/customers", "email=ghost%40example.com").status == 500)
            #expect(await a.post("/v1/financial_connections/accounts/\(accounts[1])/refresh", "features[]=transactions").status == 500)
            disk.empty()
            clock.advance(1)  // the first refresh is due now, so the next request completes it first
            _ = await a.customer(email: "next@example.com")
            clock.advance(5)
            return (accounts, await a.get("/v1/events", "limit=100").text,
                    await a.get("/v1/financial_connections/accounts/\(accounts[0])").text,
                    await a.get("/v1/financial_connections/accounts/\(accounts[1])").text)
        }()

        let b = try Harness(options: Harness.options(dataFile: path), clock: clock)
        #expect(await b.get("/v1/events", "limit=100").text == events)
        #expect(await b.get("/v1/financial_connections/accounts/\(accounts[0])").text == account)
        #expect(await b.get("/v1/financial_connections/accounts/\(accounts[1])").text == other)
        _ = await b.customer(email: "after@example.com")
        let all = await customerIds(b) + eventIds(b)
        #expect(Set(all).count == all.count)
    }

    /// A request whose write fails must leave the engine as it was: every piece of state it keeps
    /// but the id counter is in the snapshot that rolls it back.
    @Test func theRollbackSnapshotCoversEveryStoredProperty() throws {
        let engine = SandboxEngine(options: SandboxOptions())
        let stored = Set(Mirror(reflecting: engine).children.compactMap(\.label))
        let snapshot = Set(Mirror(reflecting: engine.snapshot()).children.compactMap(\.label))
        #expect(stored.subtracting(["options", "world", "ids"]) == snapshot)
    }
}
