import FCKit
import Testing

@Suite("stripe-fc pay and stripe-fc payments", .sandbox())
struct PayTests {
    /// A customer (named, so ACH has a billing name) with Test Institution accounts granting payment_method.
    func payable(_ fc: FCRunner, permissions: String = "payment_method,balances") async throws -> LinkedFixture {
        try await fc.linkedFixture(permissions: permissions, name: "Jenny Rosen")
    }

    /// PaymentIntents created for this customer, counted from the events.
    func intentsCreated(_ fc: FCRunner, customer: String) async throws -> [String] {
        let events = try await fc.ok(["events", "list", "--type", "payment_intent.created", "--all", "--format", "jsonl"]).jsonLines()
        return events.filter { $0.value(at: "data.object.customer")?.stringValue == customer }.compactMap { $0.value(at: "data.object.id")?.stringValue }
    }

    @Test("pay --wait: the intent succeeds (exit 0); JSON, TSV and table views")
    func paySucceeds() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let account = try linked.account("Success Checking")
        let result = try await fc.ok(["pay", "--account", account, "--customer", linked.customer, "--amount", "12.34", "--currency", "usd",
                                      "--mandate", "offline", "--description", "Invoice 7", "--wait"])
        let intent = try result.json()
        #expect(intent["object"] == "payment_intent")
        #expect(intent["status"] == "succeeded", "\(result)")
        #expect(intent["amount"] == 1234)
        #expect(intent["currency"] == "usd")
        #expect(intent["customer"]?.stringValue == linked.customer)
        #expect(intent["description"] == "Invoice 7")
        #expect(intent["payment_method_types"] == ["us_bank_account"])
        let id = try #require(intent["id"]?.stringValue)
        let created = try #require(intent["created"]?.intValue)

