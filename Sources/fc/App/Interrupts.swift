import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT cancels the running command, so `--wait`, `--all` and `events follow` stop cleanly:
/// the renderer closes what it started (a JSON array gets its `]`) and stripe-fc exits 130.
/// Anything that ignores cancellation is cut off one second later, still with 130.
enum Interrupts {
    static func cancelOnSIGINT<T: Sendable>(_ task: Task<T, Never>) -> DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            task.cancel()
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) { exit(ExitCode.interrupted) }
        }
        source.resume()
        return source
    }
}
