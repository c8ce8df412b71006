import FCKit

/// `stripe-fc setup`: save a linked account as a payment method with a multi-use mandate, for
/// later off-session debits (`stripe-fc pay --payment-method`).
enum Setup {
    static let command = CommandSpec(
        name: "setup", summary: "Save a linked account for future ACH debits (SetupIntent and mandate)",
        description: "Creates a SetupIntent for us_bank_account from the linked account (payment_method_data[us_bank_account][financial_connections_account], usage=off_session), then confirms it with the customer's mandate (mandate_data[customer_acceptance]): online, with the IP address and user agent of the customer who accepted, or offline. Nothing is debited. Before sending anything, checks what pay checks: the account is active, supports us_bank_account, has the payment_method permission and is held by --customer. The SetupIntent is processing while the bank account is verified; once it succeeds, its payment method (pm_…) is saved to the customer and its mandate (mandate_…) is active: debit it with 'stripe-fc pay --payment-method pm_…'. --wait polls until the SetupIntent leaves processing (exit 1 if it failed, exit 5 if it is still processing when the wait gives up). The create and the confirm each send an idempotency key; --idempotency-key K derives both from K. With a live-mode key, asks for confirmation on a terminal and refuses without --yes when there is none.",
        group: "Payments",
        usage: ["--account fca_… --customer cus_… (--mandate online --ip IP --user-agent UA | --mandate offline) [options]"],
        options: [
            OptionSpec(name: "account", valueName: "fca_…", kind: .id(["fca_"]), help: "The linked account to save.", required: true),
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "The customer who holds the account, and who will own the payment method.", required: true),
            OptionSpec(name: "mandate", valueName: "TYPE", kind: .choice(["online", "offline"]), help: "How the customer accepted the ACH mandate.", required: true),
            OptionSpec(name: "ip", valueName: "IP", help: "IP address the customer accepted the mandate from (--mandate online)."),
            OptionSpec(name: "user-agent", valueName: "UA", help: "User agent the customer accepted the mandate with (--mandate online)."),
            OptionSpec(name: "name", valueName: "NAME", help: "Billing name, required by ACH.", defaultValue: "the customer's name"),
            .flag("wait", help: "Wait until the SetupIntent leaves processing; exit 1 if it failed."),
            OptionSpec(name: "wait-timeout", valueName: "DURATION", kind: .duration(), help: "How long --wait waits.", defaultValue: "2m"),
        ],
        examples: [
            "$ stripe-fc setup --account fca_123 --customer cus_123 --mandate offline --wait",
            "$ stripe-fc setup --account fca_123 --customer cus_123 --mandate online --ip 203.0.113.7 --user-agent 'Mozilla/5.0' --idempotency-key save-1042",
        ],
        view: view, run: run)

    /// ID, STATUS, PAYMENT METHOD, MANDATE, LAST4 (of the linked account), ERROR.
    static let view = View(
        columns: [
            .id("ID", "id"),
            .path("STATUS", "status", priority: 2),
            .id("PAYMENT METHOD", "payment_method"),
            .id("MANDATE", "mandate"),
            .derived("LAST4", key: "account_last4", priority: 2) { row, _ in row["account_last4"]?.displayText ?? "" },
            .text("ERROR", "last_setup_error.message"),
        ],
        objects: ["setup_intent"], emptyMessage: "No setup intents found.")

    /// The view with the linked account's last four digits added to each row.
    static func view(last4: String?) -> View {
        var view = Setup.view
        guard let last4 else { return view }
        view.rows = { [View.row($0, adding: ["account_last4": .string(last4)])] }
        return view
    }

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        try Pay.validateMandate(context, command: "setup")
        let account = context.string("account")!, customer = context.string("customer")!
        let client = try context.client()
        var name = context.string("name"), last4: String? = nil
        if context.flag("dry-run") {
            _ = try await context.send(AccountsAPI.retrieve(account), with: client)
            if name == nil { _ = try await context.send(CustomersAPI.retrieve(customer), with: client) }
        } else {
            let checked = try await Pay.debitableAccount(account, customer: customer, name: name, client: client)
            name = checked.name
            last4 = checked.account["last4"]?.stringValue
            if context.isLiveMode(client) {
                try context.confirm("Save account \(account) for future debits in LIVE mode?",
                                    details: ["mode: live", "account: \(account)", "customer: \(customer)"])
            }
        }
        var create = SetupIntentsAPI.create(createParams(account: account, customer: customer, name: name ?? "<customer name>"))
        create.idempotencyKey = context.idempotencyKey(step: "setup-create")
        // In a dry run the create is printed, and the confirm is shown against a placeholder id.
        var intent = try await context.send(create, with: client) ?? ["id": "seti_DRYRUN"]
        let id = intent["id"]?.stringValue ?? ""
        if !["processing", "succeeded"].contains(intent["status"]?.stringValue ?? "") {
            var confirm = SetupIntentsAPI.confirm(id, params: ["mandate_data": Pay.mandateData(context)])
            confirm.idempotencyKey = context.idempotencyKey(step: "setup-confirm")
            intent = try await client.send(confirm).json
        }
        if context.flag("wait") {
            intent = try await waitForSetup(intent, context: context, client: client)
        }
        let output = CommandOutput.object(intent, view(last4: last4))
        if let failure = failure(intent, waitedFor: context.flag("wait") ? context.waitTimeout : nil) {
            return .failing(output, failure)
        }
        return output
    }

    static func createParams(account: String, customer: String, name: String) -> JSONObject {
        [
            "customer": .string(customer),
            "payment_method_types": ["us_bank_account"],
            "payment_method_data": [
                "type": "us_bank_account",
                "us_bank_account": ["financial_connections_account": .string(account)],
                "billing_details": ["name": .string(name)],
            ],
            "usage": "off_session",
        ]
    }

    /// How `setup --wait` waits for a SetupIntent, and reports one that failed.
    static let completion = IntentWait(noun: "setup", verb: "finish", errorKey: "last_setup_error", retrieve: { SetupIntentsAPI.retrieve($0) })

    static func waitForSetup(_ intent: JSON, context: CommandContext, client: StripeClient) async throws -> JSON {
        try await completion.wait(intent, context: context, client: client)
    }

    static func failure(_ intent: JSON, waitedFor timeout: Double? = nil) -> CLIError? {
        completion.failure(intent, waitedFor: timeout)
    }
}
