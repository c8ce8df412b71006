/// The one command tree: every command of the CLI contract, in help order.
enum CommandTree {
    static let root = CommandSpec(
        name: "stripe-fc",
        summary: "Stripe Financial Connections from the command line",
        description: """
            Create customers and Financial Connections sessions; list, refresh, subscribe and disconnect linked \
            bank accounts; read balances, owners and transactions; collect ACH Direct Debit payments, once or off-session from a \
            saved account; follow events. \
            Tables on a terminal, JSON when piped; exit codes a script can trust.
            """ + "\n" + Reference.exitStatusSummary,
        options: GlobalOptions.all,
        examples: [
            "$ stripe-fc demo",
            "$ stripe-fc customers create --email jenny@example.com --name 'Jenny Rosen'",
            "$ stripe-fc accounts list --customer cus_123 --format csv",
        ],
        subcommands: [
            Customers.command,
            Sessions.command,
            Accounts.command,
            Balances.command,
            Owners.command,
            Transactions.command,
            Pay.command,
            Payments.command,
            Setup.command,
            PaymentMethods.command,
            Mandates.command,
            Events.command,
            Link.command,
            Payouts.command,
            SandboxCommand.command,
            Demo.command,
            Completion.command,
            ConfigCommand.command,
            Version.command,
        ])

    /// Options shared by list commands.
    static let limit = OptionSpec(name: "limit", valueName: "N", kind: .integer(min: 1, max: Int.max),
                                  help: "Most results to return; above 100 pages automatically.", defaultValue: "10")
    static let all = OptionSpec.flag("all", help: "Return every result, page by page.")

    /// Finds a command by its path (`["customers", "create"]`).
    static func find(_ path: [String]) -> CommandSpec? {
        var command = root
        for name in path {
            guard let next = command.subcommand(named: name) else { return nil }
            command = next
        }
        return command
    }
}
