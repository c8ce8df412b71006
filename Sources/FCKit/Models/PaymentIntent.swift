/// A `payment_intent`.
public struct PaymentIntent: Sendable, Hashable {
    public let json: JSON
    public init(_ json: JSON) { self.json = json }

    /// `pi_…`
    public var id: String { json["id"]?.stringValue ?? "" }
    /// `requires_payment_method`, `requires_confirmation`, `requires_action`, `processing`,
    /// `requires_capture`, `succeeded`, `canceled`.
    public var status: String? { json["status"]?.stringValue }
    /// Minor units.
    public var amount: Int64? { json["amount"]?.int64Value }
    public var currency: String? { json["currency"]?.stringValue }
    public var customer: String? { json["customer"]?.idValue }
    public var paymentMethod: String? { json["payment_method"]?.idValue }
    public var description: String? { json["description"]?.stringValue }
    public var created: Int64? { json["created"]?.int64Value }
    public var livemode: Bool { json["livemode"]?.boolValue ?? false }
    /// A secret: never log it.
    public var clientSecret: String? { json["client_secret"]?.stringValue }
    public var lastPaymentErrorMessage: String? { json["last_payment_error"]?["message"]?.stringValue }
    public var lastPaymentErrorCode: String? { json["last_payment_error"]?["code"]?.stringValue }
    /// e.g. `verify_with_microdeposits`.
    public var nextActionType: String? { json["next_action"]?["type"]?.stringValue }
    public var latestCharge: String? { json["latest_charge"]?.idValue }
}
