import FCKit

/// `stripe-fc pay`: collect an ACH Direct Debit payment from a linked account, or off-session
/// from a saved payment method (`PayOffSession`).
enum Pay {
    static let command = CommandSpec(
        name: "pay", summary: "Collect an ACH Direct Debit payment from a linked account or a saved payment method",
        description: "With --account: creates a PaymentIntent for us_bank_account with the linked account as its payment method (payment_method_data[us_bank_account][financial_connections_account]), then confirms it with the customer's mandate (mandate_data[customer_acceptance]): online, with the IP address and user agent of the customer who accepted, or offline, when you attest the customer accepted it. Before sending anything, checks that the account is active, supports us_bank_account and has the payment_method permission, and says which is missing. --save also saves the payment method to the customer for later debits (setup_future_usage=off_session). With --payment-method: debits a method saved by 'stripe-fc setup' (or pay --save) off-session, under its mandate: one PaymentIntent created and confirmed with payment_method, mandate and off_session=true. Before sending it, checks that the method is attached to --customer and that the mandate (--mandate mandate_…, else the one found from the method's SetupIntents or earlier payments) is active. ACH payments stay processing for days in live mode; --wait polls until the intent leaves processing (exit 1 if it failed). Each write sends an idempotency key; --idempotency-key K derives them from K, so rerunning the same command never charges twice. With a live-mode key, asks for confirmation on a terminal and refuses without --yes when there is none.",
        group: "Payments",
        usage: [
            "--account fca_… --customer cus_… --amount 12.34 [--currency usd] (--mandate online --ip IP --user-agent UA | --mandate offline) [--save] [options]",
            "--payment-method pm_… --customer cus_… --amount 12.34 [--currency usd] [--mandate mandate_…] [options]",
        ],
        options: [
            OptionSpec(name: "account", valueName: "fca_…", kind: .id(["fca_"]), help: "The linked account to debit."),
            OptionSpec(name: "payment-method", valueName: "pm_…", kind: .id(["pm_"]), help: "A saved payment method to debit off-session, instead of --account."),
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "The customer who holds the account or the saved method.", required: true),
            OptionSpec(name: "amount", valueName: "AMOUNT", kind: .decimal, help: "Amount in major units (12.34), converted exactly to the currency's minor units.", required: true),
            OptionSpec(name: "currency", valueName: "CUR", help: "Three-letter currency code.", defaultValue: "usd"),
            OptionSpec(name: "mandate", valueName: "TYPE|mandate_…", kind: .choiceOrID(["online", "offline"], prefixes: ["mandate_"]),
                       help: "With --account (required): how the customer accepted the ACH mandate. With --payment-method: the saved method's mandate to debit under (default: found from the method)."),
            OptionSpec(name: "ip", valueName: "IP", help: "IP address the customer accepted the mandate from (--mandate online)."),
            OptionSpec(name: "user-agent", valueName: "UA", help: "User agent the customer accepted the mandate with (--mandate online)."),
            OptionSpec(name: "name", valueName: "NAME", help: "Billing name, required by ACH (--account).", defaultValue: "the customer's name"),
            OptionSpec(name: "description", valueName: "TEXT", help: "Description of the payment."),
            OptionSpec(name: "statement-descriptor", valueName: "TEXT", help: "Text on the customer's bank statement (up to 22 characters)."),
        ] + [
            .flag("save", help: "Also save the payment method for later off-session debits (--account; setup_future_usage=off_session)."),
            .flag("wait", help: "Wait until the payment leaves processing; exit 1 if it failed."),
            OptionSpec(name: "wait-timeout", valueName: "DURATION", kind: .duration(), help: "How long --wait waits.", defaultValue: "2m"),
        ],
        examples: [
            "$ stripe-fc pay --account fca_123 --customer cus_123 --amount 10.00 --mandate offline --wait",
            "$ stripe-fc pay --account fca_123 --customer cus_123 --amount 25 --mandate online --ip 203.0.113.7 --user-agent 'Mozilla/5.0' --idempotency-key order-1042",
            "$ stripe-fc pay --payment-method pm_123 --customer cus_123 --amount 10.00 --wait",
            "$ stripe-fc pay --account fca_123 --customer cus_123 --amount 5 --mandate offline --save",
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
        if let text = context.string("statement-descriptor"), text.count > 22 {
            throw CLIError.usage("invalid value for --statement-descriptor: at most 22 characters")
        }
        let account = context.string("account"), method = context.string("payment-method")
        switch (account, method) {
        case (nil, nil):
            throw CLIError.usage("pay needs --account fca_… (debit a linked account) or --payment-method pm_… (debit a saved payment method)")
        case (.some, .some):
            throw CLIError.usage("--account and --payment-method cannot be used together: --account debits a linked account, --payment-method a saved one")
        case (_, .some):
            try PayOffSession.validate(context)
        case (.some, nil):
            try validateMandate(context, command: "pay --account")
        }
        return Request(minorUnits: minor, currency: currency, account: account ?? "", customer: context.string("customer")!)
    }

