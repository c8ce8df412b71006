import FCKit

/// One request as the routes see it: decoded path parameters and parameters, who sent it, and when.
struct RequestContext: Sendable {
    let method: String
    let path: String
    var pathParams: [String] = []
    let params: Params
    /// The parsed body of a `/v2` request.
    let json: JSON?
    let requestId: String
    let now: Double
    let idempotencyKey: String?

    var timestamp: Int { Int(now) }
    var origin: EventOrigin { EventOrigin(requestId: requestId, idempotencyKey: idempotencyKey) }
    subscript(index: Int) -> String { pathParams[index] }
}

/// All sandbox state. Not thread-safe by itself: `SandboxApp` only touches it under its lock.
/// Every stored `var` but `ids` belongs in `Snapshot` too (a test holds the two lists together).
final class SandboxEngine {
    static let apiVersion = "2026-07-29.dahlia"

    let options: SandboxOptions
    let world: World
    var ids: IdGenerator

    var customers = ResourceTable()
    var v2Accounts = ResourceTable()
    var sessions = ResourceTable()
    var linkedSessions: Set<String> = []
    var accounts = ResourceTable()
    var accountRecords: [String: AccountRecord] = [:]
    var paymentIntents = ResourceTable()
    var paymentMethods = ResourceTable()
    var setupIntents = ResourceTable()
    var setupAttempts = ResourceTable()
    var mandates = ResourceTable()
    var charges = ResourceTable()
    /// Payment methods used once without being saved to a customer, or detached: Stripe refuses them again.
    var consumedPaymentMethods: Set<String> = []
    var events = ResourceTable()
    var webhookEndpoints = ResourceTable()
    /// Deliveries owed by events emitted since the app last handed them to its dispatcher.
    var webhookOutbox: [WebhookDue] = []
    /// Connected accounts, their external bank accounts, and bank-account tokens (`ConnectAccounts.swift`).
    var connect = ConnectState()
    var idempotency: [String: IdempotencyEntry] = [:]
    /// Keys in the order they were stored, so expiry looks only at the oldest ones.
    var idempotencyOrder: [(key: String, storedAt: Double)] = []
    var idempotencyOrderStart = 0
    var transitions: [Transition] = []
    private var transitionSequence = 0
    /// Sandbox time (see `SandboxClock`).
    var clock = SandboxClock()
    /// Derived from the seed, never persisted: rebuilt on demand.
    var transactionSets: [String: TransactionSet] = [:]

    init(options: SandboxOptions) {
        self.options = options
        world = World(seed: options.seed)
        ids = IdGenerator(seed: options.seed)
    }

    // MARK: rollback

    /// Everything a request can change, but the id counter: ids once handed out stay spent.
    struct Snapshot {
        let customers: ResourceTable
        let v2Accounts: ResourceTable
        let sessions: ResourceTable
        let linkedSessions: Set<String>
        let accounts: ResourceTable
        let accountRecords: [String: AccountRecord]
        let paymentIntents: ResourceTable
        let paymentMethods: ResourceTable
        let setupIntents: ResourceTable
        let setupAttempts: ResourceTable
        let mandates: ResourceTable
        let charges: ResourceTable
        let consumedPaymentMethods: Set<String>
        let events: ResourceTable
        let webhookEndpoints: ResourceTable
        let webhookOutbox: [WebhookDue]
        let connect: ConnectState
        let idempotency: [String: IdempotencyEntry]
        let idempotencyOrder: [(key: String, storedAt: Double)]
        let idempotencyOrderStart: Int
        let transitions: [Transition]
        let transitionSequence: Int
        let transactionSets: [String: TransactionSet]
        let clock: SandboxClock
    }

