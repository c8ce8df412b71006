import FCKit
import Testing
@testable import FCSandbox

/// Metadata limits and payment amounts, answered with Stripe's own messages.
@Suite("Sandbox metadata and amount validation")
struct ValidationFidelityTests {
    static func metadata(_ pairs: [(String, String)]) -> String {
        pairs.map { "metadata[\(FormEncoder.escape($0.0, keepBrackets: false))]=\(FormEncoder.escape($0.1, keepBrackets: false))" }
            .joined(separator: "&")
    }

    struct MetadataCase: Sendable, CustomStringConvertible {
        let name: String
        let pairs: [(String, String)]
        let message: String
        var description: String { name }
    }

    static let tooMany = (0..<51).map { ("k\($0)", "v") }
    static let longKey = String(repeating: "k", count: 41)
    static let longValue = String(repeating: "v", count: 501)

    static let metadataCases: [MetadataCase] = [
        MetadataCase(name: "51 keys", pairs: tooMany, message: "Metadata can have up to 50 keys, but you've set 51."),
        MetadataCase(name: "41-character key", pairs: [(longKey, "v")],
                     message: "Metadata keys can have up to 40 characters, but you passed in a key that is 41 characters. Invalid key: \(longKey)"),
        MetadataCase(name: "501-character value", pairs: [("note", longValue)],
                     message: "Metadata values can have up to 500 characters, but you passed in a value that is 501 characters. Invalid value: \(longValue)"),
        MetadataCase(name: "41 accented characters count as characters, not bytes", pairs: [(String(repeating: "é", count: 41), "v")],
                     message: "Metadata keys can have up to 40 characters, but you passed in a key that is 41 characters. Invalid key: \(String(repeating: "é", count: 41))"),
    ]

    @Test(arguments: metadataCases)
    func customerMetadataLimits(_ c: MetadataCase) async throws {
        let h = try Harness()
        let a = await h.post("/v1/customers", Self.metadata(c.pairs))
        #expect(a.status == 400)
        #expect(a["error.type"] == "invalid_request_error")
        #expect(a.errorMessage == c.message)
        #expect(a.errorParam == "metadata")
        #expect(await h.get("/v1/customers")["data"] == [])
    }

    @Test func limitsAreInclusive() async throws {
        let h = try Harness()
        var pairs = (0..<49).map { ("k\($0)", "v") }
        pairs.append((String(repeating: "k", count: 40), String(repeating: "v", count: 500)))
        pairs.append(("gone", ""))
        let a = await h.post("/v1/customers", Self.metadata(pairs))
        #expect(a.status == 200, "\(a.errorMessage ?? "")")
        #expect(a["metadata"]?.objectValue?.count == 50)
    }

    /// An empty value unsets the key, so it is not stored and does not count.
    @Test func emptyValueUnsetsTheKey() async throws {
        let h = try Harness()
        let pairs = (0..<50).map { ("k\($0)", "v") } + [("empty", "")]
        let a = await h.post("/v1/customers", Self.metadata(pairs))
        #expect(a.status == 200)
        #expect(a["metadata.empty"] == nil)
        #expect(a["metadata"]?.objectValue?.count == 50)
    }

    @Test func paymentIntentMetadataLimits() async throws {
        let h = try Harness()
        let a = await h.post("/v1/payment_intents", "amount=500&currency=usd&" + Self.metadata([(Self.longKey, "v")]))
        #expect(a.status == 400)
        #expect(a.errorParam == "metadata")
        let b = await h.post("/v1/payment_intents", "amount=500&currency=usd&metadata[order]=42&metadata[gone]=")
        #expect(b.status == 200)
        #expect(b["metadata"] == ["order": "42"])
    }

    @Test func paymentMethodDataMetadataLimits() async throws {
        let h = try Harness()
        let (cus, _, accounts) = await h.linked()
        let body = PaymentTests.payBody(customer: cus, account: accounts.last!) + "&payment_method_data[metadata][\(Self.longKey)]=v"
        let a = await h.post("/v1/payment_intents", body)
        #expect(a.status == 400)
        #expect(a.errorParam == "payment_method_data[metadata]")
        #expect(a.errorMessage?.hasPrefix("Metadata keys can have up to 40 characters") == true)
    }

    struct AmountCase: Sendable, CustomStringConvertible {
        let amount: String
        let code: String
        let message: String
        var description: String { "amount=\(amount)" }
    }

    static let amountCases: [AmountCase] = [
        AmountCase(amount: "-5", code: "parameter_invalid_integer", message: "This value must be greater than or equal to 1."),
        AmountCase(amount: "0", code: "parameter_invalid_integer", message: "This value must be greater than or equal to 1."),
        AmountCase(amount: "12.5", code: "parameter_invalid_integer", message: "Invalid integer: 12.5"),
        AmountCase(amount: "1", code: "amount_too_small", message: "Amount must be at least $0.50 usd"),
        AmountCase(amount: "49", code: "amount_too_small", message: "Amount must be at least $0.50 usd"),
    ]

    @Test(arguments: amountCases)
    func paymentIntentAmounts(_ c: AmountCase) async throws {
        let h = try Harness()
        let a = await h.post("/v1/payment_intents", "amount=\(c.amount)&currency=usd")
        #expect(a.status == 400)
        #expect(a.errorCode == c.code)
        #expect(a.errorParam == "amount")
        #expect(a.errorMessage == c.message)
        let ok = await h.post("/v1/payment_intents", "amount=50&currency=usd")
        #expect(ok.status == 200)
    }
}
