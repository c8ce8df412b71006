import Foundation
import Testing

/// `make install` of the built binary, then `stripe-fc` typed BY NAME in each shell, the way an
/// operator runs it: found on PATH, not shadowed by anything (bash's and zsh's `fc` builtin is why
/// the executable is not called `fc`), and its completion script found and loaded by the shell.
///
/// Two layouts: a PREFIX of its own (`make install PREFIX=/tmp/…`, as a package would lay it out)
/// and a home install (`make install PREFIX=$HOME/.local`, the README's), where bash-completion and
/// fish must find the scripts with no configuration and zsh with the README's one `fpath` line.
/// Every shell runs with an empty HOME of its own and no XDG_* variables, so nothing from the
/// machine's dotfiles helps or hinders. A shell that is not installed is skipped with the reason.
@Suite("Installed by name", .enabled(if: Installed.which("make") != nil, "make is not installed"))
struct InstalledByNameTests {
    // MARK: stripe-fc by name

    @Test("bash -c: stripe-fc by name", .enabled(if: Installed.which("bash") != nil, "bash is not installed"))
    func bash() async throws { try await byName("bash", ["-c"]) }

    /// Interactive bash is where the `fc` builtin used to win over a binary of that name.
    @Test("bash -ic: stripe-fc by name in an interactive shell", .enabled(if: Installed.which("bash") != nil, "bash is not installed"))
    func interactiveBash() async throws { try await byName("bash", ["-ic"]) }

    @Test("zsh -c: stripe-fc by name", .enabled(if: Installed.which("zsh") != nil, "zsh is not installed"))
    func zsh() async throws { try await byName("zsh", ["-c"]) }

    @Test("dash -c: stripe-fc by name", .enabled(if: Installed.which("dash") != nil, "dash is not installed"))
    func dash() async throws { try await byName("dash", ["-c"]) }

    @Test("fish -c: stripe-fc by name", .enabled(if: Installed.which("fish") != nil, "fish is not installed"))
    func fish() async throws { try await byName("fish", ["-c"]) }

    /// Under PREFIX=<temp>: `command -v stripe-fc` is the installed file and `stripe-fc --version`
    /// prints `stripe-fc <version>`. Under PREFIX=$HOME/.local: `stripe-fc customers list --help` works.
    private func byName(_ shell: String, _ flags: [String]) async throws {
        let version = try await Installed.version()
        let prefix = try await Installation.make()
        defer { prefix.remove() }
        let run = try await prefix.shell(shell, flags + ["command -v stripe-fc; stripe-fc --version"])
        #expect(run.stdout == "\(prefix.bin)/stripe-fc\n\(version)", "\(shell) \(flags.joined(separator: " ")): \(run)")
        #expect(run.status == 0, "\(run)")

        let home = try await Installation.make(homeLocal: true)
        defer { home.remove() }
        let help = try await home.shell(shell, flags + ["stripe-fc customers list --help"])
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.hasPrefix("stripe-fc customers list — "), "\(shell) \(flags.joined(separator: " ")): \(help)")
    }

    // MARK: the installed completion scripts, loaded by their shells

    @Test("bash: the installed script under bash-completion registers stripe-fc; a home install is found by the loader",
          .enabled(if: Installed.which("bash") != nil, "bash is not installed"),
          .enabled(if: FileManager.default.isReadableFile(atPath: Installed.bashCompletion), "bash-completion is not installed"))
    func bashCompletion() async throws {
        let prefix = try await Installation.make()
        defer { prefix.remove() }
        let sourced = try await prefix.shell("bash", ["--norc", "--noprofile", "-c", """
            source \(Installed.quoted(Installed.bashCompletion))
            source \(Installed.quoted(prefix.share + "/bash-completion/completions/stripe-fc"))
            complete -p stripe-fc
            """])
        #expect(sourced.status == 0, "\(sourced)")
        #expect(sourced.stdout == "complete -F _stripe_fc stripe-fc\n", "\(sourced)")

        // With PREFIX/share on XDG_DATA_DIRS (the README's advice for another PREFIX), the loader finds it.
        let discovered = try await prefix.shell("bash", ["--norc", "--noprofile", "-c", """
            source \(Installed.quoted(Installed.bashCompletion))
            _completion_loader stripe-fc
            complete -p stripe-fc
            """], extra: ["XDG_DATA_DIRS": prefix.share + ":/usr/local/share:/usr/share"])
        #expect(discovered.stdout == "complete -F _stripe_fc stripe-fc\n", "\(discovered)")

        // bash-completion loads ~/.local/share/bash-completion/completions/stripe-fc on first TAB.
        let home = try await Installation.make(homeLocal: true)
        defer { home.remove() }
        let loaded = try await home.shell("bash", ["--norc", "--noprofile", "-c", """
            source \(Installed.quoted(Installed.bashCompletion))
            complete -p stripe-fc 2>/dev/null && echo "registered before loading"
            _completion_loader stripe-fc
            complete -p stripe-fc
            COMP_WORDS=(stripe-fc acc); COMP_CWORD=1; COMP_LINE="stripe-fc acc"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
            _stripe_fc stripe-fc acc stripe-fc
            printf '%s\\n' "${COMPREPLY[@]}"
            """])
        #expect(loaded.stdout == "complete -F _stripe_fc stripe-fc\naccounts\n", "\(loaded)")
    }

    @Test("zsh: with the installed site-functions on fpath, compinit maps stripe-fc to _stripe-fc",
          .enabled(if: Installed.which("zsh") != nil, "zsh is not installed"))
    func zshCompletion() async throws {
        for homeLocal in [false, true] {
            let prefix = try await Installation.make(homeLocal: homeLocal)
            defer { prefix.remove() }
            // For a home install this is the README's ~/.zshrc line.
            let site = homeLocal ? "~/.local/share/zsh/site-functions" : Installed.quoted(prefix.share + "/zsh/site-functions")
            let run = try await prefix.shell("zsh", ["-f", "-c", """
                fpath=(\(site) $fpath)
                autoload -Uz compinit && compinit -u -D
                print -r -- "$_comps[stripe-fc]"
                whence -w _stripe-fc
                """])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout == "_stripe-fc\n_stripe-fc: function\n", "home install: \(homeLocal): \(run)")
        }
    }

    @Test("fish: with the installed vendor_completions.d, 'stripe-fc acc' completes to accounts",
          .enabled(if: Installed.which("fish") != nil, "fish is not installed"))
    func fishCompletion() async throws {
        let prefix = try await Installation.make()
        defer { prefix.remove() }
        let vendor = prefix.share + "/fish/vendor_completions.d"
        let run = try await prefix.shell("fish", ["-c", """
            set -p fish_complete_path \(Installed.quoted(vendor))
            complete --do-complete 'stripe-fc acc' | string replace -r '\\t.*' ''
            """])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "accounts\n", "\(run)")

        // With PREFIX/share on XDG_DATA_DIRS (the README's advice for another PREFIX), fish finds it.
        let discovered = try await prefix.shell("fish", ["-c", "complete --do-complete 'stripe-fc acc' | string replace -r '\\t.*' ''"],
                                                extra: ["XDG_DATA_DIRS": prefix.share + ":/usr/local/share:/usr/share"])
        #expect(discovered.stdout == "accounts\n", "\(discovered)")

        // A home install: fish looks in ~/.local/share/fish/vendor_completions.d by itself.
        let home = try await Installation.make(homeLocal: true)
        defer { home.remove() }
        let found = try await home.shell("fish", ["-c", "complete --do-complete 'stripe-fc acc' | string replace -r '\\t.*' ''"])
        #expect(found.stdout == "accounts\n", "\(found)")
    }
}

