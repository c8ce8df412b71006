// The start-up floor for bench/cli_startup.sh: a Swift program that loads Foundation (as stripe-fc
// does; since issue 12 it no longer loads FoundationNetworking, its transport being libcurl called
// directly) and prints one line. stripe-fc --version over this is stripe-fc's own cost.
// Not part of the package; the script compiles it with `swiftc -O`.
import Foundation

print("floor \(ProcessInfo.processInfo.processIdentifier > 0)")
