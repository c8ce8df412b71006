import FCKit
import Foundation
import Testing
@testable import FCSandbox

/// The account lifecycle test helpers, the sandbox clock and scenario files, driven on the app directly.
@Suite("Sandbox lifecycle test helpers and clock")
struct LifecycleTests {
    static let helpers = "/v1/test_helpers/financial_connections/accounts"

    func events(_ h: Harness, _ type: String) async -> [JSON] {
        await h.get("/v1/events", "type=\(type)&limit=100")["data"]?.arrayValue ?? []
    }

    @Test("deactivate: inactive with status_details.inactive, the event, then refreshes and payments refused; reactivate undoes it")
    func deactivateAndReactivate() async throws {
        let h = try Harness()
        let (cus, _, ids) = await h.linked()
        let id = ids[0]
        let off = await h.post("\(Self.helpers)/\(id)/deactivate", "cause=account_closed")
        #expect(off["status"] == "inactive")
        #expect(off["status_details.inactive.cause"] == "account_closed")
        #expect(off["status_details.inactive.action"] == "relink_required")
        let event = try #require(await events(h, "financial_connections.account.deactivated").first)
        #expect(event["data"]?["object"]?["status"] == "inactive")
        #expect(event["data"]?["previous_attributes"]?["status"] == "active")
        let refresh = await h.post("/v1/financial_connections/accounts/\(id)/refresh", "features[]=balance")
        #expect(refresh.errorCode == "financial_connections_account_inactive")
        let pay = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: id))
        #expect(pay.errorCode == "financial_connections_account_inactive")
        let again = await h.post("\(Self.helpers)/\(id)/deactivate")
        #expect(again.status == 400, "already inactive: \(again.text)")

        let on = await h.post("\(Self.helpers)/\(id)/reactivate")
        #expect(on["status"] == "active")
        #expect(on["status_details"] == nil)
        #expect(await events(h, "financial_connections.account.reactivated").count == 1)
        #expect(await h.post("/v1/financial_connections/accounts/\(id)/refresh", "features[]=balance").status == 200)
    }

    @Test("disconnect by the institution: the event carries no request, and reactivating is refused")
    func institutionDisconnect() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked()
        let off = await h.post("\(Self.helpers)/\(ids[0])/disconnect")
        #expect(off["status"] == "disconnected")
        let event = try #require(await events(h, "financial_connections.account.disconnected").first)
        #expect(event["request"]?["id"] == .null)
        #expect(await h.post("\(Self.helpers)/\(ids[0])/reactivate").errorCode == "financial_connections_account_inactive")
    }

    @Test("refresh helper: succeeded or failed at once, whatever the cooldown, with the event")
    func refreshHelper() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked()
        let done = await h.post("\(Self.helpers)/\(ids[0])/refresh", "features[]=balance&features[]=transactions")
        #expect(done["balance_refresh.status"] == "succeeded")
        #expect(done["transaction_refresh.status"] == "succeeded")
        #expect(done["balance.current.usd"]?.intValue != nil)
        let failed = await h.post("\(Self.helpers)/\(ids[0])/refresh", "features[]=ownership&status=failed")
        #expect(failed["ownership_refresh.status"] == "failed")
        let ownership = try #require(await events(h, "financial_connections.account.refreshed_ownership").first)
        #expect(ownership["data"]?["object"]?["ownership_refresh"]?["status"] == "failed")
        #expect(await events(h, "financial_connections.account.refreshed_balance").count == 1)
    }

    @Test("account numbers: a new tokenized number, then an expiry a week ahead, run by the clock; then no payment")
    func accountNumbers() async throws {
        let h = try Harness()
        let (cus, _, ids) = await h.linked()
        let id = ids[0]
        _ = await h.post("\(Self.helpers)/\(id)/update_account_numbers")
        let numbers = await h.get("/v1/financial_connections/accounts/\(id)", "expand[]=account_numbers")
        #expect(numbers["account_numbers"]?.arrayValue?.count == 2)
        #expect(numbers["account_numbers"]?[1]?["identifier_type"] == "tokenized_account_number")
        #expect(numbers["account_numbers"]?[0]?["status"] == "deactivated")
        let updated = try #require(await events(h, "financial_connections.account.account_numbers_updated").first)
        #expect(updated["data"]?["object"]?["account_numbers"]?.arrayValue?.count == 2)

        let now = Int(h.clock.now)
        _ = await h.post("\(Self.helpers)/\(id)/schedule_account_number_expiry", "expected_expiry_date=\(now + 30 * 86_400)")
        #expect(await events(h, "financial_connections.account.upcoming_account_number_expiry").isEmpty, "not yet: the notice comes a week ahead")
        _ = await h.post("/v1/test_helpers/sandbox/clock/advance", "seconds=\(23 * 86_400 + 1)")
        #expect(await events(h, "financial_connections.account.upcoming_account_number_expiry").count == 1)
        _ = await h.post("/v1/test_helpers/sandbox/clock/advance", "seconds=\(7 * 86_400)")
        // Stripe lists the last 30 days of events: the first update has aged out; the newest is the expiry.
        let expiry = try #require(await events(h, "financial_connections.account.account_numbers_updated").first)
        #expect(expiry["created"] == .int(now + 30 * 86_400))
        #expect(expiry["data"]?["object"]?["account_numbers"]?[1]?["status"] == "deactivated")
        let expired = await h.get("/v1/financial_connections/accounts/\(id)", "expand[]=account_numbers")
        #expect(expired["account_numbers"]?[1]?["status"] == "deactivated")
        let pay = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: id))
        #expect(pay.errorCode == "financial_connections_account_unavailable_account_numbers")
    }

    @Test("schedule_deactivation: status_details.active, the notice a week ahead, and the deactivation on the date")
    func scheduledDeactivation() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked()
        let id = ids[0]
        let date = Int(h.clock.now) + 10 * 86_400
        let scheduled = await h.post("\(Self.helpers)/\(id)/schedule_deactivation", "expected_deactivation_date=\(date)")
        #expect(scheduled["status_details.active.expected_deactivation_date"] == .int(date))
        #expect(scheduled["status_details.active.action"] == "relink_required")
        #expect(await events(h, "financial_connections.account.expected_deactivation_date_updated").count == 1)
        #expect(await events(h, "financial_connections.account.upcoming_deactivation").isEmpty)
        _ = await h.post("/v1/test_helpers/sandbox/clock/advance", "seconds=\(3 * 86_400)")
        let notice = try #require(await events(h, "financial_connections.account.upcoming_deactivation").first)
        #expect(notice["created"] == .int(date - 7 * 86_400), "stamped when it fell due, not when the clock got there")
        _ = await h.post("/v1/test_helpers/sandbox/clock/advance", "seconds=\(7 * 86_400)")
        let account = await h.get("/v1/financial_connections/accounts/\(id)")
        #expect(account["status"] == "inactive")
        #expect(account["status_details.inactive.cause"] == "access_expired")
        #expect(await events(h, "financial_connections.account.deactivated").first?["created"] == .int(date))
    }

    @Test("supported payment method types: without us_bank_account the account cannot pay")
    func paymentMethodTypes() async throws {
        let h = try Harness()
        let (cus, _, ids) = await h.linked()
        let changed = await h.post("\(Self.helpers)/\(ids[0])/update_supported_payment_method_types", "supported_payment_method_types=")
        #expect(changed["supported_payment_method_types"] == [])
        #expect(await events(h, "financial_connections.account.supported_payment_method_types_updated").count == 1)
        let pay = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: ids[0]))
        #expect(pay.errorMessage?.contains("does not support the us_bank_account") == true, "\(pay.text)")
    }

    @Test("payment helpers: succeed now; fail with account_closed blocks the bank account (402 bank_account_unusable)")
    func paymentHelpers() async throws {
        let h = try Harness()
        let (cus, _, ids) = await h.linked()
        let pi = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: ids[0]))
        let ok = await h.post("/v1/test_helpers/payment_intents/\(pi.id)/succeed")
        #expect(ok["status"] == "succeeded")
        #expect(await h.post("/v1/test_helpers/payment_intents/\(pi.id)/fail").errorCode == "payment_intent_unexpected_state")

        let second = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: ids[0]))
        let failed = await h.post("/v1/test_helpers/payment_intents/\(second.id)/fail", "failure_code=account_closed")
        #expect(failed["status"] == "requires_payment_method")
        #expect(failed["last_payment_error.code"] == "account_closed")
        let event = try #require(await events(h, "payment_intent.payment_failed").first)
        #expect(event["data"]?["object"]?["last_payment_error"]?["code"] == "account_closed")
        let third = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: ids[0]))
        #expect(third.status == 402)
        #expect(third.errorCode == "bank_account_unusable")
        h.clock.advance(5)
        #expect(await h.get("/v1/payment_intents/\(pi.id)")["status"] == "succeeded", "the later settlement leaves a settled payment alone")

        // One awaiting confirmation is confirmed and settled in one step: no race with the settle delay.
        let (cus2, _, ids2) = await h.linked()
        let unconfirmed = await h.post("/v1/payment_intents", "amount=500&currency=usd&customer=\(cus2)&payment_method_types[]=us_bank_account"
            + "&payment_method_data[type]=us_bank_account&payment_method_data[us_bank_account][financial_connections_account]=\(ids2.last!)"
            + "&payment_method_data[billing_details][name]=Jenny")
        #expect(unconfirmed["status"] == "requires_confirmation")
        let bounced = await h.post("/v1/test_helpers/payment_intents/\(unconfirmed.id)/fail", "failure_code=no_account")
        #expect(bounced["last_payment_error.code"] == "no_account")
        #expect(bounced["latest_charge"]?.stringValue?.hasPrefix("py_") == true)
    }

    @Test("a frozen clock stands still; advancing completes refreshes, ends the cooldown and settles payments, in time order")
    func clock() async throws {
        let h = try Harness()
        let frozen = await h.post("/v1/test_helpers/sandbox/clock/freeze")
        #expect(frozen["mode"] == "manual")
        let start = try #require(frozen["now"]?.intValue)
        let (cus, _, all) = await h.linked()
        let ids = [all.last!]  // Success Checking (the session lists newest first)
        _ = await h.post("/v1/financial_connections/accounts/\(ids[0])/refresh", "features[]=balance")
        _ = await h.post("/v1/payment_intents", PaymentTests.payBody(customer: cus, account: ids[0]))
        h.clock.advance(3_600)
        #expect(await h.get("/v1/financial_connections/accounts/\(ids[0])")["balance_refresh.status"] == "pending", "wall time does not move a frozen clock")
        let advanced = await h.post("/v1/test_helpers/sandbox/clock/advance", "seconds=61")
        #expect(advanced["now"] == .int(start + 61))
        let account = await h.get("/v1/financial_connections/accounts/\(ids[0])")
        #expect(account["balance_refresh.status"] == "succeeded")
        #expect(await h.post("/v1/financial_connections/accounts/\(ids[0])/refresh", "features[]=balance").status == 200, "the cooldown passed")
        let types = await h.get("/v1/events", "limit=100")["data"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        let refreshed = try #require(types.firstIndex(of: "financial_connections.account.refreshed_balance"), "\(types)")
        let settled = try #require(types.firstIndex(of: "payment_intent.succeeded"), "\(types)")
        #expect(refreshed > settled, "newest first: the refresh (due after 1 s) before the settlement (after 2 s)")
        #expect(await h.post("/v1/test_helpers/sandbox/clock/advance", "seconds=0").status == 400)
        #expect(await h.post("/v1/test_helpers/sandbox/clock/advance", "frozen_time=\(start)").errorParam == "frozen_time")
    }

    @Test("advancing a subscribed account a day: its daily refresh brings new transactions and refreshed_transactions")
    func dailyRefresh() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked()
        let id = ids[0]
        let first = await h.refreshed(id, "transactions")
        let firstRefresh = try #require(first["transaction_refresh.id"]?.stringValue)
        _ = await h.post("/v1/financial_connections/accounts/\(id)/subscribe", "features[]=transactions")
        _ = await h.post("/v1/test_helpers/sandbox/clock/advance", "seconds=86400")
        let account = await h.get("/v1/financial_connections/accounts/\(id)")
        #expect(account["transaction_refresh.status"] == "succeeded")
        #expect(account["transaction_refresh.id"] != .string(firstRefresh))
        #expect(await events(h, "financial_connections.account.refreshed_transactions").count == 2)
        let fresh = await h.get("/v1/financial_connections/transactions", "account=\(id)&transaction_refresh[after]=\(firstRefresh)&limit=100")
        let new = fresh["data"]?.arrayValue?.count ?? 0
        #expect(new > 0)
    }

    @Test("the clock and the helpers survive a restart from the data file")
    func clockPersists() async throws {
        let path = temporaryPath("clock.jsonl")
        let wall = ManualClock()
        var frozenAt: Int?
        do {
            let h = try Harness(options: Harness.options(dataFile: path), clock: wall)
            let (_, _, ids) = await h.linked()
            _ = await h.post("/v1/test_helpers/sandbox/clock/freeze")
            frozenAt = await h.post("/v1/test_helpers/sandbox/clock/advance", "seconds=86400")["now"]?.intValue
            _ = await h.post("\(Self.helpers)/\(ids[0])/deactivate")
        }
        wall.advance(500)
        let again = try Harness(options: Harness.options(dataFile: path), clock: wall)
        let clock = await again.get("/v1/test_helpers/sandbox/clock")
        #expect(clock["mode"] == "manual")
        #expect(clock["now"]?.intValue == frozenAt)
        #expect(await events(again, "financial_connections.account.deactivated").count == 1)
    }
}

