extension JSON {
    /// An id field that may be a plain id string or, when expanded, an object carrying `id`.
    var idValue: String? {
        if let id = stringValue { return id }
        return self["id"]?.stringValue
    }

    /// An array of strings, skipping anything that is not a string; empty when absent.
    var stringArray: [String] {
        arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// A `{currency: amount}` map (Stripe balances) as ordered pairs, keeping Stripe's order.
    var currencyAmounts: [(currency: String, amount: Int64)] {
        guard let object = objectValue else { return [] }
        return object.compactMap { entry in entry.value.int64Value.map { (entry.key, $0) } }
    }
}
