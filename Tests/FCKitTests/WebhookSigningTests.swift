import Testing
@testable import FCKit

/// SHA-256 against FIPS 180-4 / NIST CAVP vectors, HMAC-SHA256 against RFC 4231, and the
/// `Stripe-Signature` scheme against a value computed independently (Python's hmac module).
@Suite struct WebhookSigningTests {
    private static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = Array(hex)[...]
        while chars.count >= 2 {
            out.append(UInt8(String(chars.prefix(2)), radix: 16)!)
            chars = chars.dropFirst(2)
        }
        return out
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func sha256NISTVectors(_ message: String, _ digest: String) {
        #expect(SHA256.hex(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test func sha256OfAMillionAs() {
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every padding boundary: 55, 56 and 64 bytes need one, two and two blocks.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    ])
    func sha256BlockBoundaries(_ count: Int, _ digest: String) {
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: 0x61, count: count))) == digest)
    }

    /// RFC 4231 test cases 1–4, 6 and 7 (5 truncates the output, which Stripe never does).
    @Test(arguments: [
        ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (String(repeating: "aa", count: 20), String(repeating: "dd", count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ("0102030405060708090a0b0c0d0e0f10111213141516171819", String(repeating: "cd", count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (String(repeating: "aa", count: 131),
         "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (String(repeating: "aa", count: 131),
         "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func hmacRFC4231(_ key: String, _ data: String, _ mac: String) {
        #expect(SHA256.hex(SHA256.hmac(key: Self.bytes(key), message: Self.bytes(data))) == mac)
    }

    @Test func stripeSignatureHeader() {
        // python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test_secret', b'1700000000.{\"id\":\"evt_1\"}', hashlib.sha256).hexdigest())"
        let header = WebhookDelivery.signature(payload: Array(#"{"id":"evt_1"}"#.utf8), secret: "whsec_test_secret", timestamp: 1_700_000_000)
        #expect(header == "t=1700000000,v1=248a374f50f943a28b0f6ab50faf9a7e7e29b710fa26df9fb1618b9bf8ea9c9a")
    }

    @Test func deliveryRequestIsAStripeWebhook() {
        let request = WebhookDelivery.request(url: "http://127.0.0.1:4242/hook", payload: Array("{}".utf8), secret: "whsec_x", timestamp: 5)
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/json; charset=utf-8")
        #expect(request.header("User-Agent") == "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
        #expect(request.header("Stripe-Signature")?.hasPrefix("t=5,v1=") == true)
        #expect(request.body == Array("{}".utf8))
    }

    @Test func retryDelaysDouble() {
        #expect((1...4).map { WebhookDelivery.retryDelay($0, base: 0.5) } == [0.5, 1, 2, 4])
    }

    @Test func newSecretsHaveStripesShape() {
        let secret = WebhookDelivery.newSecret()
        #expect(secret.hasPrefix("whsec_") && secret.count == 38)
        #expect(secret.dropFirst(6).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(secret != WebhookDelivery.newSecret())
    }
}
