import Foundation

/// The man page (`man/stripe-fc.1`, roff with the man(7) macros) rendered from the command tree: every
/// command with its usage, description, arguments, options (allowed values, defaults,
/// environment) and examples, plus the sections a man page is expected to have.
enum Manual {
    /// Where the committed copy lives, relative to the repository root.
    static let committedPath = "man/stripe-fc.1"

    /// The page's date. A fixed value (bumped with a release), so regenerating is reproducible.
    static let date = "2026-11-21"

    static func render(root: CommandSpec, version: String) -> String {
        var page = ManualPage()
        page.comment("Man page for stripe-fc. Generated from stripe-fc's command tree (Sources/fc/CLI/Manual.swift); do not edit.")
        page.comment("Regenerate with 'make generate' after changing the tree.")
        page.macro("TH STRIPE-FC 1 \(date) \"stripe-fc \(version)\" \"User Commands\"")
        // Option names must not be hyphenated across lines, and ragged-right reads better for them.
        page.macro("nh")
        page.macro("ad l")

        page.macro("SH NAME")
        page.text("stripe-fc \\- " + Roff.escape(root.summary))

        page.macro("SH SYNOPSIS")
        page.text("\\fBstripe\\-fc\\fR [\\fIglobal\\-options\\fR] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]")
        page.macro("br")
        page.text("\\fBstripe\\-fc help\\fR [\\fIcommand\\fR...]")
        page.macro("br")
        page.text("\\fBstripe\\-fc \\-\\-version\\fR")

        page.macro("SH DESCRIPTION")
        page.paragraphs(root.description, first: true)
        page.macro("PP")
        page.paragraphs("Global options are accepted before or after any command; see GLOBAL OPTIONS. Run 'stripe-fc help COMMAND' or 'stripe-fc COMMAND --help' for the same details as below on a terminal.", first: true)

        page.macro("SH COMMANDS")
        var firstCommand = true
        for (path, command) in commands(root) {
            page.command(command, path: path, first: firstCommand)
            firstCommand = false
        }

        page.macro("SH GLOBAL OPTIONS")
        page.options(root.options)

        page.macro("SH ENVIRONMENT")
        for (variable, meaning) in Reference.environment(root) {
            page.macro("TP")
            page.macro("B " + variable)
            page.prose(meaning)
        }

        page.macro("SH FILES")
        page.macro("TP")
        page.text("\\fI$XDG_CONFIG_HOME/stripe-fc/config.toml\\fR")
        let keys = ConfigCommand.keys.joined(separator: ", ")
        page.prose("Profiles, one [profile] table each of key = \"string\" lines (keys: \(keys)); written by 'stripe-fc config'. Created with mode 0600; a group- or world-readable file that holds a key is refused.")

        page.macro("SH EXIT STATUS")
        for status in Reference.exitStatuses {
            page.macro("TP")
            page.macro("B \(status.code)")
            page.prose(status.meaning)
        }

        page.macro("SH EXAMPLES")
        var examples: [String] = []
        for example in root.examples + root.subcommands.flatMap({ $0.run == nil ? [] : $0.examples.prefix(1) })
        where !examples.contains(example) {
            examples.append(example)
        }
        page.examples(examples, first: true)

        page.macro("SH SEE ALSO")
        page.macro("BR bash (1),")
        page.macro("BR zsh (1),")
        page.macro("BR fish (1)")
        page.macro("PP")
        page.prose("Completion scripts: 'stripe-fc completion bash|zsh|fish'. Stripe Financial Connections: https://docs.stripe.com/financial-connections")
        return page.out
    }

    /// Every command below the root, depth first, with its path.
    static func commands(_ root: CommandSpec) -> [([String], CommandSpec)] {
        func walk(_ command: CommandSpec, _ path: [String]) -> [([String], CommandSpec)] {
            [(path, command)] + command.subcommands.flatMap { walk($0, path + [$0.name]) }
        }
        return root.subcommands.flatMap { walk($0, ["stripe-fc", $0.name]) }
    }
}
