import FCKit

/// Objects of one kind in creation order, each kept as the exact JSON Stripe would return.
struct ResourceTable: Sendable {
    private(set) var ids: [String] = []
    private var objects: [String: JSONObject] = [:]

    var count: Int { ids.count }

    subscript(id: String) -> JSONObject? {
        get { objects[id] }
        set {
            guard let newValue else { return }
            if objects.updateValue(newValue, forKey: id) == nil { ids.append(id) }
        }
    }

    func contains(_ id: String) -> Bool { objects[id] != nil }

    /// Forgets an object (a deleted webhook endpoint).
    mutating func remove(_ id: String) {
        guard objects.removeValue(forKey: id) != nil else { return }
        ids.removeAll { $0 == id }
    }

    /// Stripe lists are newest first.
    var newestFirst: [String] { ids.reversed() }

    /// Newest-first objects that pass the filter.
    func newest(where keep: (JSONObject) -> Bool) -> [String] {
        var out: [String] = []
        for id in ids.reversed() where keep(objects[id]!) { out.append(id) }
        return out
    }
}
