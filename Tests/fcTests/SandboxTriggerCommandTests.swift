import Testing
@testable import fc

/// `stripe-fc sandbox trigger|clock` refuse bad input before anything is sent (exit 2).
@Suite("sandbox trigger and clock: usage errors")
struct SandboxTriggerCommandTests {
    @Test("options that do not apply to the event, an unknown event, a bad duration, --dry-run: exit 2, nothing sent",
          arguments: [
              (["sandbox", "trigger", "financial_connections.account.deactivated", "--failed"], "--failed applies to"),
              (["sandbox", "trigger", "financial_connections.account.disconnected", "--failure-code", "no_account"], "--failure-code applies to"),
              (["sandbox", "trigger", "payment_intent.succeeded", "--cause", "unspecified"], "--cause applies to"),
              (["sandbox", "trigger", "financial_connections.account.created", "--account", "fca_1"], "links a new session"),
              (["sandbox", "trigger", "financial_connections.account.refreshed_balance", "--dry-run"], "cannot be dry-run"),
              (["sandbox", "trigger", "charge.succeeded"], "invalid EVENT 'charge.succeeded'"),
              (["sandbox", "trigger", "payment_intent.payment_failed", "--failure-code", "stolen"], "invalid value 'stolen'"),
              (["sandbox", "clock", "advance", "0s"], "must be at least 1s"),
              (["sandbox", "clock", "advance", "99999999999999999999999"], "at most 3660d"),
              (["sandbox", "--scenario", "/tmp/x.json", "--data", "/tmp/y.jsonl"], "cannot be combined with --data"),
          ])
    func refused(_ argv: [String], _ message: String) async {
        let result = await run(argv)
        #expect(result.code == 2, "\(result.err)")
        #expect(result.err.contains(message), "\(result.err)")
        #expect(result.requests.isEmpty)
    }
}
