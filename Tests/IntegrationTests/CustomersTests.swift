import FCKit
import Testing

@Suite("fc customers", .sandbox())
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
        let fc = try FCRunner.shared()
        let before = try await fc.eventCount("customer.created")
        let result = try await fc.run(["customers", "create", "--email", "a+b@example.com", "--name", "Jenny Rosen", "--metadata", "k=v w", "--dry-run"])
        #expect(result.code == 0, "\(result)")
        #expect(result.lines.first == "POST \(fc.baseURL)/v1/customers")
        #expect(result.lines.contains("email=a%2Bb%40example.com&name=Jenny%20Rosen&metadata[k]=v%20w"), "\(result)")
        #expect(result.lines.contains("Content-Type: application/x-www-form-urlencoded"))
        #expect(try await fc.eventCount("customer.created") == before)
    }
}
