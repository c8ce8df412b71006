import FCKit
import Foundation

/// What a command's run function receives: its parsed arguments, the environment,
/// the output settings, and a way to get a configured Stripe client.
struct CommandContext: Sendable {
    var invocation: ParsedInvocation
    var environment: AppEnvironment
    var output: OutputSettings
    /// The config file as `FC.run` read it once for this run (nil: read on first use).
    var config: Result<ConfigFile, ConfigError>? = nil
    /// Requests a bulk command keeps in flight (`--concurrency`, lowered on 429s): shared by every
    /// client of this run, which reports each answer to it.
    var concurrency = AdaptiveConcurrency(maximum: 8)
    /// The idempotency key every write of this run derives its keys from (see `RememberedWrites`).
    var idempotencyBase = IdempotencyKey.generate()
    /// Set once a write got an answer that says what became of it (2xx, or a 4xx other than 408/409/429).
    let writeAnswered = Flag()

    var io: IO { environment.io }
    var variables: [String: String] { environment.variables }

    // MARK: - Arguments

    func string(_ name: String) -> String? { invocation.string(name) }
    func strings(_ name: String) -> [String] { invocation.strings(name) }
    func flag(_ name: String) -> Bool { invocation.flag(name) }
    func int(_ name: String) -> Int? { invocation.int(name) }
    var positionals: [String] { invocation.positionals }
    /// A `--since`/`--until` value in unix seconds; dates are read in the zone tables show.
    func time(_ name: String) -> Int? { string(name).flatMap { ValueCheck.time($0, timeZone: output.timeZone) } }

    /// `--limit N | --all` as a paginator limit: nil means every page.
    func listLimit(defaultLimit: Int = 10) throws -> Int? {
        if flag("all") {
            if invocation.explicit.contains("limit") { throw CLIError.usage("--limit and --all cannot be used together") }
            return nil
        }
        return int("limit") ?? defaultLimit
    }

    // MARK: - Config and client

    var profile: String { string("profile") ?? "default" }

    func loadConfig() throws -> ConfigFile {
        let loaded = config ?? Self.readConfig(variables)
        switch loaded {
        case .success(let file): return file
        case .failure(let error): throw CLIError(message: error.message, exitCode: ExitCode.auth)
        }
    }

    /// The config file, once the profile in use is known to be in it. `default` may be absent
    /// (no file is an empty default profile); any other name the file lacks is a usage error that
    /// lists the profiles it has — a mistyped `--profile` must not quietly run with no settings.
    func loadProfile() throws -> ConfigFile {
        let config = try loadConfig()
        let name = profile
        guard name != "default", !config.profiles.contains(where: { $0.name == name }) else { return config }
        let source = invocation.explicit.contains("profile") ? "--profile" : "FC_PROFILE"
        let path = ConfigFile.readablePath(environment: variables).path
        let present = config.profiles.map(\.name)
        let found = !present.isEmpty ? "profiles there: \(present.joined(separator: ", "))"
            : FileManager.default.fileExists(atPath: path) ? "it has no profiles" : "there is no config file yet"
        throw CLIError.usage("\(source) names '\(name)', which is not a profile in \(path); \(found)",
                             hint: "create it with 'stripe-fc --profile \(name) config set KEY VALUE'")
    }

    static func readConfig(_ variables: [String: String]) -> Result<ConfigFile, ConfigError> {
        Result { () throws(ConfigError) -> ConfigFile in try ConfigFile.load(path: ConfigFile.readablePath(environment: variables).path) }
    }

    /// A client configured from flags, environment and profile (in that order).
    /// Throws exit 3 with a hint when no key is configured.
    func client() throws -> StripeClient {
        let configuration = try clientConfiguration(warn: true)
        let err = io.err, out = io.out, verbose = flag("verbose"), writeAnswered = writeAnswered
        let onExchange: @Sendable (ExchangeLog) -> Void = { log in
            if log.method == "POST", let status = log.status, status < 500, ![408, 409, 429].contains(status) { writeAnswered.set() }
            if verbose { err.line(Self.describe(log)) }
        }
        let onDryRun: @Sendable (DryRunRequest) -> Void = { request in out.write(Self.describe(request)) }
        return StripeClient(configuration: configuration, transport: environment.transport, sleep: environment.sleep,
                            onExchange: onExchange, onDryRun: onDryRun, pacer: concurrency)
    }