/// One `make install` of the built binary into a fresh directory, and shells run against it.
struct Installation {
    /// The scratch directory: it holds home/ (HOME for the shells) and, unless a home install, prefix/.
    let root: String
    let prefix: String
    var home: String { root + "/home" }
    var bin: String { prefix + "/bin" }
    var share: String { prefix + "/share" }

    /// `make install PREFIX=<scratch>/prefix` or, with `homeLocal`, `PREFIX=<scratch>/home/.local`.
    static func make(homeLocal: Bool = false) async throws -> Installation {
        let binary = try #require(FCBinary.path, Comment(rawValue: FCBinary.missingMessage))
        let root = Scratch.newDirectory("install")
        let installation = Installation(root: root, prefix: homeLocal ? root + "/home/.local" : root + "/prefix")
        try FileManager.default.createDirectory(atPath: installation.home, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        // A make that runs these tests must not hand its own settings down.
        for name in ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "DESTDIR", "PREFIX", "BIN"] { environment[name] = nil }
        let result = try await Installed.run(Installed.which("make")!, ["-C", Installed.root, "install", "PREFIX=\(installation.prefix)", "BIN=\(binary)"],
                                             environment: environment)
        try #require(result.status == 0, "make install failed: \(result)")
        return installation
    }

    /// Runs `shell arguments…` with HOME the empty scratch home, the installed bin first on PATH,
    /// and no XDG_* variables (each shell's defaults apply) but those in `extra`.
    func shell(_ shell: String, _ arguments: [String], extra: [String: String] = [:]) async throws -> Installed.Run {
        var environment = FCEnvironment.childBase().filter { !$0.key.hasPrefix("XDG_") && !$0.key.hasPrefix("BASH_") && $0.key != "ENV" && $0.key != "ZDOTDIR" }
        environment["HOME"] = home
        environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["TERM"] = "dumb"
        environment.merge(extra) { _, given in given }
        return try await Installed.run(Installed.which(shell)!, arguments, environment: environment)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

enum Installed {
    /// The repository root, from this file's path (Tests/IntegrationTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let bashCompletion = "/usr/share/bash-completion/bash_completion"

    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    static func which(_ program: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// `stripe-fc --version` of the built binary, run by its path: `stripe-fc X.Y.Z\n`.
    static func version() async throws -> String {
        let binary = try #require(FCBinary.path, Comment(rawValue: FCBinary.missingMessage))
        let result = try await run(binary, ["--version"], environment: FCEnvironment.childBase())
        let number = result.stdout.dropFirst("stripe-fc ".count).dropLast()
        try #require(result.status == 0 && result.stdout.hasPrefix("stripe-fc ") && result.stdout.hasSuffix("\n")
                     && !number.isEmpty && number.allSatisfy { $0.isNumber || $0 == "." }, "\(result)")
        return result.stdout
    }

    /// Runs a program to completion (killed after `timeout` seconds) with stdin from /dev/null.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String], timeout: Double = 60) async throws -> Run {
        let child = try ChildProcess(executable: executable, arguments: arguments, environment: environment, directory: Scratch.directory)
        let code = await child.wait(timeout: timeout)
        let run = Run(status: code ?? -1, stdout: child.stdout, stderr: child.stderr)
        try? FileManager.default.removeItem(atPath: child.stdoutPath)
        try? FileManager.default.removeItem(atPath: child.stderrPath)
        #expect(code != nil, "\(executable) \(arguments.joined(separator: " ")) was still running after \(timeout) s and was killed")
        return run
    }

    /// Single-quoted for bash, zsh and fish alike (the scratch paths quoted here hold no quote).
    static func quoted(_ text: String) -> String {
        precondition(!text.contains("'"), "a quote in \(text)")
        return "'" + text + "'"
    }
}
