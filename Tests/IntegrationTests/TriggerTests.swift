import FCKit
import Foundation
import Testing

/// `stripe-fc sandbox trigger EVENT`: each changes the account's (or payment's) state, records the
/// event (`GET /v1/events` sees it), and what the state forbids is then refused.
@Suite("stripe-fc sandbox trigger", .sandbox())
struct TriggerTests {
    static let prefix = "financial_connections.account."

    /// Runs the trigger; returns the events it printed (each of that type, about `account` when given).
    func trigger(_ fc: FCRunner, _ event: String, account: String? = nil, _ extra: [String] = [],
                 sourceLocation: SourceLocation = #_sourceLocation) async throws -> [JSON] {
        var args = ["sandbox", "trigger", event] + extra
        if let account { args += ["--account", account] }
        let printed = try await fc.okJSON(args, sourceLocation: sourceLocation).arrayValue ?? []
        #expect(!printed.isEmpty, sourceLocation: sourceLocation)
        for e in printed {
            #expect(e["type"]?.stringValue == event, sourceLocation: sourceLocation)
            if let account { #expect(e.value(at: "data.object.id")?.stringValue == account, sourceLocation: sourceLocation) }
        }
        // Recorded: GET /v1/events lists it.
        let listed = try await fc.okJSON(["events", "list", "--type", event, "--limit", "100"]).arrayValue ?? []
        let listedIDs = Set(listed.compactMap { $0["id"]?.stringValue })
        #expect(printed.allSatisfy { listedIDs.contains($0["id"]?.stringValue ?? "") }, sourceLocation: sourceLocation)
        return printed
    }

    func checking(_ fc: FCRunner) async throws -> (LinkedFixture, String) {
        let linked = try await fc.linkedFixture()
        return (linked, try linked.account("Success Checking"))
    }

    func pay(_ fc: FCRunner, _ linked: LinkedFixture, _ account: String) async throws -> FCResult {
        try await fc.run(["pay", "--account", account, "--customer", linked.customer, "--amount", "5", "--mandate", "offline"])
    }

    @Test("account.created links a new session for the customer")
    func created() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let events = try await trigger(fc, Self.prefix + "created", ["--customer", customer])
        #expect(events.count == 4, "Test Institution's four accounts")
        #expect(events.allSatisfy { $0.value(at: "data.object.account_holder.customer")?.stringValue == customer })
        let listed = try await fc.okJSON(["accounts", "list", "--customer", customer]).arrayValue ?? []
        #expect(Set(listed.compactMap { $0["id"]?.stringValue }) == Set(events.compactMap { $0.value(at: "data.object.id")?.stringValue }))
        let refused = try await fc.run(["sandbox", "trigger", Self.prefix + "created", "--account", "fca_123"])
        #expect(refused.code == 2, "\(refused)")
    }

    @Test("deactivated: inactive with its cause; refreshes and payments refused (financial_connections_account_inactive); reactivated undoes it")
    func deactivatedThenReactivated() async throws {
        let fc = try FCRunner.shared()
        let (linked, id) = try await checking(fc)
        let events = try await trigger(fc, Self.prefix + "deactivated", account: id, ["--cause", "account_closed"])
        #expect(events[0].value(at: "data.previous_attributes.status") == "active")
        let account = try await fc.okJSON(["accounts", "get", id])
        #expect(account["status"] == "inactive")
        #expect(account.value(at: "status_details.inactive.cause") == "account_closed")
        #expect(account.value(at: "status_details.inactive.action") == "relink_required")
        let refresh = try await fc.run(["accounts", "refresh", id, "--feature", "balance"])
        #expect(refresh.code == 1 && refresh.err.contains("financial_connections_account_inactive"), "\(refresh)")
        let payment = try await pay(fc, linked, id)
        #expect(payment.code == 1 && payment.err.contains("inactive"), "\(payment)")

        _ = try await trigger(fc, Self.prefix + "reactivated", account: id)
        let active = try await fc.okJSON(["accounts", "get", id])
        #expect(active["status"] == "active")
        #expect(active["status_details"] == nil)
        try await fc.ok(["accounts", "refresh", id, "--feature", "balance", "--wait"])
    }

