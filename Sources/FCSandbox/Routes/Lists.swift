import FCKit

/// Stripe list pagination: `limit` 1–100 (default 10), `starting_after`, `ending_before`, newest first.
enum ListPaging {
    static let spec: [(String, ParamKind)] = [("limit", .integer), ("starting_after", .string), ("ending_before", .string)]

    static let createdRange: ParamKind = .object([("gt", .integer), ("gte", .integer), ("lt", .integer), ("lte", .integer)])

    static func limit(_ params: Params) throws(APIError) -> Int {
        guard let text = params.string("limit") else { return 10 }
        guard let n = Int(text) else { throw .invalidInteger("limit", text) }
        if n < 1 {
            throw APIError(code: "parameter_invalid_integer", message: "This value must be greater than or equal to 1.", param: "limit", isValidation: true)
        }
        if n > 100 {
            throw APIError(code: "parameter_invalid_integer", message: "This value must be less than or equal to 100.", param: "limit", isValidation: true)
        }
        return n
    }

    /// Refuses `starting_after` together with `ending_before`, as Stripe does.
    static func cursors(_ params: Params) throws(APIError) -> (after: String?, before: String?) {
        let after = params.text("starting_after"), before = params.text("ending_before")
        if after != nil, before != nil {
            throw APIError(code: "parameters_exclusive", message: "You may only specify one of these parameters: starting_after, ending_before.",
                           param: "ending_before", isValidation: true)
        }
        return (after, before)
    }

    /// One page of `ids` (already filtered, newest first), rendered.
    static func page(_ ids: [String], params: Params, url: String, noun: String, render: (String) throws(APIError) -> JSON) throws(APIError) -> JSON {
        let limit = try limit(params)
        let (after, before) = try cursors(params)
        var slice: ArraySlice<String>
        var hasMore: Bool
        if let after {
            guard let i = ids.firstIndex(of: after) else { throw .noSuch(noun, after, param: "starting_after", status: 400) }
            let rest = ids[(i + 1)...]
            slice = rest.prefix(limit)
            hasMore = rest.count > limit
        } else if let before {
            guard let i = ids.firstIndex(of: before) else { throw .noSuch(noun, before, param: "ending_before", status: 400) }
            let head = ids[..<i]
            slice = head.suffix(limit)
            hasMore = head.count > limit
        } else {
            slice = ids.prefix(limit)
            hasMore = ids.count > limit
        }
        var data: [JSON] = []
        for id in slice { data.append(try render(id)) }
        return envelope(data, hasMore: hasMore, url: url)
    }

    /// A list object. Lists embedded in another object (a session's `accounts`, a customer's
    /// `sources`) also carry `total_count`, as Stripe's samples show; top-level lists do not.
    static func envelope(_ data: [JSON], hasMore: Bool, url: String?, totalCount: Int? = nil) -> JSON {
        var o = JSONObject()
        o["object"] = "list"
        o["data"] = .array(data)
        o["has_more"] = .bool(hasMore)
        if let totalCount { o["total_count"] = .int(totalCount) }
        o["url"] = url.map(JSON.string) ?? .null
        return .object(o)
    }

    /// `created=unix` or `created[gt|gte|lt|lte]=unix` as a predicate.
    static func range(_ params: Params, _ key: String) throws(APIError) -> (Int) -> Bool {
        guard let value = params.value(key) else { return { _ in true } }
        if let exact = value.stringValue {
            guard let t = Int(exact) else { throw .invalidInteger(key, exact) }
            return { $0 == t }
        }
        let gt = params.int(key + ".gt"), gte = params.int(key + ".gte")
        let lt = params.int(key + ".lt"), lte = params.int(key + ".lte")
        return { t in
            if let gt, !(t > gt) { return false }
            if let gte, !(t >= gte) { return false }
            if let lt, !(t < lt) { return false }
            if let lte, !(t <= lte) { return false }
            return true
        }
    }
}
