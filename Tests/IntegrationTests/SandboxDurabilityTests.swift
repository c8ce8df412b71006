import FCKit
import Foundation
import Testing

@Suite("stripe-fc sandbox --data when writes fail or the file is damaged")
struct SandboxDurabilityTests {
    /// A real failing write, no root needed: under `ulimit -f` the kernel refuses to grow the data
    /// file (EFBIG, part of a line may already be down), just as a full disk would.
    @Test("with the data file at its size limit, a create answers 500, leaves nothing behind, and the sandbox keeps serving")
    func fileSizeLimit() async throws {
        let file = Scratch.newDirectory("data") + "/state.jsonl"
        let limited = try await SandboxProcess.start(["--data", file], fileSizeLimit: 2)
        let fc = FCRunner(limited)
        var acknowledged: [String] = []
        var refused: (key: String, result: FCResult)?
        for n in 0..<20 {
            let key = "durable-\(n)"
            let result = try await fc.run(["customers", "create", "--name", "Customer \(n)", "--idempotency-key", key, "--max-retries", "0", "-q"])
            guard result.code == 0 else {
                refused = (key, result)
                break
            }
            acknowledged.insert(result.out.trimmingCharacters(in: .newlines), at: 0)
        }
        let (key, result) = try #require(refused, "1 KiB of data file should not hold 20 customers")
        // A 500 to a POST leaves its outcome unknown (as Stripe says of 5xx): exit 4, key kept.
        #expect(result.code == 4, "\(result)")
        #expect(result.err.contains("the outcome is unknown") && result.err.contains("could not write its data file"), "\(result)")
        #expect(!acknowledged.isEmpty)
        // Still serving, and the refused customer is nowhere.
        #expect(try await fc.ok(["customers", "list", "-q"]).lines == acknowledged)
        // A retry with the same key runs again (and fails again) rather than replaying a customer that is not there.
        let retry = try await fc.run(["customers", "create", "--name", "Customer \(acknowledged.count)", "--idempotency-key", key, "--max-retries", "0", "-q"])
        #expect(retry.code == 4, "\(retry)")
        await limited.stopAndWait()

        let restarted = try await SandboxProcess.start(["--data", file])
        defer { restarted.stop() }
        let again = FCRunner(baseURL: restarted.url, configHome: fc.configHome)
        #expect(try await again.ok(["customers", "list", "-q"]).lines == acknowledged)
        let created = try await again.ok(["customers", "create", "--name", "Customer \(acknowledged.count)", "--idempotency-key", key, "-q"])
        let id = created.out.trimmingCharacters(in: .newlines)
        #expect(!acknowledged.contains(id))
        #expect(try await again.ok(["customers", "list", "-q"]).lines == [id] + acknowledged)
    }

    @Test("a torn last line: the sandbox refuses to start, naming the line; --data-repair cuts it off, says so, and starts")
    func dataRepair() async throws {
        let file = Scratch.newDirectory("data") + "/state.jsonl"
        let first = try await SandboxProcess.start(["--data", file])
        let fc = FCRunner(first)
        let kept = try await fc.createCustomer(name: "Kept")
        await first.stopAndWait()
        // A line whose end reached the disk but whose middle did not.
        let torn = #"{"t":1780000000,"rid":"req_torn","m":"POST","p":"/v1/cust"# + "\n"
        let handle = try #require(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile()
        handle.write(Data(torn.utf8))
        try handle.close()

        let refused = try await fc.run(["sandbox", "--port", "0", "--data", file], timeout: 30)
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.err.contains("sandbox data file \(file): line 3 is not valid JSON"), "\(refused)")
        #expect(refused.err.contains("hint: --data-repair"), "\(refused)")
        #expect(refused.out.isEmpty)

        let repaired = try await SandboxProcess.start(["--data", file, "--data-repair"])
        defer { repaired.stop() }
        #expect(repaired.stderr.contains("warning: repaired \(file): dropped 1 line (\(torn.utf8.count) bytes) from line 3 on"), "\(repaired.stderr)")
        let again = FCRunner(baseURL: repaired.url, configHome: fc.configHome)
        #expect(try await again.ok(["customers", "list", "-q"]).lines == [kept])
        _ = try await again.createCustomer(name: "After the repair")
    }
}
