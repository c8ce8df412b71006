import FCKit

/// `stripe-fc payments get|cancel pi_…`, and the PaymentIntent view shared with `stripe-fc pay`.
enum Payments {
    static let command = CommandSpec(
        name: "payments", aliases: ["payment"], summary: "Show or cancel payments (PaymentIntents)",
        description: "PaymentIntents (pi_…) created by 'stripe-fc pay'.",
        group: "Payments",
        examples: ["$ stripe-fc payments get pi_123", "$ stripe-fc payments cancel pi_123 --reason abandoned"],
        subcommands: [
            CommandSpec(name: "get", summary: "Show a payment",
                        description: "Retrieves a PaymentIntent (GET /v1/payment_intents/{intent}).",
                        positionals: [intentArgument], examples: ["$ stripe-fc payments get pi_123"], view: view, run: get),
            CommandSpec(name: "cancel", summary: "Cancel a payment that has not started processing",
                        description: "Cancels a PaymentIntent (POST /v1/payment_intents/{intent}/cancel). Stripe refuses once it is processing or succeeded.",
                        options: [OptionSpec(name: "reason", valueName: "R", kind: .choice(["abandoned", "duplicate", "fraudulent", "requested_by_customer"]),
                                             help: "Why it is canceled (cancellation_reason).")],
                        positionals: [intentArgument], examples: ["$ stripe-fc payments cancel pi_123 --reason duplicate"], view: view, run: cancel),
        ])

    static let intentArgument = PositionalSpec(name: "PAYMENT", kind: .id(["pi_"]), help: "The PaymentIntent's id (pi_…).")

    static let view = View(columns: [
        .id("ID", "id"),
        .money("AMOUNT", "amount", currencyPath: "currency", priority: Column.essential),
        .path("STATUS", "status", priority: 2),
        .path("CUSTOMER", "customer"),
        .text("ERROR", "last_payment_error.message"),
        .time("CREATED", "created"),
    ], objects: ["payment_intent"], emptyMessage: "No payments found.")

    static func get(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        return .object(try await client.send(PaymentIntentsAPI.retrieve(context.positionals[0])).json, view)
    }

    static func cancel(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        var request = PaymentIntentsAPI.cancel(context.positionals[0], reason: context.string("reason"))
        request.idempotencyKey = context.idempotencyKey()
        return .object(try await client.send(request).json, view)
    }

    /// How `pay --wait` waits for a PaymentIntent, and reports one that failed.
    static let settlement = IntentWait(noun: "payment", verb: "settle", errorKey: "last_payment_error", retrieve: { PaymentIntentsAPI.retrieve($0) })

    static func waitForSettlement(_ intent: JSON, context: CommandContext, client: StripeClient) async throws -> JSON {
        try await settlement.wait(intent, context: context, client: client)
    }

    static func failure(_ intent: JSON, waitedFor timeout: Double? = nil) -> CLIError? {
        settlement.failure(intent, waitedFor: timeout)
    }
}
