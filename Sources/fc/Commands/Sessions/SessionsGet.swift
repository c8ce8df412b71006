import FCKit

/// `stripe-fc sessions get fcsess_…`: the session and the accounts linked through it.
enum SessionsGet {
    static let command = CommandSpec(
        name: "get", summary: "Show a session and its linked accounts",
        description: "Retrieves a Financial Connections Session (GET /v1/financial_connections/sessions/{session}). JSON prints the session, whose accounts list holds every linked account; the table shows one row per linked account.",
        positionals: [PositionalSpec(name: "SESSION", kind: .id(["fcsess_"]), help: "The session's id (fcsess_…).")],
        examples: ["$ stripe-fc sessions get fcsess_123"],
        view: view, run: run)

    static let view = View(
        columns: [
            .id("SESSION", "id"),
            .id("ACCOUNT", "account.id"),
            .text("INSTITUTION", "account.institution_name"),
            .text("NAME", "account.display_name"),
            .path("LAST4", "account.last4", priority: 2),
            .path("STATUS", "account.status", priority: 2),
            .derived("PERMISSIONS", key: "account.permissions", priority: 0) { row, _ in Sessions.list(row.value(at: "account.permissions")) },
        ],
        objects: ["financial_connections.session"],
        // One row per linked account: the session with that account added as `account`.
        rows: { session in
            let accounts = session["accounts"]?["data"]?.arrayValue ?? []
            if accounts.isEmpty { return [View.row(session, adding: ["account": ["id": "(none linked yet)"]])] }
            return accounts.map { View.row(session, adding: ["account": $0]) }
        })

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        return .object(try await client.send(SessionsAPI.retrieve(context.positionals[0])).json, view)
    }
}
