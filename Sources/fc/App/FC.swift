import FCKit
import Foundation

/// The whole CLI as a function: argv and an environment in, an exit code out.
/// `main.swift` calls it with the real environment; tests call it with captured IO and a fake transport.
enum FC {
    static let version = "0.1.0"
    /// What `--version` and `stripe-fc version` print.
    static let versionLine = "stripe-fc \(version)\n"

    static func run(argv: [String], environment: AppEnvironment) async -> Int32 {
        defer { environment.io.out.flush() }
        let io = environment.io
        let invocation: ParsedInvocation
        do throws(UsageError) {
            invocation = try Parser(root: CommandTree.root, environment: environment.variables).parse(argv)
        } catch {
            return ErrorReporter(io: io, jsonErrors: wantsJSON(argv, environment: environment.variables))
                .reportUsage(error.message, commandPath: error.commandPath)
        }
        if invocation.versionRequested {
            io.out.write(versionLine)
            return ExitCode.success
        }
        guard !invocation.helpRequested, let run = invocation.command.run else {
            io.out.write(Help.render(invocation.command, path: invocation.path, width: io.width))
            return ExitCode.success
        }
        let config = CommandContext.readConfig(environment.variables)
        let settings = outputSettings(invocation, environment: environment, config: config)
        var reporter = ErrorReporter(io: io, jsonErrors: settings.machineStderr)
        let readable = ConfigFile.readablePath(environment: environment.variables)
        if readable.isLegacy {
            reporter.say("warning", "reading \(readable.path), the file of stripe-fc's old name; "
                          + "the next 'stripe-fc config set' writes its settings to \(ConfigFile.path(environment: environment.variables))")
        }
        if let fields = settings.fields, let code = Fields.answer(fields, invocation: invocation, format: settings.format, io: io, reporter: reporter) {
            return code
        }
        var context = CommandContext(invocation: invocation, environment: environment, output: settings, config: config,
                                     concurrency: AdaptiveConcurrency(maximum: invocation.int("concurrency") ?? 8))
        let writes = RememberedWrites.begin(&context)
        var failure: (any Error)?
        do {
            let output = try await run(context)
            try await Renderer(io: io, settings: settings).render(output)
        } catch {
            failure = error
        }
        // Ctrl-C can end a stream quietly between items (an unfolding stream finishes when
        // cancelled): the output was cut short all the same.
        let cancelled = Task.isCancelled
        writes.finish(error: failure, cancelled: cancelled, writeAnswered: context.writeAnswered.isSet)
        if let stopped = failure as? StoppedBySignal { return stopped.exitCode }
        // An unknown outcome is said even after Ctrl-C: the write may have happened.
        if cancelled, !RememberedWrites.isUnknownOutcome(failure) { return ExitCode.interrupted }
        guard let failure else { return ExitCode.success }
        reporter.rerun = RememberedWrites.rerunLine(argv, base: context.idempotencyBase)
        return reporter.report(failure)
    }

    /// Whether argv or the environment asked for JSON output, read without the parser (which failed).
    static func wantsJSON(_ argv: [String], environment: [String: String]) -> Bool {
        let machine: Set<String> = ["json", "jsonl"]
        var json = false
        for (i, token) in argv.enumerated() {
            if token == "--json" { json = true }
            // An explicit --format decides, even beside --json (that pair is itself the usage error).
            if token.hasPrefix("--format=") { return machine.contains(String(token.dropFirst(9))) }
            if token == "--format", i + 1 < argv.count { return machine.contains(argv[i + 1]) }
        }
        return json || machine.contains(environment["FC_FORMAT"] ?? "")
    }

    /// `--format` > `--json` > `FC_FORMAT` > profile `format` > table on a terminal, json otherwise.
    /// `config` is the file as already read for this run; nil reads it.
    static func outputSettings(_ invocation: ParsedInvocation, environment: AppEnvironment,
                               config: Result<ConfigFile, ConfigError>? = nil) -> OutputSettings {
        let profile = try? (config ?? CommandContext.readConfig(environment.variables)).get()
        let io = environment.io
        var format: OutputFormat
        if invocation.explicit.contains("format"), let f = invocation.string("format").flatMap(OutputFormat.init) {
            format = f
        } else if invocation.flag("json") {
            format = .json
        } else if let f = invocation.string("format").flatMap(OutputFormat.init) {
            format = f
        } else if let f = profile?.value("format", profile: invocation.string("profile") ?? "default").flatMap(OutputFormat.init) {
            format = f
        } else {
            format = io.stdoutIsTTY ? .table : invocation.command.pipeFormat
        }
        let noColor = invocation.flag("no-color") || !(environment.variables["NO_COLOR"] ?? "").isEmpty
        let zone = invocation.flag("utc") ? TimeZone(identifier: "UTC")! : TimeFormat.zone(fromTZ: environment.variables["TZ"]) ?? environment.timeZone
        let explicit = invocation.explicit.contains("format") || invocation.flag("json") || environment.variables["FC_FORMAT"] != nil
        return OutputSettings(
            format: format, fields: invocation.values["fields"], quiet: invocation.flag("quiet"),
            color: io.stdoutIsTTY && !noColor, width: io.stdoutIsTTY ? (io.width ?? 80) : nil, timeZone: zone,
            machineStderr: explicit && (format == .json || format == .jsonl))
    }
}
