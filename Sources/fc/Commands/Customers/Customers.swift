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
            .id("ID", "id"),
            .derived("EMAIL", key: "email") { row, _ in (row["email"] ?? row["contact_email"])?.displayText ?? "" },
            .derived("NAME", key: "name", fit: .shrink) { row, _ in (row["name"] ?? row["display_name"])?.displayText ?? "" },
            .time("CREATED", "created"),
        ],
        objects: ["customer", "v2.core.account"],
        emptyMessage: "No customers found.")
}
