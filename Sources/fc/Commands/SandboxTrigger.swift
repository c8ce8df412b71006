import FCKit

/// `stripe-fc sandbox trigger EVENT`: puts an account or a payment into the state behind a
/// webhook event, through the sandbox's test helpers, and prints the event(s) that caused.
enum SandboxTrigger {
    static let accountEvents = [
        "created", "deactivated", "reactivated", "disconnected", "refreshed_balance", "refreshed_ownership",
        "refreshed_transactions", "account_numbers_updated", "upcoming_account_number_expiry",
        "expected_deactivation_date_updated", "upcoming_deactivation", "supported_payment_method_types_updated",
    ].map { "financial_connections.account." + $0 }
    static let paymentEvents = ["payment_intent.succeeded", "payment_intent.payment_failed"]
    static let failureCodes = ["insufficient_funds", "account_closed", "no_account", "debit_not_authorized"]
    static let inactiveCauses = ["access_expired", "access_denied", "account_closed", "account_unavailable", "institution_requirement", "unspecified"]

    static let command = CommandSpec(
        name: "trigger", summary: "Put an account or payment into a state and emit its event",
        description: """
            Changes state in stripe-fc sandbox the way the event's real cause would, through its test helpers \
            (POST /v1/test_helpers/financial_connections/accounts/{account}/…, /v1/test_helpers/payment_intents/{intent}/…), \
            and prints the events of that type it caused. Without --account, a fresh customer (or --customer) links \
            Test Institution's checking accounts first. Afterwards the account behaves accordingly: refreshes and \
            payments of an inactive or disconnected account are refused (financial_connections_account_inactive); a \
            payment returned for account_closed, no_account or debit_not_authorized blocks the bank account \
            (402 bank_account_unusable); dated changes (upcoming_deactivation, upcoming_account_number_expiry) happen \
            when 'sandbox clock advance' passes their dates. \(SandboxClockCommand.sandboxOnly)
            """,
        options: [
            OptionSpec(name: "account", valueName: "fca_…", kind: .id(["fca_"]), help: "The linked account to act on (default: a newly linked one)."),
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "The customer whose accounts are linked when no --account is given (default: a new one)."),
            OptionSpec(name: "failure-code", valueName: "CODE", kind: .choice(failureCodes),
                       help: "payment_intent.payment_failed: the ACH return.", defaultValue: "insufficient_funds"),
            .flag("failed", help: "refreshed_balance, refreshed_ownership, refreshed_transactions: the refresh ends failed."),
            OptionSpec(name: "cause", valueName: "CAUSE", kind: .choice(inactiveCauses),
                       help: "deactivated, expected_deactivation_date_updated, upcoming_deactivation: why (status_details).", defaultValue: "access_expired"),
        ],
        positionals: [PositionalSpec(name: "EVENT", kind: .choice(accountEvents + paymentEvents), help: "The event type to cause: financial_connections.account.{created, deactivated, reactivated, disconnected, refreshed_balance, refreshed_ownership, refreshed_transactions, account_numbers_updated, upcoming_account_number_expiry, expected_deactivation_date_updated, upcoming_deactivation, supported_payment_method_types_updated}, payment_intent.succeeded or payment_intent.payment_failed.")],
        examples: [
            "$ stripe-fc sandbox trigger financial_connections.account.deactivated --account fca_123",
            "$ stripe-fc sandbox trigger payment_intent.payment_failed --failure-code account_closed",
        ],
        view: Events.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let event = context.positionals[0]
        let failed = context.flag("failed")
        if failed, !event.contains(".refreshed_") {
            throw CLIError.usage("--failed applies to the refreshed_balance, refreshed_ownership and refreshed_transactions events, not \(event)")
        }
        if context.string("failure-code") != nil, event != "payment_intent.payment_failed" {
            throw CLIError.usage("--failure-code applies to payment_intent.payment_failed, not \(event)")
        }
        let causeEvents = ["deactivated", "expected_deactivation_date_updated", "upcoming_deactivation"].map { "financial_connections.account." + $0 }
        if context.string("cause") != nil, !causeEvents.contains(event) {
            throw CLIError.usage("--cause applies to \(causeEvents.joined(separator: ", ")), not \(event)")
        }
        if context.flag("dry-run") {
            throw CLIError.usage("sandbox trigger cannot be dry-run: each of its requests needs the answer to the one before")
        }
        if event.hasSuffix(".created"), context.string("account") != nil {
            throw CLIError.usage("financial_connections.account.created links a new session: give --customer, not --account")
        }
        let client = try context.sandboxClient()
        let before = try await client.send(StripeRequest(method: .get, path: EventsAPI.listPath, params: ["type": .string(event), "limit": 1]))
            .json["data"]?[0]?["id"]?.stringValue
        let objects = try await cause(event, context: context, client: client, failed: failed)
        // The new events of that type about the objects it acted on (others may be triggering too), oldest first.
        var caused: [JSON] = []
        for try await e in client.list(EventsAPI.listPath, params: ["type": .string(event)], limit: nil) {
            if e["id"]?.stringValue == before { break }
            if let object = e["data"]?["object"]?["id"]?.stringValue, objects.contains(object) { caused.append(e) }
        }
        guard !caused.isEmpty else {
            throw CLIError(message: "the sandbox emitted no \(event) event", exitCode: ExitCode.failure)
        }
        return .list(caused.reversed(), Events.view)
    }

    /// Makes the change; returns the ids of the objects the events are about.
    private static func cause(_ event: String, context: CommandContext, client: StripeClient, failed: Bool) async throws -> Set<String> {
        var step = 0
        func post(_ request: StripeRequest) async throws -> JSON {
            step += 1
            var request = request
            request.idempotencyKey = context.idempotencyKey(step: "trigger-\(step)")
            return try await client.send(request).json
        }
        func helper(_ account: String, _ verb: String, _ params: JSONObject = [:]) async throws {
            _ = try await post(TestHelpersAPI.account(account, verb, params: params))
        }
        /// A customer's newly linked accounts (Test Institution; its checking accounts only, unless `all`).
        func link(customer given: String?, all: Bool) async throws -> (customer: String, accounts: [String]) {
            let customer: String
            if let given { customer = given } else {
                customer = try await post(CustomersAPI.create(["name": "Jenny Rosen", "email": "jenny.rosen@example.com"]))["id"]?.stringValue ?? ""
            }
            let session = try await post(SessionsAPI.create([
                "account_holder": ["type": "customer", "customer": .string(customer)],
                "permissions": ["balances", "ownership", "payment_method", "transactions"],
            ]))["id"]?.stringValue ?? ""
            let linked = try await post(TestHelpersAPI.linkSession(session, subcategories: all ? [] : ["checking"]))
            // Success Checking first: Insufficient Funds Checking bounces payments by itself.
            let data = linked["accounts"]?["data"]?.arrayValue ?? []
            let accounts = data.filter { $0["display_name"] == "Success Checking" } + data.filter { $0["display_name"] != "Success Checking" }
            return (customer, accounts.compactMap { $0["id"]?.stringValue })
        }
        func account() async throws -> (id: String, customer: String) {
            if let id = context.string("account") {
                let a = try await client.send(AccountsAPI.retrieve(id)).json
                return (id, a["account_holder"]?["customer"]?.stringValue ?? context.string("customer") ?? "")
            }
            let linked = try await link(customer: context.string("customer"), all: false)
            guard let first = linked.accounts.first else { throw CLIError(message: "linking Test Institution gave no account", exitCode: ExitCode.failure) }
            return (first, linked.customer)
        }

        let prefix = "financial_connections.account."
        let short = event.hasPrefix(prefix) ? String(event.dropFirst(prefix.count)) : event
        let cause = context.string("cause") ?? "access_expired"
        switch short {
        case "created":
            return Set(try await link(customer: context.string("customer"), all: true).accounts)
        case "deactivated":
            let id = try await account().id
            try await helper(id, "deactivate", ["cause": .string(cause)])
            return [id]
        case "reactivated":
            let id = try await account().id
            let status = try await client.send(AccountsAPI.retrieve(id)).json["status"]?.stringValue
            if status == "active" { try await helper(id, "deactivate") }
            try await helper(id, "reactivate")
            return [id]
        case "disconnected":
            let id = try await account().id
            try await helper(id, "disconnect")
            return [id]
        case "refreshed_balance", "refreshed_ownership", "refreshed_transactions":
            let feature = short == "refreshed_balance" ? "balance" : short == "refreshed_ownership" ? "ownership" : "transactions"
            let id = try await account().id
            try await helper(id, "refresh", ["features": [.string(feature)], "status": failed ? "failed" : "succeeded"])
            return [id]
        case "account_numbers_updated":
            let id = try await account().id
            try await helper(id, "update_account_numbers")
            return [id]
        case "upcoming_account_number_expiry":
            let id = try await account().id
            try await helper(id, "schedule_account_number_expiry")
            return [id]
        case "expected_deactivation_date_updated", "upcoming_deactivation":
            let id = try await account().id
            var params: JSONObject = ["cause": .string(SandboxTrigger.activeCause(cause))]
            if short == "upcoming_deactivation" {
                let now = try await client.send(TestHelpersAPI.clock()).json["now"]?.intValue ?? 0
                params["expected_deactivation_date"] = .int(now + 7 * 86_400)
            }
            try await helper(id, "schedule_deactivation", params)
            return [id]
        case "supported_payment_method_types_updated":
            let id = try await account().id
            let types = try await client.send(AccountsAPI.retrieve(id)).json["supported_payment_method_types"]?.arrayValue ?? []
            let next: JSON = types.contains("us_bank_account") ? "" : ["us_bank_account"]
            try await helper(id, "update_supported_payment_method_types", ["supported_payment_method_types": next])
            return [id]
        default:
            let (id, customer) = try await account()
            // Left for the helper to confirm and settle in one step: no race with the settle delay.
            let intent = try await post(PaymentIntentsAPI.create([
                "amount": 1000, "currency": "usd", "customer": .string(customer),
                "payment_method_types": ["us_bank_account"],
                "payment_method_data": ["type": "us_bank_account", "us_bank_account": ["financial_connections_account": .string(id)],
                                        "billing_details": ["name": "Jenny Rosen"]],
            ]))["id"]?.stringValue ?? ""
            if event == "payment_intent.succeeded" {
                _ = try await post(TestHelpersAPI.paymentIntent(intent, "succeed"))
            } else {
                _ = try await post(TestHelpersAPI.paymentIntent(intent, "fail", params: ["failure_code": .string(context.string("failure-code") ?? "insufficient_funds")]))
            }
            return [intent]
        }
    }

    /// An active account's expected deactivation has fewer causes than an inactive one's.
    static func activeCause(_ cause: String) -> String {
        ["access_expired", "institution_requirement"].contains(cause) ? cause : "unspecified"
    }
}
