import FCKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the sandbox could not start from its data file.
public struct SandboxDataError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    /// The file is a journal with a damaged line after its header: starting with
    /// `SandboxOptions.dataRepair` would cut it off there.
    public var repairable = false
    public var description: String { "sandbox data file \(path): \(reason)" }
}

/// What `SandboxOptions.dataRepair` cut off the end of the data file at start-up.
public struct SandboxDataRepair: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    /// The first line dropped (1 is the header).
    public let firstDroppedLine: Int
    /// Lines dropped, an unfinished last line included.
    public let droppedLines: Int
    public let droppedBytes: Int

    public var description: String {
        "repaired \(path): dropped \(droppedLines) line\(droppedLines == 1 ? "" : "s") (\(droppedBytes) byte\(droppedBytes == 1 ? "" : "s")) "
            + "from line \(firstDroppedLine) on, kept the \(firstDroppedLine - 1) before it"
    }
}

/// Why one append to the data file failed; nothing of it stays in the file.
struct JournalWriteError: Error {
    let code: Int32
    var reason: String { String(cString: strerror(code)) }
}

/// The two system calls an append makes, injectable so tests can fill the disk at will.
struct JournalFileIO: Sendable {
    /// `write(2)`: the count written, or -1 with `errno` set.
    var write: @Sendable (Int32, UnsafeRawBufferPointer) -> Int
    /// `fsync(2)`: 0, or -1 with `errno` set.
    var sync: @Sendable (Int32) -> Int32

    static let system = JournalFileIO(
        write: { fd, bytes in posixWrite(fd, bytes.baseAddress!, bytes.count) },
        sync: { fsync($0) })
}

/// Ids a request took before its journal write failed: its changes were rolled back, but the
/// counter stays past them so no id is handed out twice. The next line that reaches the file
/// carries the skip, so a replay moves the counter at the same point (after the time-driven
/// changes due by `time`) and every later id comes out the same.
struct IdSkip: Sendable, Equatable {
    let time: Double
    let counter: UInt64
}

/// One state-changing request, as written to the data file: replaying the requests in order,
/// at their recorded times and with their recorded request ids, rebuilds the state exactly
/// (ids come from the seed and a counter; world data comes from the seed).
struct JournalEntry: Sendable {
    let time: Double
    let requestId: String
    let method: String
    let path: String
    let query: String
    let headers: [(name: String, value: String)]
    let body: [UInt8]
    /// Id skips since the previous line, oldest first.
    var skips: [IdSkip] = []

    /// Headers worth keeping: never the API key.
    static let keptHeaders = ["idempotency-key", "stripe-version", "content-type", "stripe-account"]

    var json: JSON {
        var o = JSONObject()
        o["t"] = .number(String(time))
        o["rid"] = .string(requestId)
        o["m"] = .string(method)
        o["p"] = .string(path)
        o["q"] = .string(query)
        o["h"] = .array(headers.map { [.string($0.name), .string($0.value)] })
        o["b"] = .string(Data(body).base64EncodedString())
        if !skips.isEmpty { o["s"] = .array(skips.map { [.number(String($0.time)), .string(String($0.counter))] }) }
        return .object(o)
    }

    init(time: Double, requestId: String, request: SandboxRequest) {
        self.time = time
        self.requestId = requestId
        method = request.method
        path = request.path
        query = request.query
        headers = request.headers.filter { JournalEntry.keptHeaders.contains($0.name.lowercased()) }
        body = request.body
    }

    init?(_ json: JSON) {
        guard let t = json["t"]?.doubleValue, let rid = json["rid"]?.stringValue, let m = json["m"]?.stringValue,
              let p = json["p"]?.stringValue, let q = json["q"]?.stringValue, let h = json["h"]?.arrayValue,
              let b = json["b"]?.stringValue, let data = Data(base64Encoded: b) else { return nil }
        time = t
        requestId = rid
        method = m
        path = p
        query = q
        headers = h.compactMap { pair in
            guard let name = pair[0]?.stringValue, let value = pair[1]?.stringValue else { return nil }
            return (name, value)
        }
        body = [UInt8](data)
        if let s = json["s"] {
            guard let list = s.arrayValue else { return nil }
            for pair in list {
                guard let t = pair[0]?.doubleValue, let c = pair[1]?.stringValue.flatMap({ UInt64($0) }) else { return nil }
                skips.append(IdSkip(time: t, counter: c))
            }
        }
    }

    var request: SandboxRequest {
        SandboxRequest(method: method, path: path, query: query, headers: headers, body: body)
    }
}

/// The append-only data file: a header line (format, seed, transactions per account), then one
/// JSON line per state-changing request, each fsynced before its response leaves. A failed
/// append is cut off again, so the file only ever holds whole, acknowledged lines.
final class Journal {
    let path: String
    let fd: Int32
    private let io: JournalFileIO
    /// The file's length up to its last whole line.
    private var committedLength: off_t
    /// A failed append could not be cut off; the next append tries again before writing.
    private var needsCut = false

    private init(path: String, fd: Int32, io: JournalFileIO, length: off_t) {
        self.path = path
        self.fd = fd
        self.io = io
        committedLength = length
    }

