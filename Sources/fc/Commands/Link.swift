import FCKit
import Foundation

/// `stripe-fc link`: create a session and link accounts from the terminal through a browser page.
enum Link {
    static let command = CommandSpec(
        name: "link", summary: "Link bank accounts from the terminal (opens a browser)",
        description: "Creates a Financial Connections session for the customer, opens the linking page in a browser (or prints its address with --no-browser), waits until the customer has linked accounts, and prints them. Stripe's own linking UI runs only inside Stripe.js or the mobile SDKs with the session's client_secret, so the page is served by stripe-fc sandbox; against api.stripe.com, create the session with 'stripe-fc sessions create' and pass its client_secret to your frontend.",
        group: "Sessions & linking",
        options: [
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "The customer who links the accounts.", required: true),
            OptionSpec(name: "permission", valueName: "P", kind: .choice(SessionsCreate.permissions), help: "Data the linked accounts grant access to.", list: true, required: true),
            OptionSpec(name: "prefetch", valueName: "F", kind: .choice(SessionsCreate.prefetchable), help: "Data to fetch right after linking; each must also be a permission.", list: true),
            .flag("no-browser", help: "Print the page's address instead of opening a browser."),
            OptionSpec(name: "wait-timeout", valueName: "DURATION", kind: .duration(), help: "How long to wait for the customer to link.", defaultValue: "10m"),
        ],
        examples: ["$ stripe-fc link --customer cus_123 --permission balances,payment_method --no-browser"],
        view: Accounts.view, run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let params = try SessionsCreate.params(context)
        let client = try context.client()
        let base = client.configuration.baseURL
        if URL(string: base)?.host == "api.stripe.com" {
            throw CLIError(message: "linking from the terminal needs stripe-fc sandbox: Stripe's linking UI runs only in Stripe.js or the mobile SDKs",
                           exitCode: ExitCode.usage,
                           hint: "run 'stripe-fc sessions create' and hand its client_secret to your frontend, or point --base-url at 'stripe-fc sandbox'")
        }
        var request = SessionsAPI.create(params)
        request.idempotencyKey = context.idempotencyKey()
        let session = try await client.send(request).json
        guard let id = session["id"]?.stringValue else { throw CLIError(message: "the API returned a session without an id", exitCode: ExitCode.failure) }
        let page = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/link/" + id
        context.io.err.line("Link accounts for \(context.string("customer")!) at: \(page)")
        if !context.flag("no-browser"), !openBrowser(page) {
            context.io.err.line("(could not open a browser; open the address above)")
        }
        let poller = Poller(environment: context.environment, timeout: context.string("wait-timeout").flatMap(ValueCheck.duration) ?? 600,
                            what: "accounts to be linked in session \(id)")
        let linked = try await poller.wait { () async throws -> [JSON]? in
            let fresh = try await client.send(SessionsAPI.retrieve(id)).json
            let accounts = fresh["accounts"]?["data"]?.arrayValue ?? []
            return accounts.isEmpty ? nil : accounts
        }
        return .list(linked, Accounts.view)
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
