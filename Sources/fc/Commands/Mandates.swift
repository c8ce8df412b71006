import FCKit

/// `stripe-fc mandates get mandate_…`: a customer's authorisation to debit a payment method.
enum Mandates {
    static let command = CommandSpec(
        name: "mandates", aliases: ["mandate"], summary: "Show ACH mandates",
        description: "Mandates (mandate_…) record how a customer authorised debits from a payment method: collected by 'stripe-fc setup' (multi_use, reused by 'stripe-fc pay --payment-method') or by a one-off 'stripe-fc pay' (single_use).",
        group: "Payments",
        examples: ["$ stripe-fc mandates get mandate_123"],
        subcommands: [
            CommandSpec(name: "get", summary: "Show a mandate",
                        description: "Retrieves a Mandate (GET /v1/mandates/{mandate}): its status (active, inactive, pending), type (multi_use, single_use), how the customer accepted it and its payment method.",
                        positionals: [PositionalSpec(name: "MANDATE", kind: .id(["mandate_"]), help: "The mandate's id (mandate_…).")],
                        examples: ["$ stripe-fc mandates get mandate_123"], view: view, run: get),
        ])

    /// ID, STATUS, TYPE, ACCEPTANCE (online/offline), ACCEPTED, PAYMENT METHOD.
    static let view = View(
        columns: [
            .id("ID", "id"),
            .path("STATUS", "status", priority: 2),
            .path("TYPE", "type"),
            .path("ACCEPTANCE", "customer_acceptance.type"),
            .time("ACCEPTED", "customer_acceptance.accepted_at"),
            .id("PAYMENT METHOD", "payment_method"),
        ],
        objects: ["mandate"], emptyMessage: "No mandates found.")

    static func get(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        return .object(try await client.send(MandatesAPI.retrieve(context.positionals[0])).json, view)
    }
}
