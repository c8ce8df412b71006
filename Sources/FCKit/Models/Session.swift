/// A `financial_connections.session`.
public struct Session: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// `fcsess_…`
    public var id: String { json["id"]?.stringValue ?? "" }
    /// What Stripe.js or the mobile SDKs need to run the linking UI. A secret: never log it.
    public var clientSecret: String? { json["client_secret"]?.stringValue }
    /// `balances`, `ownership`, `payment_method`, `transactions`.
    public var permissions: [String] { json["permissions"]?.stringArray ?? [] }
    public var prefetch: [String] { json["prefetch"]?.stringArray ?? [] }
    public var accountHolder: AccountHolder? { json["account_holder"].flatMap { $0.isNull ? nil : AccountHolder($0) } }
    /// The accounts linked in this session (empty until the user finishes linking).
    public var accounts: [Account] { json["accounts"]?["data"]?.arrayValue?.map(Account.init) ?? [] }
    public var livemode: Bool { json["livemode"]?.boolValue ?? false }
    public var returnURL: String? { json["return_url"]?.stringValue }
}

/// The `account_holder` of a session or account: a customer, a connected account or a v2 customer account.
public struct AccountHolder: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// `customer` or `account`.
    public var type: String? { json["type"]?.stringValue }
    /// `cus_…`, whether the field is an id or an expanded customer.
    public var customer: String? { json["customer"]?.idValue }
    /// `acct_…` of a connected account.
    public var account: String? { json["account"]?.idValue }
    /// `acct_…` of a v2 account acting as a customer.
    public var customerAccount: String? { json["customer_account"]?.idValue }
    /// Whichever id is set, for display.
    public var id: String? { customer ?? customerAccount ?? account }
}
