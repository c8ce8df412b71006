import Testing
@testable import FCKit

@Suite struct PaginationTests {
    static func page(_ ids: [String], hasMore: Bool) -> FakeTransport.Answer {
        let data = ids.map { #"{"id":"\#($0)","object":"financial_connections.account"}"# }.joined(separator: ",")
        return .json(200, #"{"object":"list","data":[\#(data)],"has_more":\#(hasMore),"url":"/v1/financial_connections/accounts"}"#)
    }

    static func query(_ request: HTTPRequest) -> String {
        String(request.url.split(separator: "?", maxSplits: 1).last ?? "")
    }

    @Test func walksEveryPageWithStartingAfter() async throws {
        let transport = FakeTransport([
            Self.page(["fca_1", "fca_2"], hasMore: true),
            Self.page(["fca_3", "fca_4"], hasMore: true),
            Self.page(["fca_5"], hasMore: false),
        ])
        let client = Recorder().client(transport)
        var ids: [String] = []
        for try await item in client.list(AccountsAPI.listPath, params: ["account_holder": ["customer": "cus_1"]], limit: nil) {
            ids.append(item["id"]?.stringValue ?? "?")
        }
        #expect(ids == ["fca_1", "fca_2", "fca_3", "fca_4", "fca_5"])
        #expect(transport.requests.map(Self.query) == [
            "account_holder[customer]=cus_1&limit=100",
            "account_holder[customer]=cus_1&limit=100&starting_after=fca_2",
            "account_holder[customer]=cus_1&limit=100&starting_after=fca_4",
        ])
        transport.expectAllUsed()
    }

    @Test func limitShrinksThePageAndStopsEarly() async throws {
        let transport = FakeTransport([
            Self.page(["fca_1", "fca_2"], hasMore: true),
            Self.page(["fca_3"], hasMore: true),
        ])
        let client = Recorder().client(transport)
        var ids: [String] = []
        for try await item in client.list(AccountsAPI.listPath, limit: 3) {
            ids.append(item["id"]?.stringValue ?? "?")
        }
        #expect(ids == ["fca_1", "fca_2", "fca_3"])
        // The server may return fewer than asked; the next page asks only for what is still wanted.
        #expect(transport.requests.map(Self.query) == ["limit=3", "limit=1&starting_after=fca_2"])
        transport.expectAllUsed()
    }

    @Test func limitAbove100UsesFullPages() async throws {
        let first = (1...100).map { "fca_\($0)" }
        let transport = FakeTransport([Self.page(first, hasMore: true), Self.page(["fca_101", "fca_102"], hasMore: true)])
        var count = 0
        for try await _ in Recorder().client(transport).list(AccountsAPI.listPath, limit: 102) { count += 1 }
        #expect(count == 102)
        #expect(transport.requests.map(Self.query) == ["limit=100", "limit=2&starting_after=fca_100"])
    }

    @Test func fetchesLazily() async throws {
        let transport = FakeTransport([Self.page(["fca_1", "fca_2"], hasMore: true)])
        var iterator = Recorder().client(transport).list(AccountsAPI.listPath, limit: nil).makeAsyncIterator()
        #expect(transport.requests.isEmpty)
        #expect(try await iterator.next()?["id"] == "fca_1")
        #expect(try await iterator.next()?["id"] == "fca_2")
        // The second page is only asked for when the consumer wants a third item.
        #expect(transport.requests.count == 1)
    }

    @Test func zeroLimitFetchesNothing() async throws {
        let transport = FakeTransport()
        var iterator = Recorder().client(transport).list(AccountsAPI.listPath, limit: 0).makeAsyncIterator()
        #expect(try await iterator.next() == nil)
        #expect(transport.requests.isEmpty)
    }

    @Test func emptyFirstPage() async throws {
        let transport = FakeTransport([Self.page([], hasMore: false)])
        var iterator = Recorder().client(transport).list(EventsAPI.listPath, limit: nil).makeAsyncIterator()
        #expect(try await iterator.next() == nil)
        #expect(try await iterator.next() == nil)
        #expect(transport.requests.count == 1)
    }

    @Test func errorsSurfaceFromNext() async throws {
        let transport = FakeTransport([
            Self.page(["fca_1"], hasMore: true),
            .json(404, #"{"error":{"type":"invalid_request_error","message":"No such account"}}"#),
        ])
        var iterator = Recorder().client(transport).list(AccountsAPI.listPath, limit: nil).makeAsyncIterator()
        #expect(try await iterator.next()?["id"] == "fca_1")
        do {
            _ = try await iterator.next()
            Issue.record("expected an error")
        } catch {
            guard case .api(let stripe) = error else { Issue.record("expected .api"); return }
            #expect(stripe.message == "No such account")
        }
    }

    @Test func forAwaitLoopThrowsClientError() async {
        let transport = FakeTransport([.json(401, #"{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}"#)])
        do {
            for try await _ in Recorder().client(transport).list(CustomersAPI.listPath, limit: nil) {}
            Issue.record("expected an error")
        } catch {
            guard case .api(let stripe) = error else { Issue.record("expected .api"); return }
            #expect(stripe.httpStatus == 401)
        }
    }

    @Test func resumesFromAGivenStartingAfter() async throws {
        let transport = FakeTransport([Self.page(["fca_9"], hasMore: false)])
        var ids: [String] = []
        for try await item in Recorder().client(transport).list(AccountsAPI.listPath, params: ["starting_after": "fca_8"], limit: nil) {
            ids.append(item["id"]?.stringValue ?? "")
        }
        #expect(ids == ["fca_9"])
        #expect(transport.requests.map(Self.query) == ["starting_after=fca_8&limit=100"])
    }
}
