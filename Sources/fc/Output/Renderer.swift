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
    /// Terminal columns when stdout is a terminal, else nil.
    var width: Int?
    /// The zone table times are shown in and `--since`/`--until` dates are read in.
    var timeZone: TimeZone = .current
    /// `--format json|jsonl` (or `--json`, `FC_FORMAT`) was asked for: stderr carries JSON objects
    /// only (the error, warnings), so `2>&1 >/dev/null | jq` works.
    var machineStderr = false

    /// stdout is a terminal (a width is known only then).
    var terminal: Bool { width != nil }
}

/// Turns a command's output into text on stdout in the chosen format. Lists stream:
/// `jsonl`, `csv` and `tsv` write each row as it arrives; `json` writes a well-formed array
/// even when the stream stops early (and `[]` when it is empty); tables wait for every row to
/// size the columns, except live ones (`events follow`), whose widths are fixed up front.
struct Renderer {
    let io: IO
    let settings: OutputSettings

    func render(_ output: CommandOutput) async throws {
        switch output {
        case .none: return
        case .text(let text): io.out.write(text)
        case .object(let object, let view):
            let object = shown(object, view)
            if settings.quiet { io.out.line(object.value(at: view.idPath)?.displayText ?? ""); return }
            switch settings.format {
            case .json: io.out.line(project(object).serialized(pretty: true))
            case .jsonl: io.out.line(project(object).serialized())
            case .table where settings.terminal:
                VerticalView(io: io, settings: settings, view: view).write(object)
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
        case .committing(let output, let commit):
            var failure: (any Error)?
            do { try await render(output) } catch { failure = error }
            io.out.flush()
            if !io.out.isClosed, !Task.isCancelled, !(failure is CancellationError) { try commit() }
            if let failure { throw failure }
        }
    }

    private func renderList(_ stream: AsyncThrowingStream<JSON, Error>, view: View) async throws {
        var count = 0
        var table = TableWriter(io: io, settings: settings, view: view)
        do {
            for try await received in stream {
                if io.out.isClosed { break }
                let item = shown(received, view)
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
            // What arrived before the failure is closed well-formed; a list that failed before its
            // first item prints nothing (an empty array would claim there was nothing to list).
            if count > 0 { closeList(count: count, table: &table) }
            throw error
        }
        closeList(count: count, table: &table)
        if count == 0, io.stderrIsTTY, !settings.machineStderr { io.err.line(view.emptyMessage) }
    }

    /// Ends what the list started: the JSON array (an empty one too), the table, the CSV header.
    private func closeList(count: Int, table: inout TableWriter) {
        guard !settings.quiet else { return }
        if settings.format == .json { io.out.write(count == 0 ? "[]\n" : "\n]\n") }
        table.finish()
    }

    /// The object as it may be shown: client secrets masked, unless the command exists to hand
    /// one out or `--fields` asks for one by name.
    func shown(_ object: JSON, _ view: View) -> JSON {
        if view.revealsSecrets || (settings.fields ?? []).contains(where: { $0 == "client_secret" || $0.hasSuffix(".client_secret") }) {
            return object
        }
        return Self.maskingSecrets(object)
    }

    private static func maskingSecrets(_ node: JSON) -> JSON {
        switch node {
        case .object(let object):
            var masked = JSONObject()
            for (key, value) in object {
                masked[key] = key == "client_secret" ? value.stringValue.map { .string(Secrets.redact($0)) } ?? value : maskingSecrets(value)
            }
            return .object(masked)
        case .array(let items): return .array(items.map(maskingSecrets))
        default: return node
        }
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

extension OutputSettings {
    /// The view's columns, or the `--fields` ones: a field that names a column showing its path
    /// reuses that column (formatted for people on a terminal); any other shows the value at the
    /// path, so a path means the same value in every format.
    func columns(of view: View) -> [Column] {
        guard let fields else { return view.columns }
        return fields.map { field in
            if let column = view.columns.first(where: { $0.key == field && $0.showsPath }) { return column }
            if let column = view.columns.first(where: { $0.key == field }), !FieldSchema.allows(field, objects: view.objects) {
                return column  // a derived row key (balances' currency): only tables have it
            }
            return .path(field.uppercased(), field)
        }
    }

    /// A column's header on a terminal table: times say their zone.
    func header(_ column: Column) -> String {
        column.isTime && format == .table ? "\(column.header) (\(TimeFormat.zoneLabel(timeZone)))" : column.header
    }
}

/// One object on a terminal: a header and its value per line, nothing cut.
struct VerticalView {
    let io: IO
    let settings: OutputSettings
    let view: View

    func write(_ object: JSON) {
        let columns = settings.columns(of: view)
        let style = CellStyle(human: true, timeZone: settings.timeZone)
        let headers = columns.map(settings.header)
        let width = headers.map(\.count).max() ?? 0
        for (i, row) in view.rows(object).enumerated() {
            if i > 0 { io.out.line() }
            for (column, header) in zip(columns, headers) {
                let padding = String(repeating: " ", count: width - header.count + TableLayout.gap)
                TableWriter.bold(header, io: io, color: settings.color)
                io.out.line(padding + column.value(row, style))
            }
        }
    }
}

/// Rows for `table`, `csv` and `tsv`. CSV and TSV stream; the table is aligned at the end, or,
/// for a live view on a terminal, each row is written as it arrives at widths fixed up front.
struct TableWriter {
    let io: IO
    let settings: OutputSettings
    let view: View
    private let columns: [Column]
    private var rows: [[String]] = []
    private var wroteHeader = false
    /// Live tables: the widths chosen before the first row.
    private var liveWidths: [Int]?

    init(io: IO, settings: OutputSettings, view: View) {
        self.io = io
        self.settings = settings
        self.view = view
        self.columns = settings.columns(of: view)
    }

    private var streamsRows: Bool { settings.format == .table && view.live && settings.terminal }

    mutating func add(_ object: JSON) {
        writeHeaderIfNeeded()
        let style = CellStyle(human: settings.format == .table, timeZone: settings.timeZone)
        for row in view.rows(object) {
            let cells = columns.map { $0.value(row, style) }
            switch settings.format {
            case .csv: io.out.line(cells.map(csvField).joined(separator: ","))
            case .tsv: io.out.line(cells.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t"))
            default:
                if let liveWidths { io.out.line(TableLayout.line(cells, widths: liveWidths, columns: columns)) } else { rows.append(cells) }
            }
        }
    }

    /// CSV's header row, and a live table's, come before the first row (or alone, for an empty list).
    private mutating func writeHeaderIfNeeded() {
        guard !wroteHeader else { return }
        wroteHeader = true
        if settings.format == .csv {
            io.out.line(columns.map { csvField($0.key) }.joined(separator: ","))
        } else if streamsRows {
            let headers = columns.map(settings.header)
            let widths = zip(columns, headers).map { column, header in max(header.count, TableLayout.expectedWidth(column)) }
            liveWidths = widths
            Self.bold(TableLayout.line(headers, widths: widths), io: io, color: settings.color)
            io.out.line()
        }
    }

    mutating func finish() {
        if settings.format == .csv { writeHeaderIfNeeded() }
        guard settings.format == .table, liveWidths == nil, !rows.isEmpty else { return }
        let headers = columns.map(settings.header)
        let layout = TableLayout.fit(columns: columns, headers: headers, rows: rows, available: settings.width,
                                     mayDrop: settings.fields == nil)
        if !layout.dropped.isEmpty {
            let names = layout.dropped.map { headers[$0] }.joined(separator: ", ")
            let keys = (columns.indices.filter { !layout.dropped.contains($0) } + layout.dropped).sorted().map { columns[$0].key }
            io.err.line("note: \(names) left out to fit \(settings.width ?? 0) columns; --fields \(keys.joined(separator: ",")) shows them")
        }
        let kept = columns.indices.filter { !layout.dropped.contains($0) }
        Self.bold(TableLayout.line(kept.map { headers[$0] }, widths: kept.map { layout.widths[$0] }), io: io, color: settings.color)
        io.out.line()
        for row in rows { io.out.line(TableLayout.line(kept.map { row[$0] }, widths: kept.map { layout.widths[$0] }, columns: kept.map { columns[$0] })) }
    }

    /// Our own escapes go out raw; the text between them is written (and made safe) as any other.
    static func bold(_ text: String, io: IO, color: Bool) {
        if color { io.out.raw("\u{1B}[1m") }
        io.out.write(text)
        if color { io.out.raw("\u{1B}[0m") }
    }

    private func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
