import FCKit

/// POST/GET /v1/customers and GET /v1/customers/{customer}.
extension SandboxEngine {
    static let addressSpec: ParamKind = .object([("line1", .emptyableString), ("line2", .emptyableString), ("city", .emptyableString),
                                                 ("state", .emptyableString), ("postal_code", .emptyableString), ("country", .emptyableString)])

    static let customerCreateSpec: [(String, ParamKind)] = [
        ("email", .emptyableString), ("name", .emptyableString), ("phone", .emptyableString), ("description", .emptyableString),
        ("business_name", .emptyableString), ("individual_name", .emptyableString), ("metadata", .map), ("address", addressSpec),
        ("shipping", .object([("name", .string), ("phone", .string), ("address", addressSpec)])),
        ("payment_method", .string),
        ("invoice_settings", .object([("default_payment_method", .string), ("footer", .emptyableString),
                                      ("custom_fields", .objects([("name", .string), ("value", .string)])),
                                      ("rendering_options", .object([("amount_tax_display", .oneOf(["exclude_tax", "include_inclusive_tax"])),
                                                                     ("template", .string)]))])),
        ("preferred_locales", .strings(nil)), ("tax_exempt", .oneOf(["none", "exempt", "reverse"])),
        ("tax", .object([("ip_address", .emptyableString), ("validate_location", .oneOf(["deferred", "immediately"]))])),
        ("tax_id_data", .objects([("type", .string), ("value", .string)])),
        ("cash_balance", .object([("settings", .object([("reconciliation_mode", .oneOf(["automatic", "manual", "merchant_default"]))]))])),
        ("balance", .integer), ("next_invoice_sequence", .integer), ("invoice_prefix", .string), ("source", .string),
        ("test_clock", .string), ("validate", .boolean),
    ]

    func createCustomer(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, SandboxEngine.customerCreateSpec)
        try SandboxEngine.checkEmail(p)
        if p.has("shipping"), p.text("shipping.name") == nil { throw .missingParameter("shipping[name]") }
        let id = ids.next("cus")
        func optional(_ key: String) -> JSON { p.text(key).map(JSON.string) ?? .null }
        func address(_ key: String) -> JSON {
            guard let a = p.value(key)?.objectValue else { return .null }
            var o = JSONObject()
            for field in ["city", "country", "line1", "line2", "postal_code", "state"] { o[field] = a[field].flatMap { $0.stringValue == "" ? nil : $0 } ?? .null }
            return .object(o)
        }
        var prefixRng = SeededRandom(options.seed, ids.counter, 0x1A5)
        var c = JSONObject()
        c["id"] = .string(id)
        c["object"] = "customer"
        c["address"] = address("address")
        c["balance"] = .int(p.int("balance") ?? 0)
        c["created"] = .int(ctx.timestamp)
        c["currency"] = .null
        c["default_source"] = .null
        c["delinquent"] = false
        c["description"] = optional("description")
        c["email"] = optional("email")
        c["invoice_prefix"] = .string(p.text("invoice_prefix") ?? prefixRng.alphanumerics(8).uppercased())
        c["invoice_settings"] = [
            "custom_fields": p.value("invoice_settings.custom_fields") ?? .null,
            "default_payment_method": optional("invoice_settings.default_payment_method"),
            "footer": optional("invoice_settings.footer"),
            "rendering_options": p.value("invoice_settings.rendering_options") ?? .null,
        ]
        c["livemode"] = false
        c["metadata"] = .object(SandboxEngine.metadata(p))
        c["name"] = optional("name")
        c["next_invoice_sequence"] = .int(p.int("next_invoice_sequence") ?? 1)
        c["phone"] = optional("phone")
        c["preferred_locales"] = .array((p.strings("preferred_locales") ?? []).map(JSON.string))
        if p.has("shipping") {
            c["shipping"] = ["address": address("shipping.address"), "name": optional("shipping.name"), "phone": optional("shipping.phone")]
        } else {
            c["shipping"] = .null
        }
        c["tax_exempt"] = .string(p.text("tax_exempt") ?? "none")
        c["test_clock"] = optional("test_clock")
        customers[id] = c
        emit("customer.created", object: c, at: ctx.timestamp, origin: ctx.origin)
        return .json(.object(c))
    }

    /// Stripe refuses an address no mail could reach (`email=` unsets it, and is fine):
    /// 400 `email_invalid`, "Invalid email address: …".
    static func checkEmail(_ p: Params) throws(APIError) {
        guard let email = p.text("email"), !isDeliverableShape(email) else { return }
        throw APIError(code: "email_invalid", message: "Invalid email address: \(email)", param: "email", isValidation: true)
    }

    /// `local@domain.tld`: one `@`, a local part without spaces or the characters that need quoting,
    /// a domain of two or more dot-separated labels of letters, digits and inner hyphens.
    static func isDeliverableShape(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 512, parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty else { return false }
        let quoted = Set("\"(),:;<>[\\]")
        let plain = local.allSatisfy { character in
            !character.isWhitespace && !quoted.contains(character) && !character.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        guard plain, !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }
    }

    /// `metadata[k]=v`; an empty value unsets the key, so it is left out.
    static func metadata(_ p: Params) -> JSONObject {
        JSONObject((p.value("metadata")?.objectValue ?? JSONObject()).filter { $0.value.stringValue != "" }.map { ($0.key, $0.value) })
    }

    func customer(_ id: String, param: String = "id", status: Int = 404) throws(APIError) -> JSONObject {
        guard let c = customers[id] else { throw .noSuch("customer", id, param: param, status: status) }
        return c
    }

    func retrieveCustomer(_ ctx: RequestContext) throws(APIError) -> Reply {
        try ParamValidator.validate(ctx.params.object, [])
        return .json(.object(try customer(ctx[0])))
    }

    func listCustomers(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, ListPaging.spec + [("email", .string), ("created", .range), ("test_clock", .string)])
        let created = try ListPaging.range(p, "created")
        let email = p.string("email")
        let matching = customers.newest { c in
            (email == nil || c["email"]?.stringValue == email) && created(c["created"]?.intValue ?? 0)
        }
        return .json(try ListPaging.page(matching, params: p, url: "/v1/customers", noun: "customer") { id throws(APIError) in
            .object(customers[id]!)
        })
    }
}