    @Test("reactivated on an active account deactivates it first, then reactivates it")
    func reactivatedFromActive() async throws {
        let fc = try FCRunner.shared()
        let (_, id) = try await checking(fc)
        let events = try await trigger(fc, Self.prefix + "reactivated", account: id)
        #expect(events.count == 1)
        #expect(events[0].value(at: "data.previous_attributes.status") == "inactive")
        #expect(try await fc.okJSON(["accounts", "get", id])["status"] == "active")
    }

    @Test("disconnected by the institution: no request on the event; refreshes refused")
    func disconnected() async throws {
        let fc = try FCRunner.shared()
        let (_, id) = try await checking(fc)
        let events = try await trigger(fc, Self.prefix + "disconnected", account: id)
        #expect(events[0].value(at: "request.id") == .null, "the institution did it, not an API request")
        #expect(try await fc.okJSON(["accounts", "get", id])["status"] == "disconnected")
        let refresh = try await fc.run(["accounts", "refresh", id, "--feature", "transactions"])
        #expect(refresh.code == 1 && refresh.err.contains("financial_connections_account_inactive"), "\(refresh)")
    }

    @Test("refreshed_balance, refreshed_ownership, refreshed_transactions: the refresh is done, its data there")
    func refreshed() async throws {
        let fc = try FCRunner.shared()
        let (_, id) = try await checking(fc)
        let balance = try await trigger(fc, Self.prefix + "refreshed_balance", account: id)
        #expect(balance[0].value(at: "data.object.balance_refresh.status") == "succeeded")
        #expect(balance[0].value(at: "data.object.balance.current.usd")?.intValue != nil)
        let ownership = try await trigger(fc, Self.prefix + "refreshed_ownership", account: id)
        #expect(ownership[0].value(at: "data.object.ownership_refresh.status") == "succeeded")
        let owners = try await fc.okJSON(["owners", id]).arrayValue ?? []
        #expect(owners.compactMap { $0["name"]?.stringValue } == ["Jenny Rosen"])
        _ = try await trigger(fc, Self.prefix + "refreshed_transactions", account: id)
        let transactions = try await fc.ok(["transactions", id, "--all", "-q"]).lines
        #expect(!transactions.isEmpty)
    }

    @Test("a failed refresh: status failed, and the data it would have brought is refused")
    func failedRefresh() async throws {
        let fc = try FCRunner.shared()
        let (_, id) = try await checking(fc)
        let events = try await trigger(fc, Self.prefix + "refreshed_transactions", account: id, ["--failed"])
        #expect(events[0].value(at: "data.object.transaction_refresh.status") == "failed")
        let listing = try await fc.run(["transactions", id])
        #expect(listing.code == 1 && listing.err.contains("financial_connections_no_successful_transaction_refresh"), "\(listing)")
        let misuse = try await fc.run(["sandbox", "trigger", Self.prefix + "deactivated", "--account", id, "--failed"])
        #expect(misuse.code == 2, "\(misuse)")
    }

    @Test("account_numbers_updated: a new tokenized number, the old one deactivated")
    func accountNumbersUpdated() async throws {
        let fc = try FCRunner.shared()
        let (linked, id) = try await checking(fc)
        let events = try await trigger(fc, Self.prefix + "account_numbers_updated", account: id)
        let numbers = events[0].value(at: "data.object.account_numbers")?.arrayValue ?? []
        #expect(numbers.map { $0["identifier_type"] } == ["account_number", "tokenized_account_number"])
        #expect(numbers.map { $0["status"] } == ["deactivated", "transactable"])
        let payment = try await pay(fc, linked, id)
        #expect(payment.code == 0, "the new number is transactable: \(payment)")
    }

