import FCKit

/// `stripe-fc payouts attach`: a bank-account token (`btok_…`, from `stripe-fc link --for payouts`)
/// becomes a connected account's external account, where its payouts go.
enum Payouts {
    static let command = CommandSpec(
        name: "payouts", aliases: ["payout"], summary: "Attach linked bank accounts to connected accounts for payouts",
        description: "Connect payouts: a US Custom connected account is paid out to its external bank account. 'stripe-fc link --account acct_… --for payouts' links one through Financial Connections and gets a bank-account token (btok_…); 'payouts attach' makes that token the account's external account (POST /v1/accounts/{account}/external_accounts). A token works once.",
        group: "Payments",
        examples: ["$ stripe-fc payouts attach --account acct_123 --token btok_123"],
        subcommands: [
            CommandSpec(name: "attach", summary: "Make a bank-account token a connected account's payout account",
                        description: "Creates an external account on the connected account from a bank-account token (POST /v1/accounts/{account}/external_accounts with external_account=btok_…) and prints the bank account. The first bank account in a currency becomes the default for it. Stripe refuses a token used before (token_already_used) or unknown (resource_missing).",
                        options: [
                            OptionSpec(name: "account", valueName: "acct_…", kind: .id(["acct_"]), help: "The connected account paid out to the bank account.", required: true),
                            OptionSpec(name: "token", valueName: "btok_…", kind: .id(["btok_"]), help: "The bank-account token (from 'stripe-fc link --for payouts').", required: true),
                        ],
                        examples: ["$ stripe-fc payouts attach --account acct_123 --token btok_123"],
                        view: bankAccountView, run: attach),
        ])

    /// A bank-account token: ID, TYPE, BANK, LAST4, ROUTING, USED.
    static let tokenView = View(columns: [
        .id("ID", "id"),
        .path("TYPE", "type", priority: 2),
        .text("BANK", "bank_account.bank_name"),
        .path("LAST4", "bank_account.last4", priority: Column.essential),
        .path("ROUTING", "bank_account.routing_number", priority: 2),
        .path("USED", "used", priority: 0),
    ], objects: ["token"])

    /// An external bank account: ID, ACCOUNT, BANK, LAST4, ROUTING, STATUS, DEFAULT.
    static let bankAccountView = View(columns: [
        .id("ID", "id"),
        .id("ACCOUNT", "account"),
        .text("BANK", "bank_name"),
        .path("LAST4", "last4", priority: Column.essential),
        .path("ROUTING", "routing_number", priority: 2),
        .path("STATUS", "status", priority: 2),
        .path("DEFAULT", "default_for_currency", priority: 0),
    ], objects: ["bank_account"])

    static func attach(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        guard let bank = try await attach(token: context.string("token")!, to: context.string("account")!,
                                          key: context.idempotencyKey(), context: context, client: client) else { return .none }
        return .object(bank, bankAccountView)
    }

    /// The external bank account created from the token; nil in a dry run.
    static func attach(token: String, to account: String, key: String, context: CommandContext, client: StripeClient) async throws -> JSON? {
        var request = ConnectAPI.createExternalAccount(account: account, token: token)
        request.idempotencyKey = key
        return try await context.send(request, with: client)
    }
}
