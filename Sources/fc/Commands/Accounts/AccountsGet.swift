import FCKit

/// `stripe-fc accounts get fca_…`: GET /v1/financial_connections/accounts/{account}.
enum AccountsGet {
    static let command = CommandSpec(
        name: "get", summary: "Show a linked account",
        description: "Retrieves a Financial Connections account (GET /v1/financial_connections/accounts/{account}): institution, type, status, permissions, subscriptions and the state of each data refresh.",
        options: [OptionSpec(name: "expand", valueName: "FIELD", kind: .choice(["ownership"]), help: "Expand a field of the account.", repeatable: true)],
        positionals: [Accounts.accountArgument],
        examples: ["$ stripe-fc accounts get fca_123 --json"],
        view: Accounts.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        let request = AccountsAPI.retrieve(context.positionals[0], expand: context.strings("expand"))
        return .object(try await client.send(request).json, Accounts.view)
    }
}
