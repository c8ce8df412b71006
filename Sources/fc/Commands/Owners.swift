import FCKit

/// `stripe-fc owners fca_…`: the account's owners, from its latest ownership refresh.
enum Owners {
    static let command = CommandSpec(
        name: "owners", summary: "Show the owners of a linked account",
        description: "Reads account.ownership (an fcaowns_ id set by the last successful ownership refresh) and lists its owners (GET /v1/financial_connections/accounts/{account}/owners?ownership=…, every page): names, emails, phones and raw addresses as the institution reports them. Needs the ownership permission; --refresh asks for fresh data first and --wait waits for it.",
        group: "Account data",
        options: [.flag("refresh", help: "Refresh ownership first (features[]=ownership).")] + AccountsRefresh.waitOptions,
        positionals: [Accounts.accountArgument],
        examples: ["$ stripe-fc owners fca_123", "$ stripe-fc owners fca_123 --refresh --wait --format csv"],
        view: view, run: run)

    static let view = View(
        columns: [
            .text("NAME", "name"), .path("EMAIL", "email"), .path("PHONE", "phone"),
            .text("ADDRESS", "raw_address", priority: 0), .time("REFRESHED", "refreshed_at"),
        ],
        objects: ["financial_connections.account_owner"],
        emptyMessage: "No owners reported for this account.")

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let id = context.positionals[0]
        if context.flag("wait"), !context.flag("refresh") { throw CLIError.usage("--wait needs --refresh") }
        let client = try context.client()
        var account = try await client.send(AccountsAPI.retrieve(id)).json
        guard Accounts.has(account, permission: "ownership") else {
            throw DataAccounts.missingPermission(id, permission: "ownership", holder: Sessions.holder(account))
        }
        if context.flag("refresh") {
            let batch = try await AccountsRefresh.refresh(AccountsRefresh.Batch(accounts: [account], total: 1), features: ["ownership"],
                                                          wait: context.flag("wait"), skipCooldown: true, context: context, client: client)
            if let failure = AccountsRefresh.failure(batch, features: ["ownership"], waited: context.flag("wait"), context: context) { throw failure }
            account = batch.accounts[0]
        }
        let ownership = account["ownership"]
        guard let ownershipID = ownership?.stringValue ?? ownership?["id"]?.stringValue else {
            throw CLIError(message: "account \(id) has no ownership data yet", exitCode: ExitCode.failure,
                           hint: "refresh it: stripe-fc owners \(id) --refresh --wait")
        }
        let owners = client.list(AccountsAPI.ownersPath(id), params: ["ownership": .string(ownershipID)], limit: nil)
        return .list(Streaming.items(owners), view)
    }
}
