import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The idempotency keys of writes whose outcome is not known yet, so an identical rerun reuses
/// the key and Stripe replays the first answer instead of charging (or creating) twice. A JSON
/// file under `$XDG_STATE_HOME/stripe-fc/` (mode 0600), one entry per command, kept for Stripe's
/// key lifetime (24 hours). Written before the write is sent (with the writer's pid) and removed
/// once its outcome is known; an entry is reused only once its writer has ended, so the same
/// command run twice at once stays two commands.
public struct PendingWrites: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The command as a canonical string (path, parameters, API base, masked key): what a rerun must match.
        public var command: String
        public var idempotencyKey: String
        /// Unix seconds when the key was first used.
        public var created: Double
        /// The process still sending it; 0 once it ended with the outcome unknown.
        public var pid: Int32

        public init(command: String, idempotencyKey: String, created: Double, pid: Int32 = getpid()) {
            self.command = command
            self.idempotencyKey = idempotencyKey
            self.created = created
            self.pid = pid
        }

        /// Its writer has ended (said so, or died: `kill -9` included).
        public var writerEnded: Bool { pid == 0 || (kill(pid, 0) != 0 && errno == ESRCH) }
    }

    public static let lifetime: Double = 24 * 3600
    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// `$XDG_STATE_HOME/stripe-fc/pending-writes.json`, else `$HOME/.local/state/stripe-fc/pending-writes.json`.
    public static func path(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return (state as NSString).appendingPathComponent("stripe-fc/pending-writes.json")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/state/stripe-fc/pending-writes.json")
    }

    /// The entries in the file; a missing or unreadable file is none (it only ever helps).
    public static func load(path: String) -> PendingWrites {
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSON.parse(String(decoding: data, as: UTF8.self)),
              let items = json["entries"]?.arrayValue else { return PendingWrites() }
        return PendingWrites(entries: items.compactMap { item in
            guard let command = item["command"]?.stringValue, let key = item["idempotency_key"]?.stringValue,
                  let created = item["created"]?.doubleValue else { return nil }
            return Entry(command: command, idempotencyKey: key, created: created, pid: Int32(item["pid"]?.intValue ?? 0))
        })
    }

    public func save(path: String) throws(AtomicFile.WriteError) {
        let items: [JSON] = entries.map { entry in
            ["command": .string(entry.command), "idempotency_key": .string(entry.idempotencyKey), "created": .int(Int(entry.created)),
             "pid": .int(entry.pid)]
        }
        let json: JSON = ["entries": .array(items)]
        try AtomicFile.write(Array((json.serialized(pretty: true) + "\n").utf8), to: path)
    }

    /// The entry a rerun of `command` may reuse: unexpired, its writer ended.
    public func entry(for command: String, now: Double) -> Entry? {
        entries.last { $0.command == command && now - $0.created < Self.lifetime && $0.writerEnded }
    }

    /// Loads the file, changes it and writes it back under an exclusive lock, so stripe-fc
    /// processes running side by side never lose each other's entries.
    public static func update(path: String, _ change: (inout PendingWrites) -> Void) throws(AtomicFile.WriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let lock = open(path + ".lock", O_WRONLY | O_CREAT, 0o600)
        defer { if lock >= 0 { close(lock) } }
        if lock >= 0 { _ = flock(lock, LOCK_EX) }
        var ledger = load(path: path)
        change(&ledger)
        try ledger.save(path: path)
    }

    /// Drops expired entries and the entries of `command` written by this process; adds `entry`.
    public mutating func record(_ command: String, _ entry: Entry?, now: Double) {
        let me = getpid()
        entries.removeAll { now - $0.created >= Self.lifetime || ($0.command == command && ($0.pid == me || $0.writerEnded)) }
        if let entry { entries.append(entry) }
    }
}
