import FCKit

/// `stripe-fc sandbox state`: the sandbox's world as a scenario file.
enum SandboxStateCommand {
    static let command = CommandSpec(
        name: "state", summary: "Print the sandbox's world as a scenario file",
        description: "GET /v1/test_helpers/sandbox/state: the customers, linked accounts (institution, subcategory, balance, owners, transaction count, status) and webhook endpoints of a running sandbox, in the scenario format 'stripe-fc sandbox --scenario FILE' loads (see docs/sandbox.md). Printed as JSON whatever --format says. \(SandboxClockCommand.sandboxOnly)",
        examples: ["$ stripe-fc sandbox state"],
        run: { context in
            let state = try await context.sandboxClient().send(TestHelpersAPI.state()).json
            return .text(state.serialized(pretty: true) + "\n")
        })
}