@Suite("Sandbox scenario files")
struct ScenarioTests {
    static var examplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/scenario.json").path
    }

    func options(_ scenario: String) -> SandboxOptions {
        var o = Harness.options()
        o.scenarioFile = scenario
        return o
    }

    @Test("examples/scenario.json seeds fixed ids, balances, owners and transactions; the export loads back to the same world")
    func roundTrip() async throws {
        let h = try Harness(options: options(Self.examplePath))
        let account = await h.get("/v1/financial_connections/accounts/fca_1CIJennyChecking0000001")
        #expect(account["account_holder.customer"] == "cus_CIJennyRosen01")
        #expect(account["balance.current.usd"] == 512345)
        #expect(account["balance.cash.available.usd"] == 498000)
        #expect(account["balance.as_of"] == 1780000000)
        #expect(await h.get("/v1/financial_connections/accounts", "session=fcsess_1CIJennySession000000001")["data"]?.arrayValue?.count == 1)
        let joint = await h.get("/v1/financial_connections/accounts/fca_1CIAlexJoint00000000001")
        let jointOwners = await h.get("/v1/financial_connections/accounts/fca_1CIAlexJoint00000000001/owners",
                                      "ownership=\(joint["ownership"]?.stringValue ?? "")")
        #expect(jointOwners["data"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Alex Smith", "Sam Taylor"])
        let endpoint = await h.get("/v1/webhook_endpoints/we_1CIReceiver000000000000001")
        #expect(endpoint["url"] == "http://127.0.0.1:4242/webhooks")
        #expect(endpoint["enabled_events"] == ["financial_connections.account.*", "payment_intent.*"])
        let transactions = await h.get("/v1/financial_connections/transactions", "account=fca_1CIJennyChecking0000001&limit=100")
        #expect(transactions["data"]?.arrayValue?.count == 25)
        #expect(await h.post("/v1/financial_connections/accounts/fca_1CIJennyChecking0000001/refresh", "features[]=balance").status == 200,
                "seeded data may be refreshed at once")

        let fresh = try Harness(options: options(Self.examplePath))
        let exported = await fresh.get("/v1/test_helpers/sandbox/state")
        let input = try JSON.parse(String(contentsOfFile: Self.examplePath, encoding: .utf8))
        #expect(exported["customers"] == input["customers"])
        #expect(exported["webhook_endpoints"] == input["webhook_endpoints"], "fixed id and secret, so the receiver's secret keeps working")
        #expect(exported["time"] == input["time"])
        let first = try #require(exported["accounts"]?[0])
        #expect(first == input["accounts"]?[0], "a fully written account exports as written")
        let path = temporaryPath("exported.json")
        try exported.text.write(toFile: path, atomically: true, encoding: .utf8)
        let reloaded = try Harness(options: options(path))
        #expect(await reloaded.get("/v1/test_helpers/sandbox/state").json == exported.json, "export → load → export is the same world")
    }

    @Test("a world built through the API exports to a scenario that loads")
    func liveWorldExports() async throws {
        let h = try Harness()
        _ = await h.linked(institution: "Ownership Accounts")
        let exported = await h.get("/v1/test_helpers/sandbox/state")
        #expect(exported["accounts"]?.arrayValue?.count == 2)
        let path = temporaryPath("live.json")
        try exported.text.write(toFile: path, atomically: true, encoding: .utf8)
        let reloaded = try Harness(options: options(path))
        let again = await reloaded.get("/v1/test_helpers/sandbox/state")
        #expect(again["accounts"] == exported["accounts"])
        #expect(again["customers"] == exported["customers"])
    }

    @Test("bad scenarios are refused, naming the entry")
    func refused() throws {
        let cases: [(String, String)] = [
            (#"{"accounts":[{"id":"fca_1x","customer":"cus_nobody"}]}"#, "accounts[0]: customer must name"),
            (#"{"customers":[{"id":"nope"}]}"#, "customers[0]: id must be a cus_"),
            (#"{"custumers":[]}"#, "unknown member 'custumers'"),
            (#"{"customers":[{"id":"cus_A"}],"accounts":[{"id":"fca_1x","customer":"cus_A","institution":"Nowhere"}]}"#, "no institution 'Nowhere'"),
            (#"{"webhook_endpoints":[{"id":"nope","url":"http://127.0.0.1:9/x"}]}"#, "webhook_endpoints[0]: id must be a we_"),
            (#"{"webhook_endpoints":[{"id":"we_1","url":"ftp://x"}]}"#, "webhook_endpoints[0]: Invalid URL"),
        ]
        for (text, message) in cases {
            let path = temporaryPath("bad.json")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let error = #expect(throws: SandboxScenarioError.self) { try SandboxApp(options: options(path)) }
            #expect(error?.description.contains(message) == true, "\(error?.description ?? "") should say \(message)")
        }
    }
}
