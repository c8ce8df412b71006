import FCKit

/// `stripe-fc accounts list`: GET /v1/financial_connections/accounts.
enum AccountsList {
    static let command = CommandSpec(
        name: "list", summary: "List linked accounts by holder or session",
        description: "Lists Financial Connections accounts (GET /v1/financial_connections/accounts), filtered by account holder (account_holder[customer|customer_account|account]) or by the session that collected them. --all follows every page.",
        usage: ["[--customer cus_… | --customer-account acct_… | --account acct_… | --session fcsess_…] [--limit N | --all]"],
        options: [
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "Accounts held by this customer."),
            OptionSpec(name: "customer-account", valueName: "acct_…", kind: .id(["acct_"]), help: "Accounts held by this Accounts v2 customer account."),
            OptionSpec(name: "account", valueName: "acct_…", kind: .id(["acct_"]), help: "Accounts held by this connected account."),
            OptionSpec(name: "session", valueName: "fcsess_…", kind: .id(["fcsess_"]), help: "Accounts collected by this session."),
            CommandTree.limit, CommandTree.all,
        ],
        examples: ["$ stripe-fc accounts list --customer cus_123", "$ stripe-fc accounts list --session fcsess_123 --format csv"],
        view: Accounts.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let filters = ["customer", "customer-account", "account", "session"].filter { context.invocation.has($0) }
        if filters.count > 1 {
            throw CLIError.usage("filter by one of --customer, --customer-account, --account or --session, not \(filters.map { "--\($0)" }.joined(separator: " and "))")
        }
        let limit = try context.listLimit()
        let params = Accounts.listParams(customer: context.string("customer"), customerAccount: context.string("customer-account"),
                                         account: context.string("account"), session: context.string("session"))
        let client = try context.client()
        return .list(Streaming.items(client.list(AccountsAPI.listPath, params: params, limit: limit)), Accounts.view)
    }
}