    @Test("expected_deactivation_date_updated: status_details.active with relink_required and the date")
    func expectedDeactivation() async throws {
        let fc = try FCRunner.shared()
        let (_, id) = try await checking(fc)
        let events = try await trigger(fc, Self.prefix + "expected_deactivation_date_updated", account: id, ["--cause", "institution_requirement"])
        let account = try await fc.okJSON(["accounts", "get", id])
        #expect(account.value(at: "status_details.active.action") == "relink_required")
        #expect(account.value(at: "status_details.active.cause") == "institution_requirement")
        let date = try #require(account.value(at: "status_details.active.expected_deactivation_date")?.intValue)
        #expect(date > (events[0]["created"]?.intValue ?? 0) + 7 * 86_400, "further than a week: no notice yet")
        #expect(account["status"] == "active")
    }

    @Test("supported_payment_method_types_updated: without us_bank_account, payments are refused")
    func paymentMethodTypes() async throws {
        let fc = try FCRunner.shared()
        let (linked, id) = try await checking(fc)
        let events = try await trigger(fc, Self.prefix + "supported_payment_method_types_updated", account: id)
        #expect(events[0].value(at: "data.object.supported_payment_method_types") == [])
        #expect(events[0].value(at: "data.previous_attributes.supported_payment_method_types") == ["us_bank_account"])
        let payment = try await pay(fc, linked, id)
        #expect(payment.code == 1 && payment.err.contains("us_bank_account"), "\(payment)")
        _ = try await trigger(fc, Self.prefix + "supported_payment_method_types_updated", account: id)
        #expect(try await pay(fc, linked, id).code == 0)
    }

    @Test("payment_intent.succeeded: the payment settles now")
    func paymentSucceeded() async throws {
        let fc = try FCRunner.shared()
        let (_, id) = try await checking(fc)
        let events = try await trigger(fc, "payment_intent.succeeded", ["--account", id])
        let intent = try #require(events[0].value(at: "data.object.id")?.stringValue)
        #expect(try await fc.okJSON(["payments", "get", intent])["status"] == "succeeded")
    }

    @Test("payment_intent.payment_failed with each ACH return; all but insufficient_funds block the bank account (402 bank_account_unusable)",
          arguments: SandboxTriggerCodes.all)
    func paymentFailed(_ code: String) async throws {
        let fc = try FCRunner.shared()
        let (linked, id) = try await checking(fc)
        let events = try await trigger(fc, "payment_intent.payment_failed", ["--account", id, "--failure-code", code])
        #expect(events[0].value(at: "data.object.last_payment_error.code")?.stringValue == code)
        #expect(events[0].value(at: "data.object.status") == "requires_payment_method")
        let again = try await pay(fc, linked, id)
        if code == "insufficient_funds" {
            #expect(again.code == 0, "insufficient funds blocks nothing: \(again)")
        } else {
            #expect(again.code == 1 && again.err.contains("bank_account_unusable"), "\(again)")
        }
    }
}

enum SandboxTriggerCodes {
    static let all = ["insufficient_funds", "account_closed", "no_account", "debit_not_authorized"]
}

/// Triggers whose consequences come later, and the clock that brings them: each test has a sandbox
/// of its own with a frozen clock, so moving time disturbs nothing else.
@Suite("stripe-fc sandbox clock")
struct SandboxClockTests {
    func frozenSandbox() async throws -> (SandboxProcess, FCRunner) {
        let sandbox = try await SandboxProcess.start(SandboxProcess.defaultArguments + ["--clock", "manual"])
        return (sandbox, FCRunner(sandbox))
    }

