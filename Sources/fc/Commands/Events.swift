import FCKit

/// `stripe-fc events list|follow`: what happened, newest first, or live as it happens.
enum Events {
    static let typeOption = OptionSpec(name: "type", valueName: "T", help: "Only events of this type; * wildcards allowed (financial_connections.account.*).")

    static let command = CommandSpec(
        name: "events", aliases: ["event"], summary: "List or follow events",
        description: "Events (evt_…) record every change: financial_connections.account.created, .refreshed_balance, .refreshed_ownership, .refreshed_transactions, .disconnected, payment_intent.created, .processing, .succeeded, .payment_failed, customer.created and more. Stripe keeps them 30 days.",
        group: "Events",
        examples: ["$ stripe-fc events list --type 'financial_connections.account.*'", "$ stripe-fc events follow --until-type payment_intent.succeeded"],
        subcommands: [
            CommandSpec(
                name: "list", summary: "List events, newest first",
                description: "Lists events (GET /v1/events) filtered by type (wildcards allowed) and creation time.",
                options: [typeOption,
                          OptionSpec(name: "since", valueName: "T", kind: .time, help: "Only events created at or after this time (created[gte]); a YYYY-MM-DD date is midnight in the zone tables show (local, TZ, or UTC with --utc)."),
                          CommandTree.limit, CommandTree.all],
                examples: ["$ stripe-fc events list --type 'financial_connections.account.*' --limit 20", "$ stripe-fc events list --since 2026-11-20 --all --format jsonl"],
                view: view, run: list),
            CommandSpec(
                name: "follow", summary: "Print new events as they happen",
                description: "Polls GET /v1/events for events newer than the last one seen and prints each as it arrives, oldest first (jsonl when piped), until interrupted, or until an event of --until-type arrives (exit 0) — a CI job can wait on a refresh or a payment this way. --wait-timeout bounds the wait (exit 5).",
                options: [typeOption,
                          OptionSpec(name: "until-type", valueName: "T", help: "Stop after an event of this type (wildcards allowed)."),
                          OptionSpec(name: "interval", valueName: "DURATION", kind: .duration(min: 1), help: "Time between polls.", defaultValue: "2s"),
                          OptionSpec(name: "wait-timeout", valueName: "DURATION", kind: .duration(), help: "Give up (exit 5) after this long.")],
                examples: ["$ stripe-fc events follow --type 'payment_intent.*' --until-type payment_intent.succeeded"],
                view: view, run: follow, pipeFormat: .jsonl),
            EventsForward.command,
        ])

    /// TYPE comes last: in a live table (widths fixed before the first row) a long type then
    /// never pushes another column out of line.
    static let view = View(columns: [
        withWidth(.id("ID", "id"), 28),
        .time("CREATED", "created"),
        withWidth(.path("OBJECT", "data.object.id"), 28),
        .path("TYPE", "type"),
    ], objects: ["event"], emptyMessage: "No events found.")

    private static func withWidth(_ column: Column, _ width: Int) -> Column {
        var column = column
        column.width = width
        return column
    }

    static func list(_ context: CommandContext) async throws -> CommandOutput {
        let limit = try context.listLimit()
        var params = JSONObject()
        if let type = context.string("type") { params["type"] = .string(type) }
        if let since = context.time("since") { params["created"] = ["gte": .int(since)] }
        let client = try context.client()
        return .list(Streaming.items(client.list(EventsAPI.listPath, params: params, limit: limit)), view)
    }

    static func follow(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        var params = JSONObject()
        if let type = context.string("type") { params["type"] = .string(type) }
        // Start after the newest existing event: only what happens from now on is printed.
        let start = try await EventFollower.newest(client: client, params: params)
        let follower = EventFollower(client: client, params: params, lastSeen: start, untilType: context.string("until-type"),
                                     interval: context.string("interval").flatMap(ValueCheck.duration) ?? 2,
                                     timeout: context.string("wait-timeout").flatMap(ValueCheck.duration), environment: context.environment)
        context.notice("following events\(context.string("type").map { " of type \($0)" } ?? "") (Ctrl-C stops)")
        var live = view
        live.live = true
        return .list(follower.events(), live)
    }

    /// Whether `type` matches a pattern with `*` wildcards.
    static func matches(_ type: String, pattern: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return type == pattern }
        var rest = Substring(type)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts.last!)
    }
}

extension JSONObject {
    func merging(_ other: JSONObject) -> JSONObject {
        var copy = self
        for (key, value) in other { copy[key] = value }
        return copy
    }
}

/// Polls for events newer than the last one seen (`ending_before`), yielding them oldest first.
struct EventFollower: Sendable {
    let client: StripeClient
    let params: JSONObject
    let lastSeen: String?
    let untilType: String?
    let interval: Double
    let timeout: Double?
    let environment: AppEnvironment

    func events() -> AsyncThrowingStream<JSON, Error> {
        let state = State(self)
        return AsyncThrowingStream { try await state.next() }
    }

    private final class State: @unchecked Sendable {
        let spec: EventFollower
        var lastSeen: String?
        var buffered: [JSON] = []
        var finished = false
        let deadline: Double?

        init(_ spec: EventFollower) {
            self.spec = spec
            self.lastSeen = spec.lastSeen
            self.deadline = spec.timeout.map { spec.environment.now() + $0 }
        }

        func next() async throws -> JSON? {
            while buffered.isEmpty {
                if finished { return nil }
                try await poll()
                if buffered.isEmpty {
                    if let deadline, spec.environment.now() >= deadline {
                        throw CLIError(message: "gave up waiting for \(spec.untilType ?? "events") after \(Poller.describe(spec.timeout ?? 0))",
                                       exitCode: ExitCode.waitTimeout)
                    }
                    try await spec.environment.sleep(spec.interval)
                }
            }
            let event = buffered.removeFirst()
            if let until = spec.untilType, Events.matches(event["type"]?.stringValue ?? "", pattern: until) {
                finished = true
                buffered = []
            }
            return event
        }

        private func poll() async throws {
            let newer = try await EventFollower.fetch(after: lastSeen, client: spec.client, params: spec.params)
            if let newest = newer.last?["id"]?.stringValue { lastSeen = newest }
            buffered = newer
        }
    }

    /// The id of the newest event matching `params` now: following from it prints only what happens next.
    static func newest(client: StripeClient, params: JSONObject) async throws -> String? {
        let page = try await client.send(StripeRequest(method: .get, path: EventsAPI.listPath, params: params.merging(["limit": 1]))).json
        return page["data"]?[0]?["id"]?.stringValue
    }

    /// Every event after `after` (walking back page by page), or every event the API keeps when
    /// `after` is nil, oldest first.
    static func fetch(after: String?, client: StripeClient, params: JSONObject) async throws -> [JSON] {
        guard let after else {
            var all: [JSON] = []
            for try await event in client.list(EventsAPI.listPath, params: params, limit: nil) { all.append(event) }
            return all.reversed()
        }
        var newer: [JSON] = []
        var cursor = after
        while true {
            var params = params
            params["limit"] = 100
            params["ending_before"] = .string(cursor)
            let page = try await client.send(StripeRequest(method: .get, path: EventsAPI.listPath, params: params)).json
            let data = page["data"]?.arrayValue ?? []
            newer = data + newer
            guard page["has_more"]?.boolValue == true, let first = data.first?["id"]?.stringValue else { break }
            cursor = first
        }
        return newer.reversed()
    }
}
