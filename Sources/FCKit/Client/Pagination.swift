/// The items of a Stripe list endpoint as an async sequence. Pages are fetched lazily with
/// `starting_after` = the last item's id, only when the consumer reaches the end of the
/// previous one, so a long listing streams in constant memory.
public struct Paginator: AsyncSequence, Sendable {
    public typealias Element = JSON

    let client: StripeClient
    let path: String
    let params: JSONObject
    /// The most items to yield; nil means every page.
    let limit: Int?
    /// Stripe's largest page.
    public static let maxPageSize = 100

    public func makeAsyncIterator() -> Iterator {
        Iterator(paginator: self)
    }

    /// Yields items one by one; `next()` throws `ClientError`.
    public struct Iterator: AsyncIteratorProtocol {
        private let paginator: Paginator
        private var page: [JSON] = []
        private var index = 0
        private var yielded = 0
        private var startingAfter: String?
        private var moreOnServer = true
        /// Every cursor used so far: a server that hands one out twice would be paged forever.
        private var cursors: Set<String> = []

        init(paginator: Paginator) {
            self.paginator = paginator
            startingAfter = paginator.params["starting_after"]?.stringValue
        }

        public mutating func next() async throws(ClientError) -> JSON? {
            if let limit = paginator.limit, yielded >= limit { return nil }
            if index == page.count {
                guard moreOnServer else { return nil }
                try await fetchPage()
                guard index < page.count else { return nil }
            }
            defer { index += 1; yielded += 1 }
            return page[index]
        }

        private mutating func fetchPage() async throws(ClientError) {
            var params = paginator.params
            let remaining = paginator.limit.map { $0 - yielded } ?? Paginator.maxPageSize
            params["limit"] = .int(Swift.min(Swift.max(remaining, 1), Paginator.maxPageSize))
            if let startingAfter { params["starting_after"] = .string(startingAfter) }
            let response = try await paginator.client.send(StripeRequest(method: .get, path: paginator.path, params: params))
            page = response.json["data"]?.arrayValue ?? []
            index = 0
            moreOnServer = response.json["has_more"]?.boolValue ?? false
            // Without an id to continue from, asking again would repeat this page forever.
            if let lastID = page.last?["id"]?.stringValue {
                if moreOnServer, !cursors.insert(lastID).inserted {
                    throw .invalidResponse(status: response.status, requestID: response.requestID,
                                           message: "the API repeated a page of \(paginator.path) (it continues after \(lastID) again): stopped instead of paging forever")
                }
                startingAfter = lastID
            } else {
                moreOnServer = false
            }
        }
    }
}
