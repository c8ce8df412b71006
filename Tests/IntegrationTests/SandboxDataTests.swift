import Foundation
import Testing

@Suite("stripe-fc sandbox --data")
struct SandboxDataTests {
    @Test("state written with --data survives a restart of the sandbox")
    func persistence() async throws {
        let file = Scratch.newDirectory("data") + "/state.json"
        let first = try await SandboxProcess.start(["--data", file, "--refresh-delay", "100"])
        let fc = FCRunner(first)
        let linked = try await fc.linkedFixture(permissions: "balances")
        let id = try linked.account("Success Checking")
        let refreshed = try await fc.okJSON(["accounts", "refresh", id, "--feature", "balance", "--wait"])
        await first.stopAndWait()

        let second = try await SandboxProcess.start(["--data", file, "--refresh-delay", "100"])
        defer { second.stop() }
        let again = FCRunner(baseURL: second.url, configHome: fc.configHome)
        let customer = try await again.okJSON(["customers", "get", linked.customer])
        #expect(customer["name"] == "Jenny Rosen")
        let account = try await again.okJSON(["accounts", "get", id])
        #expect(account["balance"] == refreshed[0]?["balance"], "\(account)")
        let accounts = try await again.ok(["accounts", "list", "--session", linked.session, "-q"])
        #expect(Set(accounts.lines) == Set(linked.accountIDs))
    }
}