    /// Cheap: every member is a copy-on-write value.
    func snapshot() -> Snapshot {
        Snapshot(customers: customers, v2Accounts: v2Accounts, sessions: sessions, linkedSessions: linkedSessions,
                 accounts: accounts, accountRecords: accountRecords, paymentIntents: paymentIntents,
                 paymentMethods: paymentMethods, setupIntents: setupIntents, setupAttempts: setupAttempts, mandates: mandates,
                 charges: charges, consumedPaymentMethods: consumedPaymentMethods, events: events,
                 webhookEndpoints: webhookEndpoints, webhookOutbox: webhookOutbox, connect: connect, idempotency: idempotency, idempotencyOrder: idempotencyOrder,
                 idempotencyOrderStart: idempotencyOrderStart, transitions: transitions, transitionSequence: transitionSequence,
                 transactionSets: transactionSets, clock: clock)
    }

    func restore(_ s: Snapshot) {
        customers = s.customers
        v2Accounts = s.v2Accounts
        sessions = s.sessions
        linkedSessions = s.linkedSessions
        accounts = s.accounts
        accountRecords = s.accountRecords
        paymentIntents = s.paymentIntents
        paymentMethods = s.paymentMethods
        setupIntents = s.setupIntents
        setupAttempts = s.setupAttempts
        mandates = s.mandates
        charges = s.charges
        consumedPaymentMethods = s.consumedPaymentMethods
        events = s.events
        webhookEndpoints = s.webhookEndpoints
        webhookOutbox = s.webhookOutbox
        connect = s.connect
        idempotency = s.idempotency
        idempotencyOrder = s.idempotencyOrder
        idempotencyOrderStart = s.idempotencyOrderStart
        transitions = s.transitions
        transitionSequence = s.transitionSequence
        transactionSets = s.transactionSets
        clock = s.clock
    }

    // MARK: time-driven transitions

    func schedule(_ kind: Transition.Kind, afterMS delay: Int, from now: Double) {
        transitionSequence += 1
        transitions.append(Transition(due: now + Double(max(0, delay)) / 1000, sequence: transitionSequence, kind: kind))
    }

    /// Applies, in due order, every transition whose time has come.
    func applyDueTransitions(now: Double) {
        while true {
            var best: Int? = nil
            for (i, t) in transitions.enumerated() where t.due <= now {
                if let b = best, (transitions[b].due, transitions[b].sequence) < (t.due, t.sequence) { continue }
                best = i
            }
            guard let index = best else { return }
            let transition = transitions.remove(at: index)
            switch transition.kind {
            case .refresh(let account, let feature): completeRefresh(account: account, feature: feature, at: transition.due)
            case .settle(let intent): settlePayment(intent: intent, at: transition.due)
            case .settleSetup(let intent): settleSetup(intent: intent, at: transition.due)
            case .subscriptionTick(let account, let generation): subscriptionTick(account: account, generation: generation, at: transition.due)
            case .accountStep(let account, let step, let generation): accountStep(account: account, step: step, generation: generation, at: transition.due)
            }
        }
    }

    // MARK: events

    /// Records an event whose `data.object` is a snapshot of `object` now.
    func emit(_ type: String, object: JSONObject, previous: JSONObject? = nil, at created: Int, origin: EventOrigin) {
        let id = ids.next("evt")
        var data = JSONObject()
        data["object"] = .object(object)
        if let previous { data["previous_attributes"] = .object(previous) }
        var e = JSONObject()
        e["id"] = .string(id)
        e["object"] = "event"
        e["api_version"] = .string(SandboxEngine.apiVersion)
        e["created"] = .int(created)
        e["data"] = .object(data)
        e["livemode"] = false
        e["pending_webhooks"] = .int(queueWebhooks(event: id, type: type))
        e["request"] = ["id": origin.requestId.map(JSON.string) ?? .null,
                        "idempotency_key": origin.idempotencyKey.map(JSON.string) ?? .null]
        e["type"] = .string(type)
        events[id] = e
    }

    /// Members of `new` that differ from `old`, with their old values (`previous_attributes`).
    static func changes(from old: JSONObject, to new: JSONObject, keys: [String]) -> JSONObject {
        var out = JSONObject()
        for key in keys where old[key] != new[key] { out[key] = old[key] ?? .null }
        return out
    }
}
