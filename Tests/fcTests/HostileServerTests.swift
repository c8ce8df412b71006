@testable import fc
import FCKit
import Foundation
import Testing

/// Issue 11 item 4 (the parts above the transport): a server that answers 2xx with something that
/// is not a Stripe object, or repeats a page forever, ends in a clear error, exit 1 — not exit 0,
/// not an endless loop.
@Suite struct HostileServerTests {
    @Test("a 2xx whose body is null, an array or an error object is an error, exit 1", arguments: [
        "null", "[1,2]", #"{"error":{"type":"api_error","message":"boom"}}"#, #"{"hello":"world"}"#,
    ])
    func notAStripeObject(_ body: String) async {
        let result = await run(["customers", "get", "cus_1"], stubs: [.json("GET", "/v1/customers/cus_1", body)])
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains("error: the API answered 200 with"), "\(result.err)")
    }

    @Test("--all against a server that always answers has_more with the same page stops with an error")
    func repeatedPage() async {
        let page = listJSON([customerJSON("cus_1"), customerJSON("cus_2")], hasMore: true)
        let stub = Stub(method: "GET", path: "/v1/customers", reply: .response(HTTPResponse(status: 200, body: Array(page.utf8))), repeats: true)
        let result = await run(["customers", "list", "--all", "--format", "jsonl"], stubs: [stub])
        #expect(result.code == 1, "\(result)")
        #expect(result.requests.count == 2, "the second identical page is detected")
        #expect(result.err.contains("the API repeated a page of /v1/customers (it continues after cus_2 again)"), "\(result.err)")
        #expect(result.out.split(separator: "\n").count == 2, "the first page is printed, its repeat is not")
    }

    @Test("transactions over several accounts: a repeating account is a failure, the others still list")
    func repeatedTransactionsPage() async {
        let path = "/v1/financial_connections/transactions"
        let account = { (id: String) in #"{"id":"\#(id)","object":"financial_connections.account","status":"active","permissions":["transactions"]}"# }
        let txn = { (id: String, account: String) in #"{"id":"\#(id)","object":"financial_connections.transaction","account":"\#(account)","amount":1,"currency":"usd","status":"posted","transacted_at":100}"# }
        let loop = listJSON([txn("t1", "fca_a")], hasMore: true, url: path)
        let result = await run(["transactions", "fca_a", "fca_b", "--all", "-q"], stubs: [
            .json("GET", "/v1/financial_connections/accounts/fca_a", account("fca_a")),
            .json("GET", "/v1/financial_connections/accounts/fca_b", account("fca_b")),
            Stub(method: "GET", path: path, query: "account=fca_a&limit=100", reply: .response(HTTPResponse(status: 200, body: Array(loop.utf8))), repeats: true),
            Stub(method: "GET", path: path, query: "account=fca_a&limit=100&starting_after=t1", reply: .response(HTTPResponse(status: 200, body: Array(loop.utf8))), repeats: true),
            .json("GET", path, query: "account=fca_b&limit=100", listJSON([txn("t2", "fca_b")], hasMore: false, url: path)),
        ])
        #expect(result.code == 1, "\(result)")
        #expect(Set(result.out.split(separator: "\n")) == ["t1", "t2"])
        #expect(result.err.contains("fca_a: transactions: the API repeated a page"), "\(result.err)")
    }

    @Test("a redirect is an error naming the status and the target host, never followed")
    func redirect() async {
        let result = await run(["customers", "get", "cus_1"], stubs: [.json("GET", "/v1/customers/cus_1", status: 302, "", headers: [("Location", "https://evil.example.net/v1/customers/cus_1")])])
        #expect(result.code == 1, "\(result)")
        #expect(result.requests.count == 1)
        #expect(result.err.contains("error: the API answered HTTP 302, a redirect to evil.example.net, which is not followed"), "\(result.err)")
    }

    @Test func timeoutZeroIsRefused() async {
        let result = await run(["customers", "list", "--timeout", "0"])
        #expect(result.code == 2 && result.requests.isEmpty)
        #expect(result.err.contains("must be at least 0.1s"), "\(result.err)")
    }
}
