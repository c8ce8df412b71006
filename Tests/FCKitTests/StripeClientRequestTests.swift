import Testing
@testable import FCKit

/// What goes on the wire: URL, headers, bodies, idempotency keys, dry runs.
@Suite struct StripeClientRequestTests {
    let ok = FakeTransport.Answer.json(200, #"{"id":"cus_123","object":"customer"}"#)

    @Test func getSendsExactHeadersAndQueryAndNoBody() async throws {
        let transport = FakeTransport([ok])
        let client = Recorder().client(transport)
        _ = try await client.send(CustomersAPI.retrieve("cus_123", expand: ["sources", "tax.ids"]))
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url == "http://127.0.0.1:12111/v1/customers/cus_123?expand[]=sources&expand[]=tax.ids")
        #expect(request.headers.map(\.name) == ["Authorization", "Stripe-Version", "User-Agent", "X-Stripe-Client-User-Agent"])
        #expect(request.header("authorization") == "Bearer sk_test_51Habcdefghijklmn1234")
        #expect(request.header("Stripe-Version") == "2026-07-29.dahlia")
        #expect(request.header("User-Agent") == "stripe-fc/0.1.0")
        #expect(request.header("Idempotency-Key") == nil)
        #expect(request.header("Content-Type") == nil)
        #expect(request.body.isEmpty)
        #expect(request.timeout == 80)
        transport.expectAllUsed()
    }

