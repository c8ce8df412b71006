import FCKit
import FCSandbox
import Foundation

/// `stripe-fc link`: create a session and link accounts from the terminal, through a browser page
/// served on 127.0.0.1 — Stripe.js against Stripe, the sandbox's own hosted flow against
/// `stripe-fc sandbox` (which answers a discovery request Stripe does not have).
enum Link {
    static let purposes = ["data", "payouts"]

    static let command = CommandSpec(
        name: "link", summary: "Link bank accounts from the terminal (opens a browser)",
        description: """
            Creates a Financial Connections session (every 'sessions create' option applies), serves a one-shot page on \
            127.0.0.1 (a random port and an unguessable path; --no-browser, or no display, prints its address on stderr \
            instead of opening a browser), waits until the browser reports back, then prints the linked accounts as \
            'accounts list' does. Against Stripe the page runs Stripe.js (from https://js.stripe.com/v3/, with the \
            publishable key from --publishable-key, STRIPE_PUBLISHABLE_KEY or the profile's publishable_key, in the same \
            mode as the secret key): collectFinancialConnectionsAccounts, or with --for payouts collectBankAccountToken, \
            which links one bank account of a connected account (--account) and prints its bank-account token (btok_…); \
            --attach then makes it the connected account's payout account ('payouts attach'). Against stripe-fc sandbox \
            the page hands over to the sandbox's own linking pages, which work without JavaScript. The client secret \
            never appears in a URL, on the terminal or in a log. Exit 1 when nothing was linked (cancelled, or Stripe \
            reported an error), 5 when --wait-timeout passes first.
            """,
        group: "Sessions & linking",
        usage: ["(--customer cus_… | --customer-account acct_… | --account acct_…) --permission P[,P…] [options]",
                "--account acct_… --for payouts [--attach] [options]"],
        options: SessionsCreate.command.options.map { option in
            var option = option
            if option.name == "permission" {
                option.required = false
                option.help += " Required, but for --for payouts, where it defaults to payment_method."
            }
            return option
        } + [
            OptionSpec(name: "for", valueName: "PURPOSE", kind: .choice(purposes),
                       help: "data: link accounts (collectFinancialConnectionsAccounts); payouts: one bank account as a token for a connected account's payouts (collectBankAccountToken).",
                       defaultValue: "data"),
            .flag("attach", help: "With --for payouts: make the token the connected account's external (payout) bank account, and print that."),
            OptionSpec(name: "publishable-key", valueName: "pk_…", help: "Stripe.js's key, against Stripe (not needed for stripe-fc sandbox).",
                       env: "STRIPE_PUBLISHABLE_KEY"),
            .flag("no-browser", help: "Print the page's address instead of opening a browser."),
            OptionSpec(name: "wait-timeout", valueName: "DURATION", kind: .duration(), help: "How long to wait for the browser.", defaultValue: "10m"),
        ],
        examples: [
            "$ stripe-fc link --customer cus_123 --permission balances,payment_method --no-browser",
            "$ stripe-fc link --account acct_123 --for payouts --attach --no-browser",
        ],
        view: view, run: run)

    /// The accounts, as `accounts list`; `--fields` may also name token and bank-account paths (--for payouts).
    static let view: View = {
        var view = Accounts.view
        view.objects += ["token", "bank_account"]
        return view
    }()

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let payouts = context.string("for") == "payouts"
        if context.flag("attach"), !payouts { throw CLIError.usage("--attach needs --for payouts") }
        if payouts, !context.invocation.has("account") {
            throw CLIError.usage("--for payouts links a bank account for a connected account's payouts: give it with --account acct_…")
        }
        var params = try SessionsCreate.params(context)
        if context.strings("permission").isEmpty {
            guard payouts else { throw CLIError.usage("missing required option --permission P[,P…] (one or more of \(SessionsCreate.permissions.joined(separator: ", ")))") }
            params["permissions"] = ["payment_method"]
        } else if payouts, !context.strings("permission").contains("payment_method") {
            throw CLIError.usage("--for payouts needs --permission payment_method (a bank account token carries the account and routing numbers)")
        }
        let client = try context.client()
        let publishableKey = try Self.publishableKey(context, secretKey: client.configuration.apiKey)
        let base = client.configuration.baseURL.hasSuffix("/") ? String(client.configuration.baseURL.dropLast()) : client.configuration.baseURL
        let isStripe = URL(string: base)?.host == "api.stripe.com"
        if isStripe, publishableKey == nil { throw missingPublishableKey() }

