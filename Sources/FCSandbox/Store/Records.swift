import FCKit

/// What the sandbox knows about a linked account beyond its public JSON.
struct AccountRecord: Sendable {
    let institution: String
    let templateIndex: Int
    let session: String
    /// Successful transaction refreshes, oldest first.
    var transactionRefreshes: [TransactionRefreshMark] = []
    /// `fcaowns_…` → the ownership object (owners list included), one per successful ownership refresh.
    var ownerships: [String: JSONObject] = [:]
    /// Bumped on every subscribe/unsubscribe so ticks of an older subscription stop.
    var subscriptionGeneration = 0
}

/// A time-driven state change, applied lazily once the sandbox clock passes `due`.
struct Transition: Sendable {
    enum Kind: Sendable {
        /// `feature` is `balance`, `ownership` or `transactions`.
        case refresh(account: String, feature: String)
        case settle(intent: String)
        /// A SetupIntent's bank verification finishing (`processing` → `succeeded` or failed).
        case settleSetup(intent: String)
        /// The daily transaction refresh of a subscribed account; `generation` ties it to one subscription.
        case subscriptionTick(account: String, generation: Int)
    }
    let due: Double
    let sequence: Int
    let kind: Kind
}

/// A stored answer for an `Idempotency-Key`.
struct IdempotencyEntry: Sendable {
    let method: String
    let path: String
    let body: [UInt8]
    let status: Int
    let responseBody: [UInt8]
    let requestId: String
    let storedAt: Double
}

/// Who made a change: the request (for `event.request`), or nobody for time-driven changes.
struct EventOrigin: Sendable {
    let requestId: String?
    let idempotencyKey: String?

    static let automatic = EventOrigin(requestId: nil, idempotencyKey: nil)
}
