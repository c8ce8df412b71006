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
    /// The account's `account_numbers` once a test helper changed them (nil: the default one
    /// untokenized number, see `SandboxEngine.accountNumbers`).
    var accountNumbers: [JSON]? = nil
    /// Bumped whenever a deactivation (or a number expiry) is rescheduled or the account leaves
    /// `active`, so steps scheduled before stop (see `Transition.Kind.accountStep`).
    var deactivationGeneration = 0
    var numbersGeneration = 0
    /// A failed debit that blocks the bank account (`account_closed`, …): its PaymentMethod reason.
    var blocked: (code: String, reason: String, networkCode: String)? = nil
    /// Data a scenario file fixed for this account, in place of what the institution's template makes.
    var seeded: SeededAccountData? = nil
}

extension AccountRecord {
    func generation(of step: AccountStep) -> Int {
        step.isDeactivation ? deactivationGeneration : numbersGeneration
    }

    mutating func bumpGeneration(of step: AccountStep) {
        if step.isDeactivation { deactivationGeneration += 1 } else { numbersGeneration += 1 }
    }
}

/// A scenario account's own balance, owners and transaction count (see `Scenario`).
struct SeededAccountData: Sendable, Equatable {
    /// `current` in cents and, for cash accounts, `available`.
    var current: Int
    var available: Int?
    var owners: [OwnerTemplate]
    var transactions: Int
}

/// A dated change in an account's life, due once the clock reaches it.
enum AccountStep: Sendable {
    case upcomingDeactivation, deactivation, upcomingNumberExpiry, numberExpiry

    var isDeactivation: Bool { self == .upcomingDeactivation || self == .deactivation }
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
        /// A scheduled deactivation or account-number expiry (and the notices a week before them).
        case accountStep(account: String, step: AccountStep, generation: Int)
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