        var create = SessionsAPI.create(params)
        create.idempotencyKey = context.idempotencyKey(step: "session")
        if client.configuration.dryRun {
            _ = try await context.send(create, with: client)
            return .none
        }
        let hostedStart = isStripe ? nil : try await sandboxFlow(client, base: base)
        if hostedStart == nil, publishableKey == nil { throw missingPublishableKey() }

        let session = try await client.send(create).json
        guard let id = session["id"]?.stringValue, let secret = session["client_secret"]?.stringValue else {
            throw CLIError(message: "the API returned a session without an id or client_secret", exitCode: ExitCode.failure)
        }
        let flow: LinkFlow = payouts ? .bankAccountToken : .accounts
        let page: LinkPage = hostedStart.map { .sandbox(.init(startURL: $0, clientSecret: secret, flow: flow)) }
            ?? .stripe(.init(publishableKey: publishableKey ?? "", clientSecret: secret, flow: flow))
        let handler = LinkServer(page: page)
        let server: HTTPServer
        do {
            server = try handler.start()
        } catch {
            throw CLIError(message: "could not start the local page for session \(id): \(error)", exitCode: ExitCode.failure)
        }
        defer { server.stop() }
        let holder = context.string("customer") ?? context.string("customer-account") ?? context.string("account") ?? ""
        context.io.err.line("Link \(payouts ? "a payout bank account" : "accounts") for \(holder) (session \(id)) in a browser at: \(handler.url)")
        if !context.flag("no-browser") {
            if !hasDisplay(context.variables) || !openBrowser(handler.url) {
                context.io.err.line("(could not open a browser; open the address above)")
            }
        }

        let timeout = context.string("wait-timeout").flatMap(ValueCheck.duration) ?? 600
        let outcome = try await waitForOutcome(handler, timeout: timeout, sleep: context.environment.sleep)
        guard let outcome else { throw Poller.gaveUp(waitingFor: "the browser to finish linking (session \(id))", after: timeout) }

