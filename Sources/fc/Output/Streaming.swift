import FCKit

/// Bridges a paginator to the renderer's stream, so rows print as pages arrive
/// and the next page is fetched only when the renderer asks for it.
enum Streaming {
    static func items(_ paginator: Paginator) -> AsyncThrowingStream<JSON, Error> {
        let box = IteratorBox(paginator.makeAsyncIterator())
        return AsyncThrowingStream { try await box.next() }
    }

    /// The renderer pulls one item at a time, so the iterator is never used concurrently.
    private final class IteratorBox: @unchecked Sendable {
        var iterator: Paginator.AsyncIterator
        init(_ iterator: Paginator.AsyncIterator) { self.iterator = iterator }
        func next() async throws -> JSON? { try await iterator.next() }
    }
}
