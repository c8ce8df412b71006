import FCKit

/// `stripe-fc customers …`: the account holders of Financial Connections sessions.
enum Customers {
    static let command = CommandSpec(
        name: "customers", aliases: ["customer"], summary: "Create, get and list customers",
        description: "Customers (cus_…) hold linked accounts and pay by ACH Direct Debit. With --v2, create an Accounts v2 account configured as a customer (acct_…).",
        group: "Customers",
        examples: ["$ stripe-fc customers create --email jenny@example.com", "$ stripe-fc customers list --limit 5"],
        subcommands: [CustomersCreate.command, CustomersGet.command, CustomersList.command])

    /// Table columns: ID, EMAIL, NAME, CREATED (v2 accounts show contact_email and display_name).
    static let view = View(
        columns: [
            .path("ID", "id"),
            Column(header: "EMAIL", key: "email") { row, _ in (row["email"] ?? row["contact_email"])?.displayText ?? "" },
            Column(header: "NAME", key: "name") { row, _ in (row["name"] ?? row["display_name"])?.displayText ?? "" },
            Column(header: "CREATED", key: "created") { row, style in
                guard let created = row["created"] else { return "" }
                if let seconds = created.intValue { return style.human ? TimeFormat.local(seconds, timeZone: style.timeZone) : String(seconds) }
                return created.displayText
            },
        ],
        emptyMessage: "No customers found.")
}