        return try await result(of: outcome, session: id, payouts: payouts, context: context, client: client)
    }

    /// What the command prints once the browser reported: the session as Stripe has it now decides.
    static func result(of outcome: LinkOutcome, session id: String, payouts: Bool, context: CommandContext,
                       client: StripeClient) async throws -> CommandOutput {
        if outcome.kind == "error" {
            // The page relays Stripe.js's message; it is shown, never trusted to hold no secret.
            let message = outcome.message.map(Secrets.redact) ?? "Stripe reported an error"
            throw CLIError(message: "linking failed in the browser: \(message) (session \(id))", exitCode: ExitCode.failure)
        }
        let session = try await client.send(SessionsAPI.retrieve(id)).json
        let accounts = session["accounts"]?["data"]?.arrayValue ?? []
        guard !accounts.isEmpty else {
            let why = outcome.kind == "cancelled" ? "linking was cancelled in the browser" : "the browser finished without linking any account"
            throw CLIError(message: "nothing was linked: \(why) (session \(id))", exitCode: ExitCode.failure,
                           hint: "run 'stripe-fc link' again to start over with a new session")
        }
        guard payouts else { return .list(accounts, Accounts.view) }

        var token = session["bank_account_token"].flatMap { $0.isNull ? nil : $0 }
        if token == nil, let tokenId = outcome.token, tokenId.hasPrefix("btok_") {
            token = try await client.send(ConnectAPI.retrieveToken(tokenId)).json
        }
        guard let token, let tokenId = token["id"]?.stringValue else {
            throw CLIError(message: "session \(id) linked an account but has no bank_account_token", exitCode: ExitCode.failure)
        }
        guard context.flag("attach") else { return .object(token, Payouts.tokenView) }
        guard let bank = try await Payouts.attach(token: tokenId, to: context.string("account")!, key: context.idempotencyKey(step: "attach"),
                                                  context: context, client: client) else { return .none }
        return .object(bank, Payouts.bankAccountView)
    }

    /// The sandbox's hosted flow (absolute), or nil when the API does not have one (Stripe: 404).
    static func sandboxFlow(_ client: StripeClient, base: String) async throws -> String? {
        do {
            let answer = try await client.send(TestHelpersAPI.hostedFlow()).json
            guard let path = answer["url"]?.stringValue else { return nil }
            return path.hasPrefix("http://") || path.hasPrefix("https://") ? path : base + path
        } catch {
            if case .api(let api) = error, api.httpStatus == 404 { return nil }
            throw error
        }
    }

    /// The browser's report, or nil once `timeout` seconds passed first.
    static func waitForOutcome(_ handler: LinkServer, timeout: Double, sleep: @escaping @Sendable (Double) async throws -> Void) async throws -> LinkOutcome? {
        try await withThrowingTaskGroup(of: LinkOutcome?.self) { group in
            group.addTask { try await handler.outcome() }
            group.addTask {
                try await sleep(timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// `--publishable-key` > `STRIPE_PUBLISHABLE_KEY` > the profile's `publishable_key`; checked
    /// against the secret key's mode (a live page with a test session, or the reverse, cannot work).
    static func publishableKey(_ context: CommandContext, secretKey: String) throws -> String? {
        let sources: [(String, String?)] = [
            ("--publishable-key", context.invocation.explicit.contains("publishable-key") ? context.string("publishable-key") : nil),
            ("STRIPE_PUBLISHABLE_KEY", context.variables["STRIPE_PUBLISHABLE_KEY"]),
            ("the profile's publishable_key", try context.loadProfile().value("publishable_key", profile: context.profile)),
        ]
        guard let (source, key) = sources.first(where: { !($0.1 ?? "").isEmpty }).map({ ($0.0, $0.1!) }) else { return nil }
        guard key.hasPrefix("pk_test_") || key.hasPrefix("pk_live_") else {
            throw CLIError.usage("the publishable key from \(source) must start with pk_test_ or pk_live_")
        }
        let liveSecret = Secrets.isLiveKey(secretKey)
        if key.hasPrefix("pk_live_") != liveSecret {
            throw CLIError.usage("the publishable key from \(source) is a \(liveSecret ? "test" : "live")-mode key but the secret key (\(Secrets.mask(secretKey))) is \(liveSecret ? "live" : "test") mode; use keys of the same mode")
        }
        return key
    }

    static func missingPublishableKey() -> CLIError {
        CLIError.usage("linking against Stripe runs Stripe.js, which needs a publishable key (pk_test_… or pk_live_…): give --publishable-key, set STRIPE_PUBLISHABLE_KEY, or set the profile's publishable_key",
                       hint: "'stripe-fc config set publishable_key pk_test_…'; it is on the API keys page of the Stripe Dashboard, beside the secret key")
    }

    /// Linux without DISPLAY or WAYLAND_DISPLAY has nowhere to show a browser.
    static func hasDisplay(_ variables: [String: String]) -> Bool {
        #if os(macOS)
        return true
        #else
        return !(variables["DISPLAY"] ?? "").isEmpty || !(variables["WAYLAND_DISPLAY"] ?? "").isEmpty
        #endif
    }

    private static func openBrowser(_ url: String) -> Bool {
        #if os(macOS)
        let tool = "/usr/bin/open"
        #else
        let tool = "/usr/bin/xdg-open"
        #endif
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return (try? process.run()) != nil
    }
}
