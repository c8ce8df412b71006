import FCKit
import Testing

@Suite("stripe-fc sessions", .sandbox())
struct SessionsTests {
    static let everyOption = [
        "--permission", "balances,ownership", "--permission", "payment_method,transactions", "--prefetch", "balances,transactions",
        "--country", "US", "--country", "ca", "--subcategory", "checking,savings", "--require-payment-method", "at_least_one",
        "--max-accounts", "3", "--manual-entry", "disabled", "--return-url", "https://example.com/back",
    ]

    @Test("create --dry-run prints the exact form body for every option, and sends nothing")
    func createDryRunBody() async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let fc = FCRunner(baseURL: recorder.url)
        let result = try await fc.run(["sessions", "create", "--customer", "cus_abc"] + Self.everyOption + ["--dry-run"])
        #expect(result.code == 0, "\(result)")
        #expect(result.lines.first == "POST \(recorder.url)/v1/financial_connections/sessions")
        #expect(result.lines.contains("Content-Type: application/x-www-form-urlencoded"))
        #expect(result.lines.contains { $0.hasPrefix("Idempotency-Key: ") })
        let body = "account_holder[type]=customer&account_holder[customer]=cus_abc"
            + "&permissions[]=balances&permissions[]=ownership&permissions[]=payment_method&permissions[]=transactions"
            + "&prefetch[]=balances&prefetch[]=transactions&filters[countries][]=US&filters[countries][]=CA"
            + "&filters[account_subcategories][]=checking&filters[account_subcategories][]=savings"
            + "&filters[require_payment_method_support]=at_least_one&limits[accounts]=3&manual_entry[mode]=disabled"
            + "&return_url=https%3A%2F%2Fexample.com%2Fback"
        #expect(result.lines.contains(body), "\(result)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")

        let account = try await fc.run(["sessions", "create", "--account", "acct_123", "--permission", "payment_method", "--dry-run"])
        #expect(account.lines.contains("account_holder[type]=account&account_holder[account]=acct_123&permissions[]=payment_method"), "\(account)")
        let customerAccount = try await fc.run(["sessions", "create", "--customer-account", "acct_123", "--permission", "balances", "--dry-run"])
        #expect(customerAccount.lines.contains("account_holder[type]=customer&account_holder[customer_account]=acct_123&permissions[]=balances"),
                "\(customerAccount)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }

    @Test("create with every option: the session echoes each one; linking honours the filters and the limit")
    func createEveryOption() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let session = try await fc.okJSON(["sessions", "create", "--customer", customer] + Self.everyOption)
        #expect(session["object"] == "financial_connections.session")
        #expect(session.value(at: "account_holder.customer")?.stringValue == customer)
        #expect(session.value(at: "account_holder.type") == "customer")
        #expect(session["permissions"] == ["balances", "ownership", "payment_method", "transactions"])
        #expect(session["prefetch"] == ["balances", "transactions"])
        #expect(session.value(at: "filters.countries") == ["US", "CA"])
        #expect(session.value(at: "filters.account_subcategories") == ["checking", "savings"])
        #expect(session.value(at: "filters.require_payment_method_support") == "at_least_one")
        #expect(session.value(at: "limits.accounts") == 3)
        #expect(session.value(at: "manual_entry.mode") == "disabled")
        #expect(session["return_url"] == "https://example.com/back")
        #expect(session["client_secret"]?.stringValue?.hasPrefix("fcsess_client_secret_") == true)
        let id = try #require(session["id"]?.stringValue)

