import FCKit
import FCSandbox
import Foundation

/// `stripe-fc demo`: the whole Financial Connections flow against an in-process sandbox.
enum Demo {
    static let command = CommandSpec(
        name: "demo", summary: "Walk the whole flow against a built-in sandbox",
        description: "Starts stripe-fc sandbox in-process on a free loopback port and runs the real commands against it: create a customer, create a session with all four permissions, link its accounts, list them, refresh balances and wait, read owners, read recent transactions, collect a $10.00 ACH payment and wait for it to settle, then list the events all this produced. Narration goes to stderr, results to stdout. Needs no key and no network.",
        group: "Tools",
        examples: ["$ stripe-fc demo", "$ stripe-fc demo --format jsonl"],
        run: run, sendsRequests: false)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        var options = SandboxOptions()
        options.port = 0
        options.refreshDelayMS = 300
        options.settleDelayMS = 700
        let server: SandboxServer
        do {
            server = try SandboxServer.start(options: options, app: try SandboxApp(options: options))
        } catch {
            throw CLIError(message: "could not start the demo sandbox: \(error)", exitCode: ExitCode.failure)
        }
        defer { server.stop() }
        var environment = context.environment
        // The demo talks only to its own sandbox: no user key, profile or base URL applies.
        environment.variables = environment.variables.filter { !["STRIPE_API_KEY", "FC_API_BASE", "FC_PROFILE", "FC_MAX_RETRIES"].contains($0.key) }
        environment.variables["STRIPE_API_KEY"] = "sk_test_demo"
        environment.variables["FC_API_BASE"] = server.url
        environment.variables["XDG_CONFIG_HOME"] = "/nonexistent/fc-demo"
        let runner = DemoRunner(environment: environment, output: context.output)
        runner.say("stripe-fc demo — a sandbox is listening on \(server.url) (any sk_test_ key works)")

        let customer = try await runner.step("Create a customer", ["customers", "create", "--email", "jenny.rosen@example.com", "--name", "Jenny Rosen"])
        let cus = customer.first?["id"]?.stringValue ?? ""
        let session = try await runner.step("Create a Financial Connections session with all four permissions",
                                            ["sessions", "create", "--customer", cus, "--permission", "balances,ownership,payment_method,transactions"])
        let sess = session.first?["id"]?.stringValue ?? ""
        _ = try await runner.step("Link the Test Institution's accounts (in real life, the customer does this in Stripe's UI)",
                                  ["sandbox", "link", sess, "--institution", "Test Institution"])
        let accounts = try await runner.step("List the customer's linked accounts", ["accounts", "list", "--customer", cus])
        let checking = accounts.first {
            $0["subcategory"]?.stringValue == "checking" && !($0["display_name"]?.stringValue ?? "").contains("Insufficient")
        } ?? accounts.first ?? [:]
        let fca = checking["id"]?.stringValue ?? ""
        _ = try await runner.step("Refresh balances and wait for the bank", ["balances", "--customer", cus, "--refresh", "--wait"])
        _ = try await runner.step("Read who owns the checking account", ["owners", fca, "--refresh", "--wait"])
        _ = try await runner.step("Read its five most recent transactions", ["transactions", fca, "--refresh", "--wait", "--limit", "5"])
        _ = try await runner.step("Collect $10.00 by ACH Direct Debit and wait for it to settle",
                                  ["pay", "--account", fca, "--customer", cus, "--amount", "10.00", "--mandate", "offline", "--wait"])
        _ = try await runner.step("The events all of this produced", ["events", "list", "--limit", "30"])
        runner.say("\nDone. Run 'stripe-fc sandbox' to keep a sandbox running, and point stripe-fc at it with FC_API_BASE.")
        return .none
    }
}

/// Runs commands of the real tree in-process, narrating on stderr and rendering results on stdout.
struct DemoRunner {
    let environment: AppEnvironment
    let output: OutputSettings

    func say(_ text: String) {
        environment.io.out.flush()  // each step's results before the next step's narration
        environment.io.err.line(text)
    }

    /// Runs `stripe-fc <argv>`, prints its result, and returns the objects it produced.
    func step(_ title: String, _ argv: [String]) async throws -> [JSON] {
        say("\n▸ \(title)\n  $ stripe-fc \(argv.map(Self.quoted).joined(separator: " "))")
        let invocation = try Parser(root: CommandTree.root, environment: environment.variables).parse(argv)
        guard let run = invocation.command.run else { return [] }
        let context = CommandContext(invocation: invocation, environment: environment, output: output)
        let result = try await run(context)
        let (objects, materialized) = try await Self.materialize(result)
        try await Renderer(io: environment.io, settings: output).render(materialized)
        return objects
    }

    private static func materialize(_ output: CommandOutput) async throws -> ([JSON], CommandOutput) {
        switch output {
        case .object(let object, _): return ([object], output)
        case .list(let stream, let view):
            var items: [JSON] = []
            for try await item in stream { items.append(item) }
            return (items, .list(items, view))
        case .failing(let inner, let error):
            let (objects, materialized) = try await materialize(inner)
            return (objects, .failing(materialized, error))
        case .committing(let inner, let commit):
            let (objects, materialized) = try await materialize(inner)
            return (objects, .committing(materialized, commit: commit))
        case .none, .text: return ([], output)
        }
    }

    private static func quoted(_ word: String) -> String {
        word.contains(" ") ? "'\(word)'" : word
    }
}
