import FCKit

/// `stripe-fc payment-methods list --customer cus_…`: GET /v1/payment_methods, newest first.
enum PaymentMethodsList {
    static let command = CommandSpec(
        name: "list", summary: "List a customer's saved payment methods",
        description: "Lists the PaymentMethods saved to a customer (GET /v1/payment_methods with customer), newest first; --type keeps one type (us_bank_account for ACH). A method a one-off payment used is not saved, so it is not listed.",
        options: [
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "The customer whose methods to list.", required: true),
            OptionSpec(name: "type", valueName: "TYPE", help: "Only methods of this type, such as us_bank_account."),
            CommandTree.limit, CommandTree.all,
        ],
        examples: ["$ stripe-fc payment-methods list --customer cus_123 --type us_bank_account"],
        view: PaymentMethods.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let limit = try context.listLimit()
        let params = PaymentMethodsAPI.listParams(customer: context.string("customer")!, type: context.string("type"))
        let client = try context.client()
        return .list(Streaming.items(client.list(PaymentMethodsAPI.listPath, params: params, limit: limit)), PaymentMethods.view)
    }
}