    @Test("frozen: a refresh stays pending until the clock moves; advancing completes it, passes the cooldown and settles payments")
    func advance() async throws {
        let (sandbox, fc) = try await frozenSandbox()
        defer { sandbox.stop() }
        let clock = try await fc.okJSON(["sandbox", "clock"])
        #expect(clock["mode"] == "manual")
        let start = try #require(clock["now"]?.intValue)
        let linked = try await fc.linkedFixture()
        let id = try linked.account("Success Checking")
        try await fc.ok(["accounts", "refresh", id, "--feature", "balance"])
        let paid = try await fc.okJSON(["pay", "--account", id, "--customer", linked.customer, "--amount", "5", "--mandate", "offline"])
        #expect(paid["status"] == "processing")
        #expect(try await fc.okJSON(["accounts", "get", id]).value(at: "balance_refresh.status") == "pending")
        let moved = try await fc.okJSON(["sandbox", "clock", "advance", "2s"])
        #expect(moved["now"] == .int(start + 2))
        #expect(try await fc.okJSON(["accounts", "get", id]).value(at: "balance_refresh.status") == "succeeded")
        #expect(try await fc.okJSON(["payments", "get", paid["id"]?.stringValue ?? ""])["status"] == "succeeded")
        let inCooldown = try await fc.run(["accounts", "refresh", id, "--feature", "balance"])
        #expect(inCooldown.code == 1, "\(inCooldown)")
        try await fc.ok(["sandbox", "clock", "advance", "60s"])
        try await fc.ok(["accounts", "refresh", id, "--feature", "balance"])
        let bad = try await fc.run(["sandbox", "clock", "advance", "soon"])
        #expect(bad.code == 2 && bad.err.contains("soon"), "\(bad)")
    }

    @Test("a subscribed account's daily refresh: advance 1d brings refreshed_transactions and new transactions")
    func dailyRefresh() async throws {
        let (sandbox, fc) = try await frozenSandbox()
        defer { sandbox.stop() }
        let linked = try await fc.linkedFixture(permissions: "transactions")
        let id = try linked.account("Success Checking")
        try await fc.ok(["accounts", "refresh", id, "--feature", "transactions"])
        try await fc.ok(["sandbox", "clock", "advance", "1s"])
        let before = Set(try await fc.ok(["transactions", id, "--all", "-q"]).lines)
        try await fc.ok(["accounts", "subscribe", id])
        try await fc.ok(["sandbox", "clock", "advance", "1d"])
        #expect(try await fc.eventCount("financial_connections.account.refreshed_transactions") == 2)
        let after = Set(try await fc.ok(["transactions", id, "--all", "-q"]).lines)
        #expect(after.isStrictSuperset(of: before), "the daily refresh brought new transactions")
    }

    @Test("upcoming_deactivation: the notice now, and a week on the account is deactivated")
    func upcomingDeactivation() async throws {
        let (sandbox, fc) = try await frozenSandbox()
        defer { sandbox.stop() }
        let linked = try await fc.linkedFixture()
        let id = try linked.account("Success Checking")
        let printed = try await fc.okJSON(["sandbox", "trigger", "financial_connections.account.upcoming_deactivation", "--account", id])
        #expect(printed[0]?["type"] == "financial_connections.account.upcoming_deactivation")
        let date = try #require(try await fc.okJSON(["accounts", "get", id]).value(at: "status_details.active.expected_deactivation_date")?.intValue)
        #expect(try await fc.eventCount("financial_connections.account.upcoming_deactivation") == 1)
        try await fc.ok(["sandbox", "clock", "advance", "7d"])
        let account = try await fc.okJSON(["accounts", "get", id])
        #expect(account["status"] == "inactive")
        let deactivated = try await fc.okJSON(["events", "list", "--type", "financial_connections.account.deactivated"])
        #expect(deactivated[0]?["created"] == .int(date))
        let refresh = try await fc.run(["accounts", "refresh", id, "--feature", "balance"])
        #expect(refresh.code == 1 && refresh.err.contains("financial_connections_account_inactive"), "\(refresh)")
    }

    @Test("upcoming_account_number_expiry: the notice now; a week on the number is deactivated and payments refused")
    func upcomingNumberExpiry() async throws {
        let (sandbox, fc) = try await frozenSandbox()
        defer { sandbox.stop() }
        let linked = try await fc.linkedFixture()
        let id = try linked.account("Success Checking")
        let printed = try await fc.okJSON(["sandbox", "trigger", "financial_connections.account.upcoming_account_number_expiry", "--account", id])
        let number = try #require(printed[0]?.value(at: "data.object.account_numbers")?[0])
        #expect(number["identifier_type"] == "tokenized_account_number")
        #expect(number["expected_expiry_date"]?.intValue != nil)
        try await fc.ok(["sandbox", "clock", "advance", "7d"])
        let updated = try await fc.okJSON(["events", "list", "--type", "financial_connections.account.account_numbers_updated"])
        #expect(updated[0]?.value(at: "data.object.account_numbers")?[0]?["status"] == "deactivated")
        let payment = try await fc.run(["pay", "--account", id, "--customer", linked.customer, "--amount", "5", "--mandate", "offline"])
        #expect(payment.code == 1 && payment.err.contains("financial_connections_account_unavailable_account_numbers"), "\(payment)")
    }
}

