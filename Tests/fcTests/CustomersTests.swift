@testable import fc
import FCKit
import Foundation
import Testing

/// `stripe-fc customers create|get|list` end to end against the stub transport: the exact wire
/// request, the exact output, error mapping, and that the key never shows.
@Suite("Customers")
struct CustomersTests {
    func fc(_ argv: [String], tty: Bool = false, env: [String: String]? = nil, stubs: [Stub] = [],
            sourceLocation: SourceLocation = #_sourceLocation) async -> RunResult {
        await runHidingKeys(argv, tty: tty, env: env, stubs: stubs, sourceLocation: sourceLocation)
    }

    static let createdPretty = """
        {
          "id": "cus_x",
          "object": "customer",
          "address": null,
          "balance": 0,
          "created": 1795255200,
          "currency": null,
          "description": null,
          "email": "a@example.com",
          "livemode": false,
          "metadata": {},
          "name": "Ann",
          "phone": null
        }

        """

    static let createStub = Stub.json("POST", "/v1/customers", customerJSON())

    // MARK: - create

    @Test func createSendsTheExactRequestAndPrintsJSONWhenPiped() async throws {
        let r = await fc(["customers", "create", "--email", "a@example.com", "--name", "Ann"], stubs: [Self.createStub])
        #expect(r.code == 0)
        #expect(r.err == "")
        #expect(r.out == Self.createdPretty)
        let request = try #require(r.requests.first)
        #expect(r.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.url == "https://api.stripe.com/v1/customers")
        #expect(request.bodyText == "email=a%40example.com&name=Ann")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.header("Authorization") == "Bearer sk_test_123")
        #expect(request.header("Stripe-Version") == "2026-07-29.dahlia")
        #expect(request.header("User-Agent") == "stripe-fc/\(FC.version)")
        let key = try #require(request.header("Idempotency-Key"))
        #expect(UUID(uuidString: key) != nil, "a generated key is a UUID, got \(key)")
        #expect(request.header("Stripe-Account") == nil)
    }