    @Test func clientUserAgentIsJSON() async throws {
        let transport = FakeTransport([ok])
        let client = Recorder().client(transport) { $0.clientVersion = "1.2.3" }
        _ = try await client.send(CustomersAPI.retrieve("cus_123"))
        let request = try #require(transport.requests.first)
        #expect(request.header("User-Agent") == "stripe-fc/1.2.3")
        let agent = try JSON.parse(try #require(request.header("X-Stripe-Client-User-Agent")))
        #expect(agent["bindings_version"] == "1.2.3")
        #expect(agent["lang"] == "swift")
        #expect(agent["publisher"] == "stripe-fc")
        #expect(agent["uname"]?.stringValue?.isEmpty == false)
        #expect(agent["os"]?.stringValue?.isEmpty == false)
    }

    @Test func v1PostIsAFormWithAnIdempotencyKey() async throws {
        let transport = FakeTransport([ok])
        let client = Recorder().client(transport) { $0.stripeAccount = "acct_1Connect" }
        _ = try await client.send(CustomersAPI.create(["email": "jenny@example.com", "metadata": ["k": "v w"]]))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:12111/v1/customers")
        #expect(request.headers.map(\.name) == ["Authorization", "Stripe-Version", "User-Agent", "X-Stripe-Client-User-Agent",
                                                "Stripe-Account", "Idempotency-Key", "Content-Type"])
        #expect(request.header("Stripe-Account") == "acct_1Connect")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.bodyText == "email=jenny%40example.com&metadata[k]=v%20w")
        let key = try #require(request.header("Idempotency-Key"))
        #expect(Self.isUUIDv4(key))
    }

    @Test func emptyPostStillDeclaresItsContentType() async throws {
        let transport = FakeTransport([ok])
        _ = try await Recorder().client(transport).send(AccountsAPI.disconnect("fca_1"))
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://127.0.0.1:12111/v1/financial_connections/accounts/fca_1/disconnect")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.header("Idempotency-Key") != nil)
        #expect(request.body.isEmpty)
    }

    @Test func v2PostSendsJSON() async throws {
        let transport = FakeTransport([ok])
        _ = try await Recorder().client(transport).send(V2AccountsAPI.createCustomerAccount(email: "a@b.co", name: nil))
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://127.0.0.1:12111/v2/core/accounts")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.bodyText == #"{"contact_email":"a@b.co","configuration":{"customer":{}},"include":["configuration.customer"]}"#)
    }

    @Test(arguments: ["http://127.0.0.1:12111", "http://127.0.0.1:12111/", "http://127.0.0.1:12111//"])
    func baseURLWithOrWithoutTrailingSlash(_ base: String) async throws {
        let transport = FakeTransport([ok])
        _ = try await Recorder().client(transport) { $0.baseURL = base }.send(EventsAPI.retrieve("evt_1"))
        #expect(transport.requests.first?.url == "http://127.0.0.1:12111/v1/events/evt_1")
    }

    @Test func deleteParamsGoInTheQuery() async throws {
        let transport = FakeTransport([ok])
        _ = try await Recorder().client(transport).send(StripeRequest(method: .delete, path: "/v1/customers/cus_1", params: ["a": ["b": "c d"]]))
        let request = try #require(transport.requests.first)
        #expect(request.method == "DELETE")
        #expect(request.url == "http://127.0.0.1:12111/v1/customers/cus_1?a[b]=c%20d")
        #expect(request.header("Idempotency-Key") == nil)
    }

    @Test func givenIdempotencyKeyIsSentAsIs() async throws {
        let transport = FakeTransport([ok])
        _ = try await Recorder().client(transport).send(StripeRequest(method: .post, path: "/v1/customers", idempotencyKey: "my-key-1"))
        #expect(transport.requests.first?.header("Idempotency-Key") == "my-key-1")
    }

    @Test func eachLogicalPostGetsItsOwnKey() async throws {
        let transport = FakeTransport([ok, ok])
        let client = Recorder().client(transport)
        _ = try await client.send(CustomersAPI.create([:]))
        _ = try await client.send(CustomersAPI.create([:]))
        let keys = transport.requests.compactMap { $0.header("Idempotency-Key") }
        #expect(keys.count == 2)
        #expect(keys[0] != keys[1])
    }

    @Test func responseCarriesRequestIDAndReplayFlag() async throws {
        let transport = FakeTransport([.json(200, #"{"id":"cus_1"}"#, headers: [("idempotent-replayed", "true")])])
        let response = try await Recorder().client(transport).send(CustomersAPI.create([:]))
        #expect(response.requestID == "req_200")
        #expect(response.replayed)
        #expect(response.json["id"] == "cus_1")
        #expect(response.status == 200)
    }

    @Test func idsInPathsAreEscaped() async throws {
        let transport = FakeTransport([ok])
        _ = try await Recorder().client(transport).send(AccountsAPI.retrieve("fca_1/../x?y"))
        #expect(transport.requests.first?.url == "http://127.0.0.1:12111/v1/financial_connections/accounts/fca_1%2F..%2Fx%3Fy")
    }

    // MARK: - Dry run

    @Test func dryRunSendsNothingAndRedacts() async throws {
        let transport = FakeTransport()
        let recorder = Recorder()
        let client = recorder.client(transport) { $0.dryRun = true }
        var request = PaymentIntentsAPI.create(["amount": 1234, "currency": "usd", "client_secret": "pi_3Mabc_secret_ZYXWVUTSRQPONM"])
        request.idempotencyKey = "fixed-key"
        do {
            _ = try await client.send(request)
            Issue.record("a dry run must throw .dryRun")
        } catch {
            guard case .dryRun = error else { Issue.record("expected .dryRun, got \(error)"); return }
        }
        #expect(transport.requests.isEmpty)
        #expect(recorder.exchanges.isEmpty)
        let shown = try #require(recorder.dryRuns.first)
        #expect(recorder.dryRuns.count == 1)
        #expect(shown.method == "POST")
        #expect(shown.url == "http://127.0.0.1:12111/v1/payment_intents")
        #expect(shown.header("Authorization") == "Bearer sk_test_…1234")
        #expect(shown.header("Idempotency-Key") == "fixed-key")
        #expect(shown.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(shown.body == "amount=1234&currency=usd&client_secret=pi_3Mabc_secret_…PONM")
        let everything = shown.url + shown.body + shown.headers.map { $0.name + $0.value }.joined()
        #expect(!everything.contains("abcdefghijklmn"))
        #expect(!everything.contains("ZYXWVUTSRQ"))
    }

    @Test func dryRunOfAGetShowsTheQuery() async throws {
        let recorder = Recorder()
        let client = recorder.client(FakeTransport()) { $0.dryRun = true }
        await #expect(throws: ClientError.self) {
            try await client.send(StripeRequest(method: .get, path: AccountsAPI.listPath, params: ["session": "fcsess_1"]))
        }
        let shown = try #require(recorder.dryRuns.first)
        #expect(shown.url == "http://127.0.0.1:12111/v1/financial_connections/accounts?session=fcsess_1")
        #expect(shown.body == "")
        #expect(shown.header("Idempotency-Key") == nil)
    }

    static func isUUIDv4(_ key: String) -> Bool {
        let parts = key.split(separator: "-")
        return key.count == 36 && parts.map(\.count) == [8, 4, 4, 4, 12] && parts[2].first == "4"
            && key.allSatisfy { $0 == "-" || $0.isHexDigit }
    }
}
