import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file or nothing: a temporary file beside it (mode 0600), fsync, rename over
/// the old one, fsync of the folder. A crash leaves the old file or the new, never half of one.
public enum AtomicFile {
    /// Why a file could not be written. The message is ready to show.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw WriteError(message: "cannot create \(folder): \(error.localizedDescription)")
            }
        }
        let temp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw WriteError(message: "cannot write \(temp): \(errnoText())") }
        var ok = fchmod(fd, 0o600) == 0
        var written = 0
        while ok && written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ok = false } else { written += n }
        }
        ok = ok && fsync(fd) == 0
        let failure = ok ? nil : errnoText()
        close(fd)
        guard ok, rename(temp, path) == 0 else {
            let reason = failure ?? errnoText()
            unlink(temp)
            throw WriteError(message: "cannot write \(path): \(reason)")
        }
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