        let got = try await fc.okJSON(["payments", "get", id])
        #expect(got["status"] == "succeeded")
        let tsv = try await fc.ok(["payments", "get", id, "--format", "tsv", "--fields", "id,amount,status,customer"])
        #expect(tsv.out == "\(id)\t1234\tsucceeded\t\(linked.customer)\n")
        let table = TableText(try await fc.ok(["payments", "get", id, "--format", "table"]).out)
        #expect(table.headers == ["ID", "AMOUNT", "STATUS", "CUSTOMER", "ERROR", "CREATED (UTC)"], "\(table)")
        #expect(table.rows == [[id, "$12.34", "succeeded", linked.customer, "", TableTime.minutes(created)]], "\(table)")
        #expect(try await intentsCreated(fc, customer: linked.customer) == [id])
    }

    @Test("pay --dry-run: the exact create and confirm bodies, nothing sent")
    func payDryRun() async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let fc = FCRunner(baseURL: recorder.url)
        let result = try await fc.run(["pay", "--account", "fca_123", "--customer", "cus_123", "--amount", "25", "--mandate", "online",
                                       "--ip", "203.0.113.7", "--user-agent", "Mozilla/5.0", "--name", "Jenny Rosen", "--dry-run"])
        #expect(result.code == 0, "\(result)")
        #expect(result.lines.contains("POST \(recorder.url)/v1/payment_intents"), "\(result)")
        #expect(result.lines.contains("amount=2500&currency=usd&customer=cus_123&payment_method_types[]=us_bank_account"
            + "&payment_method_data[type]=us_bank_account&payment_method_data[us_bank_account][financial_connections_account]=fca_123"
            + "&payment_method_data[billing_details][name]=Jenny%20Rosen"), "\(result)")
        #expect(result.lines.contains { $0.hasPrefix("POST \(recorder.url)/v1/payment_intents/") && $0.hasSuffix("/confirm") }, "\(result)")
        #expect(result.lines.contains("mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][ip_address]=203.0.113.7"
            + "&mandate_data[customer_acceptance][online][user_agent]=Mozilla%2F5.0"), "\(result)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }

    @Test("pay from the insufficient-funds account: exit 1 with the reason")
    func insufficientFunds() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let result = try await fc.run(["pay", "--account", try linked.account("Insufficient Funds Checking"), "--customer", linked.customer,
                                       "--amount", "50.00", "--mandate", "offline", "--wait"])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("insufficient funds") && result.err.contains("insufficient_funds"), "\(result)")
        let intent = try result.json()
        #expect(intent.value(at: "last_payment_error.code") == "insufficient_funds", "\(result)")
    }

    @Test("the same --idempotency-key twice creates exactly one PaymentIntent")
    func idempotencyKey() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let args = ["pay", "--account", try linked.account("Success Checking"), "--customer", linked.customer, "--amount", "5",
                    "--mandate", "offline", "--idempotency-key", "order-\(linked.customer)", "-q"]
        let first = try await fc.ok(args)
        let second = try await fc.ok(args)
        #expect(first.out == second.out)
        #expect(first.out.hasPrefix("pi_"))
        #expect(try await intentsCreated(fc, customer: linked.customer).count == 1)
    }

    static let badAmounts = ["0", "-1", "1.005", "abc", "0.00", "1e3", ""]

    @Test("invalid --amount values exit 2 and send nothing", arguments: badAmounts)
    func amountValidation(amount: String) async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let fc = FCRunner(baseURL: recorder.url)
        let result = try await fc.run(["pay", "--account", "fca_123", "--customer", "cus_123", "--amount=\(amount)", "--mandate", "offline"])
        #expect(result.code == 2, "\(result)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains("--amount"), "\(result)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }

    static let usageErrors: [[String]] = [
        ["--mandate", "online"],
        ["--mandate", "online", "--ip", "203.0.113.7"],
        ["--mandate", "offline", "--ip", "203.0.113.7"],
        ["--mandate", "sometimes"],
        ["--mandate", "offline", "--currency", "dollars"],
        ["--mandate", "offline", "--account", "cus_1"],
    ]

    @Test("mandate and option usage errors exit 2 and send nothing", arguments: usageErrors)
    func mandateUsage(extra: [String]) async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let fc = FCRunner(baseURL: recorder.url)
        let result = try await fc.run(["pay", "--account", "fca_123", "--customer", "cus_123", "--amount", "10"] + extra)
        #expect(result.code == 2, "\(result)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }

    @Test("accounts that cannot be debited: exit 1, and no PaymentIntent is created",
          arguments: [("balances", "Test Institution", "Success Checking"), ("payment_method", "Invalid Payment Accounts", "Cash Checking")])
    func cannotDebit(permissions: String, institution: String, account: String) async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: permissions, institution: institution)
        let result = try await fc.run(["pay", "--account", try linked.account(account), "--customer", linked.customer, "--amount", "10",
                                       "--mandate", "offline", "--wait"])
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains("cannot be debited"), "\(result)")
        #expect(try await intentsCreated(fc, customer: linked.customer).isEmpty)
    }

    @Test("payments cancel: a failed (requires_payment_method) intent cancels; a succeeded one is refused with Stripe's message")
    func cancel() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let failed = try await fc.run(["pay", "--account", try linked.account("Insufficient Funds Checking"), "--customer", linked.customer,
                                       "--amount", "20", "--mandate", "offline", "--wait"])
        let failedID = try #require(try failed.json()["id"]?.stringValue, "\(failed)")
        let canceled = try await fc.ok(["payments", "cancel", failedID, "--reason", "duplicate", "--format", "tsv", "--fields", "id,status,cancellation_reason"])
        #expect(canceled.out == "\(failedID)\tcanceled\tduplicate\n", "\(canceled)")

        let paid = try await fc.okJSON(["pay", "--account", try linked.account("Success Checking"), "--customer", linked.customer,
                                        "--amount", "20", "--mandate", "offline", "--wait"])
        let paidID = try #require(paid["id"]?.stringValue)
        let refused = try await fc.run(["payments", "cancel", paidID])
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.err.contains("error: You cannot cancel this PaymentIntent because it has a status of succeeded"), "\(refused)")
        #expect(refused.err.contains("code: payment_intent_unexpected_state"), "\(refused)")
        let missing = try await fc.run(["payments", "get", "pi_doesnotexist"])
        #expect(missing.code == 1, "\(missing)")
    }

    /// Exit 1, not 2: it is found by reading the customer, and exit 2 promises nothing was sent.
    @Test("pay without --name for a customer with no name fails, naming --name")
    func billingName() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.okJSON(["customers", "create", "--email", "noname@example.com"])
        let id = try #require(customer["id"]?.stringValue)
        let session = try await fc.createSession(customer: id, permissions: "payment_method")
        let accounts = try await fc.link(session)
        let account = try #require(accounts.first { $0["display_name"] == "Success Checking" }?["id"]?.stringValue)
        let result = try await fc.run(["pay", "--account", account, "--customer", id, "--amount", "1", "--mandate", "offline"])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("--name"), "\(result)")
    }
}