    /// Unlocks before closing: a process being started elsewhere in this one holds a copy of
    /// the descriptor until its exec, and a lock left to the last close would go with it.
    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// Opens (creating if needed) and reads the file. The file's seed and transaction count
    /// win over `options` so the derived world stays the one the state was built on. A torn
    /// last line (a crash mid-write, so its response was never sent) is cut off; anything
    /// else unreadable is an error, unless `options.dataRepair` asks to cut the file off at
    /// the last good line (never before the header).
    static func open(path: String, options: SandboxOptions, io: JournalFileIO = .system)
        throws(SandboxDataError) -> (journal: Journal, options: SandboxOptions, entries: [JournalEntry], repair: SandboxDataRepair?) {
        func fail(_ reason: String) -> SandboxDataError { SandboxDataError(path: path, reason: reason) }
        var effective = options
        var entries: [JournalEntry] = []
        var validLength = 0
        var needsHeader = true
        var repair: SandboxDataRepair? = nil
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot be read") }
            let bytes = [UInt8](data)
            var start = 0
            var lineNumber = 0
            while start < bytes.count {
                guard let end = bytes[start...].firstIndex(of: 0x0A) else { break }  // torn tail
                lineNumber += 1
                let line = bytes[start..<end]
                let json = try? JSON.parse(line)
                if lineNumber == 1 {
                    guard let json else { throw fail("line 1 is not valid JSON") }
                    guard json["format"]?.stringValue == "fc-sandbox-journal-1", let seed = json["seed"]?.stringValue.flatMap({ UInt64($0) }),
                          let perAccount = json["transactions_per_account"]?.intValue
                    else { throw fail("not a stripe-fc sandbox data file") }
                    effective.seed = seed
                    effective.transactionsPerAccount = perAccount
                    needsHeader = false
                } else if let entry = json.flatMap(JournalEntry.init) {
                    entries.append(entry)
                } else {
                    let what = json == nil ? "is not valid JSON" : "is not a sandbox journal entry"
                    guard options.dataRepair else {
                        var error = fail("line \(lineNumber) \(what)")
                        error.repairable = true
                        throw error
                    }
                    let rest = bytes[start...]
                    let lines = rest.count(where: { $0 == 0x0A }) + (rest.last == 0x0A ? 0 : 1)
                    repair = SandboxDataRepair(path: path, firstDroppedLine: lineNumber, droppedLines: lines, droppedBytes: rest.count)
                    break
                }
                start = end + 1
                validLength = start
            }
            if lineNumber == 0, bytes.count > 0, !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) {
                // A header that never got its newline: a crash while creating the file.
                validLength = 0
            } else if repair == nil, options.dataRepair, validLength < bytes.count, lineNumber > 0 {
                // Asked to repair, so say what goes, the unfinished last line included.
                repair = SandboxDataRepair(path: path, firstDroppedLine: lineNumber + 1, droppedLines: 1, droppedBytes: bytes.count - validLength)
            }
        }
        let fd = posixOpen(path)
        guard fd >= 0 else { throw fail("cannot be opened for writing (errno \(errno))") }
        let journal = Journal(path: path, fd: fd, io: io, length: off_t(validLength))
        // One sandbox per data file: two appending at once would interleave their histories.
        if flock(fd, LOCK_EX | LOCK_NB) != 0 { throw fail("is in use by another stripe-fc sandbox") }
        if ftruncate(fd, off_t(validLength)) != 0 { throw fail("cannot be truncated (errno \(errno))") }
        _ = lseek(fd, 0, SEEK_END)
        if repair != nil { _ = fsync(fd) }
        if needsHeader {
            defer { syncDirectory(of: path) }
            var header = JSONObject()
            header["format"] = "fc-sandbox-journal-1"
            header["seed"] = .string(String(effective.seed))
            header["transactions_per_account"] = .int(effective.transactionsPerAccount)
            do throws(JournalWriteError) {
                try journal.write(JSON.object(header))
            } catch {
                throw fail("cannot be written (\(error.reason))")
            }
        }
        return (journal, effective, entries, repair)
    }

    /// Appends one line and waits until it is on disk. On failure the partial line is cut off
    /// again, so the file still ends with the last acknowledged line.
    func write(_ json: JSON) throws(JournalWriteError) {
        if needsCut { try cutToCommitted() }
        let bytes = Array((json.serialized() + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { io.write(fd, $0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw failed(n < 0 ? errno : EIO) }
            offset += n
        }
        guard io.sync(fd) == 0 else { throw failed(errno) }
        committedLength += off_t(bytes.count)
    }

    func append(_ entry: JournalEntry) throws(JournalWriteError) { try write(entry.json) }

    /// Cuts off what a failed append left, and hands back its error.
    private func failed(_ code: Int32) -> JournalWriteError {
        do throws(JournalWriteError) { try cutToCommitted() } catch { needsCut = true }
        return JournalWriteError(code: code)
    }

    private func cutToCommitted() throws(JournalWriteError) {
        guard ftruncate(fd, committedLength) == 0, lseek(fd, committedLength, SEEK_SET) == committedLength else {
            throw JournalWriteError(code: errno)
        }
        _ = io.sync(fd)
        needsCut = false
    }
}

private func posixOpen(_ path: String) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
    #else
    return Darwin.open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
    #endif
}

private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

/// After creating the file, its directory entry must reach the disk too.
private func syncDirectory(of path: String) {
    let dir = (path as NSString).deletingLastPathComponent
    #if canImport(Glibc)
    let fd = Glibc.open(dir.isEmpty ? "." : dir, O_RDONLY)
    #else
    let fd = Darwin.open(dir.isEmpty ? "." : dir, O_RDONLY)
    #endif
    if fd >= 0 { _ = fsync(fd); close(fd) }
}
