import FCKit

/// `stripe-fc sandbox clock [advance DURATION]`: the sandbox's one clock.
enum SandboxClockCommand {
    /// NOW, MODE, PENDING (transitions still to come), NEXT (when the next falls due).
    static let view = View(columns: [
        .time("NOW", "now"),
        .path("MODE", "mode"),
        .path("PENDING", "pending_transitions"),
        .time("NEXT", "next_transition_at"),
    ], objects: ["test_helpers.sandbox_clock"], emptyMessage: "")

    /// What the sandbox accepts in one advance (ten years).
    static let maxSeconds = 3660.0 * 86_400

    static let sandboxOnly = "A sandbox-only endpoint: needs --base-url or FC_API_BASE pointing at stripe-fc sandbox; any sk_test_ key works (sk_test_sandbox when none is set)."

    static let command = CommandSpec(
        name: "clock", summary: "Show or advance the sandbox's clock",
        description: "Every timestamp stripe-fc sandbox writes comes from one clock: the wall clock (plus whatever it was advanced by), or, with 'sandbox --clock manual' (or after POST /v1/test_helpers/sandbox/clock/freeze), a time that stands still until advanced. GET /v1/test_helpers/sandbox/clock shows it. \(sandboxOnly)",
        usage: ["[advance DURATION]"],
        examples: ["$ stripe-fc sandbox clock"],
        subcommands: [advance],
        view: view, run: { context in try await send(TestHelpersAPI.clock(), context) })

    static let advance = CommandSpec(
        name: "advance", summary: "Move the sandbox's clock forward",
        description: "POST /v1/test_helpers/sandbox/clock/advance: moves sandbox time forward, and runs in time order what falls due on the way: pending refreshes complete, refresh cooldowns pass, payments settle, subscribed accounts get their daily transaction refresh, scheduled deactivations and account-number expiries happen. \(sandboxOnly)",
        positionals: [PositionalSpec(name: "DURATION", kind: .duration(min: 1), help: "How far: 90s, 5m, 1h, 1d or plain seconds.")],
        examples: ["$ stripe-fc sandbox clock advance 61s", "$ stripe-fc sandbox clock advance 1d"],
        view: view, run: { context in
            let duration = ValueCheck.duration(context.positionals[0])!
            guard duration <= maxSeconds else {
                throw CLIError.usage("invalid DURATION '\(context.positionals[0])': the sandbox clock advances at most 3660d at a time")
            }
            let seconds = Int(duration.rounded(.up))
            var request = TestHelpersAPI.advanceClock(seconds: seconds)
            request.idempotencyKey = context.idempotencyKey()
            return try await send(request, context)
        })

    private static func send(_ request: StripeRequest, _ context: CommandContext) async throws -> CommandOutput {
        .object(try await context.sandboxClient().send(request).json, view)
    }
}
