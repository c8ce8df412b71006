/// Parts of the CLI contract that are neither commands nor options, as data: exit statuses and
/// environment variables. The root help, the man page and docs/commands.md all render these.
enum Reference {
    struct ExitStatus: Sendable {
        var code: Int32
        /// A few words, for the root help's one-line summary.
        var short: String
        var meaning: String
    }

    static let exitStatuses: [ExitStatus] = [
        ExitStatus(code: ExitCode.success, short: "success", meaning: "Success."),
        ExitStatus(code: ExitCode.failure, short: "Stripe error or failed operation",
                   meaning: "Stripe returned an error (after retries), or an awaited operation failed (a refresh ended failed, a payment failed)."),
        ExitStatus(code: ExitCode.usage, short: "usage error",
                   meaning: "Usage error: unknown command or option, bad value, missing argument. Detected before any request is sent."),
        ExitStatus(code: ExitCode.auth, short: "authentication", meaning: "Authentication or permission: no key configured, HTTP 401 or 403."),
        ExitStatus(code: ExitCode.network, short: "network", meaning: "Network: the API could not be reached (connection, TLS, timeout) after retries."),
        ExitStatus(code: ExitCode.waitTimeout, short: "--wait gave up", meaning: "--wait gave up: the awaited state was not reached in time."),
        ExitStatus(code: ExitCode.interrupted, short: "interrupted", meaning: "Interrupted (SIGINT)."),
    ]

    /// `Exit codes: 0 success, 1 …`: the line the root help's description ends with.
    static var exitStatusSummary: String {
        "Exit codes: " + exitStatuses.map { "\($0.code) \($0.short)" }.joined(separator: ", ") + "."
    }

    /// Variables read besides the options' own (which the tree declares with `OptionSpec.env`).
    static let otherVariables: [(name: String, meaning: String)] = [
        ("XDG_CONFIG_HOME", "Directory of the config file (stripe-fc/config.toml in it) when an absolute path; default ~/.config."),
        ("HOME", "Holds ~/.config when XDG_CONFIG_HOME is not set."),
        ("COLUMNS", "Table width when the terminal's own cannot be read."),
        ("CURL_CA_BUNDLE", "Used when neither --ca-bundle nor SSL_CERT_FILE is given: the same as --ca-bundle."),
        ("SSL_CERT_DIR", "Directory of hashed CA certificates (as OpenSSL's c_rehash writes) to verify TLS servers against, instead of the system's; with --ca-bundle, both are used."),
        ("HTTPS_PROXY", "Proxy for https:// requests (also https_proxy), as curl reads it: http://host:port, with user:password@ if needed. ALL_PROXY (all_proxy) is used when it is not set; http:// requests read http_proxy."),
        ("NO_PROXY", "Hosts reached directly, never through a proxy (also no_proxy): comma-separated names, domains (.example.com), addresses, or *."),
        ("TZ", "Time zone of the times tables show (their headers name it) and of YYYY-MM-DD dates given to --since and --until; --utc overrides it for both. json, jsonl, csv and tsv keep Stripe's unix seconds."),
    ]

    /// Every environment variable stripe-fc reads, with what it does: the options' first, in
    /// the tree's order, then the others.
    static func environment(_ root: CommandSpec) -> [(name: String, meaning: String)] {
        var variables: [(name: String, meaning: String)] = []
        for option in root.options {
            guard let variable = option.env else { continue }
            let meaning = Help.describe(option).replacingOccurrences(of: " Env: \(variable).", with: "")
            let use = option.kind.takesValue ? "Used when --\(option.name) is not given." : "When set and not empty, the same as --\(option.name)."
            variables.append((variable, "\(use) \(meaning)"))
        }
        return variables + otherVariables
    }
}
