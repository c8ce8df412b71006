import Testing
@testable import FCKit

@Suite struct JSONTests {
    @Test func roundTripKeepsKeyOrderAndExactNumbers() throws {
        let text = #"{"z":1,"a":[true,false,null],"n":12345678901234567890123,"f":-0.5e-3,"s":"é\n\"\\/\u0001"}"#
        let value = try JSON.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "n", "f", "s"])
        #expect(value.serialized() == #"{"z":1,"a":[true,false,null],"n":12345678901234567890123,"f":-0.5e-3,"s":"é\n\"\\/\u0001"}"#)
    }

    @Test(arguments: [
        (#""plain""#, #""plain""#),
        (#""tab\there""#, #""tab\there""#),
        (#""\b\f\r\n\t""#, #""\b\f\r\n\t""#),
        (#""slash \/ is read, written bare""#, #""slash / is read, written bare""#),
        (#""\u00e9 and \u20AC""#, #""é and €""#),
        (#""\ud83d\ude00""#, #""😀""#),
        (#""\u001f""#, #""\u001f""#),
        (#""😀 raw""#, #""😀 raw""#),
        ("[1e400,-0,0.1E+2]", "[1e400,-0,0.1E+2]"),
        ("  {\"a\" : [ ] , \"b\":{}}  ", #"{"a":[],"b":{}}"#),
    ])
    func roundTrips(_ input: String, _ compact: String) throws {
        let value = try JSON.parse(input)
        #expect(value.serialized() == compact)
        #expect(try JSON.parse(value.serialized()) == value)
    }

    @Test func surrogatePairDecodesToOneScalar() throws {
        let value = try JSON.parse(#""\ud83d\ude00""#)
        #expect(value.stringValue?.unicodeScalars.map(\.value) == [0x1F600])
    }

    @Test func bigIntegersStayExact() throws {
        let value = try JSON.parse(#"{"amount":9223372036854775807,"huge":123456789012345678901234567890}"#)
        #expect(value["amount"]?.int64Value == Int64.max)
        #expect(value["huge"] == .number("123456789012345678901234567890"))
        #expect(value["huge"]?.intValue == nil)
        #expect(value.serialized() == #"{"amount":9223372036854775807,"huge":123456789012345678901234567890}"#)
    }

    @Test func prettyFormatIsExact() throws {
        let value = try JSON.parse(#"{"id":"fca_1","balance":{"current":{"usd":6000},"type":"cash"},"permissions":["balances","ownership"],"empty":[],"obj":{},"n":null}"#)
        let expected = """
            {
              "id": "fca_1",
              "balance": {
                "current": {
                  "usd": 6000
                },
                "type": "cash"
              },
              "permissions": [
                "balances",
                "ownership"
              ],
              "empty": [],
              "obj": {},
              "n": null
            }
            """
        #expect(value.serialized(pretty: true) == expected)
    }

    @Test func pathLookup() throws {
        let value = try JSON.parse(#"{"data":[{"id":"a"},{"id":"b","balance":{"current":{"usd":5}}}]}"#)
        #expect(value.value(at: "data.1.id") == "b")
        #expect(value.value(at: "data.1.balance.current.usd")?.intValue == 5)
        #expect(value.value(at: "data.2.id") == nil)
        #expect(value.value(at: "data.x") == nil)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let input: String
        let offset: Int
        let message: String
        var testDescription: String { input.isEmpty ? "<empty>" : input }
    }

    static let malformed: [Malformed] = [
        Malformed(input: "", offset: 0, message: "unexpected end of input, expected a value"),
        Malformed(input: #"{"a":1,}"#, offset: 7, message: "unexpected '}', expected a string key"),
        Malformed(input: "[1 2]", offset: 3, message: "unexpected '2', expected ',' or ']'"),
        Malformed(input: #"{"a" 1}"#, offset: 5, message: "expected ':' after an object key"),
        Malformed(input: #""abc"#, offset: 0, message: "unterminated string"),
        Malformed(input: "tru", offset: 0, message: "invalid literal, expected 'true'"),
        Malformed(input: "[01]", offset: 1, message: "invalid number: leading zero"),
        Malformed(input: "[1.]", offset: 3, message: "invalid number: expected a digit after '.'"),
        Malformed(input: "-x", offset: 1, message: "invalid number: expected a digit"),
        Malformed(input: #"{"a":1} x"#, offset: 8, message: "unexpected 'x' after the document"),
        Malformed(input: #"["\ud800"]"#, offset: 2, message: "unpaired high surrogate in a \\u escape"),
        Malformed(input: #"["\udc00"]"#, offset: 2, message: "unpaired low surrogate in a \\u escape"),
        Malformed(input: #""\x""#, offset: 1, message: "invalid escape '\\x'"),
        Malformed(input: "\"a\u{01}b\"", offset: 2, message: "unescaped control character 0x01 in a string"),
        Malformed(input: #"[1,"#, offset: 3, message: "unexpected end of input, expected a value"),
    ]

    @Test(arguments: malformed)
    func malformedInputReportsByteOffset(_ vector: Malformed) {
        #expect(throws: JSONParseError(message: vector.message, offset: vector.offset)) {
            try JSON.parse(vector.input)
        }
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: JSONParseError.self) { try JSON.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSON.parse(deep) }
    }
}
