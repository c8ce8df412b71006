import Foundation

/// Where the built `stripe-fc` executable is: beside the test bundle in the build products directory
/// (`.build/<triple>/debug/stripe-fc`), or `FC_INTEGRATION_BINARY` when set.
enum FCBinary {
    static let path: String? = locate()

    /// A message for a failed `#require` when the binary is missing.
    static let missingMessage = "the stripe-fc executable was not found beside the test bundle: run 'swift build' (or 'swift build --build-tests') first, or set FC_INTEGRATION_BINARY"

    private static func locate() -> String? {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["FC_INTEGRATION_BINARY"], fm.isExecutableFile(atPath: explicit) {
            return explicit
        }
        var starts: [URL] = [Bundle.main.bundleURL]
        if let exe = Bundle.main.executableURL { starts.append(exe) }
        starts += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        starts.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath())
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]))
        for start in starts {
            var dir = start.deletingLastPathComponent()
            // The products directory is a few levels up at most (macOS: X.xctest/Contents/MacOS/X).
            for _ in 0..<5 {
                let candidate = dir.appendingPathComponent("stripe-fc").path
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue, fm.isExecutableFile(atPath: candidate) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }
}
