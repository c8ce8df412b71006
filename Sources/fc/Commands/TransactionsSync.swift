import FCKit
import Foundation

/// `stripe-fc transactions sync`: every transaction once, then only what later refreshes created
/// or updated, with a cursor per account (the latest successful transaction refresh) kept in a
/// state file that advances only after the output was written.
enum TransactionsSync {
    static let command = CommandSpec(
        name: "sync", summary: "Print the transactions new or updated since the last sync",
        description: "The first run prints every transaction of the accounts and records, per account, the id of its latest successful transaction_refresh in the --state file. Later runs print only the transactions that refreshes after it created or updated (transaction_refresh[after]), then advance each account's cursor. The file is replaced atomically (temporary file, fsync, rename) and only after the output was written: a crash, Ctrl-C or a closed pipe leaves the cursors where they were, so nothing is ever skipped (a transaction may come twice, as an update does: keep them by id). An account that fails keeps its cursor. A state file that is not one, or that tracks other accounts, is refused, never reset.",
        usage: ["(fca_…... | --customer cus_…) --state FILE [--refresh [--wait]]"],
        options: [
            OptionSpec(name: "customer", valueName: "cus_…", kind: .id(["cus_"]), help: "Every account of this customer with the transactions permission."),
            OptionSpec(name: "state", valueName: "FILE", kind: .path, help: "The cursors of the last sync (created by the first run).", required: true),
            .flag("refresh", help: "Refresh transactions first (features[]=transactions); skipped for an account inside Stripe's cooldown."),
        ] + AccountsRefresh.waitOptions,
        positionals: [PositionalSpec(name: "ACCOUNT", kind: .id(["fca_"]), help: "Linked account ids (fca_…).", required: false, variadic: true)],
        examples: [
            "$ stripe-fc transactions sync --customer cus_123 --state transactions.sync --format jsonl",
            "$ stripe-fc transactions sync fca_123 --state fca_123.sync --refresh --wait --format csv",
        ],
        view: Transactions.view(multipleAccounts: true), run: run)

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let path = context.string("state")!
        let scope = context.string("customer").map { "customer \($0)" } ?? "accounts " + context.positionals.uniqued.sorted().joined(separator: " ")
        let saved = try SyncState.load(path)
        if let saved, saved.scope != scope {
            throw CLIError.usage("state file \(path) tracks \(saved.scope), not \(scope)", hint: "give each account set its own --state file")
        }
        let (batch, refreshProblem) = try await Transactions.listable(context)
        let cursors = saved?.cursors ?? [:]
        let sources = batch.accounts.compactMap { $0["id"]?.stringValue }.map { id -> (account: String, params: JSONObject) in
            (id, cursors[id].map { ["transaction_refresh": ["after": .string($0)]] } ?? [:])
        }
        // Read before listing: a refresh that ends meanwhile is listed again next time, never skipped.
        var latest: [String: String] = [:]
        for account in batch.accounts where account["transaction_refresh"]?["status"]?.stringValue == "succeeded" {
            if let id = account["id"]?.stringValue, let refresh = account["transaction_refresh"]?["id"]?.stringValue { latest[id] = refresh }
        }
        let failed = FailedAccounts()
        var merged = MergedTransactions(client: try context.client(), fleet: context.fleet("listing"), sources: sources, statuses: [],
                                        limit: nil, total: batch.total, earlierFailures: batch.failures, refreshProblem: refreshProblem)
        merged.finished = { failed.set($0) }
        let output = CommandOutput.list(merged.items(), Transactions.view(multipleAccounts: batch.total > 1))
        if context.flag("dry-run") { return output }
        let refreshes = latest
        return .committing(output) {
            var next = cursors
            for (account, refresh) in refreshes where !failed.accounts.contains(account) { next[account] = refresh }
            do throws(AtomicFile.WriteError) {
                try SyncState(scope: scope, cursors: next).save(path)
            } catch {
                throw CLIError(message: "the transactions were printed, but \(error.message); the next sync prints them again", exitCode: ExitCode.failure)
            }
        }
    }

    /// Which accounts' listings failed, filled in when the listing ends.
    final class FailedAccounts: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Set<String> = []
        func set(_ accounts: Set<String>) { lock.withLock { value = accounts } }
        var accounts: Set<String> { lock.withLock { value } }
    }
}

/// The state file: which accounts it tracks, and each account's cursor.
struct SyncState: Equatable {
    static let format = "stripe-fc-transactions-sync-1"
    var scope: String
    var cursors: [String: String]

    /// Nil when the file does not exist yet; a usage error when it is not a sync state file.
    static func load(_ path: String) throws -> SyncState? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw CLIError.usage("cannot read state file \(path)") }
            return nil
        }
        let refuse = { (why: String) in
            CLIError.usage("state file \(path) \(why)", hint: "it is left as it is; give another --state file to start over")
        }
        guard let json = try? JSON.parse(String(decoding: data, as: UTF8.self)), json["format"]?.stringValue == format else {
            throw refuse("is not a stripe-fc transactions sync state (\(format))")
        }
        guard let scope = json["scope"]?.stringValue, let entries = json["cursors"]?.objectValue else {
            throw refuse("is damaged: it lacks scope or cursors")
        }
        var cursors: [String: String] = [:]
        for (account, cursor) in entries {
            guard account.hasPrefix("fca_"), let cursor = cursor.stringValue, cursor.hasPrefix("fctxnref_") else {
                throw refuse("is damaged: '\(account)' has no fctxnref_ cursor")
            }
            cursors[account] = cursor
        }
        return SyncState(scope: scope, cursors: cursors)
    }

    func save(_ path: String) throws(AtomicFile.WriteError) {
        var entries = JSONObject()
        for account in cursors.keys.sorted() { entries[account] = .string(cursors[account]!) }
        let json: JSON = ["format": .string(Self.format), "scope": .string(scope), "cursors": .object(entries)]
        try AtomicFile.write(Array((json.serialized(pretty: true) + "\n").utf8), to: path)
    }
}
