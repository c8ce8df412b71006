@testable import FCSandbox
import Testing

@Suite("HTTP response encoding")
struct HTTPEncodingTests {
    private func text(_ response: SandboxResponse, keepAlive: Bool = true, head: Bool = false) -> String {
        String(decoding: ResponseEncoder.encode(response, keepAlive: keepAlive, headRequest: head, now: 784_111_777), as: UTF8.self)
    }

    @Test func dateIsIMFFixdate() {
        #expect(ResponseEncoder.httpDate(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(ResponseEncoder.httpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test func serverOwnsFramingHeaders() {
        let response = SandboxResponse(
            status: 201,
            headers: [
                (name: "Request-Id", value: "req_1"), (name: "content-length", value: "999"),
                (name: "Connection", value: "upgrade"), (name: "Date", value: "yesterday"),
            ],
            body: Array("{}".utf8))
        #expect(text(response, keepAlive: false) == """
            HTTP/1.1 201 Created\r
            Request-Id: req_1\r
            Content-Length: 2\r
            Date: Sun, 06 Nov 1994 08:49:37 GMT\r
            Connection: close\r
            \r
            {}
            """)
    }

    @Test func handlerHeadersCannotSplitTheResponse() {
        let response = SandboxResponse(
            status: 200, headers: [(name: "X-A", value: "1\r\nX-Injected: yes"), (name: "Bad Name", value: "v")])
        let encoded = text(response)
        #expect(encoded.contains("X-A: 1X-Injected: yes\r\n"))
        #expect(!encoded.contains("Bad Name"))
    }

    @Test func bodylessStatusesAndHead() {
        #expect(!text(SandboxResponse(status: 204, body: [1, 2])).contains("Content-Length"))
        #expect(text(SandboxResponse(status: 204, body: Array("x".utf8))).hasSuffix("\r\n\r\n"))
        #expect(text(SandboxResponse(status: 200, body: Array("abc".utf8)), head: true).hasSuffix("Content-Length: 3\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nConnection: keep-alive\r\n\r\n"))
        #expect(text(SandboxResponse(status: 42)).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
    }

    @Test(arguments: [
        ("/v1/x?a=1&b=2", "/v1/x", "a=1&b=2"),
        ("/", "/", ""),
        ("http://127.0.0.1:1/v1/y?z", "/v1/y", "z"),
        ("http://host", "/", ""),
        ("/p%5Bq%5D?", "/p%5Bq%5D", ""),
    ])
    func requestTargets(target: String, path: String, query: String) throws {
        let parsed = try RequestHead.parseTarget(ArraySlice(target.utf8), method: "GET")
        #expect(parsed.path == path)
        #expect(parsed.query == query)
    }
}
