/// The dotted paths a command's objects can have, as Stripe documents them: what `--fields`
/// is checked against (a path no object can have is a usage error, not an empty column).
/// Stripe's objects come from the spec (`FieldSchema+Stripe.swift`, generated); the v2 account,
/// absent from that spec, is listed here from Stripe's v2 API reference.
enum FieldSchema {
    static let v2CoreAccount = [
        "applied_configurations", "applied_configurations.#", "configuration", "configuration.**", "contact_email",
        "contact_phone", "created", "dashboard", "defaults", "defaults.**", "display_name", "id", "identity",
        "identity.**", "livemode", "metadata", "metadata.*", "object", "requirements", "requirements.**",
    ]

    /// The patterns of one object type (`customer`, `financial_connections.account`, …).
    static func patterns(_ object: String) -> [String] {
        object == "v2.core.account" ? v2CoreAccount : stripe[object] ?? []
    }

    /// Whether some object of these types can have `field`.
    static func allows(_ field: String, objects: [String]) -> Bool {
        let segments = field.split(separator: ".", omittingEmptySubsequences: false)
        return objects.contains { patterns($0).contains { matches(segments[...], $0.split(separator: ".")[...]) } }
    }

    /// Pattern segments: a name, `*` (any map key), `#` (an array index), `**` (anything below).
    private static func matches(_ field: ArraySlice<Substring>, _ pattern: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return field.isEmpty }
        if head == "**" { return !field.isEmpty }
        guard let segment = field.first, !segment.isEmpty else { return false }
        switch head {
        case "*": break
        case "#": guard Int(segment) != nil else { return false }
        default: guard segment == head else { return false }
        }
        return matches(field.dropFirst(), pattern.dropFirst())
    }
}
