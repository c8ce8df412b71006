/// `stripe-fc completion bash|zsh|fish`: prints the completion script for a shell, rendered from the
/// command tree (the same text as the committed completions/ files).
enum Completion {
    static let command = CommandSpec(
        name: "completion", summary: "Print the shell completion script for bash, zsh or fish",
        description: """
            Prints a script that completes stripe-fc's commands, options and allowed values in the given shell. \
            bash: add 'source <(stripe-fc completion bash)' to ~/.bashrc, or save it as \
            ~/.local/share/bash-completion/completions/stripe-fc. \
            zsh: save it as _stripe-fc in a directory on $fpath (before compinit runs), or add 'source <(stripe-fc completion zsh)' after compinit in ~/.zshrc. \
            fish: save it as ~/.config/fish/completions/stripe-fc.fish, or run 'stripe-fc completion fish | source'. \
            'make install' puts all three in place.
            """,
        group: "Tools",
        positionals: [
            PositionalSpec(name: "SHELL", kind: .choice(Completions.Shell.allCases.map(\.rawValue)), help: "The shell: bash, zsh or fish."),
        ],
        examples: ["$ stripe-fc completion bash", "$ stripe-fc completion zsh", "$ stripe-fc completion fish"],
        run: run, sendsRequests: false)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        guard let shell = context.positionals.first.flatMap(Completions.Shell.init(rawValue:)) else {
            throw CLIError.usage("expected a shell: bash, zsh or fish")
        }
        return .text(Completions.script(for: shell, root: CommandTree.root))
    }
}
