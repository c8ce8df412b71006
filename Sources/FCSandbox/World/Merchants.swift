/// A place money goes to or comes from, with the usual size of the amount in cents.
struct Merchant: Sendable {
    let description: String
    let low: Int
    let high: Int
    /// Credits (money in) are positive amounts; debits negative.
    let isCredit: Bool
}

/// Descriptions as they appear on real statements, weighted by listing common ones several times.
enum Merchants {
    static let all: [Merchant] = [
        Merchant(description: "Blue Bottle Coffee", low: 450, high: 1_400, isCredit: false),
        Merchant(description: "STARBUCKS STORE 10423", low: 395, high: 1_250, isCredit: false),
        Merchant(description: "Whole Foods Market", low: 1_800, high: 18_000, isCredit: false),
        Merchant(description: "TRADER JOE'S #552", low: 1_500, high: 11_000, isCredit: false),
        Merchant(description: "Shell Oil 57442", low: 2_800, high: 7_500, isCredit: false),
        Merchant(description: "UBER *TRIP", low: 900, high: 4_800, isCredit: false),
        Merchant(description: "Lyft Ride", low: 800, high: 3_900, isCredit: false),
        Merchant(description: "AMAZON.COM*MK1AB2CD3", low: 1_200, high: 25_000, isCredit: false),
        Merchant(description: "NETFLIX.COM", low: 1_549, high: 1_549, isCredit: false),
        Merchant(description: "Spotify USA", low: 1_199, high: 1_199, isCredit: false),
        Merchant(description: "COMCAST XFINITY", low: 8_900, high: 12_900, isCredit: false),
        Merchant(description: "PG&E WEB ONLINE", low: 6_000, high: 21_000, isCredit: false),
        Merchant(description: "Target T-1234", low: 1_000, high: 15_000, isCredit: false),
        Merchant(description: "Costco Wholesale", low: 5_000, high: 40_000, isCredit: false),
        Merchant(description: "Chipotle Mexican Grill", low: 1_050, high: 3_200, isCredit: false),
        Merchant(description: "CVS/PHARMACY #0931", low: 600, high: 6_500, isCredit: false),
        Merchant(description: "Rocket Rides", low: 300, high: 3_000, isCredit: false),
        Merchant(description: "DELTA AIR LINES", low: 18_000, high: 65_000, isCredit: false),
        Merchant(description: "Airbnb HMXYZ123", low: 12_000, high: 90_000, isCredit: false),
        Merchant(description: "VENMO PAYMENT", low: 1_000, high: 20_000, isCredit: false),
        Merchant(description: "GREYSTAR RENT PMT", low: 180_000, high: 260_000, isCredit: false),
        Merchant(description: "ATM WITHDRAWAL", low: 2_000, high: 20_000, isCredit: false),
        Merchant(description: "PAYROLL DEPOSIT - ROCKET RIDES INC", low: 250_000, high: 420_000, isCredit: true),
        Merchant(description: "Interest Payment", low: 5, high: 2_500, isCredit: true),
        Merchant(description: "Zelle from Alex Smith", low: 1_000, high: 30_000, isCredit: true),
        Merchant(description: "Refund - AMAZON.COM", low: 1_200, high: 9_000, isCredit: true),
        Merchant(description: "Mobile Check Deposit", low: 5_000, high: 80_000, isCredit: true),
    ]
}