    /// Where requests would go and with which key: flags, then environment, then the profile.
    func clientConfiguration(warn warns: Bool) throws -> ClientConfiguration {
        let config = try loadProfile()
        let explicitKey = invocation.explicit.contains("api-key") ? string("api-key") : nil
        guard let credential = Credentials.resolve(flag: explicitKey, environment: variables, config: config, profile: profile) else {
            throw CLIError(message: "no API key configured", exitCode: ExitCode.auth,
                           hint: "set STRIPE_API_KEY, or run 'stripe-fc config set api_key sk_test_…' (for a local simulator: 'stripe-fc sandbox' and any sk_test_ key)")
        }
        // A publishable key only works in browsers (Stripe.js) and would fail with a 401; it is
        // refused before anything is sent, as 'config set api_key' refuses it.
        if credential.key.hasPrefix("pk_") {
            throw CLIError.usage("the key from \(credential.source) (\(Secrets.mask(credential.key))) is a publishable key (pk_…); stripe-fc needs a secret (sk_…) or restricted (rk_…) key",
                                 hint: "the secret key is on the same API keys page of the Stripe Dashboard; for stripe-fc sandbox, any sk_test_ key")
        }
        if explicitKey != nil, warns {
            warn("a key given with --api-key is visible to other users of this machine; prefer STRIPE_API_KEY or 'stripe-fc config set api_key'")
        }
        var configuration = ClientConfiguration(apiKey: credential.key)
        configuration.baseURL = (invocation.explicit.contains("base-url") ? string("base-url") : nil)
            ?? variables["FC_API_BASE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? config.value("base_url", profile: profile)
            ?? "https://api.stripe.com"
        if let url = URL(string: configuration.baseURL), url.scheme?.lowercased() == "http", let host = url.host, !Self.isLoopback(host) {
            guard flag("insecure-http") else {
                throw CLIError.usage("refusing to send the API key over plain http:// to \(host): only a loopback address may be http",
                                     hint: "use https://, or pass --insecure-http to send it anyway")
            }
            if warns { warn("sending the API key over plain http:// to \(host) (--insecure-http): anyone on the path can read it") }
        }
        configuration.stripeAccount = string("stripe-account") ?? config.value("stripe_account", profile: profile)
        configuration.stripeVersion = string("stripe-version") ?? GlobalOptions.defaultStripeVersion
        configuration.maxRetries = int("max-retries") ?? 2
        configuration.timeout = string("timeout").flatMap(ValueCheck.duration) ?? 80
        configuration.clientVersion = FC.version
        configuration.dryRun = flag("dry-run")
        return configuration
    }

    /// A fact that becomes true once, from any thread.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    /// 127.0.0.0/8, ::1 and localhost: where plain http:// never leaves the machine.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Sends a request and returns its object; in a dry run the request is printed and nil comes
    /// back, so a command looping over several ids shows every request it would send.
    func send(_ request: StripeRequest, with client: StripeClient) async throws -> JSON? {
        let result: Result<StripeResponse, ClientError>
        do {
            result = .success(try await client.send(request))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let response): return response.json
        case .failure(.dryRun): return nil
        case .failure(let error): throw error
        }
    }

    /// True when the key in use is a live-mode key (confirmation prompts apply).
    func isLiveMode(_ client: StripeClient) -> Bool { Secrets.isLiveKey(client.configuration.apiKey) }

    /// The key of one step of a write that sends several requests: derived from the run's base key
    /// (`--idempotency-key`, a remembered one, or a fresh one), so rerunning with the base replays every step.
    func idempotencyKey(step: String) -> String {
        IdempotencyKey.derive(from: idempotencyBase, step: step)
    }

    /// The key of a write that sends one request: the run's base key itself.
    func idempotencyKey() -> String { idempotencyBase }

    // MARK: - Messages

    /// Progress and notices: stderr, only on a terminal, and never when JSON was asked for.
    func notice(_ text: String) {
        if io.stderrIsTTY, !output.machineStderr { io.err.line(text) }
    }

    /// A warning on stderr: a line of text, or a JSON object when JSON was asked for.
    func warn(_ text: String) {
        ErrorReporter(io: io, jsonErrors: output.machineStderr).say("warning", text)
    }

    /// Something a script may want to know (data not refreshed, and why): on stderr, pipes too.
    func note(_ text: String) {
        ErrorReporter(io: io, jsonErrors: output.machineStderr).say("note", text)
    }

    /// Asks on a terminal; without one, refuses unless `--yes`.
    func confirm(_ question: String, details: [String]) throws {
        if flag("yes") { return }
        guard io.stdinIsTTY, io.stderrIsTTY else {
            throw CLIError.usage("refusing without confirmation: \(question) (no terminal to ask on; pass --yes to proceed)")
        }
        for line in details { io.err.line("  " + line) }
        io.err.write("\(question) [y/N] ")
        let answer = io.readLine()?.trimmingSpaces.lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw CLIError(message: "aborted", exitCode: ExitCode.failure) }
    }

    static func describe(_ log: ExchangeLog) -> String {
        var parts = [log.method, log.path, log.status.map(String.init) ?? "---"]
        parts.append(log.requestID ?? "-")
        parts.append("\(log.durationMS)ms")
        if log.attempt > 0 { parts.append("retry \(log.attempt)") }
        if let error = log.error { parts.append("(\(error))") }
        return "> " + parts.joined(separator: " ")
    }

    static func describe(_ request: DryRunRequest) -> String {
        var text = "\(request.method) \(request.url)\n"
        for header in request.headers { text += "\(header.name): \(header.value)\n" }
        if !request.body.isEmpty { text += "\n\(request.body)\n" }
        return text + "\n"
    }
}
