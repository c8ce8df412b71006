import FCKit

/// `stripe-fc sessions …`: Financial Connections sessions, the start of every link.
enum Sessions {
    static let command = CommandSpec(
        name: "sessions", aliases: ["session"], summary: "Create and inspect Financial Connections sessions",
        description: "A session (fcsess_…) asks an account holder to link bank accounts with the given permissions. Its client_secret runs Stripe's linking UI (Stripe.js, the mobile SDKs, or 'stripe-fc link'); against stripe-fc sandbox, 'stripe-fc sandbox link' completes it.",
        group: "Sessions & linking",
        examples: ["$ stripe-fc sessions create --customer cus_123 --permission balances,payment_method", "$ stripe-fc sessions get fcsess_123"],
        subcommands: [SessionsCreate.command, SessionsGet.command])

    static func holder(_ session: JSON) -> String {
        guard let holder = session["account_holder"], !holder.isNull else { return "" }
        for key in ["customer", "customer_account", "account"] {
            if let value = holder[key], !value.isNull { return value.stringValue ?? value["id"]?.stringValue ?? "" }
        }
        return holder["type"]?.displayText ?? ""
    }

    static func list(_ value: JSON?) -> String {
        (value?.arrayValue ?? []).map(\.displayText).joined(separator: ",")
    }

    /// The session itself: ID, HOLDER, PERMISSIONS, ACCOUNTS, CLIENT SECRET.
    static let view = View(columns: [
        .id("ID", "id"),
        .derived("HOLDER", key: "account_holder") { row, _ in holder(row) },
        .derived("PERMISSIONS", key: "permissions", priority: 0) { row, _ in list(row["permissions"]) },
        .derived("ACCOUNTS", key: "accounts") { row, _ in
            (row["accounts"]?["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }.joined(separator: ",")
        },
        .path("CLIENT SECRET", "client_secret", priority: Column.essential),
    ], objects: ["financial_connections.session"])
}
