// The start-up floor for bench/cli_startup.sh: a Swift program that loads Foundation and
// FoundationNetworking (as fc does) and prints one line. fc --version over this is fc's own cost.
// Not part of the package; the script compiles it with `swiftc -O`.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

let session = URLSession.shared  // touch FoundationNetworking so the linker keeps it
_ = session
print("floor \(ProcessInfo.processInfo.processIdentifier > 0)")
