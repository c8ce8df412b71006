import FCKit
import Foundation
import Testing

@Suite("stripe-fc customers", .sandbox())
struct CustomersTests {
    @Test("create prints the customer as JSON when piped, with every option sent")
    func createJSON() async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.run(["customers", "create", "--email", "jenny@example.com", "--name", "Jenny Rosen", "--phone", "+15555550100",
                                       "--description", "integration", "--metadata", "team=ops", "--metadata", "tier=gold"])
        #expect(result.code == 0, "\(result)")
        let customer = try result.json()
        #expect(customer["object"] == "customer")
        #expect(customer["id"]?.stringValue?.hasPrefix("cus_") == true)
        #expect(customer["email"] == "jenny@example.com")
        #expect(customer["name"] == "Jenny Rosen")
        #expect(customer["phone"] == "+15555550100")
        #expect(customer["description"] == "integration")
        #expect(customer["metadata"] == ["team": "ops", "tier": "gold"])
        #expect(result.err.isEmpty, "\(result)")
    }

    @Test("create --dry-run shows the exact form body and sends nothing")
    func createDryRun() async throws {
        let recorder = try RequestRecorder.start()
        defer { recorder.stop() }
        let fc = FCRunner(baseURL: recorder.url)
        let result = try await fc.run(["customers", "create", "--email", "a+b@example.com", "--name", "Jenny Rosen", "--metadata", "k=v w", "--dry-run"])
        #expect(result.code == 0, "\(result)")
        #expect(result.lines.first == "POST \(recorder.url)/v1/customers")
        #expect(result.lines.contains("email=a%2Bb%40example.com&name=Jenny%20Rosen&metadata[k]=v%20w"), "\(result)")
        #expect(result.lines.contains("Content-Type: application/x-www-form-urlencoded"))
        #expect(result.lines.contains("Authorization: Bearer ****") || !result.out.contains("sk_test_"), "\(result)")
        #expect(recorder.requests.isEmpty)
    }

    @Test("get: JSON, TSV and table views of the same customer")
    func get() async throws {
        let fc = try FCRunner.shared()
        let id = try await fc.createCustomer(name: "Grace Hopper", email: "grace@example.com")
        let json = try await fc.okJSON(["customers", "get", id])
        #expect(json["id"]?.stringValue == id)
        #expect(json["email"] == "grace@example.com")
        let created = try #require(json["created"]?.intValue)

        let tsv = try await fc.ok(["customers", "get", id, "--format", "tsv", "--fields", "id,email,name"])
        #expect(tsv.out == "\(id)\tgrace@example.com\tGrace Hopper\n")
        let tsvAll = try await fc.ok(["customers", "get", id, "--format", "tsv"])
        #expect(tsvAll.out == "\(id)\tgrace@example.com\tGrace Hopper\t\(created)\n")

        let table = TableText(try await fc.ok(["customers", "get", id, "--format", "table"]).out)
        #expect(table.headers == ["ID", "EMAIL", "NAME", "CREATED (UTC)"], "\(table)")
        #expect(table.rows == [[id, "grace@example.com", "Grace Hopper", TableTime.minutes(created)]], "\(table)")

        let quiet = try await fc.ok(["customers", "get", id, "-q"])
        #expect(quiet.out == id + "\n")

        let projected = try await fc.ok(["customers", "get", id, "--json", "--fields", "id,email"])
        #expect(try projected.json() == ["id": .string(id), "email": "grace@example.com"], "\(projected)")
        let jsonl = try await fc.ok(["customers", "get", id, "--format", "jsonl", "--fields", "name"])
        #expect(jsonl.out == #"{"name":"Grace Hopper"}"# + "\n", "\(jsonl)")
        let fromEnv = try await fc.run(["customers", "get", id, "--fields", "id"], env: ["FC_FORMAT": "tsv"])
        #expect(fromEnv.out == id + "\n", "FC_FORMAT applies: \(fromEnv)")
        let csv = try await fc.ok(["customers", "get", id, "--format", "csv"])
        #expect(csv.lines == ["id,email,name,created", "\(id),grace@example.com,Grace Hopper,\(created)"], "\(csv)")
    }

    @Test("get: a malformed id is a usage error (2); an unknown one is Stripe's 404 (1) with a request id")
    func getErrors() async throws {
        let fc = try FCRunner.shared()
        let malformed = try await fc.run(["customers", "get", "fca_123"])
        #expect(malformed.code == 2, "\(malformed)")
        #expect(malformed.out.isEmpty)
        let missing = try await fc.run(["customers", "get", "cus_doesnotexist"])
        #expect(missing.code == 1, "\(missing)")
        #expect(missing.out.isEmpty)
        #expect(missing.err.contains("error: No such customer: 'cus_doesnotexist'"), "\(missing)")
        #expect(missing.err.contains("request id: req_"), "\(missing)")
        let json = try await fc.run(["customers", "get", "cus_doesnotexist", "--format", "json"])
        let errorLine = try #require(json.err.split(separator: "\n").last.map(String.init))
        let error = try JSON.parse(errorLine)
        #expect(error.value(at: "error.exit_code")?.intValue == 1, "\(json)")
        #expect(error.value(at: "error.code") == "resource_missing", "\(json)")
    }

    @Test("list --email filters; JSON array, TSV rows and table rows agree")
    func listByEmail() async throws {
        let fc = try FCRunner.shared()
        let email = "list-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let first = try await fc.createCustomer(name: "First", email: email)
        let second = try await fc.createCustomer(name: "Second", email: email)
        let json = try await fc.okJSON(["customers", "list", "--email", email])
        #expect(json.arrayValue?.compactMap { $0["id"]?.stringValue } == [second, first])
        let tsv = try await fc.ok(["customers", "list", "--email", email, "--format", "tsv", "--fields", "id,name"])
        #expect(tsv.out == "\(second)\tSecond\n\(first)\tFirst\n")
        let table = TableText(try await fc.ok(["customers", "list", "--email", email, "--format", "table"]).out)
        #expect(table.headers == ["ID", "EMAIL", "NAME", "CREATED (UTC)"])
        #expect(table.rows.map { Array($0.prefix(3)) } == [[second, email, "Second"], [first, email, "First"]], "\(table)")
        let none = try await fc.ok(["customers", "list", "--email", "nobody-\(UUID().uuidString)@example.com"])
        // An empty list is still a JSON array for scripts (`jq length` must work).
        #expect(none.out == "[]\n" /* a JSON document jq and json.load accept */, "\(none)")
    }

    @Test("list --all walks every page of 105 customers; --limit 150 pages too; --limit with --all is a usage error")
    func listAllPages() async throws {
        let sandbox = try await SandboxProcess.start()
        defer { sandbox.stop() }
        let fc = FCRunner(sandbox)
        var created: [String] = []
        for batch in stride(from: 0, to: 105, by: 5) {
            let ids = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for n in batch..<min(batch + 5, 105) {
                    group.addTask { (n, try await fc.createCustomer(name: "Customer \(n)")) }
                }
                var ids: [(Int, String)] = []
                for try await pair in group { ids.append(pair) }
                return ids.sorted { $0.0 < $1.0 }.map(\.1)
            }
            created += ids
        }
        let all = try await fc.ok(["customers", "list", "--all", "--format", "jsonl", "--verbose"])
        let ids = try all.jsonLines().compactMap { $0["id"]?.stringValue }
        #expect(ids.count == 105)
        #expect(Set(ids) == Set(created))
        let pages = all.err.split(separator: "\n").filter { $0.hasPrefix("> GET /v1/customers") }
        #expect(pages.count == 2, "\(all.err)")
        let limited = try await fc.ok(["customers", "list", "--limit", "150", "--format", "tsv", "--fields", "id"])
        #expect(limited.lines == ids)
        let hundred = try await fc.ok(["customers", "list", "--limit", "100", "-q"])
        #expect(hundred.lines == Array(ids.prefix(100)))
        let byDefault = try await fc.ok(["customers", "list", "-q"])
        #expect(byDefault.lines == Array(ids.prefix(10)))
        let both = try await fc.run(["customers", "list", "--all", "--limit", "5"])
        #expect(both.code == 2, "\(both)")
    }

    @Test("--idempotency-key: the same request twice is one customer; the same key with another body is refused")
    func idempotency() async throws {
        let fc = try FCRunner.shared()
        let key = "integration-\(UUID().uuidString)"
        let first = try await fc.ok(["customers", "create", "--name", "Once", "--idempotency-key", key, "-q"])
        let second = try await fc.ok(["customers", "create", "--name", "Once", "--idempotency-key", key, "-q", "--verbose"])
        #expect(first.out == second.out)
        let created = try await fc.okJSON(["events", "list", "--type", "customer.created", "--all"])
        #expect(created.arrayValue?.filter { $0.value(at: "data.object.id")?.stringValue == first.lines.first }.count == 1)
        let other = try await fc.run(["customers", "create", "--name", "Twice", "--idempotency-key", key, "--format", "json"])
        #expect(other.code == 1, "\(other)")
        #expect(other.err.split(separator: "\n").count == 1, "--format json: stderr is one JSON error object: \(other)")
        let error = try JSON.parse(other.err)
        #expect(error.value(at: "error.message")?.stringValue?.hasPrefix("Keys for idempotent requests can only be used with the same parameters") == true)
        #expect(error.value(at: "error.type") == "idempotency_error", "\(other)")
        #expect(error.value(at: "error.exit_code") == 1, "\(other)")
    }

    @Test("create --v2 makes an Accounts v2 customer account (acct_) with contact_email and display_name")
    func createV2() async throws {
        let fc = try FCRunner.shared()
        let result = try await fc.ok(["customers", "create", "--v2", "--email", "v2@example.com", "--name", "Jenny V2"])
        let account = try result.json()
        #expect(account["id"]?.stringValue?.hasPrefix("acct_") == true, "\(result)")
        #expect(account["contact_email"] == "v2@example.com")
        #expect(account["display_name"] == "Jenny V2")
        let table = TableText(try await fc.ok(["customers", "create", "--v2", "--email", "t@example.com", "--name", "Table V2", "--format", "table"]).out)
        #expect(table.headers == ["ID", "EMAIL", "NAME", "CREATED (UTC)"])
        #expect(table.rows.first?[1] == "t@example.com")
        #expect(table.rows.first?[2] == "Table V2")

        let dry = try await fc.ok(["customers", "create", "--v2", "--email", "v2@example.com", "--name", "Jenny V2", "--dry-run"])
        #expect(dry.lines.first == "POST \(fc.baseURL)/v2/core/accounts", "\(dry)")
        #expect(dry.out.contains("Content-Type: application/json"), "\(dry)")
        let body = try #require(dry.lines.last { $0.hasPrefix("{") })
        let sent = try JSON.parse(body)
        #expect(sent["contact_email"] == "v2@example.com", "\(dry)")
        #expect(sent["display_name"] == "Jenny V2", "\(dry)")

        let unsupported = try await fc.run(["customers", "create", "--v2", "--phone", "+1555"])
        #expect(unsupported.code == 2, "\(unsupported)")
    }
}
