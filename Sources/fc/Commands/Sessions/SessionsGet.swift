import FCKit

/// `stripe-fc sessions get fcsess_…`: the session and the accounts linked through it.
enum SessionsGet {
    static let command = CommandSpec(
        name: "get", summary: "Show a session and its linked accounts",
        description: "Retrieves a Financial Connections Session (GET /v1/financial_connections/sessions/{session}). JSON prints the session, whose accounts list holds every linked account; the table shows one row per linked account.",
        positionals: [PositionalSpec(name: "SESSION", kind: .id(["fcsess_"]), help: "The session's id (fcsess_…).")],
        examples: ["$ stripe-fc sessions get fcsess_123"],
        run: run)

    static let view = View(
        columns: [
            .path("SESSION", "session"),
            .path("ACCOUNT", "account.id"),
            .path("INSTITUTION", "account.institution_name"),
            .path("NAME", "account.display_name"),
            .path("LAST4", "account.last4"),
            .path("STATUS", "account.status"),
            Column(header: "PERMISSIONS", key: "account.permissions") { row, _ in Sessions.list(row.value(at: "account.permissions")) },
        ],
        rows: { session in
            let accounts = session["accounts"]?["data"]?.arrayValue ?? []
            let id = session["id"] ?? .null
            if accounts.isEmpty { return [["session": id, "account": ["id": "(none linked yet)"]]] }
            return accounts.map { ["session": id, "account": $0] }
        })

    static func run(_ context: CommandContext) async throws -> CommandOutput {
        let client = try context.client()
        return .object(try await client.send(SessionsAPI.retrieve(context.positionals[0])).json, view)
    }
}