    /// `--mandate online --ip IP --user-agent UA | --mandate offline`: how the customer accepted
    /// a new mandate (pay --account, setup).
    static func validateMandate(_ context: CommandContext, command: String) throws {
        guard let mandate = context.string("mandate") else {
            throw CLIError.usage("missing required option '--mandate online|offline' (how the customer accepted the ACH mandate)")
        }
        guard mandate == "online" || mandate == "offline" else {
            throw CLIError.usage("invalid value '\(mandate)' for --mandate: \(command) collects a new mandate, so say how the customer accepted it: online or offline (a mandate id only goes with --payment-method)")
        }
        if mandate == "online" {
            for needed in ["ip", "user-agent"] where context.string(needed) == nil {
                throw CLIError.usage("--mandate online needs --\(needed) (of the customer who accepted the mandate)")
            }
        } else {
            for extra in ["ip", "user-agent"] where context.invocation.has(extra) {
                throw CLIError.usage("--\(extra) only applies to --mandate online")
            }
        }
    }

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let request = try validate(context)
        if context.string("payment-method") != nil { return try await PayOffSession.run(context, request: request) }
        let client = try context.client()
        let dryRun = context.flag("dry-run")
        var name = context.string("name")
        if dryRun {
            // The reads the checks would make, then the writes.
            _ = try await context.send(AccountsAPI.retrieve(request.account), with: client)
            if name == nil { _ = try await context.send(CustomersAPI.retrieve(request.customer), with: client) }
        } else {
            // Asked before anything is sent: a refusal (exit 2) must leave nothing sent.
            if context.isLiveMode(client) {
                try context.confirm("Debit \(Money.format(request.minorUnits, currency: request.currency)) in LIVE mode?", details: [
                    "mode: live", "amount: \(Money.format(request.minorUnits, currency: request.currency))",
                    "account: \(request.account)", "customer: \(request.customer)",
                ])
            }
            name = try await checkAccount(request, name: name, client: client)
        }
        var create = PaymentIntentsAPI.create(createParams(request, name: name ?? "<customer name>", context: context))
        create.idempotencyKey = context.idempotencyKey(step: "create")
        // In a dry run the create is printed, and the confirm is shown against a placeholder id.
        var intent = try await context.send(create, with: client) ?? ["id": "pi_DRYRUN"]
        let id = intent["id"]?.stringValue ?? ""
        if intent["status"]?.stringValue != "processing" && intent["status"]?.stringValue != "succeeded" {
            var confirm = PaymentIntentsAPI.confirm(id, params: ["mandate_data": mandateData(context)])
            confirm.idempotencyKey = context.idempotencyKey(step: "confirm")
            do {
                intent = try await client.send(confirm).json
            } catch {
                // The PaymentIntent exists: print it (scripts get its id) beside the confirm's error.
                return .failing(.object(intent, Payments.view), error)
            }
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
        try await debitableAccount(request.account, customer: request.customer, name: name, client: client).name
    }

    /// The linked account, once it is known Stripe would let it become a payment method for
    /// `customer` (active, us_bank_account, payment_method permission, held by that customer),
    /// and the billing name: `name`, else the customer's.
    static func debitableAccount(_ id: String, customer: String, name: String?, client: StripeClient) async throws -> (name: String, account: JSON) {
        let request = Request(minorUnits: 0, currency: "usd", account: id, customer: customer)
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
        if let name { return (name, account) }
        let customer = try await client.send(CustomersAPI.retrieve(request.customer)).json
        guard let customerName = customer["name"]?.stringValue, !customerName.isEmpty else {
            // Found by a read, so not a usage error (exit 2 promises nothing was sent).
            throw CLIError(message: "ACH needs a billing name and customer \(request.customer) has none: pass --name", exitCode: ExitCode.failure)
        }
        return (customerName, account)
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
        if context.flag("save") { params["setup_future_usage"] = "off_session" }
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
