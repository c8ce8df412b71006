import FCKit

/// `stripe-fc accounts …`: linked Financial Connections accounts (fca_…).
enum Accounts {
    static let command = CommandSpec(
        name: "accounts", aliases: ["account"], summary: "List, refresh, subscribe and disconnect linked accounts",
        description: "Financial Connections accounts (fca_…) are the bank accounts a holder linked through a session. Their data (balance, ownership, transactions) is read after a refresh; a transactions subscription refreshes daily.",
        group: "Sessions & linking",
        examples: ["$ stripe-fc accounts list --customer cus_123", "$ stripe-fc accounts refresh fca_123 --feature balance --wait"],
        subcommands: [AccountsList.command, AccountsGet.command, AccountsRefresh.command, AccountsDisconnect.command,
                      AccountsSubscribe.subscribe, AccountsSubscribe.unsubscribe])

    static let accountArgument = PositionalSpec(name: "ACCOUNT", kind: .id(["fca_"]), help: "A linked account's id (fca_…).")
    static let accountsArgument = PositionalSpec(name: "ACCOUNT", kind: .id(["fca_"]), help: "Linked account ids (fca_…).", variadic: true)

    /// ID, INSTITUTION, NAME, LAST4, TYPE (category/subcategory), STATUS, PERMISSIONS.
    static let view = View(
        columns: [
            .id("ID", "id"),
            .text("INSTITUTION", "institution_name"),
            .text("NAME", "display_name"),
            .path("LAST4", "last4", priority: 2),
            .derived("TYPE", key: "subcategory") { row, _ in
                "\(row["category"]?.displayText ?? "")/\(row["subcategory"]?.displayText ?? "")"
            },
            .path("STATUS", "status", priority: 2),
            .derived("PERMISSIONS", key: "permissions", priority: 0) { row, _ in Sessions.list(row["permissions"]) },
        ],
        objects: ["financial_connections.account"],
        emptyMessage: "No accounts found.")

    /// The holder filter of `accounts list`, `balances --customer` and `transactions --customer`.
    static func listParams(customer: String? = nil, customerAccount: String? = nil, account: String? = nil, session: String? = nil) -> JSONObject {
        var params = JSONObject()
        var holder = JSONObject()
        if let customer { holder["customer"] = .string(customer) }
        if let customerAccount { holder["customer_account"] = .string(customerAccount) }
        if let account { holder["account"] = .string(account) }
        if !holder.isEmpty { params["account_holder"] = .object(holder) }
        if let session { params["session"] = .string(session) }
        return params
    }

    /// Every account of a customer (all pages).
    static func all(of customer: String, client: StripeClient) async throws -> [JSON] {
        var accounts: [JSON] = []
        for try await account in client.list(AccountsAPI.listPath, params: listParams(customer: customer), limit: nil) {
            accounts.append(account)
        }
        return accounts
    }

    /// One POST per account, several at once: the accounts that answered print in input order; the
    /// others are failures reported after them. `send` returns nil in a dry run.
    static func each(_ ids: [String], step: String, view: View = Accounts.view, context: CommandContext,
                     _ send: @escaping @Sendable (String) async throws -> JSON?) async throws -> CommandOutput {
        let outcomes = try await context.fleet(step == "disconnect" ? "disconnecting" : "\(step)ing").map(ids, send)
        var accounts: [JSON] = [], failures: [AccountFailure] = []
        for (id, outcome) in zip(ids, outcomes) {
            switch outcome {
            case .success(let account): if let account { accounts.append(account) }
            case .failure(let error): failures.append(AccountFailure(account: id, step: step, error: error))
            }
        }
        return try .partial(accounts, view, failure: AccountFailure.summary(failures, of: ids.count, succeeded: accounts.count))
    }

    /// The account field holding a refresh feature's state.
    static func refreshField(_ feature: String) -> String {
        switch feature {
        case "balance": return "balance_refresh"
        case "ownership": return "ownership_refresh"
        default: return "transaction_refresh"
        }
    }

    /// The permission a refresh feature needs.
    static func permission(for feature: String) -> String {
        feature == "balance" ? "balances" : feature
    }

    static func has(_ account: JSON, permission: String) -> Bool {
        (account["permissions"]?.arrayValue ?? []).contains(.string(permission))
    }
}
