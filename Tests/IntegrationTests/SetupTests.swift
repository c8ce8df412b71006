import FCKit
import Testing

/// `stripe-fc setup`, `payment-methods`, `mandates` and `pay --payment-method`: save a linked
/// account once, debit it off-session many times.
@Suite("stripe-fc setup and off-session pay", .sandbox())
struct SetupTests {
    func payable(_ fc: FCRunner) async throws -> LinkedFixture {
        try await fc.linkedFixture(permissions: "payment_method,balances", name: "Jenny Rosen")
    }

    /// Saves the account with `setup --wait`; returns the SetupIntent.
    func saved(_ fc: FCRunner, _ linked: LinkedFixture, account: String = "Success Checking") async throws -> JSON {
        let setup = try await fc.okJSON(["setup", "--account", try linked.account(account), "--customer", linked.customer,
                                         "--mandate", "offline", "--wait"])
        try #require(setup["status"] == "succeeded", "\(setup)")
        return setup
    }

    /// Ids from `data.object.id` of the events of a type whose object matches.
    func events(_ fc: FCRunner, _ type: String, where keep: (JSON) -> Bool) async throws -> [String] {
        let all = try await fc.ok(["events", "list", "--type", type, "--all", "--format", "jsonl"]).jsonLines()
        return all.compactMap { $0.value(at: "data.object") }.filter(keep).compactMap { $0["id"]?.stringValue }
    }

    /// Reads the sandbox directly, past what the CLI shows (a charge's mandate).
    func raw(_ fc: FCRunner, _ request: StripeRequest) async throws -> JSON {
        var configuration = ClientConfiguration(apiKey: FCRunner.apiKey)
        configuration.baseURL = fc.baseURL
        return try await StripeClient(configuration: configuration, transport: CurlTransport()).send(request).json
    }

    @Test("setup, then pay --payment-method twice: two PaymentIntents, one PaymentMethod, one mandate")
    func saveThenChargeTwice() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let account = try linked.account("Success Checking")
        let setup = try await saved(fc, linked)
        #expect(setup["object"] == "setup_intent")
        #expect(setup["customer"]?.stringValue == linked.customer)
        #expect(setup["usage"] == "off_session")
        let pm = try #require(setup["payment_method"]?.stringValue)
        let mandate = try #require(setup["mandate"]?.stringValue)

        let methods = try await fc.okJSON(["payment-methods", "list", "--customer", linked.customer, "--type", "us_bank_account"])
        #expect(methods.arrayValue?.compactMap { $0["id"]?.stringValue } == [pm])
        #expect(methods[0]?.value(at: "us_bank_account.financial_connections_account")?.stringValue == account)

        var intents: [String] = []
        for amount in ["10.00", "12.50"] {
            let paid = try await fc.okJSON(["pay", "--customer", linked.customer, "--payment-method", pm, "--amount", amount, "--wait"])
            #expect(paid["status"] == "succeeded", "\(paid)")
            #expect(paid["payment_method"]?.stringValue == pm)
            intents.append(try #require(paid["id"]?.stringValue))
        }
        #expect(Set(intents).count == 2)
        #expect(try await events(fc, "payment_intent.created") { $0["customer"]?.stringValue == linked.customer }.count == 2)
        for id in intents {
            let intent = try await raw(fc, PaymentIntentsAPI.retrieve(id, expand: ["latest_charge"]))
            #expect(intent.value(at: "latest_charge.payment_method_details.us_bank_account.mandate")?.stringValue == mandate, "\(intent)")
        }
        // One PaymentMethod (attached once, still the only one listed) and one mandate, still active.
        #expect(try await fc.okJSON(["payment-methods", "list", "--customer", linked.customer]).arrayValue?.count == 1)
        #expect(try await events(fc, "payment_method.attached") { $0["customer"]?.stringValue == linked.customer } == [pm])
        #expect(try await events(fc, "mandate.updated") { $0["payment_method"]?.stringValue == pm } == [mandate])
        let got = try await fc.okJSON(["mandates", "get", mandate])
        #expect(got["status"] == "active")
        #expect(got["type"] == "multi_use")
        #expect(got["payment_method"]?.stringValue == pm)
        #expect(got.value(at: "customer_acceptance.type") == "offline")
    }