        let accounts = try await fc.link(id)
        #expect(!accounts.isEmpty && accounts.count <= 3, "\(accounts)")
        for account in accounts {
            #expect(["checking", "savings"].contains(account["subcategory"]?.stringValue ?? ""), "\(account)")
        }
    }

    @Test("create --format tsv --fields client_secret prints just the secret")
    func clientSecretTSV() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let result = try await fc.ok(["sessions", "create", "--customer", customer, "--permission", "payment_method", "--format", "tsv", "--fields", "client_secret"])
        #expect(result.lines.count == 1)
        #expect(result.out.hasPrefix("fcsess_client_secret_") && !result.out.contains("\t"), "\(result)")
    }

    @Test("get: JSON holds the linked accounts; the table shows one row per account; TSV too")
    func get() async throws {
        let fc = try FCRunner.shared()
        let customer = try await fc.createCustomer()
        let id = try await fc.createSession(customer: customer, permissions: "balances,payment_method")
        let unlinked = TableText(try await fc.ok(["sessions", "get", id, "--format", "table"]).out)
        #expect(unlinked.headers == ["SESSION", "ACCOUNT", "INSTITUTION", "NAME", "LAST4", "STATUS", "PERMISSIONS"], "\(unlinked)")
        #expect(unlinked.rows.first?[1] == "(none linked yet)", "\(unlinked)")

        _ = try await fc.link(id, institution: "Ownership Accounts")
        let session = try await fc.okJSON(["sessions", "get", id])
        #expect(session["id"]?.stringValue == id)
        let accounts = session.value(at: "accounts.data")?.arrayValue ?? []
        #expect(accounts.compactMap { $0["display_name"]?.stringValue } .sorted() == ["Joint Checking", "No Owners Savings"])
        let table = TableText(try await fc.ok(["sessions", "get", id, "--format", "table"]).out)
        #expect(table.rows.count == 2, "\(table)")
        let joint = try #require(table.row(where: "NAME", is: "Joint Checking"), "\(table)")
        #expect(joint["SESSION"] == id)
        #expect(joint["INSTITUTION"] == "Ownership Accounts")
        #expect(joint["STATUS"] == "active")
        #expect(joint["PERMISSIONS"] == "balances,payment_method")
        #expect(joint["ACCOUNT"]?.hasPrefix("fca_") == true)
        let tsv = try await fc.ok(["sessions", "get", id, "--format", "tsv", "--fields", "account.display_name,account.institution_name"])
        #expect(Set(tsv.lines) == ["Joint Checking\tOwnership Accounts", "No Owners Savings\tOwnership Accounts"], "\(tsv)")
    }

    static let usageErrors: [(args: [String], message: String)] = [
        (["--permission", "balances"], "one account holder is required"),
        (["--customer", "cus_x", "--account", "acct_x", "--permission", "balances"], "only one account holder"),
        (["--customer", "cus_x", "--customer-account", "acct_y", "--permission", "balances"], "only one account holder"),
        (["--customer", "cus_x", "--permission", "balances", "--prefetch", "ownership"], "--prefetch ownership needs --permission ownership"),
        (["--customer", "cus_x"], "--permission"),
        (["--customer", "cus_x", "--permission", "money"], "money"),
        (["--customer", "acct_x", "--permission", "balances"], "cus_"),
        (["--customer", "cus_x", "--permission", "balances", "--country", "USA"], "--country"),
        (["--customer", "cus_x", "--permission", "balances", "--max-accounts", "0"], "--max-accounts"),
    ]

    @Test("create usage errors exit 2 before anything is sent", arguments: usageErrors)
    func createUsageErrors(args: [String], message: String) async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let fc = FCRunner(baseURL: recorder.url)
        let result = try await fc.run(["sessions", "create"] + args + ["--verbose"])
        #expect(result.code == 2, "\(result)")
        #expect(result.out.isEmpty, "\(result)")
        #expect(result.err.contains("error: ") && result.err.contains(message), "\(result)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }

    @Test("a session for an unknown customer is Stripe's error: exit 1")
    func unknownCustomer() async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.run(["sessions", "create", "--customer", "cus_doesnotexist", "--permission", "balances"])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.contains("cus_doesnotexist"), "\(result)")
        let get = try await fc.run(["sessions", "get", "fcsess_doesnotexist"])
        #expect(get.code == 1, "\(get)")
    }
}
