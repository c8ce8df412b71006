import FCKit
import FCSandbox
import Foundation

/// `stripe-fc sandbox`: the Stripe-compatible Financial Connections simulator, and `stripe-fc sandbox link`.
enum SandboxCommand {
    static let command = CommandSpec(
        name: "sandbox", summary: "Run the local Stripe-compatible FC simulator",
        description: """
            Starts a stateful, Stripe-compatible Financial Connections server on loopback: customers, sessions, \
            linked accounts, refreshes, transactions, ACH payments and events, with Stripe's error shapes, \
            pagination and idempotency. Any sk_test_ key is accepted. The first line on stdout is \
            'listening on http://HOST:PORT'. Point stripe-fc at it with FC_API_BASE or --base-url. \
            Faults for testing clients: --latency, --fail-rate, --rate-limit, --drop-after-rate, and the \
            request header 'Sandbox-Fault: 500 | 503 | 429 | drop | drop-after | delay=MS' (drop closes \
            the connection without handling the request; drop-after handles it, keeping its changes, \
            then closes without an answer). It stops cleanly on Ctrl-C (exit 130) or SIGTERM (exit 143).
            """,
        group: "Tools",
        usage: ["[options]", "link fcsess_… [--institution NAME] [--subcategory S[,S…]]", "trigger EVENT [--account fca_…] [--customer cus_…]",
                "clock [advance DURATION]", "state"],
        options: [
            OptionSpec(name: "host", valueName: "ADDR", help: "Address to bind.", defaultValue: "127.0.0.1"),
            OptionSpec(name: "port", valueName: "N", kind: .integer(min: 0, max: 65535), help: "Port to listen on; 0 picks a free one.", defaultValue: "12111"),
            OptionSpec(name: "data", valueName: "FILE", kind: .path, help: "Keep state in this file across restarts (durable before each response)."),
            .flag("data-repair", help: "If a line of the --data file is damaged, cut the file off before it (saying what was dropped) and start."),
            OptionSpec(name: "seed", valueName: "N", kind: .integer(min: 0, max: Int.max), help: "Seed for the generated world (ids, balances, owners, transactions).", defaultValue: "42"),
            OptionSpec(name: "latency", valueName: "MS", kind: .integer(min: 0, max: 600_000), help: "Delay added to every response.", defaultValue: "0"),
            OptionSpec(name: "fail-rate", valueName: "P", kind: .decimal, help: "Fraction (0-1) of requests answered 500/503 with Stripe-Should-Retry.", defaultValue: "0"),
            OptionSpec(name: "drop-after-rate", valueName: "P", kind: .decimal, help: "Fraction (0-1) of requests handled, then left unanswered (connection closed).", defaultValue: "0"),
            OptionSpec(name: "rate-limit", valueName: "N", kind: .integer(min: 0, max: 1_000_000), help: "Requests per second before 429 rate_limit; 0 is unlimited.", defaultValue: "0"),
            OptionSpec(name: "refresh-delay", valueName: "MS", kind: .integer(min: 0, max: 86_400_000), help: "How long a refresh stays pending.", defaultValue: "1000"),
            OptionSpec(name: "refresh-cooldown", valueName: "SECONDS", kind: .integer(min: 0, max: 86_400),
                       help: "After a successful refresh, how long before the feature can be refreshed again (next_refresh_available_at).", defaultValue: "60"),
            OptionSpec(name: "settle-delay", valueName: "MS", kind: .integer(min: 0, max: 86_400_000), help: "How long a payment stays processing.", defaultValue: "2000"),
            OptionSpec(name: "transactions", valueName: "N", kind: .integer(min: 0, max: 100_000), help: "Transactions generated per account.", defaultValue: "60"),
            OptionSpec(name: "clock", valueName: "MODE", kind: .choice(["system", "manual"]),
                       help: "manual: sandbox time stands still until 'stripe-fc sandbox clock advance' moves it.", defaultValue: "system"),
            OptionSpec(name: "scenario", valueName: "FILE", kind: .path,
                       help: "Seed customers, linked accounts and webhook endpoints with fixed ids from this JSON file (see docs/sandbox.md); not with --data."),
            OptionSpec(name: "webhook", valueName: "URL", kind: .url,
                       help: "Deliver every event, signed, to this URL (a webhook endpoint for all types); its whsec_ secret is printed after the address line, one line per URL. Repeatable.",
                       repeatable: true),
            OptionSpec(name: "webhook-retry-base", valueName: "MS", kind: .integer(min: 0, max: 86_400_000),
                       help: "Wait before a failed webhook delivery's first retry; it doubles for each of the 3 retries.", defaultValue: "60000"),
        ],
        examples: [
            "$ stripe-fc sandbox --port 0",
            "$ stripe-fc sandbox --data /tmp/fc-sandbox.json --refresh-delay 200 --settle-delay 500",
            "$ stripe-fc sandbox --port 0 --clock manual --scenario examples/scenario.json",
            "$ stripe-fc sandbox --port 0 --webhook http://127.0.0.1:4242/webhooks --webhook-retry-base 500",
        ],
        subcommands: [SandboxLink.command, SandboxTrigger.command, SandboxClockCommand.command, SandboxStateCommand.command],
        run: run, sendsRequests: false)

