import Testing
@testable import FCKit

@Suite struct JSONTests {
    @Test func roundTripKeepsKeyOrderAndExactNumbers() throws {
        let text = #"{"z":1,"a":[true,false,null],"n":12345678901234567890123,"f":-0.5e-3,"s":"é\n\"\\/\u0001"}"#
        let value = try JSON.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "n", "f", "s"])
        #expect(value.serialized() == #"{"z":1,"a":[true,false,null],"n":12345678901234567890123,"f":-0.5e-3,"s":"é\n\"\\/\u0001"}"#)
    }
}