/// `stripe-fc sandbox --scenario FILE` and `stripe-fc sandbox state`.
@Suite("stripe-fc sandbox scenarios")
struct SandboxScenarioTests {
    static var example: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/scenario.json").path
    }

    @Test("the example scenario gives the same world every run, and its export starts the same world again")
    func roundTrip() async throws {
        let first = try await SandboxProcess.start(["--scenario", Self.example])
        defer { first.stop() }
        let fc = FCRunner(first)
        let accounts = try await fc.okJSON(["accounts", "list", "--customer", "cus_CIJennyRosen01"]).arrayValue ?? []
        #expect(Set(accounts.compactMap { $0["id"]?.stringValue }) == ["fca_1CIJennyChecking0000001", "fca_1CIJennySavings00000001"])
        let balances = try await fc.ok(["balances", "fca_1CIJennyChecking0000001", "--format", "tsv", "--fields", "id,balance.current.usd"])
        #expect(balances.out == "fca_1CIJennyChecking0000001\t512345\n", "\(balances)")
        #expect(try await fc.ok(["transactions", "fca_1CIJennyChecking0000001", "--all", "-q"]).lines.count == 25)
        let state = try await fc.ok(["sandbox", "state"]).out
        let file = Scratch.newDirectory("scenario") + "/state.json"
        try state.write(toFile: file, atomically: true, encoding: .utf8)

        let second = try await SandboxProcess.start(["--scenario", file])
        defer { second.stop() }
        let again = try await FCRunner(second).ok(["sandbox", "state"]).out
        #expect(try JSON.parse(again) == JSON.parse(state))
        let input = try JSON.parse(String(contentsOfFile: Self.example, encoding: .utf8))
        #expect(try JSON.parse(state)["customers"] == input["customers"])

        let both = try await fc.run(["sandbox", "--scenario", Self.example, "--data", file + ".data", "--port", "0"])
        #expect(both.code == 2, "\(both)")
    }

    @Test("a scenario's webhook endpoint gets a trigger's event, signed with the scenario's fixed secret")
    func webhookEndpoint() async throws {
        let receiver = try WebhookReceiver.start()
        defer { receiver.stop() }
        var scenario = try JSON.parse(String(contentsOfFile: Self.example, encoding: .utf8)).objectValue ?? [:]
        let secret = "whsec_ciFixedSecretForTheReceiver0000000001"
        scenario["webhook_endpoints"] = [["id": "we_1CIReceiver000000000000001", "url": .string(receiver.url),
                                          "enabled_events": ["financial_connections.account.*"], "secret": .string(secret)]]
        let file = Scratch.newDirectory("scenario") + "/webhook.json"
        try JSON.object(scenario).serialized(pretty: true).write(toFile: file, atomically: true, encoding: .utf8)
        let sandbox = try await SandboxProcess.start(["--scenario", file])
        defer { sandbox.stop() }
        let printed = try await FCRunner(sandbox).okJSON(["sandbox", "trigger", "financial_connections.account.deactivated",
                                                          "--account", "fca_1CIJennyChecking0000001"])
        #expect(await receiver.wait(for: 1), "the endpoint got the event")
        #expect(receiver.eventIds == [printed[0]?["id"]?.stringValue ?? "?"], "only the trigger's event: the seeding's own went to no endpoint")
        #expect(receiver.deliveries.allSatisfy { WebhookReceiver.verifies($0, secret: secret) })
    }
}
