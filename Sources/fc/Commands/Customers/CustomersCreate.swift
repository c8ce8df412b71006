import FCKit

/// `stripe-fc customers create`: POST /v1/customers, or POST /v2/core/accounts with --v2.
enum CustomersCreate {
    static let command = CommandSpec(
        name: "create", summary: "Create a customer",
        description: "Creates a Customer (POST /v1/customers) to be the account holder of Financial Connections sessions and the payer of ACH payments. With --v2, creates an Accounts v2 account configured as a customer (POST /v2/core/accounts); use its acct_ id with 'sessions create --customer-account'.",
        options: [
            OptionSpec(name: "email", valueName: "EMAIL", help: "The customer's email address."),
            OptionSpec(name: "name", valueName: "NAME", help: "The customer's full name or business name."),
            OptionSpec(name: "phone", valueName: "PHONE", help: "The customer's phone number."),
            OptionSpec(name: "description", valueName: "TEXT", help: "An arbitrary description shown in the Dashboard."),
            OptionSpec(name: "metadata", valueName: "KEY=VALUE", kind: .keyValue, help: "A metadata entry.", repeatable: true),
            .flag("v2", help: "Create an Accounts v2 account configured as a customer instead."),
        ],
        examples: [
            "$ stripe-fc customers create --email jenny@example.com --name 'Jenny Rosen'",
            "$ stripe-fc customers create --email ops@example.com --metadata team=ops --metadata tier=gold",
            "$ stripe-fc customers create --v2 --email jenny@example.com --name 'Jenny Rosen'",
        ],
        view: Customers.view, run: run, remembersWrites: true)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        if context.flag("v2") {
            for unsupported in ["phone", "description", "metadata"] where context.invocation.has(unsupported) {
                throw CLIError.usage("--\(unsupported) cannot be used with --v2 (an Accounts v2 customer takes --email and --name)")
            }
            let client = try context.client()
            var request = V2AccountsAPI.createCustomerAccount(email: context.string("email"), name: context.string("name"))
            request.idempotencyKey = context.idempotencyKey()
            return .object(try await client.send(request).json, Customers.view)
        }
        var params = JSONObject()
        for name in ["email", "name", "phone", "description"] {
            if let value = context.string(name) { params[name] = .string(value) }
        }
        let metadata = context.strings("metadata")
        if !metadata.isEmpty {
            var entries = JSONObject()
            for pair in metadata {
                let eq = pair.firstIndex(of: "=")!
                entries[String(pair[..<eq])] = .string(String(pair[pair.index(after: eq)...]))
            }
            params["metadata"] = .object(entries)
        }
        let client = try context.client()
        var request = CustomersAPI.create(params)
        request.idempotencyKey = context.idempotencyKey()
        return .object(try await client.send(request).json, Customers.view)
    }
}
