import FCKit

/// `stripe-fc customers get cus_…`: GET /v1/customers/{id}.
enum CustomersGet {
    static let command = CommandSpec(
        name: "get", summary: "Show a customer",
        description: "Retrieves a Customer (GET /v1/customers/{customer}).",
        positionals: [PositionalSpec(name: "CUSTOMER", kind: .id(["cus_"]), help: "The customer's id (cus_…).")],
        examples: ["$ stripe-fc customers get cus_123 --json"],
        view: Customers.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        return .object(try await client.send(CustomersAPI.retrieve(context.positionals[0])).json, Customers.view)
    }
}
