/// Column widths that fit a terminal. What people copy (ids, amounts, dates, secrets) is never
/// cut: free-text columns shrink first (ending in `…`), then whole columns are left out, lowest
/// priority first, and the caller says which. Without a known width nothing changes.
enum TableLayout {
    static let gap = 2

    struct Fit {
        var widths: [Int]
        /// Indexes of the columns left out, in column order.
        var dropped: [Int]
    }

    static func fit(columns: [Column], headers: [String], rows: [[String]], available: Int?, mayDrop: Bool) -> Fit {
        var natural = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < natural.count { natural[i] = max(natural[i], cell.count) }
        }
        guard let available else { return Fit(widths: natural, dropped: []) }
        var dropped: [Int] = []
        while true {
            let kept = columns.indices.filter { !dropped.contains($0) }
            let widths = shrink(natural, kept: kept, columns: columns, headers: headers, available: available)
            guard total(widths, kept) > available, mayDrop else { return Fit(widths: widths, dropped: dropped.sorted()) }
            let candidates = kept.filter { columns[$0].priority != Column.essential }
            guard let victim = candidates.min(by: { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }) else {
                return Fit(widths: widths, dropped: dropped.sorted())
            }
            dropped.append(victim)
        }
    }

    /// Narrows the widest free-text column, one character at a time, down to its floor.
    private static func shrink(_ natural: [Int], kept: [Int], columns: [Column], headers: [String], available: Int) -> [Int] {
        var widths = natural
        let floor = natural.indices.map { min(natural[$0], max(headers[$0].count, 8)) }
        while total(widths, kept) > available {
            let shrinkable = kept.filter { columns[$0].fit == .shrink && widths[$0] > floor[$0] }
            guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        return widths
    }

    private static func total(_ widths: [Int], _ kept: [Int]) -> Int {
        kept.reduce(0) { $0 + widths[$1] } + gap * max(kept.count - 1, 0)
    }

    /// A live table's width for a column before any row is seen.
    static func expectedWidth(_ column: Column) -> Int {
        max(column.header.count, column.width ?? (column.isTime ? TimeFormat.local(0).count : column.header.count))
    }

    /// One row: cells padded to their widths; a free-text cell longer than its width ends in `…`,
    /// any other is written whole (the row is then wider than the table rather than wrong).
    static func line(_ cells: [String], widths: [Int], columns: [Column]? = nil) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            let width = widths[i]
            let cut = cell.count > width && (columns?[i].fit ?? .shrink) == .shrink
            let fitted = cut ? String(cell.prefix(max(0, width - 1))) + "…" : cell
            if i == cells.count - 1 {
                out += fitted
            } else {
                out += fitted + String(repeating: " ", count: max(width - fitted.count, 0) + gap)
            }
        }
        return out
    }
}