    @Test("setup table: id, status, payment method, mandate and the account's last4; tsv fields")
    func setupViews() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let result = try await fc.ok(["setup", "--account", try linked.account("Success Checking"), "--customer", linked.customer,
                                      "--mandate", "online", "--ip", "203.0.113.7", "--user-agent", "Mozilla/5.0", "--format", "table"])
        let table = TableText(result.out)
        #expect(table.headers == ["ID", "STATUS", "PAYMENT METHOD", "MANDATE", "LAST4", "ERROR"], "\(table)")
        let row = try #require(table.rows.first)
        #expect(row[0].hasPrefix("seti_") && row[1] == "processing" && row[2].hasPrefix("pm_") && row[3].hasPrefix("mandate_") && row[4] == "6789", "\(table)")

        let tsv = try await fc.ok(["setup", "--account", try linked.account("High Yield Savings"), "--customer", linked.customer,
                                   "--mandate", "offline", "--wait", "--format", "tsv", "--fields", "status,account_last4,usage"])
        #expect(tsv.out.hasPrefix("succeeded\t"), "\(tsv)")
        #expect(tsv.out.hasSuffix("\toff_session\n"), "\(tsv)")
        let mandate = try await fc.ok(["mandates", "get", row[3], "--format", "tsv", "--fields", "status,type,customer_acceptance.type,customer_acceptance.online.ip_address,payment_method"])
        #expect(mandate.out == "active\tmulti_use\tonline\t203.0.113.7\t\(row[2])\n", "\(mandate)")
        let mandateTable = TableText(try await fc.ok(["mandates", "get", row[3], "--format", "table"]).out)
        #expect(mandateTable.headers == ["ID", "STATUS", "TYPE", "ACCEPTANCE", "ACCEPTED (UTC)", "PAYMENT METHOD"], "\(mandateTable)")
        let method = try await fc.ok(["payment-methods", "get", row[2], "--format", "tsv", "--fields", "id,type,us_bank_account.last4,customer"])
        #expect(method.out == "\(row[2])\tus_bank_account\t6789\t\(linked.customer)\n", "\(method)")
        let methodTable = TableText(try await fc.ok(["payment-methods", "list", "--customer", linked.customer, "--format", "table"]).out)
        #expect(methodTable.headers == ["ID", "TYPE", "BANK", "LAST4", "ACCOUNT", "CUSTOMER", "CREATED (UTC)"], "\(methodTable)")
        #expect(methodTable.rows.count == 2, "\(methodTable)")
    }

    @Test("the same --idempotency-key twice creates exactly one SetupIntent")
    func setupIdempotencyKey() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let args = ["setup", "--account", try linked.account("Success Checking"), "--customer", linked.customer, "--mandate", "offline",
                    "--idempotency-key", "save-\(linked.customer)", "-q"]
        let first = try await fc.ok(args)
        let second = try await fc.ok(args)
        #expect(first.out == second.out)
        #expect(first.out.hasPrefix("seti_"))
        #expect(try await events(fc, "setup_intent.created") { $0["customer"]?.stringValue == linked.customer }.count == 1)
    }

    @Test("accounts that cannot be saved: exit 1, no SetupIntent",
          arguments: [("balances", "Test Institution", "Success Checking"), ("payment_method", "Invalid Payment Accounts", "Cash Checking")])
    func cannotSave(permissions: String, institution: String, account: String) async throws {
        let fc = try FCRunner.shared()
        let linked = try await fc.linkedFixture(permissions: permissions, institution: institution)
        let result = try await fc.run(["setup", "--account", try linked.account(account), "--customer", linked.customer, "--mandate", "offline", "--wait"])
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains("cannot be debited"), "\(result)")
        #expect(try await events(fc, "setup_intent.created") { $0["customer"]?.stringValue == linked.customer }.isEmpty)
    }

    @Test("another customer's account cannot be saved: exit 1, no SetupIntent")
    func otherCustomersAccount() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let other = try await fc.createCustomer()
        let result = try await fc.run(["setup", "--account", try linked.account("Success Checking"), "--customer", other, "--mandate", "offline"])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("it belongs to \(linked.customer), not \(other)"), "\(result)")
        #expect(try await events(fc, "setup_intent.created") { $0["customer"]?.stringValue == other }.isEmpty)
    }

    static let setupUsageErrors: [[String]] = [
        [],
        ["--mandate", "online"],
        ["--mandate", "online", "--ip", "203.0.113.7"],
        ["--mandate", "offline", "--user-agent", "x"],
        ["--mandate", "mandate_1"],
        ["--mandate", "offline", "--account", "cus_1"],
        ["--mandate", "offline", "--amount", "10"],
        ["--mandate", "offline", "--fields", "amount"],
    ]

    @Test("setup usage errors exit 2 and send nothing", arguments: setupUsageErrors)
    func setupUsage(extra: [String]) async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let result = try await FCRunner(baseURL: recorder.url).run(["setup", "--account", "fca_123", "--customer", "cus_123"] + extra)
        #expect(result.code == 2, "\(result)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }

    static let payUsageErrors: [[String]] = [
        ["--mandate", "offline"],
        ["--account", "fca_1", "--payment-method", "pm_1"],
        ["--payment-method", "pm_1", "--mandate", "offline"],
        ["--payment-method", "pm_1", "--mandate", "online", "--ip", "203.0.113.7", "--user-agent", "x"],
        ["--payment-method", "pm_1", "--ip", "203.0.113.7"],
        ["--payment-method", "pm_1", "--name", "Jenny"],
        ["--payment-method", "pm_1", "--save"],
        ["--payment-method", "fca_1"],
        ["--payment-method", "pm_1", "--mandate", "sometimes"],
        ["--account", "fca_1", "--mandate", "mandate_1"],
        ["--account", "fca_1"],
    ]

    @Test("pay: bad combinations of --account, --payment-method and --mandate exit 2 and send nothing", arguments: payUsageErrors)
    func payUsage(extra: [String]) async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let result = try await FCRunner(baseURL: recorder.url).run(["pay", "--customer", "cus_123", "--amount", "10"] + extra)
        #expect(result.code == 2, "\(result)")
        #expect(result.out.isEmpty)
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }

    @Test("pay --payment-method --dry-run: the checks' reads, then the one off-session create")
    func payDryRun() async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let fc = FCRunner(baseURL: recorder.url)
        let result = try await fc.run(["pay", "--payment-method", "pm_123", "--customer", "cus_123", "--amount", "25", "--dry-run"])
        #expect(result.code == 0, "\(result)")
        let requests = result.lines.filter { $0.hasPrefix("GET ") || $0.hasPrefix("POST ") }
        #expect(requests == ["GET \(recorder.url)/v1/payment_methods/pm_123",
                             "GET \(recorder.url)/v1/setup_intents?customer=cus_123&payment_method=pm_123",
                             "POST \(recorder.url)/v1/payment_intents"], "\(result)")
        #expect(result.lines.contains("amount=2500&currency=usd&customer=cus_123&payment_method=pm_123&payment_method_types[]=us_bank_account"
            + "&mandate=mandate_DRYRUN&off_session=true&confirm=true"), "\(result)")
        let given = try await fc.run(["pay", "--payment-method", "pm_123", "--customer", "cus_123", "--amount", "25", "--mandate", "mandate_123", "--dry-run"])
        #expect(given.lines.contains("GET \(recorder.url)/v1/mandates/mandate_123"), "\(given)")
        #expect(given.lines.contains { $0.hasSuffix("&mandate=mandate_123&off_session=true&confirm=true") }, "\(given)")
        let setup = try await fc.run(["setup", "--account", "fca_123", "--customer", "cus_123", "--mandate", "offline", "--name", "Jenny Rosen", "--dry-run"])
        #expect(setup.code == 0, "\(setup)")
        #expect(setup.lines.contains("customer=cus_123&payment_method_types[]=us_bank_account&payment_method_data[type]=us_bank_account"
            + "&payment_method_data[us_bank_account][financial_connections_account]=fca_123&payment_method_data[billing_details][name]=Jenny%20Rosen"
            + "&usage=off_session"), "\(setup)")
        #expect(setup.lines.contains("POST \(recorder.url)/v1/setup_intents/seti_DRYRUN/confirm"), "\(setup)")
        #expect(setup.lines.contains("mandate_data[customer_acceptance][type]=offline"), "\(setup)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }

    @Test("pay --payment-method refusals after the checks: exit 1, no PaymentIntent")
    func offSessionRefusals() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let setup = try await saved(fc, linked)
        let pm = try #require(setup["payment_method"]?.stringValue)
        let other = try await payable(fc)
        let otherSetup = try await saved(fc, other)

        func refused(_ customer: String, _ args: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let result = try await fc.run(["pay", "--customer", customer, "--amount", "10"] + args)
            #expect(result.code == 1, "\(result)", sourceLocation: sourceLocation)
            #expect(result.out.isEmpty, sourceLocation: sourceLocation)
            #expect(result.err.contains(message), "\(result)", sourceLocation: sourceLocation)
        }
        // Another customer's method.
        try await refused(other.customer, ["--payment-method", pm], "payment method \(pm) is not attached to customer \(other.customer) (it belongs to \(linked.customer))")
        // A mandate of another method.
        let otherMandate = try #require(otherSetup["mandate"]?.stringValue)
        try await refused(linked.customer, ["--payment-method", pm, "--mandate", otherMandate], "mandate \(otherMandate) authorises payment method")
        // A one-off payment's method was never saved.
        let once = try await fc.okJSON(["pay", "--account", try linked.account("Success Checking"), "--customer", linked.customer, "--amount", "3", "--mandate", "offline"])
        let used = try #require(once["payment_method"]?.stringValue)
        try await refused(linked.customer, ["--payment-method", used], "is not attached to customer \(linked.customer) (it is not saved to any customer)")
        // Saved to the customer, but never authorised: no mandate.
        let unconfirmed = try await raw(fc, SetupIntentsAPI.create([
            "customer": .string(linked.customer),
            "payment_method_data": ["type": "us_bank_account", "billing_details": ["name": "Jenny Rosen"],
                                    "us_bank_account": ["financial_connections_account": .string(try linked.account("High Yield Savings"))]],
        ]))
        let bare = try #require(unconfirmed["payment_method"]?.stringValue)
        _ = try await raw(fc, PaymentMethodsAPI.attach(bare, customer: linked.customer))
        try await refused(linked.customer, ["--payment-method", bare], "payment method \(bare) has no active mandate")
        // Detached: no longer the customer's.
        let detached = try await fc.okJSON(["payment-methods", "detach", pm])
        #expect(detached["customer"] == .null)
        try await refused(linked.customer, ["--payment-method", pm], "is not attached to customer")
        #expect(try await events(fc, "payment_intent.created") { $0["customer"]?.stringValue == linked.customer }.count == 1, "only the one-off payment")
        #expect(try await events(fc, "payment_intent.created") { $0["customer"]?.stringValue == other.customer }.isEmpty)
        let missing = try await fc.run(["mandates", "get", "mandate_doesnotexist"])
        #expect(missing.code == 1 && missing.err.contains("No such mandate"), "\(missing)")
    }

    @Test("pay --save saves the method; later payments find its mandate on the saving payment's charge")
    func payThenSave() async throws {
        let fc = try FCRunner.shared()
        let linked = try await payable(fc)
        let first = try await fc.okJSON(["pay", "--account", try linked.account("Success Checking"), "--customer", linked.customer,
                                         "--amount", "20", "--mandate", "offline", "--save", "--wait"])
        #expect(first["setup_future_usage"] == "off_session")
        let pm = try #require(first["payment_method"]?.stringValue)
        #expect(try await fc.okJSON(["payment-methods", "list", "--customer", linked.customer]).arrayValue?.compactMap { $0["id"]?.stringValue } == [pm])
        let later = try await fc.okJSON(["pay", "--payment-method", pm, "--customer", linked.customer, "--amount", "7", "--wait"])
        #expect(later["status"] == "succeeded", "\(later)")
        let charges = try await raw(fc, PaymentIntentsAPI.retrieve(try #require(first["id"]?.stringValue), expand: ["latest_charge"]))
        let laterCharge = try await raw(fc, PaymentIntentsAPI.retrieve(try #require(later["id"]?.stringValue), expand: ["latest_charge"]))
        let mandate = charges.value(at: "latest_charge.payment_method_details.us_bank_account.mandate")
        #expect(mandate != nil && laterCharge.value(at: "latest_charge.payment_method_details.us_bank_account.mandate") == mandate)
    }

    @Test("payment-methods detach with a live key and no terminal: refused without --yes, nothing sent")
    func detachLiveNeedsConfirmation() async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let result = try await FCRunner(baseURL: recorder.url).run(["payment-methods", "detach", "pm_123"], env: ["STRIPE_API_KEY": "sk_live_51Integration0000"])
        #expect(result.code == 2, "\(result)")
        #expect(result.err.contains("refusing without confirmation: Detach payment method pm_123 in LIVE mode?"), "\(result)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }

    @Test("an unknown --stripe-version is Stripe's 400 from the sandbox: exit 1")
    func unknownVersion() async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.run(["customers", "list", "--stripe-version", "2099-99-99.bogus"])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("Invalid Stripe API version: 2099-99-99.bogus"), "\(result)")
    }
}
