import Testing
@testable import FCKit

/// Retries, backoff, idempotency across retries, and how failures come out.
@Suite struct StripeClientRetryTests {
    static let okBody = #"{"id":"cus_1"}"#
    static let serverError = #"{"error":{"type":"api_error","message":"Something went wrong"}}"#

    @Test func retriesServerErrorsWithBackoffAndOneIdempotencyKey() async throws {
        let transport = FakeTransport([.json(503, Self.serverError), .json(500, Self.serverError), .json(200, Self.okBody)])
        let recorder = Recorder()
        let response = try await recorder.client(transport).send(CustomersAPI.create(["email": "a@b.co"]))
        #expect(response.json["id"] == "cus_1")
        #expect(transport.requests.count == 3)
        #expect(recorder.sleeps == [0.5, 1.0])
        let keys = transport.requests.map { $0.header("Idempotency-Key") }
        #expect(keys[0] != nil)
        #expect(Set(keys).count == 1)
        #expect(Set(transport.requests.map(\.bodyText)) == ["email=a%40b.co"])
        #expect(recorder.exchanges.map(\.attempt) == [0, 1, 2])
        #expect(recorder.exchanges.map(\.status) == [503, 500, 200])
        #expect(recorder.exchanges.map(\.requestID) == ["req_503", "req_500", "req_200"])
        #expect(recorder.exchanges.allSatisfy { $0.idempotencyKey == keys[0] && $0.durationMS == 25 && $0.method == "POST" })
        transport.expectAllUsed()
    }

    @Test func jitterScalesEveryBackoff() async throws {
        let transport = FakeTransport([.json(429, "{}"), .json(429, "{}"), .json(429, "{}"), .json(200, Self.okBody)])
        let recorder = Recorder()
        _ = try await recorder.client(transport, configure: { $0.maxRetries = 3 }, jitter: 0.5).send(CustomersAPI.retrieve("cus_1"))
        #expect(recorder.sleeps == [0.25, 0.5, 1.0])
    }

    @Test func getRetriesCarryNoIdempotencyKey() async throws {
        let transport = FakeTransport([.json(502, "{}"), .json(200, Self.okBody)])
        _ = try await Recorder().client(transport).send(CustomersAPI.retrieve("cus_1"))
        #expect(transport.requests.count == 2)
        #expect(transport.requests.allSatisfy { $0.header("Idempotency-Key") == nil })
    }

    @Test func retryAfterIsHonoured() async throws {
        let transport = FakeTransport([.json(429, "{}", headers: [("Retry-After", "3")]), .json(200, Self.okBody)])
        let recorder = Recorder()
        _ = try await recorder.client(transport).send(CustomersAPI.retrieve("cus_1"))
        #expect(recorder.sleeps == [3.0])
    }

    @Test func givesUpAfterMaxRetriesWithTheLastError() async throws {
        let transport = FakeTransport([.json(500, Self.serverError), .json(500, Self.serverError), .json(503, Self.serverError)])
        let recorder = Recorder()
        let error = try #require(await Self.failure(recorder.client(transport), CustomersAPI.retrieve("cus_1")))
        guard case .api(let stripe) = error else { Issue.record("expected .api, got \(error)"); return }
        #expect(stripe.httpStatus == 503)
        #expect(stripe.requestID == "req_503")
        #expect(stripe.type == "api_error")
        #expect(transport.requests.count == 3)
        #expect(recorder.sleeps == [0.5, 1.0])
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let body = #"{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"features","message":"Missing required param: features."}}"#
        let transport = FakeTransport([.json(400, body)])
        let recorder = Recorder()
        let error = try #require(await Self.failure(recorder.client(transport), AccountsAPI.refresh("fca_1", features: [])))
        guard case .api(let stripe) = error else { Issue.record("expected .api, got \(error)"); return }
        #expect(stripe.param == "features")
        #expect(stripe.httpStatus == 400)
        #expect(recorder.sleeps.isEmpty)
        transport.expectAllUsed()
    }

    @Test func shouldRetryTrueRetriesEvenA400() async throws {
        let transport = FakeTransport([.json(400, "{}", headers: [("Stripe-Should-Retry", "true")]), .json(200, Self.okBody)])
        _ = try await Recorder().client(transport).send(CustomersAPI.retrieve("cus_1"))
        #expect(transport.requests.count == 2)
    }

