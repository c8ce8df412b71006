import FCKit
import Foundation

/// One column of a table/CSV/TSV view. `key` names it in CSV headers and `--fields`;
/// `value` renders a row for people (table) or machines (csv/tsv).
struct Column: Sendable {
    /// How a column gives way on a terminal too narrow for the table: ids, amounts, dates and
    /// secrets stay whole (people copy them); free text shrinks, ending in `…`.
    enum Fit: Sendable { case whole, shrink }

    var header: String
    var key: String
    var value: @Sendable (JSON, CellStyle) -> String
    /// The cell is the value at `key` (money and times formatted for people on a terminal), so
    /// `--fields key` can show this column as it is. False for derived cells (`category/subcategory`).
    var showsPath = false
    var fit: Fit = .whole
    /// When shrunk text still does not fit, columns drop lowest priority first (the rightmost of
    /// equals first); `Column.essential` never drops.
    var priority = 1
    /// Its header says the time zone the cells are in.
    var isTime = false
    /// Typical width, for a live table sized before its first row.
    var width: Int? = nil

    static let essential = Int.max

    /// A column that shows a dotted path of the row as it is.
    static func path(_ header: String, _ path: String, fit: Fit = .whole, priority: Int = 1) -> Column {
        Column(header: header, key: path, value: { row, _ in row.value(at: path)?.displayText ?? "" },
               showsPath: true, fit: fit, priority: priority)
    }

    /// Free text (names, descriptions, messages): the first thing to shrink.
    static func text(_ header: String, _ path: String, priority: Int = 1) -> Column {
        .path(header, path, fit: .shrink, priority: priority)
    }

    /// An id: never cut, never dropped.
    static func id(_ header: String, _ path: String) -> Column {
        .path(header, path, priority: essential)
    }

    /// Unix seconds: a time in the output zone on a terminal, seconds in machine formats.
    static func time(_ header: String, _ path: String, dateOnly: Bool = false, priority: Int = 1) -> Column {
        Column(header: header, key: path, value: { row, style in
            guard let t = row.value(at: path)?.intValue else { return row.value(at: path)?.displayText ?? "" }
            guard style.human else { return String(t) }
            return dateOnly ? TimeFormat.date(t, timeZone: style.timeZone) : TimeFormat.local(t, timeZone: style.timeZone)
        }, showsPath: true, priority: priority, isTime: true)
    }

    /// Minor units: formatted with the currency on a terminal, integers in machine formats.
    static func money(_ header: String, _ path: String, currencyPath: String, priority: Int = 1) -> Column {
        Column(header: header, key: path, value: { row, style in
            guard let amount = row.value(at: path)?.int64Value else { return "" }
            guard style.human, let currency = row.value(at: currencyPath)?.stringValue else { return String(amount) }
            return Money.format(amount, currency: currency)
        }, showsPath: true, priority: priority)
    }

    /// A cell computed from the row (not the value at `key`).
    static func derived(_ header: String, key: String, fit: Fit = .whole, priority: Int = 1,
                        _ value: @escaping @Sendable (JSON, CellStyle) -> String) -> Column {
        Column(header: header, key: key, value: value, fit: fit, priority: priority)
    }
}

struct CellStyle: Sendable {
    /// True on a terminal table: money and times formatted for people.
    var human: Bool
    var timeZone: TimeZone = .current
}

/// How a command's objects are shown as rows. `rows` can turn one object into several
/// (balances: one row per currency); JSON output always prints the objects themselves.
struct View: Sendable {
    var columns: [Column]
    /// Stripe object types the command prints (`FieldSchema`): the paths `--fields` may name.
    /// Empty: the rows are the objects, and the column keys are their paths.
    var objects: [String] = []
    /// The rows of one object: the object itself, or (balances, sessions get) copies of it with
    /// derived keys added, so every path of the object still reads the same value in a row.
    var rows: @Sendable (JSON) -> [JSON] = { [$0] }
    /// Printed on a terminal's stderr when a list is empty.
    var emptyMessage: String = "Nothing found."
    /// Where `-q` finds the id.
    var idPath: String = "id"
    /// Items arrive over time (`events follow`): each is written out at once, not buffered.
    var live: Bool = false
    /// The command exists to hand out a `client_secret` (`sessions create`); everywhere else it
    /// is masked in every format unless `--fields` names it.
    var revealsSecrets: Bool = false

    /// The object with derived keys added (for `rows`).
    static func row(_ object: JSON, adding extra: JSONObject) -> JSON {
        var row = object.objectValue ?? JSONObject()
        for (key, value) in extra { row[key] = value }
        return .object(row)
    }
}

/// What a command returns; the renderer decides how it looks.
indirect enum CommandOutput: Sendable {
    case none
    /// Text for stdout as it is (completion scripts, config values).
    case text(String)
    /// One object.
    case object(JSON, View)
    /// Several objects, possibly still arriving page by page.
    case list(AsyncThrowingStream<JSON, Error>, View)
    /// Output to print, then an error to report (a refresh that ended `failed`, or a `--wait`
    /// that gave up: the objects as last seen still print).
    case failing(CommandOutput, any Error)
    /// Output, then `commit` once all of it reached stdout (flushed, stdout still open, not
    /// interrupted) — also when the output ended in an error: `transactions sync` advances its
    /// cursors only past what was written.
    case committing(CommandOutput, commit: @Sendable () throws -> Void)

    static func list(_ items: [JSON], _ view: View) -> CommandOutput {
        .list(AsyncThrowingStream { continuation in
            for item in items { continuation.yield(item) }
            continuation.finish()
        }, view)
    }
}
