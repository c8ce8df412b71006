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
    public var description: String { "sandbox data file \(path): \(reason)" }
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
    }

    var request: SandboxRequest {
        SandboxRequest(method: method, path: path, query: query, headers: headers, body: body)
    }
}

/// The append-only data file: a header line (format, seed, transactions per account), then one
/// JSON line per state-changing request, each fsynced before its response leaves.
final class Journal {
    let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    /// Opens (creating if needed) and reads the file. The file's seed and transaction count
    /// win over `options` so the derived world stays the one the state was built on. A torn
    /// last line (a crash mid-write, so its response was never sent) is cut off; anything
    /// else unreadable is an error.
    static func open(path: String, options: SandboxOptions) throws(SandboxDataError) -> (Journal, SandboxOptions, [JournalEntry]) {
        func fail(_ reason: String) -> SandboxDataError { SandboxDataError(path: path, reason: reason) }
        var effective = options
        var entries: [JournalEntry] = []
        var validLength = 0
        var needsHeader = true
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot be read") }
            let bytes = [UInt8](data)
            var start = 0
            var lineNumber = 0
            while start < bytes.count {
                guard let end = bytes[start...].firstIndex(of: 0x0A) else { break }  // torn tail
                lineNumber += 1
                let line = bytes[start..<end]
                guard let json = try? JSON.parse(line) else { throw fail("line \(lineNumber) is not valid JSON") }
                if lineNumber == 1 {
                    guard json["format"]?.stringValue == "fc-sandbox-journal-1", let seed = json["seed"]?.stringValue.flatMap({ UInt64($0) }),
                          let perAccount = json["transactions_per_account"]?.intValue
                    else { throw fail("not a stripe-fc sandbox data file") }
                    effective.seed = seed
                    effective.transactionsPerAccount = perAccount
                    needsHeader = false
                } else {
                    guard let entry = JournalEntry(json) else { throw fail("line \(lineNumber) is not a sandbox journal entry") }
                    entries.append(entry)
                }
                start = end + 1
                validLength = start
            }
            if lineNumber == 0, bytes.count > 0, !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) {
                // A header that never got its newline: a crash while creating the file.
                validLength = 0
            }
        }
        let fd = posixOpen(path)
        guard fd >= 0 else { throw fail("cannot be opened for writing (errno \(errno))") }
        let journal = Journal(path: path, fd: fd)
        // One sandbox per data file: two appending at once would interleave their histories.
        if flock(fd, LOCK_EX | LOCK_NB) != 0 { throw fail("is in use by another stripe-fc sandbox") }
        if ftruncate(fd, off_t(validLength)) != 0 { throw fail("cannot be truncated (errno \(errno))") }
        _ = lseek(fd, 0, SEEK_END)
        if needsHeader {
            defer { syncDirectory(of: path) }
            var header = JSONObject()
            header["format"] = "fc-sandbox-journal-1"
            header["seed"] = .string(String(effective.seed))
            header["transactions_per_account"] = .int(effective.transactionsPerAccount)
            guard journal.write(JSON.object(header)) else { throw fail("cannot be written (errno \(errno))") }
        }
        return (journal, effective, entries)
    }

    /// Appends one line and waits until it is on disk.
    @discardableResult
    func write(_ json: JSON) -> Bool {
        let bytes = Array((json.serialized() + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { posixWrite(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return fsync(fd) == 0
    }

    func append(_ entry: JournalEntry) -> Bool { write(entry.json) }
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
