import Testing
@testable import FCKit

@Suite struct FormDecoderTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let encoded: String
        let decoded: JSON
        var testDescription: String { encoded }
    }

    static let vectors: [Vector] = [
        Vector(encoded: "a=1&b=2", decoded: ["a": "1", "b": "2"]),
        Vector(encoded: "a[]=x&a[]=y", decoded: ["a": ["x", "y"]]),
        Vector(encoded: "a[0]=x&a[1]=y", decoded: ["a": ["x", "y"]]),
        Vector(encoded: "a[1]=y&a[0]=x", decoded: ["a": ["x", "y"]]),
        Vector(encoded: "a%5B0%5D=x&a%5B1%5D=y", decoded: ["a": ["x", "y"]]),
        Vector(encoded: "account_holder%5Btype%5D=customer", decoded: ["account_holder": ["type": "customer"]]),
        Vector(encoded: "name=Jenny+Rosen&note=a%2Bb", decoded: ["name": "Jenny Rosen", "note": "a+b"]),
        Vector(encoded: "a[b][c]=v", decoded: ["a": ["b": ["c": "v"]]]),
        Vector(encoded: "t[0][k]=1&t[0][j]=2&t[1][k]=3", decoded: ["t": [["k": "1", "j": "2"], ["k": "3"]]]),
        Vector(encoded: "t[][k]=1&t[][j]=2&t[][k]=3", decoded: ["t": [["k": "1", "j": "2"], ["k": "3"]]]),
        Vector(encoded: "limits[accounts]=&x", decoded: ["limits": ["accounts": ""], "x": ""]),
        Vector(encoded: "name=Zo%C3%AB", decoded: ["name": "Zoë"]),
        Vector(encoded: "bad=%ZZ%4", decoded: ["bad": "%ZZ%4"]),
        Vector(encoded: "", decoded: [:]),
        Vector(encoded: "&&a=1&", decoded: ["a": "1"]),
    ]

    @Test(arguments: vectors)
    func decodes(_ vector: Vector) throws {
        #expect(JSON.object(try FormDecoder.decode(vector.encoded)) == vector.decoded)
    }

    @Test(arguments: [
        ("a=1&a[b]=2", "a[b]"),
        ("a[b]=2&a=1", "a"),
        ("a=1&a=2", "a"),
        ("a[]=1&a[b]=2", "a[b]"),
        ("a[b=1", "a[b"),
        ("[x]=1", "[x]"),
    ])
    func conflictsAndBadNamesAreErrors(_ encoded: String, _ param: String) {
        #expect(throws: FormDecodeError.self) { try FormDecoder.decode(encoded) }
        do {
            _ = try FormDecoder.decode(encoded)
        } catch {
            #expect(error.param == param)
        }
    }

    @Test func pairsKeepOrderAndDecodePercents() {
        let pairs = FormDecoder.pairs("b=2&a%5B%5D=x+y&c")
        #expect(pairs.map(\.key) == ["b", "a[]", "c"])
        #expect(pairs.map(\.value) == ["2", "x y", ""])
    }
}
