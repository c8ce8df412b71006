import Testing
@testable import FCKit

@Suite struct FormEncoderTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let params: JSONObject
        let encoded: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(name: "flat, order kept", params: ["z": "1", "a": "2", "m": "3"], encoded: "z=1&a=2&m=3"),
        Vector(name: "nested objects", params: ["a": ["b": ["c": "v"]], "d": "e"], encoded: "a[b][c]=v&d=e"),
        Vector(name: "array of scalars", params: ["permissions": ["balances", "ownership"]],
               encoded: "permissions[]=balances&permissions[]=ownership"),
        Vector(name: "array of objects is indexed", params: ["tax_id_data": [["type": "eu_vat", "value": "DE1"], ["type": "us_ein"]]],
               encoded: "tax_id_data[0][type]=eu_vat&tax_id_data[0][value]=DE1&tax_id_data[1][type]=us_ein"),
        Vector(name: "array inside object", params: ["filters": ["countries": ["US", "CA"]]],
               encoded: "filters[countries][]=US&filters[countries][]=CA"),
        Vector(name: "unicode is UTF-8 percent-encoded", params: ["name": "Zoë 😀"], encoded: "name=Zo%C3%AB%20%F0%9F%98%80"),
        Vector(name: "reserved characters in values", params: ["q": "a&b=c+d/e?f#g%h,i;j:k@l"],
               encoded: "q=a%26b%3Dc%2Bd%2Fe%3Ff%23g%25h%2Ci%3Bj%3Ak%40l"),
        Vector(name: "unreserved characters stay", params: ["k": "A-z_0.9~"], encoded: "k=A-z_0.9~"),
        Vector(name: "brackets in values are escaped, in keys kept", params: ["metadata": ["note": "[x]"]],
               encoded: "metadata[note]=%5Bx%5D"),
        Vector(name: "empty string unsets", params: ["limits": ["accounts": ""]], encoded: "limits[accounts]="),
        Vector(name: "null unsets", params: ["description": nil], encoded: "description="),
        Vector(name: "numbers and booleans as literals", params: ["amount": 1234, "confirm": true, "off_session": false],
               encoded: "amount=1234&confirm=true&off_session=false"),
        Vector(name: "big numbers stay exact", params: ["n": .number("12345678901234567890")], encoded: "n=12345678901234567890"),
        Vector(name: "empty params", params: [:], encoded: ""),
        Vector(name: "metadata map", params: ["metadata": ["order_id": "6735", "note": "a b"]],
               encoded: "metadata[order_id]=6735&metadata[note]=a%20b"),
    ]

    @Test(arguments: vectors)
    func encodes(_ vector: Vector) {
        #expect(FormEncoder.encode(vector.params) == vector.encoded)
    }

    /// FC-REFERENCE §2.1, every parameter of a session create, in the order the CLI builds them.
    static let sessionCreate: JSONObject = [
        "account_holder": ["type": "customer", "customer": "cus_NffrFeUfNV2Hib"],
        "permissions": ["balances", "ownership", "payment_method", "transactions"],
        "prefetch": ["balances"],
        "filters": [
            "countries": ["US"],
            "account_subcategories": ["checking", "savings"],
            "require_payment_method_support": "at_least_one",
        ],
        "limits": ["accounts": 5],
        "manual_entry": ["mode": "disabled"],
        "return_url": "https://example.com/return?from=fc",
        "expand": ["accounts"],
    ]

    @Test func fullSessionCreateBody() {
        let expected = "account_holder[type]=customer&account_holder[customer]=cus_NffrFeUfNV2Hib"
            + "&permissions[]=balances&permissions[]=ownership&permissions[]=payment_method&permissions[]=transactions"
            + "&prefetch[]=balances"
            + "&filters[countries][]=US&filters[account_subcategories][]=checking&filters[account_subcategories][]=savings"
            + "&filters[require_payment_method_support]=at_least_one"
            + "&limits[accounts]=5&manual_entry[mode]=disabled"
            + "&return_url=https%3A%2F%2Fexample.com%2Freturn%3Ffrom%3Dfc&expand[]=accounts"
        #expect(FormEncoder.encode(Self.sessionCreate) == expected)
    }

    @Test func pairsAreUnescaped() {
        let pairs = FormEncoder.pairs(["a": ["b": "x y"], "c": ["1", "2"]])
        #expect(pairs.map(\.key) == ["a[b]", "c[]", "c[]"])
        #expect(pairs.map(\.value) == ["x y", "1", "2"])
    }

    @Test func decodesBackToTheSameStructure() throws {
        let decoded = try FormDecoder.decode(FormEncoder.encode(Self.sessionCreate))
        #expect(decoded["account_holder"] == ["type": "customer", "customer": "cus_NffrFeUfNV2Hib"])
        #expect(decoded["filters"]?["countries"] == ["US"])
        #expect(decoded["limits"] == ["accounts": "5"])
        #expect(decoded["return_url"] == "https://example.com/return?from=fc")
        #expect(decoded.keys == Self.sessionCreate.keys)
    }
}
