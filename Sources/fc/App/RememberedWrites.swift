import FCKit
import Foundation

/// Makes a rerun of a write safe when the first run's outcome is unknown. For the commands that
/// create things (`pay`, `customers create`, `sessions create`), the run's base idempotency key is
/// recorded in `PendingWrites` before anything is sent and forgotten once the outcome is known;
/// an identical rerun within 24 hours finds it and reuses it, so Stripe replays instead of
/// charging twice. `--idempotency-key` (the caller keeps the key) and `--new` (a fresh start) skip it.
struct RememberedWrites {
    let path: String
    /// The command as a rerun must match it, or nil when this run remembers nothing.
    let command: String?
    let now: Double

    /// Chooses the run's base key and records it; says so when it reuses one.
    static func begin(_ context: inout CommandContext) -> RememberedWrites {
        let path = PendingWrites.path(environment: context.variables)
        let now = context.environment.now()
        if let explicit = context.string("idempotency-key") { context.idempotencyBase = explicit }
        guard context.invocation.command.remembersWrites, context.string("idempotency-key") == nil, !context.flag("dry-run"),
              let configuration = try? context.clientConfiguration(warn: false) else {
            return RememberedWrites(path: path, command: nil, now: now)
        }
        let command = canonical(context, configuration)
        var reused: PendingWrites.Entry?
        let fresh = context.idempotencyBase, new = context.flag("new")
        do {
            try PendingWrites.update(path: path) { ledger in
                reused = new ? nil : ledger.entry(for: command, now: now)
                // This run's entry (the reused key, now sent again by this process, or a fresh one).
                let key = reused?.idempotencyKey ?? fresh
                ledger.record(command, PendingWrites.Entry(command: command, idempotencyKey: key, created: reused?.created ?? now), now: now)
            }
        } catch {
            context.warn("could not record the idempotency key in \(path) (\(error.message)); if this run's outcome is unknown, rerun with --idempotency-key \(fresh)")
        }
        if let reused {
            context.idempotencyBase = reused.idempotencyKey
            let zone = context.output.timeZone
            context.note("the same command ran at \(TimeFormat.local(Int(reused.created), timeZone: zone)) (\(TimeFormat.zoneLabel(zone))) and its outcome is unknown: reusing its idempotency key \(reused.idempotencyKey), so Stripe answers with what it did instead of doing it twice (--new starts afresh)")
        }
        return RememberedWrites(path: path, command: command, now: now)
    }

    /// Forgets the key once the outcome is known: the run succeeded, or a write got an answer that
    /// says what became of it. Otherwise (no answer, Ctrl-C, or a failure before any write was
    /// answered — a rerun whose account read failed must not lose the earlier run's key) marks it
    /// as ended, so the next identical run reuses it.
    func finish(error: (any Error)?, cancelled: Bool, writeAnswered: Bool) {
        guard let command else { return }
        let unknown = cancelled || Self.isUnknownOutcome(error) || (error != nil && !writeAnswered)
        let me = getpid()
        try? PendingWrites.update(path: path) { ledger in
            let mine = ledger.entries.last { $0.command == command && $0.pid == me }
            ledger.record(command, unknown ? mine.map { var ended = $0; ended.pid = 0; return ended } : nil, now: now)
        }
    }

    /// A write that was sent and got no answer.
    static func isUnknownOutcome(_ error: (any Error)?) -> Bool {
        guard let error = error as? ClientError, case .outcomeUnknown = error else { return false }
        return true
    }

    /// Path, arguments and options that shape the request (not how output looks), API base,
    /// account and masked key: two runs with the same canonical form would send the same writes.
    static func canonical(_ context: CommandContext, _ configuration: ClientConfiguration) -> String {
        let presentation: Set<String> = ["idempotency-key", "new", "format", "json", "fields", "quiet", "verbose", "no-color", "utc", "yes",
                                          "dry-run", "timeout", "max-retries", "concurrency", "wait", "wait-timeout", "api-key", "profile",
                                          "base-url", "stripe-account", "insecure-http", "max-response-size", "ca-bundle"]
        let options = context.invocation.values.keys.filter { !presentation.contains($0) }.sorted().map { name in
            "--\(name)=" + context.invocation.strings(name).joined(separator: ",")
        }
        let parts = ["stripe-fc"] + context.invocation.path + context.invocation.positionals + options
            + ["@" + configuration.baseURL, configuration.stripeAccount ?? "-", Secrets.mask(configuration.apiKey)]
        return parts.joined(separator: " ")
    }

    /// The command line that retries safely from anywhere: this run's arguments with its base key.
    static func rerunLine(_ argv: [String], base: String) -> String {
        var words: [String] = []
        var skip = false
        for word in argv {
            if skip { skip = false; continue }
            if word == "--idempotency-key" { skip = true; continue }
            if word.hasPrefix("--idempotency-key=") || word == "--new" { continue }
            words.append(word)
        }
        let quoted = (["stripe-fc"] + words + ["--idempotency-key", base]).map { word in
            word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@,=+".contains($0) } ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return quoted.joined(separator: " ")
    }
}
