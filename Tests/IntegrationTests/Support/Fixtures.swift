import FCKit
import Testing

/// A customer with the accounts one session linked at one institution.
struct LinkedFixture: Sendable {
    let customer: String
    let session: String
    /// The linked accounts as `sandbox link` returned them (the session's accounts.data).
    let accounts: [JSON]

    /// The id of the account with this display name.
    func account(_ displayName: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let match = accounts.first { $0["display_name"]?.stringValue == displayName }
        return try #require(match?["id"]?.stringValue, "no linked account named \(displayName)", sourceLocation: sourceLocation)
    }

    var accountIDs: [String] { accounts.compactMap { $0["id"]?.stringValue } }
}

/// Building state through the CLI itself, failing the test with stripe-fc's output when a step fails.
extension FCRunner {
    /// Runs and requires exit 0.
    @discardableResult
    func ok(_ args: [String], env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> FCResult {
        let result = try await run(args, env: env, sourceLocation: sourceLocation)
        try #require(result.code == 0, "\(result)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs with `--json` and returns the parsed stdout, requiring exit 0.
    func okJSON(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSON {
        let result = try await ok(args + ["--format", "json"], sourceLocation: sourceLocation)
        return try result.json()
    }

    func createCustomer(name: String = "Jenny Rosen", email: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        var args = ["customers", "create", "--name", name]
        if let email { args += ["--email", email] }
        let customer = try await okJSON(args, sourceLocation: sourceLocation)
        return try #require(customer["id"]?.stringValue, sourceLocation: sourceLocation)
    }

    func createSession(customer: String, permissions: String, extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let session = try await okJSON(["sessions", "create", "--customer", customer, "--permission", permissions] + extra,
                                       sourceLocation: sourceLocation)
        return try #require(session["id"]?.stringValue, sourceLocation: sourceLocation)
    }

    /// Links the session at the institution; returns the linked accounts.
    func link(_ session: String, institution: String = "Test Institution", sourceLocation: SourceLocation = #_sourceLocation) async throws -> [JSON] {
        let linked = try await okJSON(["sandbox", "link", session, "--institution", institution], sourceLocation: sourceLocation)
        return linked.value(at: "accounts.data")?.arrayValue ?? []
    }

    /// A new customer whose new session (with these permissions) linked the institution's accounts.
    func linkedFixture(permissions: String = "balances,ownership,payment_method,transactions", institution: String = "Test Institution",
                       name: String = "Jenny Rosen", sourceLocation: SourceLocation = #_sourceLocation) async throws -> LinkedFixture {
        let customer = try await createCustomer(name: name, sourceLocation: sourceLocation)
        let session = try await createSession(customer: customer, permissions: permissions, sourceLocation: sourceLocation)
        let accounts = try await link(session, institution: institution, sourceLocation: sourceLocation)
        try #require(!accounts.isEmpty, "linking \(institution) attached no account", sourceLocation: sourceLocation)
        return LinkedFixture(customer: customer, session: session, accounts: accounts)
    }

    /// How many events of a type (wildcards allowed) the sandbox has recorded.
    func eventCount(_ type: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        var args = ["events", "list", "--all", "-q"]
        if let type { args += ["--type", type] }
        return try await ok(args, sourceLocation: sourceLocation).lines.count
    }
}
