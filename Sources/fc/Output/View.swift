import FCKit

/// One column of a table/CSV/TSV view. `key` names it in CSV headers and `--fields`;
/// `value` renders a row for people (table) or machines (csv/tsv).
struct Column: Sendable {
    var header: String
    var key: String
    var value: @Sendable (JSON, CellStyle) -> String

    /// A column that shows a dotted path of the row as it is.
    static func path(_ header: String, _ path: String) -> Column {
        Column(header: header, key: path) { row, _ in row.value(at: path)?.displayText ?? "" }
    }

    /// Unix seconds: local time on a terminal, seconds in machine formats.
    static func time(_ header: String, _ path: String) -> Column {
        Column(header: header, key: path) { row, style in
            guard let t = row.value(at: path)?.intValue else { return "" }
            return style.human ? TimeFormat.local(t, timeZone: style.timeZone) : String(t)
        }
    }

    /// Minor units: formatted with the currency on a terminal, integers in machine formats.
    static func money(_ header: String, _ path: String, currencyPath: String) -> Column {
        Column(header: header, key: path) { row, style in
            guard let amount = row.value(at: path)?.int64Value else { return "" }
            guard style.human, let currency = row.value(at: currencyPath)?.stringValue else { return String(amount) }
            return Money.format(amount, currency: currency)
        }
    }
}

import Foundation

struct CellStyle: Sendable {
    /// True on a terminal table: money and times formatted for people.
    var human: Bool
    var timeZone: TimeZone = .current
}

/// How a command's objects are shown as rows. `rows` can turn one object into several
/// (balances: one row per currency); JSON output always prints the objects themselves.
struct View: Sendable {
    var columns: [Column]
    var rows: @Sendable (JSON) -> [JSON] = { [$0] }
    /// Printed on a terminal's stderr when a list is empty.
    var emptyMessage: String = "Nothing found."
    /// Where `-q` finds the id.
    var idPath: String = "id"
    /// Items arrive over time (`events follow`): each is written out at once, not buffered.
    var live: Bool = false
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
    /// Output to print, then an error to report (a refresh that ended `failed`: its account still prints).
    case failing(CommandOutput, CLIError)

    static func list(_ items: [JSON], _ view: View) -> CommandOutput {
        .list(AsyncThrowingStream { continuation in
            for item in items { continuation.yield(item) }
            continuation.finish()
        }, view)
    }
}
