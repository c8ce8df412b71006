import FCKit
import Foundation

/// Work on many accounts at once, the one mechanism every multi-account command uses: at most
/// `concurrency.limit` jobs in flight (the limit falls on 429s and recovers, see
/// `AdaptiveConcurrency`), results in input order, one account's failure kept beside the others'
/// successes, and on a terminal one progress line updated in place.
struct Fleet: Sendable {
    let concurrency: AdaptiveConcurrency
    let progress: FleetProgress?

    /// Runs `job` for every item; returns each outcome at its item's index. Throws only on
    /// cancellation (Ctrl-C).
    func map<Item: Sendable, Value: Sendable>(_ items: [Item], _ job: @escaping @Sendable (Item) async throws -> Value) async throws -> [Result<Value, Error>] {
        var results = [Result<Value, Error>?](repeating: nil, count: items.count)
        var failed = 0, done = 0
        await withTaskGroup(of: (Int, Result<Value, Error>).self) { group in
            var next = 0, running = 0
            while true {
                while next < items.count, running < concurrency.limit {
                    let index = next, item = items[index]
                    group.addTask {
                        do { return (index, .success(try await job(item))) } catch { return (index, .failure(error)) }
                    }
                    next += 1
                    running += 1
                }
                guard let (index, result) = await group.next() else { break }
                results[index] = result
                running -= 1
                done += 1
                if case .failure = result { failed += 1 }
                progress?.update(done: done, of: items.count, failed: failed)
            }
        }
        progress?.finish()
        try Task.checkCancellation()
        return results.map { $0! }
    }
}

/// `refreshing 37/100 · 2 failed`, rewritten in place on a terminal's stderr; nothing elsewhere.
extension CommandOutput {
    /// What a bulk command prints: the accounts that succeeded, then the failures' error; when
    /// none succeeded, the error alone (an empty list would read as "nothing to show").
    static func partial(_ objects: [JSON], _ view: View, failure: (any Error)?) throws -> CommandOutput {
        guard let failure else { return .list(objects, view) }
        if objects.isEmpty { throw failure }
        return .failing(.list(objects, view), failure)
    }
}

struct FleetProgress: Sendable {
    let stream: TextStream
    let label: String

    func update(done: Int, of total: Int, failed: Int) {
        guard total > 1 else { return }
        stream.raw("\r\u{1B}[K\(label) \(done)/\(total)" + (failed > 0 ? " · \(failed) failed" : ""))
    }

    func finish() { stream.raw("\r\u{1B}[K") }
}

/// What went wrong for one account in a bulk command.
struct AccountFailure: Sendable {
    var account: String
    /// What was being done: `retrieve`, `balance refresh`, `transactions`, ….
    var step: String
    var error: any Error
    /// What to report when this was the only account asked for (else `error` as it is).
    var alone: (any Error)? = nil
}

extension AccountFailure {
    /// Exit 1 (or, when nothing succeeded and every failure says the same, that failure's code):
    /// `N of M accounts failed`, each failure a line on stderr (or an entry in the JSON error).
    /// One account asked for: its own error, as a single-account command reports it.
    static func summary(_ failures: [AccountFailure], of total: Int, succeeded: Int) -> (any Error)? {
        guard !failures.isEmpty else { return nil }
        if total == 1, failures.count == 1 { return failures[0].alone ?? failures[0].error }
        let details = failures.map { failure -> JSONObject in
            var fields = ErrorReporter.fields(of: failure.error).fields
            fields["account"] = .string(failure.account)
            fields["step"] = .string(failure.step)
            return fields
        }
        let codes = Set(failures.map { ErrorReporter.fields(of: $0.error).code })
        let code = succeeded == 0 && codes.count == 1 ? codes.first! : ExitCode.failure
        let noun = total == 1 ? "account" : "accounts"
        return CLIError(message: "\(failures.count) of \(total) \(noun) failed", exitCode: code, failures: details)
    }
}

extension CommandContext {
    /// The fleet for this run; `label` names the work in the progress line. A dry run goes one
    /// request at a time, so the requests it prints come in input order.
    func fleet(_ label: String) -> Fleet {
        let show = io.stderrIsTTY && !output.machineStderr
        return Fleet(concurrency: flag("dry-run") ? AdaptiveConcurrency(maximum: 1) : concurrency,
                     progress: show ? FleetProgress(stream: io.err, label: label) : nil)
    }
}
