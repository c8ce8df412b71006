import FCKit

/// `stripe-fc pay`: collect an ACH Direct Debit payment from a linked account.
enum Pay {
    static let command = CommandSpec(
        name: "pay", summary: "Collect an ACH Direct Debit payment from a linked account",
        description: "Creates a PaymentIntent for us_bank_account with the linked account as its payment method (payment_method_data[us_bank_account][financial_connections_account]), then confirms it with the customer's mandate (mandate_data[customer_acceptance]): online, with the IP address and user agent of the customer who accepted, or offline, when you attest the customer accepted it. Before sending anything, checks that the account is active, supports us_bank_account and has the payment_method permission, and says which is missing. ACH payments stay processing for days in live mode; --wait polls until the intent leaves processing (exit 1 if it failed). The create and the confirm each send an idempotency key; --idempotency-key K derives both from K, so rerunning the same command never charges twice. With a live-mode key, asks for confirmation on a terminal and refuses without --yes when there is none.",
        group: "Payments",
        usage: ["--account fca_… --customer cus_… --amount 12.34 [--currency usd] (--mandate online --ip IP --user-agent UA | --mandate offline) [options]"],
        options: [
            OptionSpec(name: "account", valueName: "fca_…", kind: .id(["fca_"]), help: "The linked account to debit.", required: true),
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "The customer who holds the account.", required: true),
            OptionSpec(name: "amount", valueName: "AMOUNT", kind: .decimal, help: "Amount in major units (12.34), converted exactly to the currency's minor units.", required: true),
            OptionSpec(name: "currency", valueName: "CUR", help: "Three-letter currency code.", defaultValue: "usd"),
            OptionSpec(name: "mandate", valueName: "TYPE", kind: .choice(["online", "offline"]), help: "How the customer accepted the ACH mandate.", required: true),
            OptionSpec(name: "ip", valueName: "IP", help: "IP address the customer accepted the mandate from (--mandate online)."),
            OptionSpec(name: "user-agent", valueName: "UA", help: "User agent the customer accepted the mandate with (--mandate online)."),
            OptionSpec(name: "name", valueName: "NAME", help: "Billing name, required by ACH.", defaultValue: "the customer's name"),
            OptionSpec(name: "description", valueName: "TEXT", help: "Description of the payment."),
            OptionSpec(name: "statement-descriptor", valueName: "TEXT", help: "Text on the customer's bank statement (up to 22 characters)."),
        ] + [
            .flag("wait", help: "Wait until the payment leaves processing; exit 1 if it failed."),
            OptionSpec(name: "wait-timeout", valueName: "DURATION", kind: .duration(), help: "How long --wait waits.", defaultValue: "2m"),
        ],
        examples: [
            "$ stripe-fc pay --account fca_123 --customer cus_123 --amount 10.00 --mandate offline --wait",
            "$ stripe-fc pay --account fca_123 --customer cus_123 --amount 25 --mandate online --ip 203.0.113.7 --user-agent 'Mozilla/5.0' --idempotency-key order-1042",
        ],
        view: Payments.view, run: run, remembersWrites: true)

    struct Request {
        var minorUnits: Int64
        var currency: String
        var account: String
        var customer: String
    }

    static func validate(_ context: CommandContext) throws -> Request {
        let currency = (context.string("currency") ?? "usd").lowercased()
        guard currency.count == 3, currency.allSatisfy({ $0.isLetter && $0.isASCII }) else {
            throw CLIError.usage("invalid value '\(currency)' for --currency: expected a three-letter code such as usd")
        }
        let amountText = context.string("amount")!
        let minor: Int64
        switch Result(catching: { () throws(Money.AmountError) -> Int64 in try Money.minorUnits(amountText, currency: currency) }) {
        case .success(let value): minor = value
        case .failure(.tooManyDecimals(let allowed)):
            throw CLIError.usage("invalid value '\(amountText)' for --amount: \(currency.uppercased()) allows \(allowed) decimal\(allowed == 1 ? "" : "s")")
        case .failure(.notPositive):
            throw CLIError.usage("invalid value '\(amountText)' for --amount: must be greater than zero")
        case .failure:
            throw CLIError.usage("invalid value '\(amountText)' for --amount: too large or not a number")
        }
        if context.string("mandate") == "online" {
            for needed in ["ip", "user-agent"] where context.string(needed) == nil {
                throw CLIError.usage("--mandate online needs --\(needed) (of the customer who accepted the mandate)")
            }
        } else {
            for extra in ["ip", "user-agent"] where context.invocation.has(extra) {
                throw CLIError.usage("--\(extra) only applies to --mandate online")
            }
        }
        if let text = context.string("statement-descriptor"), text.count > 22 {
            throw CLIError.usage("invalid value for --statement-descriptor: at most 22 characters")
        }
        return Request(minorUnits: minor, currency: currency, account: context.string("account")!, customer: context.string("customer")!)
    }

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let request = try validate(context)
        let client = try context.client()
        let dryRun = context.flag("dry-run")
        var name = context.string("name")
        if dryRun {
            // The reads the checks would make, then the writes.
            _ = try await context.send(AccountsAPI.retrieve(request.account), with: client)
            if name == nil { _ = try await context.send(CustomersAPI.retrieve(request.customer), with: client) }
        } else {
            name = try await checkAccount(request, name: name, client: client)
            if context.isLiveMode(client) {
                try context.confirm("Debit \(Money.format(request.minorUnits, currency: request.currency)) in LIVE mode?", details: [
                    "mode: live", "amount: \(Money.format(request.minorUnits, currency: request.currency))",
                    "account: \(request.account)", "customer: \(request.customer)",
                ])
            }
        }
        var create = PaymentIntentsAPI.create(createParams(request, name: name ?? "<customer name>", context: context))
        create.idempotencyKey = context.idempotencyKey(step: "create")
        // In a dry run the create is printed, and the confirm is shown against a placeholder id.
        var intent = try await context.send(create, with: client) ?? ["id": "pi_DRYRUN"]
        let id = intent["id"]?.stringValue ?? ""
        if intent["status"]?.stringValue != "processing" && intent["status"]?.stringValue != "succeeded" {
            var confirm = PaymentIntentsAPI.confirm(id, params: ["mandate_data": mandateData(context)])
            confirm.idempotencyKey = context.idempotencyKey(step: "confirm")
            intent = try await client.send(confirm).json
        }
        if context.flag("wait") {
            do {
                intent = try await Payments.waitForSettlement(intent, context: context, client: client)
            } catch {
                // The payment exists: whatever ended the wait, scripts still get it (and its id).
                return .failing(.object(intent, Payments.view), error)
            }
        }
        if let failure = Payments.failure(intent, waitedFor: context.flag("wait") ? context.waitTimeout : nil) {
            return .failing(.object(intent, Payments.view), failure)
        }
        return .object(intent, Payments.view)
    }

    /// Checks what Stripe would refuse later, before anything is created; returns the billing name.
    static func checkAccount(_ request: Request, name: String?, client: StripeClient) async throws -> String {
        let account = try await client.send(AccountsAPI.retrieve(request.account)).json
        var problems: [String] = []
        if account["status"]?.stringValue != "active" { problems.append("it is \(account["status"]?.displayText ?? "not active"), not active") }
        if !(account["supported_payment_method_types"]?.arrayValue ?? []).contains("us_bank_account") {
            problems.append("it does not support us_bank_account payments")
        }
        if !Accounts.has(account, permission: "payment_method") { problems.append("it was not linked with the payment_method permission") }
        let holder = Sessions.holder(account)
        if holder.hasPrefix("cus_"), holder != request.customer { problems.append("it belongs to \(holder), not \(request.customer)") }
        if !problems.isEmpty {
            throw CLIError(message: "account \(request.account) cannot be debited: \(problems.joined(separator: "; "))", exitCode: ExitCode.failure,
                           hint: "link a checking or savings account through a session with --permission payment_method")
        }
        if let name { return name }
        let customer = try await client.send(CustomersAPI.retrieve(request.customer)).json
        guard let customerName = customer["name"]?.stringValue, !customerName.isEmpty else {
            throw CLIError.usage("ACH needs a billing name and customer \(request.customer) has none: pass --name")
        }
        return customerName
    }

    static func createParams(_ request: Request, name: String, context: CommandContext) -> JSONObject {
        var params: JSONObject = [
            "amount": .int(request.minorUnits),
            "currency": .string(request.currency),
            "customer": .string(request.customer),
            "payment_method_types": ["us_bank_account"],
            "payment_method_data": [
                "type": "us_bank_account",
                "us_bank_account": ["financial_connections_account": .string(request.account)],
                "billing_details": ["name": .string(name)],
            ],
        ]
        if let description = context.string("description") { params["description"] = .string(description) }
        if let descriptor = context.string("statement-descriptor") { params["statement_descriptor"] = .string(descriptor) }
        return params
    }

    static func mandateData(_ context: CommandContext) -> JSON {
        if context.string("mandate") == "online" {
            return ["customer_acceptance": [
                "type": "online",
                "online": ["ip_address": .string(context.string("ip")!), "user_agent": .string(context.string("user-agent")!)],
            ]]
        }
        return ["customer_acceptance": ["type": "offline"]]
    }
}
