import FCKit

/// `stripe-fc payment-methods detach pm_…`: POST /v1/payment_methods/{payment_method}/detach.
enum PaymentMethodsDetach {
    static let command = CommandSpec(
        name: "detach", summary: "Detach a saved payment method (it can no longer be debited)",
        description: "Detaches a PaymentMethod from its customer (POST /v1/payment_methods/{payment_method}/detach): it can no longer be used, and its mandates end. With a live-mode key, asks for confirmation on a terminal and refuses without --yes when there is none.",
        positionals: [PaymentMethods.argument],
        examples: ["$ stripe-fc payment-methods detach pm_123"],
        view: PaymentMethods.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let id = context.positionals[0]
        let client = try context.client()
        if context.isLiveMode(client), !context.flag("dry-run") {
            try context.confirm("Detach payment method \(id) in LIVE mode?", details: ["mode: live", "payment method: \(id)"])
        }
        var request = PaymentMethodsAPI.detach(id)
        request.idempotencyKey = context.string("idempotency-key")
        guard let method = try await context.send(request, with: client) else { return .none }
        return .object(method, PaymentMethods.view)
    }
}
