import Testing

/// `--dry-run` prints each request that would be sent — method, URL, headers, exact form body —
/// and sends nothing (checked with a recorder as the API base).
@Suite("--dry-run requests")
struct DryRunTests {
    static let cases: [(args: String, requests: [String], body: [String])] = [
        ("accounts refresh fca_1 fca_2 --feature balance,transactions",
         ["POST /v1/financial_connections/accounts/fca_1/refresh", "POST /v1/financial_connections/accounts/fca_2/refresh"],
         ["features[]=balance&features[]=transactions", "features[]=balance&features[]=transactions"]),
        ("accounts subscribe fca_1", ["POST /v1/financial_connections/accounts/fca_1/subscribe"], ["features[]=transactions"]),
        ("accounts unsubscribe fca_1", ["POST /v1/financial_connections/accounts/fca_1/unsubscribe"], ["features[]=transactions"]),
        ("accounts disconnect fca_1 fca_2",
         ["POST /v1/financial_connections/accounts/fca_1/disconnect", "POST /v1/financial_connections/accounts/fca_2/disconnect"], []),
        ("payments cancel pi_1 --reason duplicate", ["POST /v1/payment_intents/pi_1/cancel"], ["cancellation_reason=duplicate"]),
        ("events list --type financial_connections.account.* --limit 20",
         ["GET /v1/events?type=financial_connections.account.%2A&limit=20"], []),
        ("customers list --email a@b.c --limit 5", ["GET /v1/customers?email=a%40b.c&limit=5"], []),
        ("accounts list --customer cus_1", ["GET /v1/financial_connections/accounts?account_holder[customer]=cus_1&limit=10"], []),
        ("accounts get fca_1", ["GET /v1/financial_connections/accounts/fca_1"], []),
        ("payments get pi_1", ["GET /v1/payment_intents/pi_1"], []),
        ("sandbox link fcsess_1 --institution 'Ownership Accounts' --subcategory checking",
         ["POST /v1/test_helpers/financial_connections/sessions/fcsess_1/link"], ["institution=Ownership%20Accounts&subcategories[]=checking"]),
    ]

    @Test("each request line and body, nothing sent", arguments: cases)
    func dryRun(args: String, requests: [String], body: [String]) async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let fc = FCRunner(baseURL: recorder.url)
        let result = try await fc.run(ShellWords.split(args) + ["--dry-run"])
        #expect(result.code == 0, "\(result)")
        let printed = result.lines.filter { $0.hasPrefix("GET http") || $0.hasPrefix("POST http") }
            .map { $0.replacingOccurrences(of: recorder.url, with: "") }
        #expect(printed == requests, "\(result)")
        let bodies = result.lines.filter { $0.contains("=") && !$0.contains(": ") && !$0.hasPrefix("GET ") && !$0.hasPrefix("POST ") }
        #expect(bodies == body, "\(result)")
        #expect(result.out.contains("Authorization: Bearer ") && !result.out.contains("sk_test_"), "the key is redacted: \(result)")
        #expect(recorder.requests.isEmpty, "\(recorder.requests)")
    }
}
