@testable import fc
import FCKit
import Foundation
import Testing

/// Output formats: table layout, CSV, TSV, JSON, JSONL, --fields and -q.
@Suite("Renderer")
struct RendererTests {
    static let utc = TimeZone(identifier: "UTC")!

    static func customer(_ id: String, email: String = "a@example.com", name: String = "Ann") throws -> JSON {
        try JSON.parse(customerJSON(id, email: email, name: name, metadata: #"{"team":"ops","tier":"gold"}"#))
    }

    /// Renders through the real renderer into captured stdout.
    static func render(_ output: CommandOutput, _ format: OutputFormat, fields: [String]? = nil, quiet: Bool = false,
                       tty: Bool = false, width: Int? = nil) async throws -> String {
        let io = IO.captured(tty: tty, width: width)
        let settings = OutputSettings(format: format, fields: fields, quiet: quiet, color: false, width: tty ? width : nil, timeZone: utc)
        try await Renderer(io: io, settings: settings).render(output)
        return io.out.text
    }

    // MARK: - Table layout

    static func layout(_ headers: [String], _ rows: [[String]], columns: [Column], available: Int?, mayDrop: Bool = true) -> TableLayout.Fit {
        TableLayout.fit(columns: columns, headers: headers, rows: rows, available: available, mayDrop: mayDrop)
    }

    @Test func naturalWidthsWithoutALimit() {
        let fit = Self.layout(["ID", "EMAIL"], [["cus_1", "a@example.com"], ["cus_22", "b"]],
                              columns: [.id("ID", "id"), .path("EMAIL", "email")], available: nil)
        #expect(fit.widths == [6, 13] && fit.dropped.isEmpty)
    }

    @Test("free text gives way first; its cut text ends in …; ids stay whole")
    func freeTextShrinksFirst() {
        let columns: [Column] = [.id("ID", "id"), .text("NAME", "name")]
        let fit = Self.layout(["ID", "NAME"], [["cus_1234567890", "Jenny Rosen Longname"]], columns: columns, available: 30)
        #expect(fit.widths == [14, 14] && fit.dropped.isEmpty)
        #expect(TableLayout.line(["cus_1234567890", "Jenny Rosen Longname"], widths: fit.widths, columns: columns) == "cus_1234567890  Jenny Rosen L…")
    }

    @Test("when shrunk text still does not fit, the lowest-priority column drops, never an essential one")
    func lowestPriorityDrops() {
        let columns: [Column] = [.id("ID", "id"), .text("NAME", "name"), .path("STATUS", "status", priority: 2),
                                 .derived("PERMISSIONS", key: "permissions", priority: 0) { _, _ in "" }]
        let row = ["fca_1234567890abcdef", "Primary Checking", "active", "balances,ownership,payment_method"]
        let fit = Self.layout(["ID", "NAME", "STATUS", "PERMISSIONS"], [row], columns: columns, available: 40)
        #expect(fit.dropped == [3])
        #expect(fit.widths[0] == 20, "the id is whole")
        let none = Self.layout(["ID", "NAME", "STATUS", "PERMISSIONS"], [row], columns: columns, available: 10)
        #expect(none.dropped == [1, 2, 3] && none.widths[0] == 20, "an essential column stays, whole, even wider than the terminal")
        let asked = Self.layout(["ID", "NAME", "STATUS", "PERMISSIONS"], [row], columns: columns, available: 40, mayDrop: false)
        #expect(asked.dropped.isEmpty, "columns named by --fields are never left out")
    }

    /// Accounts at 80 and 120 columns: ids, last4 whole; free text shrinks; what drops is said on stderr.
    @Test("tables never cut what people copy", arguments: [80, 120])
    func accountsAtTerminalWidths(width: Int) async throws {
        let account = { (id: String, name: String) throws -> JSON in
            try JSON.parse("""
                {"id":"\(id)","object":"financial_connections.account","category":"cash","subcategory":"checking",
                 "display_name":"\(name)","institution_name":"StripeBank of the Very Long Institution Name, N.A.",
                 "last4":"6789","status":"active","permissions":["balances","ownership","payment_method","transactions"]}
                """)
        }
        let items = try [account("fca_1Qz9XDT95UN4SM9wmQfbyQabc", "Rewards Checking for the Household Budget"),
                         account("fca_2", "Savings")]
        let io = IO.captured(tty: true, width: width)
        let settings = OutputSettings(format: .table, fields: nil, quiet: false, color: false, width: width, timeZone: Self.utc)
        try await Renderer(io: io, settings: settings).render(.list(items, Accounts.view))
        let lines = io.out.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        for line in lines { #expect(line.count <= width, "'\(line)' is wider than \(width)") }
        #expect(lines[1].hasPrefix("fca_1Qz9XDT95UN4SM9wmQfbyQabc "), "the id is whole")
        #expect(lines[1].contains("6789"))
        #expect(lines[1].contains("…"), "free text shrank")
        let dropped = width == 80 ? "TYPE, PERMISSIONS" : "PERMISSIONS"
        #expect(io.err.text == "note: \(dropped) left out to fit \(width) columns; --fields id,institution_name,display_name,last4,subcategory,status,permissions shows them\n")
        #expect(lines[1].contains("cash/checking") == (width == 120))
    }

    @Test("a table on a pipe is not cut to a terminal width")
    func pipedTableKeepsWholeCells() async throws {
        let items = try [Self.customer("cus_1", email: "averylongemailaddress@example.com", name: "Jenny Rosen-Longname")]
        let io = IO.captured(tty: false, width: 30)
        let settings = OutputSettings(format: .table, fields: nil, quiet: false, color: false, width: nil, timeZone: Self.utc)
        try await Renderer(io: io, settings: settings).render(.list(items, Customers.view))
        #expect(io.out.text.contains("averylongemailaddress@example.com"))
        #expect(!io.out.text.contains("…"))
    }

    // MARK: - CSV and TSV

    @Test func csvQuotesPerRFC4180() async throws {
        let tricky = try Self.customer("cus_1", name: #"Rosen, "J""#)
        let plain = try Self.customer("cus_2", email: "b@example.com", name: "Line\nbreak")
        let text = try await Self.render(.list([tricky, plain], Customers.view), .csv)
        #expect(text == #"""
            id,email,name,created
            cus_1,a@example.com,"Rosen, ""J""",1795255200
            cus_2,b@example.com,"Line
            break",1795255200

            """#)
    }

    @Test func csvHeaderFollowsFields() async throws {
        let text = try await Self.render(.object(try Self.customer("cus_1"), Customers.view), .csv, fields: ["id", "metadata.team"])
        #expect(text == "id,metadata.team\ncus_1,ops\n")
    }

    @Test func tsvHasNoHeaderAndNoQuoting() async throws {
        let items = try [Self.customer("cus_1", name: #"Rosen, "J""#), Self.customer("cus_2", name: "tab\there\nnl")]
        let text = try await Self.render(.list(items, Customers.view), .tsv)
        #expect(text == "cus_1\ta@example.com\tRosen, \"J\"\t1795255200\ncus_2\ta@example.com\ttab here nl\t1795255200\n")
    }

    @Test func tsvSingleFieldIsTheBareValue() async throws {
        let session = try JSON.parse(#"{"id":"fcsess_1","client_secret":"fcsess_1_secret_abc"}"#)
        let text = try await Self.render(.object(session, Sessions.view), .tsv, fields: ["client_secret"])
        #expect(text == "fcsess_1_secret_abc\n")
    }

    // MARK: - JSON and JSONL

    @Test func jsonKeepsServerKeyOrder() async throws {
        let object = try JSON.parse(#"{"zeta":1,"alpha":{"y":true,"b":null},"id":"cus_1","list":[1,"two"]}"#)
        let text = try await Self.render(.object(object, Customers.view), .json)
        #expect(text == """
            {
              "zeta": 1,
              "alpha": {
                "y": true,
                "b": null
              },
              "id": "cus_1",
              "list": [
                1,
                "two"
              ]
            }

            """)
    }

    @Test func jsonListIsAnArray() async throws {
        let items = try [JSON.parse(#"{"id":"a","n":1}"#), JSON.parse(#"{"id":"b","n":2}"#)]
        let text = try await Self.render(.list(items, Customers.view), .json)
        #expect(text == "[\n  {\n    \"id\": \"a\",\n    \"n\": 1\n  },\n  {\n    \"id\": \"b\",\n    \"n\": 2\n  }\n]\n")
        #expect(try JSON.parse(text).arrayValue?.count == 2)
    }

    // An empty list is valid output (issue 8, replacing issue 5's "print nothing"): `[]` for json
    // (a document jq and json.load accept), the header row for csv, nothing for jsonl and tsv.
    @Test(arguments: [(OutputFormat.json, "[]\n"), (.jsonl, ""), (.csv, "id,email,name,created\n"), (.tsv, "")])
    func emptyListIsValidOutput(_ format: OutputFormat, _ expected: String) async throws {
        let text = try await Self.render(.list([], Customers.view), format)
        #expect(text == expected)
        let fields = try await Self.render(.list([], Customers.view), format, fields: ["id", "metadata.team"])
        #expect(fields == (format == .csv ? "id,metadata.team\n" : expected))
    }

    @Test("a list that fails before its first item prints nothing, not an empty array")
    func failedEmptyListPrintsNothing() async throws {
        struct Boom: Error {}
        let stream = AsyncThrowingStream<JSON, Error> { $0.finish(throwing: Boom()) }
        let io = IO.captured(tty: false)
        let settings = OutputSettings(format: .json, fields: nil, quiet: false, color: false, width: nil, timeZone: Self.utc)
        await #expect(throws: Boom.self) { try await Renderer(io: io, settings: settings).render(.list(stream, Customers.view)) }
        #expect(io.out.text == "")
    }

    @Test func jsonArrayIsClosedWhenTheStreamFails() async throws {
        struct Boom: Error {}
        let stream = AsyncThrowingStream<JSON, Error> { continuation in
            continuation.yield(["id": "a"])
            continuation.finish(throwing: Boom())
        }
        let io = IO.captured(tty: false)
        let settings = OutputSettings(format: .json, fields: nil, quiet: false, color: false, width: nil, timeZone: Self.utc)
        await #expect(throws: Boom.self) { try await Renderer(io: io, settings: settings).render(.list(stream, Customers.view)) }
        #expect(io.out.text == "[\n  {\n    \"id\": \"a\"\n  }\n]\n")
    }

    @Test func jsonlIsOneCompactLinePerObject() async throws {
        let items = try [JSON.parse(#"{"id":"a","x":{"y":[1,2]}}"#), JSON.parse(#"{"id":"b"}"#)]
        let text = try await Self.render(.list(items, Customers.view), .jsonl)
        #expect(text == "{\"id\":\"a\",\"x\":{\"y\":[1,2]}}\n{\"id\":\"b\"}\n")
    }

    // MARK: - --fields and -q

    @Test func fieldsProjectDottedPathsInJSON() async throws {
        let text = try await Self.render(.object(try Self.customer("cus_1"), Customers.view), .jsonl,
                                         fields: ["name", "metadata.tier", "id", "no.such.path"])
        #expect(text == #"{"name":"Ann","metadata":{"tier":"gold"},"id":"cus_1"}"# + "\n")
    }

    @Test func fieldsChooseTableColumns() async throws {
        let text = try await Self.render(.list([try Self.customer("cus_1")], Customers.view), .table, fields: ["id", "metadata.team", "email"],
                                         tty: true, width: 100)
        #expect(text == "ID     METADATA.TEAM  EMAIL\ncus_1  ops            a@example.com\n")
    }

    @Test func quietPrintsOnlyIDs() async throws {
        let items = try [Self.customer("cus_1"), Self.customer("cus_2")]
        #expect(try await Self.render(.list(items, Customers.view), .json, quiet: true) == "cus_1\ncus_2\n")
        #expect(try await Self.render(.object(items[0], Customers.view), .table, quiet: true, tty: true, width: 80) == "cus_1\n")
    }

    @Test func customersTableShowsUTCTimes() async throws {
        let text = try await Self.render(.list([try Self.customer("cus_x")], Customers.view), .table, tty: true, width: 100)
        #expect(text == "ID     EMAIL          NAME  CREATED (UTC)\ncus_x  a@example.com  Ann   2026-11-21 10:00\n")
    }
}
