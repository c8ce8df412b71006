import Foundation
import Testing

/// Text compared with a committed file under Tests/fcTests/Snapshots/. With FC_RECORD=1 in the
/// environment the file is (re)written instead and the comparison passes.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["FC_RECORD"] == "1" }

    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = folder.appendingPathComponent(name)
        if recording {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            do {
                try Data(text.utf8).write(to: file)
            } catch {
                Issue.record("cannot write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record("no snapshot \(name); run the tests with FC_RECORD=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != text else { return }
        Issue.record("snapshot \(name) differs (FC_RECORD=1 rewrites it):\n\(firstDifference(expected, text))", sourceLocation: sourceLocation)
    }

    /// The first differing line, so a failure says where without dumping both texts.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let l = i < a.count ? String(a[i]) : "<end>"
            let r = i < b.count ? String(b[i]) : "<end>"
            if l != r { return "line \(i + 1):\n  expected: \(l)\n  actual:   \(r)" }
        }
        return "(identical lines; trailing difference)"
    }
}