    @Test func createPrintsATableOnATerminal() async {
        let r = await fc(["customers", "create", "--email", "a@example.com", "--name", "Ann"], tty: true, stubs: [Self.createStub])
        #expect(r.code == 0)
        #expect(r.out == """
            \u{1B}[1mID\u{1B}[0m             cus_x
            \u{1B}[1mEMAIL\u{1B}[0m          a@example.com
            \u{1B}[1mNAME\u{1B}[0m           Ann
            \u{1B}[1mCREATED (UTC)\u{1B}[0m  2026-11-21 10:00

            """, "one object on a terminal: a key/value view, the time's zone said")
    }

    @Test func noColorMeansPlainHeaders() async {
        var env = testEnv()
        env["NO_COLOR"] = "1"
        let r = await fc(["customers", "create", "--email", "a@example.com", "--name", "Ann"], tty: true, env: env, stubs: [Self.createStub])
        #expect(r.out == "ID             cus_x\nEMAIL          a@example.com\nNAME           Ann\nCREATED (UTC)  2026-11-21 10:00\n")
        let flag = await fc(["customers", "create", "--no-color", "--email", "a@example.com"], tty: true, stubs: [Self.createStub])
        #expect(!flag.out.contains("\u{1B}"))
    }

    @Test func metadataIsBracketEncodedInOrder() async {
        let r = await fc(["customers", "create", "--email", "a@example.com", "--metadata", "team=ops", "--metadata", "tier=gold",
                          "--metadata", "note=a=b c", "--phone", "+1 555", "--description", "VIP"], stubs: [Self.createStub])
        #expect(r.code == 0)
        #expect(r.requests.first?.bodyText
            == "email=a%40example.com&phone=%2B1%20555&description=VIP&metadata[team]=ops&metadata[tier]=gold&metadata[note]=a%3Db%20c")
    }

    @Test func idempotencyKeyIsUsedVerbatim() async {
        let r = await fc(["customers", "create", "--email", "a@example.com", "--idempotency-key", "K-123"], stubs: [Self.createStub])
        #expect(r.requests.first?.header("Idempotency-Key") == "K-123")
    }

    @Test func headersFromGlobalOptions() async {
        let stub = Stub.json("POST", "/v1/customers", customerJSON())
        let r = await fc(["--stripe-account", "acct_9", "customers", "create", "--stripe-version", "2025-01-01.test",
                          "--base-url", "http://127.0.0.1:12111/"], stubs: [stub])
        #expect(r.code == 0)
        let request = r.requests.first
        #expect(request?.url == "http://127.0.0.1:12111/v1/customers")
        #expect(request?.header("Stripe-Account") == "acct_9")
        #expect(request?.header("Stripe-Version") == "2025-01-01.test")
        #expect(request?.bodyText == "")
        #expect(request?.header("Content-Type") == "application/x-www-form-urlencoded")
    }

    static let v2Account = """
        {"id":"acct_v2","object":"v2.core.account","contact_email":"a@example.com","display_name":"Ann",\
        "created":"2026-11-21T10:00:00.000Z","configuration":{"customer":{}},"livemode":false}
        """

    @Test func createV2SendsJSONToAccountsV2() async throws {
        let r = await fc(["customers", "create", "--v2", "--email", "a@example.com", "--name", "Ann"], tty: true,
                         stubs: [.json("POST", "/v2/core/accounts", Self.v2Account)])
        #expect(r.code == 0)
        let request = try #require(r.requests.first)
        #expect(request.url == "https://api.stripe.com/v2/core/accounts")
        #expect(request.bodyText
            == #"{"contact_email":"a@example.com","display_name":"Ann","configuration":{"customer":{}},"include":["configuration.customer"]}"#)
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Idempotency-Key") != nil)
        let plain = r.out.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(plain.contains("ID             acct_v2\nEMAIL          a@example.com\nNAME           Ann\nCREATED (UTC)  2026-11-21T10:00:00.000Z\n"), "\(r.out)")
    }

    @Test("--v2 refuses v1-only options before sending", arguments: ["--phone", "--description", "--metadata"])
    func v2RefusesV1Options(_ option: String) async {
        let value = option == "--metadata" ? "k=v" : "x"
        let r = await fc(["customers", "create", "--v2", option, value])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("error: \(option) cannot be used with --v2"))
        #expect(r.requests.isEmpty)
    }

    // MARK: - get and list

    @Test func getFetchesOneCustomer() async throws {
        let r = await fc(["customers", "get", "cus_x"], stubs: [.json("GET", "/v1/customers/cus_x", customerJSON())])
        #expect(r.code == 0)
        #expect(r.out == Self.createdPretty)
        let request = try #require(r.requests.first)
        #expect(request.url == "https://api.stripe.com/v1/customers/cus_x")
        #expect(request.body.isEmpty)
        #expect(request.header("Idempotency-Key") == nil)
        #expect(request.header("Content-Type") == nil)
    }

    static func customers(_ range: ClosedRange<Int>) -> [String] { range.map { customerJSON("cus_\($0)") } }

    @Test func listAllWalksEveryPage() async {
        let r = await fc(["customers", "list", "--all", "-q"], stubs: [
            .json("GET", "/v1/customers", query: "limit=100", listJSON(Self.customers(1...2), hasMore: true)),
            .json("GET", "/v1/customers", query: "limit=100&starting_after=cus_2", listJSON(Self.customers(3...4), hasMore: true)),
            .json("GET", "/v1/customers", query: "limit=100&starting_after=cus_4", listJSON(Self.customers(5...5), hasMore: false)),
        ])
        #expect(r.code == 0)
        #expect(r.out == "cus_1\ncus_2\ncus_3\ncus_4\ncus_5\n")
        #expect(r.requests.map(\.query) == ["limit=100", "limit=100&starting_after=cus_2", "limit=100&starting_after=cus_4"])
    }

    @Test func listAllAsJSONIsOneArray() async throws {
        let r = await fc(["customers", "list", "--all"], stubs: [
            .json("GET", "/v1/customers", query: "limit=100", listJSON(Self.customers(1...2), hasMore: true)),
            .json("GET", "/v1/customers", query: "limit=100&starting_after=cus_2", listJSON(Self.customers(3...3), hasMore: false)),
        ])
        let ids = try JSON.parse(r.out).arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(ids == ["cus_1", "cus_2", "cus_3"])
    }

    @Test func limitAbove100FetchesPagesOf100Then50() async {
        let r = await fc(["customers", "list", "--limit", "150", "--format", "jsonl"], stubs: [
            .json("GET", "/v1/customers", query: "limit=100", listJSON(Self.customers(1...100), hasMore: true)),
            .json("GET", "/v1/customers", query: "limit=50&starting_after=cus_100", listJSON(Self.customers(101...150), hasMore: true)),
        ])
        #expect(r.code == 0)
        #expect(r.requests.count == 2)
        #expect(r.out.split(separator: "\n").count == 150)
    }

    @Test func listDefaultsToTenAndFiltersByEmail() async {
        let r = await fc(["customers", "list", "--email", "a@example.com", "--format", "csv"], stubs: [
            .json("GET", "/v1/customers", query: "email=a%40example.com&limit=10", listJSON(Self.customers(1...1), hasMore: false)),
        ])
        #expect(r.code == 0)
        #expect(r.out == "id,email,name,created\ncus_1,a@example.com,Ann,1795255200\n")
    }

    @Test func emptyListSaysSoOnATerminal() async {
        let r = await fc(["customers", "list"], tty: true, stubs: [.json("GET", "/v1/customers", listJSON([], hasMore: false))])
        #expect(r.code == 0)
        #expect(r.out == "")
        #expect(r.err == "No customers found.\n")
    }
}
