import FCKit

/// `stripe-fc payment-methods get pm_…`: GET /v1/payment_methods/{payment_method}.
enum PaymentMethodsGet {
    static let command = CommandSpec(
        name: "get", summary: "Show a payment method",
        description: "Retrieves a PaymentMethod (GET /v1/payment_methods/{payment_method}): for ACH, the bank, last four digits, routing number and the linked account it was made from.",
        positionals: [PaymentMethods.argument],
        examples: ["$ stripe-fc payment-methods get pm_123"],
        view: PaymentMethods.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        return .object(try await client.send(PaymentMethodsAPI.retrieve(context.positionals[0])).json, PaymentMethods.view)
    }
}
