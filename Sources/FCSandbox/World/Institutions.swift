/// What happens to an ACH debit from a linked account once it has finished processing.
enum PaymentOutcome: Sendable, Equatable {
    case succeeds
    case insufficientFunds
}

/// A person on an account's ownership record, as the institution reports it (raw, unnormalised).
struct OwnerTemplate: Sendable, Equatable {
    let name: String
    let email: String?
    let phone: String?
    let rawAddress: String?
}

/// One account an institution offers when a session links there.
struct AccountTemplate: Sendable, Equatable {
    let displayName: String
    let category: String
    let subcategory: String
    let last4: String
    let supportedPaymentMethodTypes: [String]
    /// Balance in cents: positive is owed to the holder (cash), for credit the amount used.
    let balance: Int
    let owners: [OwnerTemplate]
    let paymentOutcome: PaymentOutcome

    var supportsACH: Bool { supportedPaymentMethodTypes.contains("us_bank_account") }
}

/// A test institution in the spirit of Stripe's test-mode institutions.
struct Institution: Sendable, Equatable {
    let name: String
    let accounts: [AccountTemplate]
    /// `Down Bank (Error)`: every refresh ends `failed`.
    let refreshesFail: Bool
}

/// The sandbox's institutions, derived from the seed so last4 digits and balances are stable per seed.
struct World: Sendable {
    let seed: UInt64
    let institutions: [Institution]

    static let defaultInstitution = "Test Institution"

    init(seed: UInt64) {
        self.seed = seed
        var rng = SeededRandom(seed, 0x574F_524C_44)
        func last4() -> String { String(format4(rng.below(10_000))) }
        func cents(_ low: Int, _ high: Int) -> Int { rng.between(low, high) * 100 + rng.below(100) }
        let jenny = OwnerTemplate(name: "Jenny Rosen", email: "jenny.rosen@example.com", phone: "+1 555-555-5555",
                                  rawAddress: "123 Main Street, Everytown USA")
        let alex = OwnerTemplate(name: "Alex Smith", email: "alex.smith@example.com", phone: "+1 555-555-0101",
                                 rawAddress: "123 Main Street, Everytown USA")
        let sam = OwnerTemplate(name: "Sam Taylor", email: nil, phone: "(555) 555-0199", rawAddress: "PO BOX 42, SPRINGFIELD IL 62701")
        let ach = ["us_bank_account"]
        institutions = [
            Institution(name: "Test Institution", accounts: [
                AccountTemplate(displayName: "Success Checking", category: "cash", subcategory: "checking", last4: "6789",
                                supportedPaymentMethodTypes: ach, balance: cents(2_000, 9_000), owners: [jenny], paymentOutcome: .succeeds),
                AccountTemplate(displayName: "High Yield Savings", category: "cash", subcategory: "savings", last4: last4(),
                                supportedPaymentMethodTypes: ach, balance: cents(10_000, 40_000), owners: [jenny], paymentOutcome: .succeeds),
                AccountTemplate(displayName: "Rewards Credit Card", category: "credit", subcategory: "credit_card", last4: last4(),
                                supportedPaymentMethodTypes: [], balance: cents(200, 3_000), owners: [jenny], paymentOutcome: .succeeds),
                AccountTemplate(displayName: "Insufficient Funds Checking", category: "cash", subcategory: "checking", last4: "2227",
                                supportedPaymentMethodTypes: ach, balance: cents(0, 9), owners: [jenny], paymentOutcome: .insufficientFunds),
            ], refreshesFail: false),
            Institution(name: "Ownership Accounts", accounts: [
                AccountTemplate(displayName: "Joint Checking", category: "cash", subcategory: "checking", last4: last4(),
                                supportedPaymentMethodTypes: ach, balance: cents(1_000, 5_000), owners: [jenny, alex, sam], paymentOutcome: .succeeds),
                AccountTemplate(displayName: "No Owners Savings", category: "cash", subcategory: "savings", last4: last4(),
                                supportedPaymentMethodTypes: ach, balance: cents(500, 2_000), owners: [], paymentOutcome: .succeeds),
            ], refreshesFail: false),
            Institution(name: "Invalid Payment Accounts", accounts: [
                AccountTemplate(displayName: "Cash Checking", category: "cash", subcategory: "checking", last4: last4(),
                                supportedPaymentMethodTypes: [], balance: cents(1_000, 3_000), owners: [jenny], paymentOutcome: .succeeds),
                AccountTemplate(displayName: "Cash Savings", category: "cash", subcategory: "savings", last4: last4(),
                                supportedPaymentMethodTypes: [], balance: cents(1_000, 3_000), owners: [jenny], paymentOutcome: .succeeds),
            ], refreshesFail: false),
            Institution(name: "Down Bank (Error)", accounts: [
                AccountTemplate(displayName: "Checking", category: "cash", subcategory: "checking", last4: last4(),
                                supportedPaymentMethodTypes: ach, balance: cents(1_000, 3_000), owners: [jenny], paymentOutcome: .succeeds),
            ], refreshesFail: true),
        ]
    }

    func institution(named name: String) -> Institution? {
        institutions.first { $0.name == name }
    }

    func template(institution: String, index: Int) -> AccountTemplate? {
        guard let inst = self.institution(named: institution), inst.accounts.indices.contains(index) else { return nil }
        return inst.accounts[index]
    }
}

private func format4(_ value: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
}
