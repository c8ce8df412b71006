import FCKit
import Foundation

enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, jsonl, csv, tsv
}

struct OutputSettings: Sendable {
    var format: OutputFormat
    /// `--fields`: dotted paths restricting columns or keys.
    var fields: [String]?
    /// `-q`: ids only.
    var quiet: Bool
    var color: Bool
    var width: Int?
    var timeZone: TimeZone = .current
}

/// Turns a command's output into text on stdout in the chosen format. Lists stream:
/// `jsonl`, `csv` and `tsv` write each row as it arrives; `json` writes a well-formed array
/// even when the stream stops early; tables wait for every row to size the columns.
struct Renderer {
    let io: IO
    let settings: OutputSettings

    func render(_ output: CommandOutput) async throws {
        switch output {
        case .none: return
        case .text(let text): io.out.write(text)
        case .object(let object, let view):
            if settings.quiet { io.out.line(object.value(at: view.idPath)?.displayText ?? ""); return }
            switch settings.format {
            case .json: io.out.line(project(object).serialized(pretty: true))
            case .jsonl: io.out.line(project(object).serialized())
            case .table, .csv, .tsv:
                var table = TableWriter(io: io, settings: settings, view: view)
                table.add(object)
                table.finish()
            }
        case .list(let stream, let view):
            try await renderList(stream, view: view)
        case .failing(let output, let error):
            try await render(output)
            throw error
        }
    }

    private func renderList(_ stream: AsyncThrowingStream<JSON, Error>, view: View) async throws {
        var count = 0
        var table = TableWriter(io: io, settings: settings, view: view)
        do {
            for try await item in stream {
                if io.out.isClosed { break }
                if settings.quiet {
                    io.out.line(item.value(at: view.idPath)?.displayText ?? "")
                } else {
                    switch settings.format {
                    case .json:
                        io.out.write((count == 0 ? "[\n  " : ",\n  ") + project(item).serialized(pretty: true, indent: 2))
                    case .jsonl: io.out.line(project(item).serialized())
                    case .table, .csv, .tsv: table.add(item)
                    }
                }
                count += 1
                if view.live { io.out.flush() }
            }
        } catch {
            closeList(count: count, table: &table)
            throw error
        }
        closeList(count: count, table: &table)
        if count == 0, io.stderrIsTTY { io.err.line(view.emptyMessage) }
    }

    private func closeList(count: Int, table: inout TableWriter) {
        guard !settings.quiet else { return }
        if settings.format == .json, count > 0 { io.out.write("\n]\n") }
        if count > 0 { table.finish() }
    }

    /// Keeps only the `--fields` paths of an object, nested as they were.
    func project(_ object: JSON) -> JSON {
        guard let fields = settings.fields else { return object }
        var result = JSON.object(JSONObject())
        for path in fields {
            guard let value = object.value(at: path) else { continue }
            result = Self.setting(value, at: path.split(separator: ".").map(String.init)[...], in: result)
        }
        return result
    }

    private static func setting(_ value: JSON, at path: ArraySlice<String>, in node: JSON) -> JSON {
        guard let key = path.first else { return value }
        var object = node.objectValue ?? JSONObject()
        object[key] = setting(value, at: path.dropFirst(), in: object[key] ?? .object(JSONObject()))
        return .object(object)
    }
}

/// Rows for `table`, `csv` and `tsv`. CSV and TSV stream; the table is aligned at the end.
struct TableWriter {
    let io: IO
    let settings: OutputSettings
    let view: View
    private var rows: [[String]] = []

    init(io: IO, settings: OutputSettings, view: View) {
        self.io = io
        self.settings = settings
        self.view = view
    }

    private var columns: [Column] {
        guard let fields = settings.fields else { return view.columns }
        return fields.map { field in
            view.columns.first { $0.key == field } ?? Column.path(field.uppercased(), field)
        }
    }

    private var wroteHeader = false

    mutating func add(_ object: JSON) {
        // The CSV header waits for the first row: an empty list prints nothing on a pipe.
        if settings.format == .csv, !wroteHeader {
            io.out.line(columns.map { csvField($0.key) }.joined(separator: ","))
            wroteHeader = true
        }
        let style = CellStyle(human: settings.format == .table, timeZone: settings.timeZone)
        for row in view.rows(object) {
            let cells = columns.map { $0.value(row, style) }
            switch settings.format {
            case .csv: io.out.line(cells.map(csvField).joined(separator: ","))
            case .tsv: io.out.line(cells.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t"))
            default: rows.append(cells)
            }
        }
    }

    func finish() {
        guard settings.format == .table, !rows.isEmpty else { return }
        let headers = columns.map(\.header)
        let widths = TableLayout.widths(header: headers, rows: rows, available: settings.width)
        let bold = settings.color ? "\u{1B}[1m" : "", reset = settings.color ? "\u{1B}[0m" : ""
        io.out.line(bold + TableLayout.line(headers, widths: widths) + reset)
        for row in rows { io.out.line(TableLayout.line(row, widths: widths)) }
    }

    private func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Column widths that fit the terminal: the widest columns give way first; cut text ends in `…`.
enum TableLayout {
    static let gap = 2

    static func widths(header: [String], rows: [[String]], available: Int?) -> [Int] {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        guard let available else { return widths }
        let floor = header.map { max(4, min($0.count, 8)) }
        while widths.reduce(0, +) + gap * (widths.count - 1) > available {
            guard let widest = widths.indices.filter({ widths[$0] > floor[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        return widths
    }

    static func line(_ cells: [String], widths: [Int]) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            let width = widths[i]
            let fitted = cell.count > width ? String(cell.prefix(max(0, width - 1))) + "…" : cell
            if i == cells.count - 1 {
                out += fitted
            } else {
                out += fitted + String(repeating: " ", count: width - fitted.count + gap)
            }
        }
        return out
    }
}