    @Test func shouldRetryFalseStopsA503() async throws {
        let transport = FakeTransport([.json(503, Self.serverError, headers: [("Stripe-Should-Retry", "false")])])
        let error = await Self.failure(Recorder().client(transport), CustomersAPI.retrieve("cus_1"))
        guard case .api(let stripe)? = error else { Issue.record("expected .api, got \(String(describing: error))"); return }
        #expect(stripe.httpStatus == 503)
        #expect(transport.requests.count == 1)
    }

    @Test func networkErrorsAreRetriedThenReportedWithTheAttemptCount() async throws {
        let refused = TransportError(kind: .connection, message: "connection refused")
        let transport = FakeTransport([.failure(.init(kind: .timeout, message: "timed out")), .failure(refused), .failure(refused)])
        let recorder = Recorder()
        let error = await Self.failure(recorder.client(transport), CustomersAPI.create([:]))
        // A POST that got no answer may have happened: its outcome is unknown, and its key is what retries it safely.
        guard case .outcomeUnknown(let last, let attempts, "POST", "/v1/customers", let key)? = error else {
            Issue.record("expected .outcomeUnknown, got \(String(describing: error))"); return
        }
        #expect(last == refused)
        #expect(attempts == 3)
        #expect(key == transport.requests.first?.header("Idempotency-Key"))
        #expect(recorder.sleeps == [0.5, 1.0])
        #expect(recorder.exchanges.map(\.status) == [nil, nil, nil])
        #expect(recorder.exchanges.map(\.error) == ["timed out", "connection refused", "connection refused"])
        #expect(Set(transport.requests.map { $0.header("Idempotency-Key") }).count == 1)
    }

    @Test func networkErrorWithoutRetriesCountsOneAttempt() async throws {
        let transport = FakeTransport([.failure(.init(kind: .connection, message: "refused"))])
        let error = await Self.failure(Recorder().client(transport) { $0.maxRetries = 0 }, CustomersAPI.retrieve("cus_1"))
        guard case .network(_, let attempts)? = error else { Issue.record("expected .network"); return }
        #expect(attempts == 1)
    }

    @Test func cancellationIsNotRetried() async throws {
        let transport = FakeTransport([.failure(.init(kind: .cancelled, message: "cancelled"))])
        let recorder = Recorder()
        let error = await Self.failure(recorder.client(transport), CustomersAPI.retrieve("cus_1"))
        guard case .network(let last, let attempts)? = error else { Issue.record("expected .network"); return }
        #expect(last.kind == .cancelled)
        #expect(attempts == 1)
        #expect(recorder.sleeps.isEmpty)
    }

    @Test func aThrowingSleepStopsRetrying() async throws {
        let transport = FakeTransport([.json(503, Self.serverError)])
        var configuration = ClientConfiguration(apiKey: "sk_test_123456789012345")
        configuration.baseURL = "http://127.0.0.1:1"
        let client = StripeClient(configuration: configuration, transport: transport, sleep: { _ in throw CancellationError() })
        let error = await Self.failure(client, CustomersAPI.retrieve("cus_1"))
        guard case .network(let last, _)? = error else { Issue.record("expected .network"); return }
        #expect(last.kind == .cancelled)
        #expect(transport.requests.count == 1)
    }

    @Test func a2xxThatIsNotJSONIsAnInvalidResponse() async throws {
        let transport = FakeTransport([.json(200, "<html>hello</html>")])
        let error = await Self.failure(Recorder().client(transport), CustomersAPI.retrieve("cus_1"))
        guard case .invalidResponse(let status, let requestID, let message)? = error else { Issue.record("expected .invalidResponse"); return }
        #expect(status == 200)
        #expect(requestID == "req_200")
        #expect(message.contains("not JSON"))
    }

    @Test func exchangeLogRedactsSecretsInThePath() async throws {
        let transport = FakeTransport([.json(200, Self.okBody)])
        let recorder = Recorder()
        _ = try await recorder.client(transport).send(StripeRequest(method: .get, path: "/v1/payment_intents/pi_1",
                                                                    params: ["client_secret": "pi_1_secret_abcdefghijklmnop"]))
        let log = try #require(recorder.exchanges.first)
        #expect(log.path == "/v1/payment_intents/pi_1?client_secret=pi_1_secret_…mnop")
        #expect(log.method == "GET")
        #expect(log.idempotencyKey == nil)
    }

    /// The error `send` throws, or nil (and a recorded issue) when it succeeds.
    static func failure(_ client: StripeClient, _ request: StripeRequest) async -> ClientError? {
        do {
            let response = try await client.send(request)
            Issue.record("expected a failure, got HTTP \(response.status)")
            return nil
        } catch {
            return error
        }
    }
}
