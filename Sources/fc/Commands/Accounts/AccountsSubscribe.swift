import FCKit

/// `stripe-fc accounts subscribe|unsubscribe`: daily transaction refreshes on or off.
enum AccountsSubscribe {
    static let featureOption = OptionSpec(name: "feature", valueName: "F", kind: .choice(["transactions"]),
                                          help: "Data to (un)subscribe to.", defaultValue: "transactions", list: true)

    static let subscribe = CommandSpec(
        name: "subscribe", summary: "Subscribe to daily transaction refreshes",
        description: "Subscribes accounts to periodic data refreshes (POST /v1/financial_connections/accounts/{account}/subscribe, features[]=transactions): transactions refresh about daily and each refresh emits financial_connections.account.refreshed_transactions. Needs the transactions permission.",
        options: [featureOption], positionals: [Accounts.accountsArgument],
        examples: ["$ stripe-fc accounts subscribe fca_123"],
        view: view, run: { try await run($0, path: AccountsAPI.subscribe) })

    static let unsubscribe = CommandSpec(
        name: "unsubscribe", summary: "Stop daily transaction refreshes",
        description: "Ends periodic refreshes (POST /v1/financial_connections/accounts/{account}/unsubscribe, features[]=transactions).",
        options: [featureOption], positionals: [Accounts.accountsArgument],
        examples: ["$ stripe-fc accounts unsubscribe fca_123"],
        view: view, run: { try await run($0, path: AccountsAPI.unsubscribe) })

    static let view = View(columns: Accounts.view.columns + [
        .derived("SUBSCRIPTIONS", key: "subscriptions", priority: 2) { row, _ in Sessions.list(row["subscriptions"]) },
    ], objects: Accounts.view.objects, emptyMessage: Accounts.view.emptyMessage)

    static func run(_ context: CommandContext, path: @escaping @Sendable (String, [String]) -> StripeRequest) async throws -> CommandOutput {
        let features = context.strings("feature").isEmpty ? ["transactions"] : context.strings("feature").uniqued
        let client = try context.client()
        let verb = context.invocation.path.last ?? "subscribe"
        return try await Accounts.each(context.positionals.uniqued, step: verb, view: view, context: context) { id in
            var request = path(id, features)
            request.idempotencyKey = context.idempotencyKey(step: "\(verb)-\(id)")
            return try await context.send(request, with: client)
        }
    }
}
