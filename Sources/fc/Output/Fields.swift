/// `--fields` against what a command's objects can have: checked before anything is sent, and
/// listed by `--fields` alone (or `--fields help`).
enum Fields {
    /// The exit code when `--fields` ends the run before the command (the listing, or a usage
    /// error), nil when the command may run.
    static func answer(_ fields: [String], invocation: ParsedInvocation, format: OutputFormat, io: IO, reporter: ErrorReporter) -> Int32? {
        let command = (["stripe-fc"] + invocation.path).joined(separator: " ")
        guard let view = invocation.command.view else {
            return reporter.reportUsage("--fields does not apply to '\(command)': it prints no objects", commandPath: invocation.path)
        }
        if fields == ["help"] {
            io.out.write(listing(view, command: command))
            return ExitCode.success
        }
        return problem(fields, view: view, format: format, command: command).map { reporter.reportUsage($0, commandPath: invocation.path) }
    }

    /// Nil when every field can select something in this format; else the usage error's message.
    static func problem(_ fields: [String], view: View, format: OutputFormat, command: String) -> String? {
        let tabular = format == .table || format == .csv || format == .tsv
        for field in fields {
            let isColumn = view.columns.contains { $0.key == field }
            let inObjects = view.objects.isEmpty ? isColumn : FieldSchema.allows(field, objects: view.objects)
            if inObjects || (isColumn && tabular) { continue }
            if isColumn {
                return "field '\(field)' is a column of the table, csv and tsv rows only; \(format.rawValue) prints the \(view.objects.joined(separator: " or ")) objects, so name one of their paths ('--fields help' lists them)"
            }
            let names = suggestions(view)
            let hint = EditDistance.closest(to: field, among: names).map { "did you mean '\($0)'? " } ?? ""
            return "unknown field '\(field)' for '\(command)': \(hint)fields are \(names.joined(separator: ", "))\(view.objects.isEmpty ? "" : ", or a path below one of them") ('--fields help' lists them all)"
        }
        return nil
    }

    /// The column keys, then the top-level properties of the objects.
    private static func suggestions(_ view: View) -> [String] {
        var names = view.columns.map(\.key)
        for object in view.objects {
            for pattern in FieldSchema.patterns(object) where !pattern.contains(".") && !names.contains(pattern) { names.append(pattern) }
        }
        return names
    }

    /// What `--fields help` prints: the default columns, then every path of the objects.
    static func listing(_ view: View, command: String) -> String {
        var out = "Fields of '\(command)': dotted paths, comma-separated ('--fields id,status').\n\n"
        out += "Columns of the default view:\n"
        let width = view.columns.map(\.key.count).max() ?? 0
        for column in view.columns {
            out += "  " + column.key + String(repeating: " ", count: width - column.key.count + 2) + column.header + "\n"
        }
        for object in view.objects {
            out += "\nPaths of a \(object) (* any key, # an array index, … anything below):\n"
            for pattern in FieldSchema.patterns(object) {
                out += "  " + pattern.replacingOccurrences(of: "**", with: "…") + "\n"
            }
        }
        return out
    }
}
