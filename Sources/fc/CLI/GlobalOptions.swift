/// Options every command accepts, before or after the subcommand (ARCHITECTURE.md "Global options").
enum GlobalOptions {
    static let defaultStripeVersion = "2026-07-29.dahlia"

    static let all: [OptionSpec] = [
        OptionSpec(name: "api-key", valueName: "KEY", kind: .string,
                   help: "Secret (sk_…) or restricted (rk_…) key. Visible to other users of this machine: prefer STRIPE_API_KEY or 'stripe-fc config set api_key'.",
                   env: "STRIPE_API_KEY"),
        OptionSpec(name: "profile", valueName: "NAME", help: "Profile in the config file; any but default must be there ('config set' creates one).", defaultValue: "default", env: "FC_PROFILE"),
        OptionSpec(name: "base-url", valueName: "URL", kind: .url, help: "API base URL; point it at 'stripe-fc sandbox'.",
                   defaultValue: "https://api.stripe.com", env: "FC_API_BASE"),
        OptionSpec(name: "stripe-account", valueName: "ID", kind: .id(["acct_"]), help: "Act as this connected account (Stripe-Account header)."),
        OptionSpec(name: "stripe-version", valueName: "V", help: "Stripe API version to pin.", defaultValue: defaultStripeVersion),
        OptionSpec(name: "format", valueName: "F", kind: .choice(OutputFormat.allCases.map(\.rawValue)),
                   help: "Output format.", defaultValue: "table on a terminal, else json", env: "FC_FORMAT"),
        .shorthand("json", for: "format", value: OutputFormat.json.rawValue),
        OptionSpec(name: "fields", valueName: "a,b.c",
                   help: "Only these dotted paths of the objects: columns (table/csv/tsv) or keys (json/jsonl). A path the objects cannot have is refused. Alone, or 'help': list the fields.",
                   list: true, valueWhenBare: "help"),
        .flag("utc", help: "Show times in UTC and read --since/--until dates in UTC (default: the local zone, or TZ)."),
        .flag("quiet", short: "q", help: "Print only the ids of the resulting objects, one per line."),
        OptionSpec(name: "no-color", valueName: "", kind: .flag, help: "No ANSI colour (colour is only ever used on a terminal).", env: "NO_COLOR"),
        .flag("verbose", short: "v", help: "One line per HTTP exchange on stderr: method, path, status, request id, duration, retries."),
        .flag("dry-run", help: "Print the request(s) that would be sent, with secrets redacted, and send nothing."),
        OptionSpec(name: "max-retries", valueName: "N", kind: .integer(min: 0, max: 10), help: "Retries for network errors, 409, 429 and 5xx.",
                   defaultValue: "2", env: "FC_MAX_RETRIES"),
        OptionSpec(name: "concurrency", valueName: "N", kind: .integer(min: 1, max: 64),
                   help: "Requests in flight at once when a command works on several accounts; lowered while the API answers 429, raised again as requests succeed. 1 works one account at a time.",
                   defaultValue: "8", env: "FC_CONCURRENCY"),
        OptionSpec(name: "timeout", valueName: "SECONDS", kind: .duration(min: 0.1), help: "Per-request timeout.", defaultValue: "80"),
        .flag("new", help: "Start a fresh idempotency key instead of reusing the one of an identical earlier run whose outcome is unknown."),
        OptionSpec(name: "idempotency-key", valueName: "KEY", help: "Idempotency key for commands that POST (default: one generated per logical request)."),
        .flag("insecure-http", help: "Allow a plain http:// --base-url that is not loopback (the key would cross the network unencrypted)."),
        .flag("yes", short: "y", help: "Answer yes to confirmation prompts."),
        .flag("version", help: "Print stripe-fc's version."),
        .flag("help", short: "h", help: "Show help for the command."),
    ]
}