    static func options(from context: CommandContext) throws -> SandboxOptions {
        var options = SandboxOptions()
        options.host = context.string("host") ?? options.host
        options.port = context.int("port") ?? options.port
        options.dataFile = context.string("data")
        options.dataRepair = context.flag("data-repair")
        if options.dataRepair, options.dataFile == nil { throw CLIError.usage("--data-repair needs --data FILE") }
        options.seed = context.string("seed").flatMap { UInt64($0) } ?? options.seed
        options.latencyMS = context.int("latency") ?? 0
        if let rate = context.string("fail-rate") {
            guard let p = Double(rate), (0...1).contains(p) else { throw CLIError.usage("invalid value '\(rate)' for --fail-rate: must be between 0 and 1") }
            options.failRate = p
        }
        if let rate = context.string("drop-after-rate") {
            guard let p = Double(rate), (0...1).contains(p) else { throw CLIError.usage("invalid value '\(rate)' for --drop-after-rate: must be between 0 and 1") }
            options.dropAfterRate = p
        }
        options.rateLimit = context.int("rate-limit") ?? 0
        options.refreshDelayMS = context.int("refresh-delay") ?? options.refreshDelayMS
        options.refreshCooldownSeconds = context.int("refresh-cooldown") ?? options.refreshCooldownSeconds
        options.settleDelayMS = context.int("settle-delay") ?? options.settleDelayMS
        options.transactionsPerAccount = context.int("transactions") ?? options.transactionsPerAccount
        options.manualClock = context.string("clock") == "manual"
        options.scenarioFile = context.string("scenario")
        if options.scenarioFile != nil, options.dataFile != nil {
            throw CLIError.usage("--scenario seeds a fresh world and cannot be combined with --data")
        }
        options.webhookRetryBaseMS = context.int("webhook-retry-base") ?? options.webhookRetryBaseMS
        return options
    }

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let options = try options(from: context)
        let server: SandboxServer
        var secrets: [String] = []
        do {
            let app = try SandboxApp(options: options, webhookTransport: context.environment.transport)
            if let repair = app.dataRepair { context.warn(repair.description) }
            // Registered before the server listens, so no event goes undelivered.
            for url in context.strings("webhook") { secrets.append(try app.registerWebhook(url: url).secret) }
            server = try SandboxServer.start(options: options, app: app)
        } catch let error as SandboxDataError where error.repairable {
            throw CLIError(message: "could not start the sandbox: \(error)", exitCode: ExitCode.failure,
                           hint: "--data-repair cuts the file off before the damaged line (losing it and every line after it) and starts")
        } catch let error as SandboxWebhookError {
            throw CLIError.usage("invalid value '\(error.url)' for --webhook: \(error.message)")
        } catch {
            throw CLIError(message: "could not start the sandbox: \(error)", exitCode: ExitCode.failure)
        }
        // Before the address line: a script that read it may signal at once, and must not kill the server midway.
        server.stopOnSignals()
        context.io.out.line("listening on \(server.url)")
        for secret in secrets { context.io.out.line("webhook secret \(secret)") }
        context.io.out.flush()  // scripts wait for this line before they go on
        context.notice("Point stripe-fc at it: export FC_API_BASE=\(server.url) STRIPE_API_KEY=sk_test_sandbox  (Ctrl-C stops it)")
        await server.waitUntilStopped()
        if let signal = server.stoppedBySignal { throw StoppedBySignal(signal: signal) }
        return .none
    }
}

/// `stripe-fc sandbox link fcsess_…`: completes a session's linking in the sandbox, as the browser UI would.
enum SandboxLink {
    static let institutions = ["Test Institution", "Ownership Accounts", "Invalid Payment Accounts", "Down Bank (Error)"]

    static let command = CommandSpec(
        name: "link", summary: "Link a session's accounts in the sandbox (the UI step)",
        description: "In real life a customer links accounts in Stripe's UI. Against stripe-fc sandbox this does it instead: POST /v1/test_helpers/financial_connections/sessions/{session}/link attaches the institution's test accounts, honouring the session's permissions, filters and limits. A sandbox-only endpoint: needs --base-url or FC_API_BASE pointing at stripe-fc sandbox; any sk_test_ key works (sk_test_sandbox when none is set).",
        options: [
            OptionSpec(name: "institution", valueName: "NAME", kind: .choice(institutions), help: "Which test institution to link.", defaultValue: "Test Institution"),
            OptionSpec(name: "subcategory", valueName: "S", kind: .choice(["checking", "savings", "credit_card", "line_of_credit", "mortgage"]),
                       help: "Only link accounts of these subcategories.", list: true),
        ],
        positionals: [PositionalSpec(name: "SESSION", kind: .id(["fcsess_"]), help: "The session to complete (fcsess_…).")],
        examples: ["$ stripe-fc sandbox link fcsess_123 --institution 'Ownership Accounts'"],
        view: Sessions.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.sandboxClient()
        var request = TestHelpersAPI.linkSession(context.positionals[0], institution: context.string("institution") ?? "Test Institution",
                                              subcategories: context.strings("subcategory"))
        request.idempotencyKey = context.idempotencyKey()
        let linked = try await client.send(request).json
        return .object(linked, Sessions.view)
    }
}

extension CommandContext {
    /// A client for sandbox-only commands: a configured key if any, else a placeholder test key.
    func sandboxClient() throws -> StripeClient {
        do {
            return try client()
        } catch let error as CLIError where error.exitCode == ExitCode.auth {
            var variables = environment.variables
            variables["STRIPE_API_KEY"] = "sk_test_sandbox"
            var copy = self
            copy.environment.variables = variables
            return try copy.client()
        }
    }
}
