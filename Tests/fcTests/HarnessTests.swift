@testable import fc
import FCKit
import Testing

/// The harness itself must be able to fail: an unexpected request and an unused stub are test failures.
@Suite("Harness")
struct HarnessTests {
    @Test func unexpectedRequestFailsTheTest() async {
        await withKnownIssue {
            let r = await run(["customers", "get", "cus_1", "--max-retries", "0"])
            #expect(r.requests.count == 1)
        }
    }

    @Test func unusedStubFailsTheTest() async {
        await withKnownIssue {
            _ = await run(["customers", "get", "cus_1"], stubs: [
                .json("GET", "/v1/customers/cus_1", customerJSON("cus_1")),
                .json("GET", "/v1/customers/cus_2", customerJSON("cus_2")),
            ])
        }
    }

    @Test func stubsMatchQueriesAndAnswerOnceEach() async throws {
        let transport = StubTransport([
            .json("GET", "/v1/x", query: "a=1", "{\"n\":1}"),
            .json("GET", "/v1/x", "{\"n\":2}"),
        ])
        let first = try await transport.send(HTTPRequest(method: "GET", url: "https://h/v1/x?a=2"))
        let second = try await transport.send(HTTPRequest(method: "GET", url: "https://h/v1/x?a=1"))
        #expect(String(decoding: first.body, as: UTF8.self) == "{\"n\":2}")
        #expect(String(decoding: second.body, as: UTF8.self) == "{\"n\":1}")
        transport.verifyAllUsed()
        #expect(StubTransport.split("http://127.0.0.1:80/a/b?c=d&e") == ("/a/b", "c=d&e"))
    }
}
