import FCKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text stream: a real file descriptor, or a buffer that tests read back.
/// A write to a closed pipe marks the stream closed instead of raising SIGPIPE,
/// so `stripe-fc … | head -1` ends quietly.
///
/// The one place text is made safe on its way out: on a terminal, control characters in what
/// is written are shown visibly (`TerminalText`); on stderr, which never carries results, every
/// secret is masked (`Secrets.redact`). Only `raw` writes the program's own escapes (colour, the
/// progress line) as they are.
final class TextStream: @unchecked Sendable {
    private let fd: Int32?
    /// Collects writes into blocks instead of one system call per line (stdout on a pipe).
    private let buffered: Bool
    /// A terminal: control characters are made visible.
    private let sanitizes: Bool
    /// Secrets are masked (stderr).
    private let redacts: Bool
    private let lock = NSLock()
    private var buffer = ""
    private var pending: [UInt8] = []
    private var closed = false
    private static let blockSize = 64 * 1024

    /// Writes to a file descriptor; `buffered` streams write in 64 KiB blocks and on `flush()`.
    init(fd: Int32, buffered: Bool = false, sanitizes: Bool = false, redacts: Bool = false) {
        self.fd = fd
        self.buffered = buffered
        self.sanitizes = sanitizes
        self.redacts = redacts
    }

    /// Collects text in memory (tests).
    init(sanitizes: Bool = false, redacts: Bool = false) {
        self.fd = nil
        self.buffered = false
        self.sanitizes = sanitizes
        self.redacts = redacts
    }

    var isClosed: Bool { lock.withLock { closed } }

    /// Everything written so far (buffer streams only).
    var text: String { lock.withLock { buffer } }

    func write(_ text: String) {
        var text = text
        if redacts { text = Secrets.redact(text) }
        if sanitizes { text = TerminalText.visible(text) }
        raw(text)
    }

    /// Writes the program's own escapes (colour, a progress line rewritten in place) as they are.
    func raw(_ text: String) {
        lock.withLock {
            guard !closed else { return }
            guard let fd else { buffer += text; return }
            pending.append(contentsOf: text.utf8)
            if !buffered || pending.count >= Self.blockSize { drain(fd) }
        }
    }

    func line(_ text: String = "") { write(text + "\n") }

    /// Writes out whatever is buffered.
    func flush() {
        lock.withLock {
            if let fd, !closed { drain(fd) }
        }
    }

    private func drain(_ fd: Int32) {
        var bytes = pending[...]
        defer { pending.removeAll(keepingCapacity: true) }
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(fd, raw.baseAddress, raw.count)
                #else
                Darwin.write(fd, raw.baseAddress, raw.count)
                #endif
            }
            if n < 0 {
                if errno == EINTR { continue }
                closed = true  // EPIPE or any other write failure: stop writing, quietly
                return
            }
            bytes = bytes.dropFirst(n)
        }
    }
}

/// The process's streams and terminal facts, injected so tests can set every one of them.
struct IO: Sendable {
    var out: TextStream
    var err: TextStream
    var readLine: @Sendable () -> String?
    var stdoutIsTTY: Bool
    var stderrIsTTY: Bool
    var stdinIsTTY: Bool
    /// Terminal columns (from the terminal, else `COLUMNS`), nil when unknown.
    var width: Int?

    static func standard(environment: [String: String]) -> IO {
        let width: Int? = {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
            return environment["COLUMNS"].flatMap { Int($0) }
        }()
        let stdoutIsTTY = isatty(STDOUT_FILENO) == 1
        let stderrIsTTY = isatty(STDERR_FILENO) == 1
        return IO(
            out: TextStream(fd: STDOUT_FILENO, buffered: !stdoutIsTTY, sanitizes: stdoutIsTTY),
            err: TextStream(fd: STDERR_FILENO, sanitizes: stderrIsTTY, redacts: true),
            readLine: { Swift.readLine() },
            stdoutIsTTY: stdoutIsTTY, stderrIsTTY: stderrIsTTY,
            stdinIsTTY: isatty(STDIN_FILENO) == 1, width: width)
    }

    /// In-memory streams for tests; TTY flags as given.
    static func captured(tty: Bool = false, width: Int? = 100, input: [String] = []) -> IO {
        let lines = LockedQueue(input)
        return IO(out: TextStream(sanitizes: tty), err: TextStream(sanitizes: tty, redacts: true), readLine: { lines.pop() },
                  stdoutIsTTY: tty, stderrIsTTY: tty, stdinIsTTY: tty, width: width)
    }
}

final class LockedQueue: @unchecked Sendable {
    private var items: [String]
    private let lock = NSLock()
    init(_ items: [String]) { self.items = items }
    func pop() -> String? { lock.withLock { items.isEmpty ? nil : items.removeFirst() } }
}
