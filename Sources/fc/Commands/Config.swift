import FCKit

/// `stripe-fc config set|get|list|unset`: the profile file, keys always shown masked.
enum ConfigCommand {
    static let keys = ["api_key", "base_url", "stripe_account", "format", "publishable_key"]
    private static let keyArgument = PositionalSpec(name: "KEY", kind: .choice(keys), help: "One of: \(keys.joined(separator: ", ")).")

    static let command = CommandSpec(
        name: "config", summary: "Read and write settings in the config file",
        description: "Settings live in $XDG_CONFIG_HOME/stripe-fc/config.toml (default ~/.config/stripe-fc/config.toml; the old fc/config.toml beside it is read while it is the only one), one [profile] table each; --profile or FC_PROFILE picks one (default 'default'). 'config set' creates a profile; other commands refuse a profile the file does not have, listing the ones it has. The file is written with mode 0600, and a group- or world-readable file holding a key is refused. Precedence: flag > environment > profile.",
        group: "Tools",
        examples: ["$ stripe-fc config set api_key sk_test_123", "$ stripe-fc config list"],
        subcommands: [
            CommandSpec(name: "set", summary: "Set a value in the profile",
                        positionals: [keyArgument, PositionalSpec(name: "VALUE", help: "The value.")],
                        examples: ["$ stripe-fc config set base_url http://127.0.0.1:12111", "$ stripe-fc --profile ci config set format jsonl"],
                        run: set, sendsRequests: false),
            CommandSpec(name: "get", summary: "Print a value (keys masked)", positionals: [keyArgument],
                        examples: ["$ stripe-fc config get api_key"], view: view, run: get, sendsRequests: false),
            CommandSpec(name: "list", summary: "List the profile's values (keys masked)",
                        examples: ["$ stripe-fc config list"], view: view, run: list, sendsRequests: false),
            CommandSpec(name: "unset", summary: "Remove a value from the profile", description: "Removes KEY from the profile; a key that is not set is left as it is, with a note on stderr (exit 0).",
                        positionals: [keyArgument],
                        examples: ["$ stripe-fc config unset format"], run: unset, sendsRequests: false),
        ],
        sendsRequests: false)

    static let view = View(columns: [.path("KEY", "key"), .path("VALUE", "value")], emptyMessage: "No settings in this profile.", idPath: "key")

    static func set(_ context: CommandContext) async throws -> CommandOutput {
        let key = context.positionals[0], value = context.positionals[1]
        if let problem = problem(key: key, value: value) { throw CLIError.usage("invalid value for \(key): \(problem)") }
        var config = try context.loadConfig()
        config.set(key, value, profile: context.profile)
        try save(config, context)
        context.notice("Set \(key) in profile '\(context.profile)'.")
        return .none
    }

    static func get(_ context: CommandContext) async throws -> CommandOutput {
        let key = context.positionals[0]
        guard let value = try context.loadProfile().value(key, profile: context.profile) else {
            throw CLIError(message: "\(key) is not set in profile '\(context.profile)'", exitCode: ExitCode.failure)
        }
        return .text(display(key, value) + "\n")
    }

    static func list(_ context: CommandContext) async throws -> CommandOutput {
        let config = try context.loadProfile()
        let rows: [JSON] = keys.compactMap { key in
            config.value(key, profile: context.profile).map { ["key": .string(key), "value": .string(display(key, $0))] }
        }
        return .list(rows, view)
    }

    static func unset(_ context: CommandContext) async throws -> CommandOutput {
        let key = context.positionals[0]
        var config = try context.loadConfig()
        // Unsetting is idempotent (a script may run it twice, or after an earlier unset emptied
        // the profile away): the wanted state holds already, so exit 0, and say so.
        guard config.unset(key, profile: context.profile) else {
            context.io.err.line("note: \(key) is not set in profile '\(context.profile)'; nothing to unset")
            return .none
        }
        try save(config, context)
        return .none
    }

    private static func save(_ config: ConfigFile, _ context: CommandContext) throws {
        do {
            try config.save(path: ConfigFile.path(environment: context.variables))
        } catch {
            throw CLIError(message: error.message, exitCode: ExitCode.failure)
        }
    }

    private static func display(_ key: String, _ value: String) -> String {
        key == "api_key" ? Secrets.mask(value) : value
    }

    private static func problem(key: String, value: String) -> String? {
        switch key {
        case "api_key":
            return ["sk_", "rk_"].contains(where: value.hasPrefix) ? nil : "expected a secret (sk_…) or restricted (rk_…) key"
        case "publishable_key":
            return ["pk_test_", "pk_live_"].contains(where: value.hasPrefix) ? nil : "expected a publishable key (pk_test_… or pk_live_…), for Stripe.js in 'stripe-fc link'"
        case "base_url": return ValueCheck.problem(value, kind: .url)
        case "stripe_account": return ValueCheck.problem(value, kind: .id(["acct_"]))
        case "format": return ValueCheck.problem(value, kind: .choice(OutputFormat.allCases.map(\.rawValue)))
        default: return nil
        }
    }
}
