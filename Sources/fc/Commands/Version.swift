/// `stripe-fc version`: the same line as `stripe-fc --version`, as a command of the tree so help,
/// completions, the man page and docs/ list it.
enum Version {
    static let command = CommandSpec(
        name: "version", summary: "Print stripe-fc's version",
        description: "Prints 'stripe-fc' and the version, as --version does.",
        group: "Tools",
        examples: ["$ stripe-fc version"],
        run: run, sendsRequests: false)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        .text(FC.versionLine)
    }
}
