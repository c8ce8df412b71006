import FCKit

/// `stripe-fc payment-methods …`: payment methods (pm_…) saved to a customer.
enum PaymentMethods {
    static let command = CommandSpec(
        name: "payment-methods", aliases: ["payment-method"], summary: "List, show and detach saved payment methods",
        description: "PaymentMethods (pm_…) saved to a customer by 'stripe-fc setup' or 'stripe-fc pay --save', debited later with 'stripe-fc pay --payment-method'.",
        group: "Payments",
        examples: ["$ stripe-fc payment-methods list --customer cus_123", "$ stripe-fc payment-methods get pm_123"],
        subcommands: [PaymentMethodsList.command, PaymentMethodsGet.command, PaymentMethodsDetach.command])

    static let argument = PositionalSpec(name: "PAYMENT_METHOD", kind: .id(["pm_"]), help: "The payment method's id (pm_…).")

    /// ID, TYPE, BANK, LAST4, ACCOUNT (the linked account it came from), CUSTOMER, CREATED.
    static let view = View(
        columns: [
            .id("ID", "id"),
            .path("TYPE", "type", priority: 0),
            .text("BANK", "us_bank_account.bank_name"),
            .path("LAST4", "us_bank_account.last4", priority: 2),
            .path("ACCOUNT", "us_bank_account.financial_connections_account"),
            .path("CUSTOMER", "customer"),
            .time("CREATED", "created"),
        ],
        objects: ["payment_method"], emptyMessage: "No payment methods found.")
}
