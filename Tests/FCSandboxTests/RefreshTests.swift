import FCKit
import Testing
@testable import FCSandbox

@Suite("Sandbox refresh lifecycle")
struct RefreshTests {
    @Test func balanceRefreshGoesPendingThenSucceeded() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked()
        let checking = ids.last!  // oldest = the success checking account
        let t0 = Int(h.clock.now)
        let pending = await h.post("/v1/financial_connections/accounts/\(checking)/refresh", "features[]=balance")
        #expect(pending.status == 200)
        #expect(pending["balance_refresh"] == ["last_attempted_at": .int(t0), "next_refresh_available_at": .null, "status": "pending"])
        #expect(pending["balance"] == .null)
        h.clock.advance(0.5)
        #expect(await h.get("/v1/financial_connections/accounts/\(checking)")["balance_refresh.status"] == "pending")
        h.clock.advance(5)
        let done = await h.get("/v1/financial_connections/accounts/\(checking)")
        #expect(done["balance_refresh.status"] == "succeeded")
        #expect(done["balance_refresh.next_refresh_available_at"]?.intValue == t0 + 1 + 60)
        #expect(done["balance.type"] == "cash")
        #expect(done["balance.as_of"]?.intValue == t0 + 1)
        let current = try #require(done["balance.current.usd"]?.intValue)
        let available = try #require(done["balance.cash.available.usd"]?.intValue)
        #expect(current > 0 && available <= current)
        let events = await h.get("/v1/events", "type=financial_connections.account.refreshed_balance")
        let event = try #require(events["data.0"])
        #expect(event["created"]?.intValue == t0 + 1)
        #expect(event.value(at: "data.object.balance_refresh.status") == "succeeded")
        #expect(event.value(at: "data.previous_attributes.balance_refresh.status") == "pending")
        #expect(event.value(at: "request.id") == .null)
    }

    @Test func creditCardBalanceIsCredit() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked(subcategories: ["credit_card"])
        let a = await h.refreshed(ids[0], "balance")
        #expect(a["balance.type"] == "credit")
        #expect((a["balance.credit.used.usd"]?.intValue ?? 0) > 0)
        #expect(a["balance.current.usd"]?.intValue == -(a["balance.credit.used.usd"]?.intValue ?? 0))
    }

    @Test func downBankRefreshesFail() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked(institution: "Down Bank (Error)")
        let a = await h.refreshed(ids[0], "transactions")
        #expect(a["transaction_refresh.status"] == "failed")
        #expect(a["transaction_refresh.id"]?.stringValue?.hasPrefix("fctxnref_") == true)
        let list = await h.get("/v1/financial_connections/transactions", "account=\(ids[0])")
        #expect(list.errorCode == "financial_connections_no_successful_transaction_refresh")
        let events = await h.get("/v1/events", "type=financial_connections.account.refreshed_transactions")
        #expect(events["data.0.data.object.transaction_refresh.status"] == "failed")
    }

    @Test func refusesTooEarlyWithoutPermissionAndWhenDisconnected() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked(permissions: ["balances", "payment_method"])
        let account = ids[0]
        let noPermission = await h.post("/v1/financial_connections/accounts/\(account)/refresh", "features[]=ownership")
        #expect(noPermission.status == 400)
        #expect(noPermission.errorParam == "features")
        #expect(noPermission.errorMessage?.contains("`ownership` permission") == true)
        let noSubscribe = await h.post("/v1/financial_connections/accounts/\(account)/subscribe", "features[]=transactions")
        #expect(noSubscribe.status == 400)
        _ = await h.refreshed(account, "balance")
        let early = await h.post("/v1/financial_connections/accounts/\(account)/refresh", "features[]=balance")
        #expect(early.status == 400)
        #expect(early.errorMessage?.contains("next_refresh_available_at") == true)
        h.clock.advance(61)
        let later = await h.post("/v1/financial_connections/accounts/\(account)/refresh", "features[]=balance")
        #expect(later.status == 200)
        let missing = await h.post("/v1/financial_connections/accounts/\(account)/refresh")
        #expect(missing.errorCode == "parameter_missing")
        #expect(missing.errorParam == "features")
        let bad = await h.post("/v1/financial_connections/accounts/\(account)/refresh", "features[]=balances")
        #expect(bad.errorParam == "features[]")

        let disconnected = await h.post("/v1/financial_connections/accounts/\(account)/disconnect")
        #expect(disconnected["status"] == "disconnected")
        let refused = await h.post("/v1/financial_connections/accounts/\(account)/refresh", "features[]=balance")
        #expect(refused.errorCode == "financial_connections_account_inactive")
        let events = await h.get("/v1/events", "type=financial_connections.account.disconnected")
        #expect(events["data.0.data.previous_attributes.status"] == "active")
        // The refresh still pending when the account was disconnected ends failed.
        h.clock.advance(5)
        #expect(await h.get("/v1/financial_connections/accounts/\(account)")["balance_refresh.status"] == "failed")
    }

    @Test("--refresh-cooldown sets next_refresh_available_at after a successful refresh")
    func refreshCooldownOption() async throws {
        var options = Harness.options()
        options.refreshCooldownSeconds = 5
        let h = try Harness(options: options)
        let (_, _, ids) = await h.linked(permissions: ["balances"])
        let done = await h.refreshed(ids[0], "balance")
        let attempted = try #require(done["balance_refresh.last_attempted_at"]?.intValue)
        #expect(done["balance_refresh.next_refresh_available_at"]?.intValue == attempted + 1 + 5, "completed 1 s after the attempt, then 5 s: \(done)")
        h.clock.advance(4)
        #expect(await h.post("/v1/financial_connections/accounts/\(ids[0])/refresh", "features[]=balance").status == 400)
        h.clock.advance(2)
        #expect(await h.post("/v1/financial_connections/accounts/\(ids[0])/refresh", "features[]=balance").status == 200)
    }

    @Test func subscribeAndUnsubscribe() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked()
        let on = await h.post("/v1/financial_connections/accounts/\(ids[0])/subscribe", "features[]=transactions")
        #expect(on["subscriptions"] == ["transactions"])
        let off = await h.post("/v1/financial_connections/accounts/\(ids[0])/unsubscribe", "features[]=transactions")
        #expect(off["subscriptions"] == [])
        let bad = await h.post("/v1/financial_connections/accounts/\(ids[0])/subscribe", "features[]=balance")
        #expect(bad.errorParam == "features[]")
    }

    @Test func subscribedAccountsRefreshDaily() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked()
        _ = await h.post("/v1/financial_connections/accounts/\(ids[0])/subscribe", "features[]=transactions")
        h.clock.advance(86_400 * 2 + 10)
        let events = await h.get("/v1/events", "type=financial_connections.account.refreshed_transactions")
        #expect(events["data"]?.arrayValue?.count == 2)
        let list = await h.get("/v1/financial_connections/transactions", "account=\(ids[0])")
        #expect(list.status == 200)
        _ = await h.post("/v1/financial_connections/accounts/\(ids[0])/unsubscribe", "features[]=transactions")
        h.clock.advance(86_400 * 3)
        let after = await h.get("/v1/events", "type=financial_connections.account.refreshed_transactions")
        #expect(after["data"]?.arrayValue?.count == 2)
    }

    @Test func ownershipAndOwners() async throws {
        let h = try Harness()
        let (_, _, ids) = await h.linked(institution: "Ownership Accounts")
        let joint = ids.last!, empty = ids.first!
        let a = await h.refreshed(joint, "ownership")
        #expect(a["ownership_refresh.status"] == "succeeded")
        let ownership = try #require(a["ownership"]?.stringValue)
        #expect(ownership.hasPrefix("fcaowns_"))
        let owners = await h.get("/v1/financial_connections/accounts/\(joint)/owners", "ownership=\(ownership)")
        #expect(owners["object"] == "list")
        #expect(owners["data"]?.arrayValue?.map { $0["name"]!.stringValue! } == ["Jenny Rosen", "Alex Smith", "Sam Taylor"])
        #expect(owners["data.0"]?.objectValue?.keys == ["id", "object", "email", "name", "ownership", "phone", "raw_address", "refreshed_at"])
        #expect(owners["data.0.ownership"]?.stringValue == ownership)
        let page = await h.get("/v1/financial_connections/accounts/\(joint)/owners", "ownership=\(ownership)&limit=1")
        #expect(page["has_more"] == true)
        let expanded = await h.send("GET", "/v1/financial_connections/accounts/\(joint)", query: "expand[]=ownership")
        #expect(expanded["ownership.object"] == "financial_connections.account_ownership")
        #expect(expanded["ownership.owners.data"]?.arrayValue?.count == 3)
        let missing = await h.get("/v1/financial_connections/accounts/\(joint)/owners")
        #expect(missing.errorCode == "parameter_missing")
        let wrong = await h.get("/v1/financial_connections/accounts/\(joint)/owners", "ownership=fcaowns_nope")
        #expect(wrong.errorCode == "resource_missing")
        let none = await h.refreshed(empty, "ownership")
        let noOwners = await h.get("/v1/financial_connections/accounts/\(empty)/owners", "ownership=\(none["ownership"]!.stringValue!)")
        #expect(noOwners["data"] == [])
    }

    @Test func listExpandsDataOwnership() async throws {
        let h = try Harness()
        let (cus, _, ids) = await h.linked(institution: "Ownership Accounts")
        _ = await h.refreshed(ids.last!, "ownership")
        let list = await h.get("/v1/financial_connections/accounts", "account_holder[customer]=\(cus)&expand[]=data.ownership")
        #expect(list["data.1.ownership.object"] == "financial_connections.account_ownership")
        #expect(list["data.0.ownership"] == .null)
    }
}
