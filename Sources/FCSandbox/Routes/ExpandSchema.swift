import FCKit

/// Which properties `expand[]` may name on one object type (the spec's `x-expandableFields`),
/// and what each leads to. A `nil` target is a type the sandbox does not model: paths through it
/// are accepted unchecked rather than refused wrongly.
struct ExpandSchema: Sendable {
    let fields: [String: ExpandSchema?]

    init(_ fields: [String: ExpandSchema?]) { self.fields = fields }

    /// An embedded object with nothing expandable inside.
    static let leaf = ExpandSchema([:])

    static func list(of item: ExpandSchema) -> ExpandSchema { ExpandSchema(["data": item]) }

    static func unmodelled(_ names: [String]) -> [String: ExpandSchema?] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, ExpandSchema?.none) })
    }

    // MARK: the sandbox's objects (spec 2026-07-29 for FC, 2023-08-16 for the rest)

    static let customer = ExpandSchema(unmodelled(["address", "cash_balance", "default_source", "discount", "invoice_credit_balance",
                                                   "invoice_settings", "shipping", "sources", "subscriptions", "tax", "tax_ids", "test_clock"]))

    static let accountHolder = ExpandSchema(["account": .none, "customer": customer])

    static let owner = leaf
    static let ownership = ExpandSchema(["owners": list(of: owner)])

    static let account = ExpandSchema([
        "account_holder": accountHolder, "account_numbers": leaf,
        "balance": ExpandSchema(["cash": leaf, "credit": leaf]), "balance_refresh": leaf,
        "ownership": ownership, "ownership_refresh": leaf,
        "status_details": ExpandSchema(["active": leaf, "inactive": leaf]), "transaction_refresh": leaf,
    ])

    static let session = ExpandSchema([
        "account_holder": accountHolder, "accounts": list(of: account), "bank_account_token": .none,
        "filters": leaf, "limits": leaf, "manual_entry": leaf,
    ])

    static let transaction = ExpandSchema(["status_transitions": leaf])

    static let paymentMethod: ExpandSchema = {
        var fields = unmodelled(["acss_debit", "affirm", "afterpay_clearpay", "alipay", "au_becs_debit", "bacs_debit", "bancontact",
                                 "billing_details", "blik", "boleto", "card", "card_present", "cashapp", "customer_balance", "eps",
                                 "fpx", "giropay", "grabpay", "ideal", "interac_present", "klarna", "konbini", "link", "oxxo", "p24",
                                 "paynow", "paypal", "pix", "promptpay", "radar_options", "sepa_debit", "sofort", "us_bank_account",
                                 "wechat_pay", "zip"])
        fields["customer"] = customer
        return ExpandSchema(fields)
    }()

    /// A charge's `payment_intent` is left unchecked: its schema leads back here.
    static let charge: ExpandSchema = {
        var fields = unmodelled(["application", "application_fee", "balance_transaction", "billing_details", "failure_balance_transaction",
                                 "fraud_details", "invoice", "on_behalf_of", "outcome", "payment_intent", "payment_method_details",
                                 "radar_options", "refunds", "review", "shipping", "source_transfer", "transfer", "transfer_data"])
        fields["customer"] = customer
        return ExpandSchema(fields)
    }()

    static let paymentIntent: ExpandSchema = {
        var fields = unmodelled(["amount_details", "application", "automatic_payment_methods", "invoice", "last_payment_error",
                                 "next_action", "on_behalf_of", "payment_method_options", "processing", "review",
                                 "shipping", "transfer_data"])
        fields["customer"] = customer
        fields["latest_charge"] = charge
        fields["payment_method"] = paymentMethod
        return ExpandSchema(fields)
    }()

    static let mandate: ExpandSchema = {
        var fields = unmodelled(["customer_acceptance", "multi_use", "payment_method_details", "single_use"])
        fields["payment_method"] = paymentMethod
        return ExpandSchema(fields)
    }()

    static let setupAttempt: ExpandSchema = {
        var fields = unmodelled(["application", "on_behalf_of", "payment_method_details", "setup_error", "setup_intent"])
        fields["customer"] = customer
        fields["payment_method"] = paymentMethod
        return ExpandSchema(fields)
    }()

    static let setupIntent: ExpandSchema = {
        var fields = unmodelled(["application", "automatic_payment_methods", "last_setup_error", "next_action", "on_behalf_of",
                                 "payment_method_options", "single_use_mandate"])
        fields["customer"] = customer
        fields["latest_attempt"] = setupAttempt
        fields["mandate"] = mandate
        fields["payment_method"] = paymentMethod
        return ExpandSchema(fields)
    }()

    /// `data.object` is polymorphic, so paths below `data` are not checked.
    static let event = ExpandSchema(["data": .none, "request": leaf])
}

/// What an endpoint answers, for checking its `expand[]` paths: one object, or a list of them.
enum ExpandTarget: Sendable {
    case object(ExpandSchema)
    case list(ExpandSchema)

    /// Stripe refuses deeper paths (`data.payments.data.payment.charge` is five).
    static let maxDepth = 4

    /// Refuses the first path that cannot be expanded, as Stripe does before doing anything.
    func check(_ paths: [String]) throws(APIError) {
        for path in paths { try check(path) }
    }

    private func check(_ path: String) throws(APIError) {
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if segments.count > ExpandTarget.maxDepth {
            throw APIError(message: "You cannot expand more than \(ExpandTarget.maxDepth) levels of a property.", isValidation: true)
        }
        var schema: ExpandSchema
        switch self {
        case .object(let top): schema = top
        case .list(let item):
            guard segments[0] == "data" else {
                throw APIError(message: "This property cannot be expanded (\(path)). You may want to try expanding 'data.\(path)' instead.",
                               isValidation: true)
            }
            schema = .list(of: item)
        }
        for segment in segments {
            guard let target = schema.fields[segment] else {
                throw APIError(message: "This property cannot be expanded (\(path)).", isValidation: true)
            }
            guard let next = target else { return }
            schema = next
        }
    }
}
