import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A closed stdout (`stripe-fc … | head -1`) must end stripe-fc quietly, not kill it with SIGPIPE.
signal(SIGPIPE, SIG_IGN)
let command = Task { await FC.run(argv: Array(CommandLine.arguments.dropFirst()), environment: .standard()) }
let interrupts = Interrupts.cancelOnSIGINT(command)
exit(await command.value)
