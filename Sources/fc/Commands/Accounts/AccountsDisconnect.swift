import FCKit

/// `stripe-fc accounts disconnect`: POST …/accounts/{account}/disconnect.
enum AccountsDisconnect {
    static let command = CommandSpec(
        name: "disconnect", summary: "Disconnect linked accounts (no more data access)",
        description: "Disconnects Financial Connections accounts (POST /v1/financial_connections/accounts/{account}/disconnect): their status becomes disconnected and their data can no longer be read or refreshed. With a live-mode key, asks for confirmation on a terminal and refuses without --yes when there is none.",
        positionals: [Accounts.accountsArgument],
        examples: ["$ stripe-fc accounts disconnect fca_123", "$ stripe-fc accounts disconnect fca_1 fca_2 --yes"],
        view: Accounts.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let ids = context.positionals.uniqued
        let client = try context.client()
        if context.isLiveMode(client), !context.flag("dry-run") {
            try context.confirm("Disconnect \(ids.count) account\(ids.count == 1 ? "" : "s") in LIVE mode?",
                                details: ["mode: live", "accounts: \(ids.joined(separator: ", "))"])
        }
        return try await Accounts.each(ids, step: "disconnect", context: context) { id in
            var request = AccountsAPI.disconnect(id)
            request.idempotencyKey = context.idempotencyKey(step: "disconnect-\(id)")
            return try await context.send(request, with: client)
        }
    }
}
