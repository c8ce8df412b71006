import Foundation

/// A `--format table` output read back by the header's column positions: a cell is the text
/// from its header's first character to the next header's, trimmed. Misaligned rows read wrong.
struct TableText: CustomStringConvertible {
    let headers: [String]
    let rows: [[String]]
    let text: String

    init(_ text: String) {
        self.text = text
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.first else { headers = []; rows = []; return }
        // Headers are separated by two or more spaces (a header may hold one space: "CLIENT SECRET").
        var starts: [Int] = []
        var names: [String] = []
        let chars = Array(header)
        var i = 0
        while i < chars.count {
            if chars[i] != " " {
                let start = i
                while i < chars.count, !(chars[i] == " " && (i + 1 >= chars.count || chars[i + 1] == " ")) { i += 1 }
                starts.append(start)
                names.append(String(chars[start..<i]))
            } else {
                i += 1
            }
        }
        headers = names
        rows = lines.dropFirst().map { line in
            let cells = Array(line)
            return starts.indices.map { n in
                let from = min(starts[n], cells.count)
                let to = n + 1 < starts.count ? min(starts[n + 1], cells.count) : cells.count
                return String(cells[from..<to]).trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// The row whose cell under `header` is `value`.
    func row(where header: String, is value: String) -> [String: String]? {
        guard let column = headers.firstIndex(of: header) else { return nil }
        guard let row = rows.first(where: { $0[column] == value }) else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(headers, row))
    }

    /// Every row as header → cell.
    var records: [[String: String]] { rows.map { Dictionary(uniqueKeysWithValues: zip(headers, $0)) } }

    var description: String { text }
}

/// The table's local-time rendering of unix seconds (the children run with TZ=UTC).
enum TableTime {
    static func minutes(_ seconds: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func day(_ seconds: Int) -> String {
        String(minutes(seconds).prefix(10))
    }
}
