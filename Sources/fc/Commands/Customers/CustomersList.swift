import FCKit

/// `stripe-fc customers list`: GET /v1/customers, newest first, page by page.
enum CustomersList {
    static let command = CommandSpec(
        name: "list", summary: "List customers, newest first",
        description: "Lists Customers (GET /v1/customers), newest first. --email filters on the exact address. --all (or a --limit above 100) follows every page with starting_after; rows stream as pages arrive.",
        options: [
            OptionSpec(name: "email", valueName: "EMAIL", help: "Only customers with exactly this email (case-sensitive)."),
            CommandTree.limit, CommandTree.all,
        ],
        examples: ["$ stripe-fc customers list --email jenny@example.com", "$ stripe-fc customers list --all --format csv"],
        view: Customers.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let limit = try context.listLimit()
        var params = JSONObject()
        if let email = context.string("email") { params["email"] = .string(email) }
        let client = try context.client()
        return .list(Streaming.items(client.list(CustomersAPI.listPath, params: params, limit: limit)), Customers.view)
    }
}
