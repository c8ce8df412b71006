import FCKit

/// `stripe-fc sessions create`: POST /v1/financial_connections/sessions.
enum SessionsCreate {
    static let permissions = ["balances", "ownership", "payment_method", "transactions"]
    static let prefetchable = ["balances", "ownership", "transactions"]
    static let subcategories = ["checking", "savings", "credit_card", "line_of_credit", "mortgage"]

    static let command = CommandSpec(
        name: "create", summary: "Create a session for an account holder to link accounts",
        description: "Creates a Financial Connections Session (POST /v1/financial_connections/sessions) for exactly one account holder: a customer (--customer), an Accounts v2 customer account (--customer-account) or a connected account (--account). --permission sets what the linked accounts grant (payment_method is needed for ACH payments); --prefetch starts those data refreshes as soon as accounts are linked. Prints the session with its client_secret, which runs the linking UI.",
        usage: ["(--customer cus_… | --customer-account acct_… | --account acct_…) --permission P[,P…] [options]"],
        options: [
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "Account holder: a customer (account_holder[type]=customer)."),
            OptionSpec(name: "customer-account", valueName: "acct_…", kind: .id(["acct_"]), help: "Account holder: an Accounts v2 account configured as a customer."),
            OptionSpec(name: "account", valueName: "acct_…", kind: .id(["acct_"]), help: "Account holder: a connected account (account_holder[type]=account)."),
            OptionSpec(name: "permission", valueName: "P", kind: .choice(permissions), help: "Data the linked accounts grant access to.", list: true, required: true),
            OptionSpec(name: "prefetch", valueName: "F", kind: .choice(prefetchable), help: "Data to fetch right after linking; each must also be a permission.", list: true),
            OptionSpec(name: "country", valueName: "CC", help: "Only institutions in this country (ISO 3166-1 alpha-2, e.g. US).", list: true),
            OptionSpec(name: "subcategory", valueName: "S", kind: .choice(subcategories), help: "Only accounts of these subcategories.", list: true),
            OptionSpec(name: "require-payment-method", valueName: "MODE", kind: .choice(["all", "at_least_one", "none"]),
                       help: "Which linked accounts must support a payment method (filters[require_payment_method_support])."),
            OptionSpec(name: "max-accounts", valueName: "N", kind: .integer(min: 1, max: 100), help: "Most accounts linkable in this session (limits[accounts])."),
            OptionSpec(name: "manual-entry", valueName: "MODE", kind: .choice(["automatic", "disabled"]), help: "Whether the customer may type account numbers by hand."),
            OptionSpec(name: "return-url", valueName: "URL", kind: .url, help: "Where an OAuth flow returns in webview integrations."),
        ],
        examples: [
            "$ stripe-fc sessions create --customer cus_123 --permission balances,ownership,payment_method,transactions",
            "$ stripe-fc sessions create --customer cus_123 --permission transactions --prefetch transactions --subcategory checking",
            "$ stripe-fc sessions create --customer cus_123 --permission payment_method --format tsv --fields client_secret",
        ],
        view: Sessions.view, run: run, remembersWrites: true)

    static func params(_ context: CommandContext) throws -> JSONObject {
        let holders = ["customer", "customer-account", "account"].filter { context.invocation.has($0) }
        guard holders.count == 1 else {
            throw CLIError.usage(holders.isEmpty
                ? "one account holder is required: --customer cus_…, --customer-account acct_… or --account acct_…"
                : "give only one account holder, not \(holders.map { "--\($0)" }.joined(separator: " and "))")
        }
        let granted = context.strings("permission")
        for feature in context.strings("prefetch") where !granted.contains(feature) {
            throw CLIError.usage("--prefetch \(feature) needs --permission \(feature)")
        }
        for country in context.strings("country") where country.count != 2 || !country.allSatisfy({ $0.isLetter && $0.isASCII }) {
            throw CLIError.usage("invalid value '\(country)' for --country: expected a two-letter country code such as US")
        }
        var params = JSONObject()
        var holder = JSONObject()
        switch holders[0] {
        case "customer":
            holder["type"] = "customer"
            holder["customer"] = .string(context.string("customer")!)
        case "customer-account":
            holder["type"] = "customer"
            holder["customer_account"] = .string(context.string("customer-account")!)
        default:
            holder["type"] = "account"
            holder["account"] = .string(context.string("account")!)
        }
        params["account_holder"] = .object(holder)
        params["permissions"] = .array(granted.uniqued.map { .string($0) })
        let prefetch = context.strings("prefetch").uniqued
        if !prefetch.isEmpty { params["prefetch"] = .array(prefetch.map { .string($0) }) }
        var filters = JSONObject()
        let countries = context.strings("country").map { $0.uppercased() }
        if !countries.isEmpty { filters["countries"] = .array(countries.uniqued.map { .string($0) }) }
        let subs = context.strings("subcategory").uniqued
        if !subs.isEmpty { filters["account_subcategories"] = .array(subs.map { .string($0) }) }
        if let mode = context.string("require-payment-method") { filters["require_payment_method_support"] = .string(mode) }
        if !filters.isEmpty { params["filters"] = .object(filters) }
        if let max = context.int("max-accounts") { params["limits"] = ["accounts": .int(max)] }
        if let mode = context.string("manual-entry") { params["manual_entry"] = ["mode": .string(mode)] }
        if let url = context.string("return-url") { params["return_url"] = .string(url) }
        return params
    }

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let params = try params(context)
        let client = try context.client()
        var request = SessionsAPI.create(params)
        request.idempotencyKey = context.idempotencyKey()
        var view = Sessions.view
        view.revealsSecrets = true  // the client secret is what Stripe.js needs next
        return .object(try await client.send(request).json, view)
    }
}
