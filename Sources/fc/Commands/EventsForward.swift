import FCKit
import Foundation

/// `stripe-fc events forward --to URL`: tails GET /v1/events (as `events follow` does) and delivers
/// each event to a local URL signed as Stripe signs webhooks, so a receiver's signature check
/// and handling can be exercised with nothing but an API key.
enum EventsForward {
    static let command = CommandSpec(
        name: "forward", summary: "Deliver events to a local URL as signed webhooks",
        description: """
            Polls GET /v1/events and POSTs each new event, oldest first, to --to exactly as Stripe delivers a \
            webhook: the event JSON, Content-Type application/json, and a Stripe-Signature header \
            (t=…,v1=…, HMAC-SHA256 with the --secret) that the official SDKs verify (stripe.Webhook.construct_event). \
            Without --secret a fresh whsec_ secret is made and printed on stderr. A delivery that is not \
            answered 2xx is retried 3 times (1s, 2s, 4s), each signed afresh; the receiver should ignore an \
            event id it has already handled. One line per delivery goes to stderr (event, type, status, \
            time); results go to stdout as JSONL when piped. Works against Stripe itself with only an API \
            key (no login, no Stripe-side endpoint) and against stripe-fc sandbox. Starts from now, or \
            from --since; --once delivers the events there already (all the API keeps, or since --since) \
            and exits, 1 if any delivery finally failed. Ctrl-C stops after reporting every event read (exit 130).
            """,
        options: [
            OptionSpec(name: "to", valueName: "URL", kind: .url, help: "Where to deliver (your webhook handler).", required: true),
            typeOption,
            OptionSpec(name: "secret", valueName: "WHSEC", help: "Sign with this whsec_ secret (what your handler verifies with).",
                       env: "STRIPE_WEBHOOK_SECRET"),
            OptionSpec(name: "since", valueName: "T", kind: .time, help: "Deliver events created at or after this time first."),
            .flag("once", help: "Deliver the events there now and exit (1 if any delivery failed) instead of following."),
        ],
        examples: ["$ stripe-fc events forward --to http://127.0.0.1:4242/webhooks --once",
                   "$ stripe-fc events forward --to http://127.0.0.1:4242/webhooks --type 'financial_connections.account.*'"],
        view: view, run: run, pipeFormat: .jsonl)

    static let typeOption: OptionSpec = {
        var option = Events.typeOption
        option.help = "Only events of this type (up to 20 of them); * wildcards allowed."
        option.repeatable = true
        return option
    }()

    /// Live: each result is written as its delivery ends, also on a pipe.
    static let view = View(columns: [
        .id("EVENT", "id"), .path("TYPE", "type"), .text("STATUS", "status"), .text("MS", "duration_ms"), .text("ATTEMPTS", "attempts"),
    ], emptyMessage: "No events to forward.", live: true)

