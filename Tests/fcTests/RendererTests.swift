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

    @Test func naturalWidthsWithoutALimit() {
        #expect(TableLayout.widths(header: ["ID", "EMAIL"], rows: [["cus_1", "a@example.com"], ["cus_22", "b"]], available: nil) == [6, 13])
    }

    @Test func widestColumnGivesWayAndCutTextEndsInEllipsis() {
        let widths = TableLayout.widths(header: ["ID", "NAME"], rows: [["cus_1", "Jenny Rosen Longname"]], available: 20)
        #expect(widths == [5, 13])
        #expect(TableLayout.line(["cus_1", "Jenny Rosen Longname"], widths: widths) == "cus_1  Jenny Rosen …")
        #expect(TableLayout.line(["ID", "NAME"], widths: widths) == "ID     NAME")
    }

    @Test("a narrow terminal truncates, never wraps", arguments: [30, 40, 50, 60])
    func narrowTable(width: Int) async throws {
        let items = try [Self.customer("cus_1234567890", email: "averylongemailaddress@example.com", name: "Jenny Rosen-Longname"),
                         Self.customer("cus_2", email: "b@example.com", name: "Bo")]
        let text = try await Self.render(.list(items, Customers.view), .table, tty: true, width: width)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3, "a header and one line per row, nothing wrapped")
        for line in lines { #expect(line.count <= width, "'\(line)' is wider than \(width)") }
        #expect(lines[1].contains("…"))
        #expect(lines[0].hasPrefix("ID"))
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

    // Issue 5 asks that an empty list print nothing on a pipe (and a notice on a terminal's stderr),
    // in every format: no `[]`, no CSV header.
    @Test(arguments: [OutputFormat.json, .jsonl, .csv, .tsv])
    func emptyListPrintsNothingOnAPipe(_ format: OutputFormat) async throws {
        let text = try await Self.render(.list([], Customers.view), format)
        #expect(text == "")
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
        let text = try await Self.render(.object(try Self.customer("cus_x"), Customers.view), .table, tty: true, width: 100)
        #expect(text == "ID     EMAIL          NAME  CREATED\ncus_x  a@example.com  Ann   2026-11-21 10:00\n")
    }
}
