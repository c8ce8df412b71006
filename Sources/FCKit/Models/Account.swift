/// A `financial_connections.account`: one linked bank account.
public struct Account: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// `fca_…`
    public var id: String { json["id"]?.stringValue ?? "" }
    public var institutionName: String? { json["institution_name"]?.stringValue }
    public var displayName: String? { json["display_name"]?.stringValue }
    public var last4: String? { json["last4"]?.stringValue }
    /// `cash`, `credit`, `investment`, `other`.
    public var category: String? { json["category"]?.stringValue }
    /// `checking`, `savings`, `credit_card`, `line_of_credit`, `mortgage`, `other`.
    public var subcategory: String? { json["subcategory"]?.stringValue }
    /// `active`, `disconnected`, `inactive`.
    public var status: String? { json["status"]?.stringValue }
    public var created: Int64? { json["created"]?.int64Value }
    public var livemode: Bool { json["livemode"]?.boolValue ?? false }
    public var permissions: [String] { json["permissions"]?.stringArray ?? [] }
    /// Active subscriptions, e.g. `transactions`.
    public var subscriptions: [String] { json["subscriptions"]?.stringArray ?? [] }
    /// `link`, `us_bank_account`.
    public var supportedPaymentMethodTypes: [String] { json["supported_payment_method_types"]?.stringArray ?? [] }
    public var accountHolder: AccountHolder? { json["account_holder"].flatMap { $0.isNull ? nil : AccountHolder($0) } }
    public var balance: Balance? { json["balance"].flatMap { $0.isNull ? nil : Balance($0) } }
    public var balanceRefresh: Refresh? { refresh("balance_refresh") }
    public var ownershipRefresh: Refresh? { refresh("ownership_refresh") }
    public var transactionRefresh: Refresh? { refresh("transaction_refresh") }
    /// `fcaowns_…`, whether `ownership` is an id or an expanded ownership object.
    public var ownershipID: String? { json["ownership"]?.idValue }

    /// The refresh object for a feature name as used by `refresh` (`balance`, `ownership`, `transactions`).
    public func refresh(forFeature feature: String) -> Refresh? {
        switch feature {
        case "balance", "balances": return balanceRefresh
        case "ownership": return ownershipRefresh
        case "transactions", "transaction": return transactionRefresh
        default: return nil
        }
    }

    private func refresh(_ key: String) -> Refresh? {
        json[key].flatMap { $0.isNull ? nil : Refresh($0) }
    }
}

/// A `balance_refresh`, `ownership_refresh` or `transaction_refresh`.
public struct Refresh: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// `pending`, `succeeded`, `failed`: the status of the last attempt.
    public var status: String? { json["status"]?.stringValue }
    public var lastAttemptedAt: Int64? { json["last_attempted_at"]?.int64Value }
    /// Nil while pending.
    public var nextRefreshAvailableAt: Int64? { json["next_refresh_available_at"]?.int64Value }
    /// `fctxnref_…`, for transaction refreshes only.
    public var id: String? { json["id"]?.stringValue }
}

/// An account's `balance`: amounts in minor units per currency.
public struct Balance: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// Unix seconds when the institution computed it.
    public var asOf: Int64? { json["as_of"]?.int64Value }
    /// `cash` or `credit`.
    public var type: String? { json["type"]?.stringValue }
    /// Owed to (+) or by (−) the holder, before pending transactions, in Stripe's currency order.
    public var current: [(currency: String, amount: Int64)] { json["current"]?.currencyAmounts ?? [] }
    /// Cash accounts: available after pending transactions.
    public var cashAvailable: [(currency: String, amount: Int64)] { json["cash"]?["available"]?.currencyAmounts ?? [] }
    /// Credit accounts: credit used.
    public var creditUsed: [(currency: String, amount: Int64)] { json["credit"]?["used"]?.currencyAmounts ?? [] }
}