    /// Between polls of /v1/events when following.
    static let pollInterval = 2.0
    /// The first retry of a failed delivery waits this long, each further one twice as long.
    static let retryBase = 1.0

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let types = context.strings("type")
        if types.count > 20 { throw CLIError.usage("too many --type values (\(types.count)): at most 20") }
        let given = context.string("secret")
        if let given, !given.hasPrefix("whsec_") || given.count <= 6 {
            throw CLIError.usage("invalid value for --secret: expected a webhook signing secret (whsec_…)")
        }
        let client = try context.client()
        var params = JSONObject()
        if types.count == 1 { params["type"] = .string(types[0]) }
        if types.count > 1 { params["types"] = .array(types.map(JSON.string)) }
        if let since = context.time("since") { params["created"] = ["gte": .int(since)] }
        let once = context.flag("once")
        // Following from now starts after the newest event; --once and --since take what is there.
        let start = once || context.string("since") != nil ? nil : try await EventFollower.newest(client: client, params: params)
        let secret = given ?? WebhookDelivery.newSecret()
        if given == nil {
            // Raw, past stderr's redaction: this secret is what the receiver must be given.
            let line = context.output.machineStderr ? JSON.object(["webhook_secret": .string(secret)]).serialized() : "webhook secret \(secret)"
            context.io.err.raw(line + "\n")
        }
        let url = context.string("to")!
        context.notice("forwarding \(types.isEmpty ? "events" : types.joined(separator: ", ")) to \(url)\(once ? "" : " (Ctrl-C stops)")")
        let forwarder = Forwarder(client: client, params: params, url: url, secret: secret, once: once, context: context, lastSeen: start)
        let results = AsyncThrowingStream { try await forwarder.next() }
        guard context.output.terminal, context.output.format == .table else { return .list(results, view) }
        // On a terminal the stderr lines already say it all.
        for try await _ in results {}
        return .none
    }

    /// Pulls batches of events and delivers them one at a time, each result handed to the renderer.
    private final class Forwarder: @unchecked Sendable {
        let client: StripeClient
        let params: JSONObject
        let url: String
        let secret: String
        let once: Bool
        let context: CommandContext
        var lastSeen: String?
        var batch: [JSON] = []
        var fetchedOnce = false
        var failed = 0
        var delivered = 0

        init(client: StripeClient, params: JSONObject, url: String, secret: String, once: Bool, context: CommandContext, lastSeen: String?) {
            self.client = client
            self.params = params
            self.url = url
            self.secret = secret
            self.once = once
            self.context = context
            self.lastSeen = lastSeen
        }

        func next() async throws -> JSON? {
            while batch.isEmpty {
                if once, fetchedOnce {
                    if failed > 0 {
                        throw CLIError(message: "\(failed) of \(failed + delivered) deliveries to \(url) failed", exitCode: ExitCode.failure)
                    }
                    return nil
                }
                if fetchedOnce { try await context.environment.sleep(EventsForward.pollInterval) }
                batch = try await EventFollower.fetch(after: lastSeen, client: client, params: params)
                fetchedOnce = true
                if let newest = batch.last?["id"]?.stringValue { lastSeen = newest }
            }
            let event = batch.removeFirst()
            do {
                return try await deliver(event)
            } catch {
                // Interrupted: every event read but not delivered is still reported.
                for unsent in [event] + batch { say(unsent, "not delivered (interrupted)") }
                batch = []
                throw error
            }
        }

        /// One event, retried on anything but a 2xx; throws only when interrupted.
        private func deliver(_ event: JSON) async throws -> JSON {
            let payload = Array(event.serialized(pretty: true).utf8)
            let transport = context.environment.transport, now = context.environment.now
            var attempts = 0
            while true {
                try Task.checkCancellation()
                attempts += 1
                let attempt = await WebhookDelivery.attempt(transport, url: url, payload: payload, secret: secret, now: now)
                if attempt.cancelled { throw CancellationError() }
                let outcome = "\(attempt.status.map(String.init) ?? attempt.error ?? "failed") (\(attempt.durationMS) ms)"
                let retry = attempts <= WebhookDelivery.maxRetries && !attempt.delivered
                if retry {
                    let delay = WebhookDelivery.retryDelay(attempts, base: EventsForward.retryBase)
                    say(event, "\(outcome), retrying in \(ValueCheck.describe(seconds: delay))")
                    try await context.environment.sleep(delay)
                    continue
                }
                say(event, attempt.delivered ? outcome : "\(outcome), gave up after \(attempts) attempts")
                if attempt.delivered { delivered += 1 } else { failed += 1 }
                var result = JSONObject()
                result["id"] = event["id"] ?? .null
                result["type"] = event["type"] ?? .null
                result["delivered"] = .bool(attempt.delivered)
                result["status"] = attempt.status.map { .int($0) } ?? .null
                result["error"] = attempt.error.map(JSON.string) ?? .null
                result["attempts"] = .int(attempts)
                result["duration_ms"] = .int(attempt.durationMS)
                result["url"] = .string(url)
                return .object(result)
            }
        }

        /// The stderr line for one delivery; with JSON asked for, stdout's results say it instead.
        private func say(_ event: JSON, _ what: String) {
            guard !context.output.machineStderr else { return }
            context.io.err.line("\(event["id"]?.stringValue ?? "?")  \(event["type"]?.stringValue ?? "?")  → \(what)")
        }
    }
}
