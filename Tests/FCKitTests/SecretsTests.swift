import Testing
@testable import FCKit

@Suite struct SecretsTests {
    @Test(arguments: [
        ("sk_test_51Habcdefghijklmn1234", "sk_test_…1234"),
        ("sk_live_51Habcdefghijklmn9876", "sk_live_…9876"),
        ("rk_test_51Habcdefghijklmnwxyz", "rk_test_…wxyz"),
        ("rk_live_51HabcdefghijklmnWXYZ", "rk_live_…WXYZ"),
        ("pk_test_abcdefghijklmnop", "…mnop"),
        ("abcdefghijkl", "…ijkl"),
        ("abcdefghijk", "****"),
        ("sk_test_abc", "****"),
        ("sk_test_abcdefghijk", "****"),
        ("", "****"),
    ])
    func mask(_ key: String, _ masked: String) {
        #expect(Secrets.mask(key) == masked)
    }

    @Test(arguments: [
        ("key sk_test_51Habcdefghijklmn1234 failed", "key sk_test_…1234 failed"),
        ("Authorization: Bearer rk_live_abcdefghijklmnopqr", "Authorization: Bearer rk_live_…opqr"),
        ("/v1/x?api_key=sk_test_51Habcdefghijklmn1234&y=1", "/v1/x?api_key=sk_test_…1234&y=1"),
        (#"{"client_secret":"fcsess_1Abc_secret_XyZ123456789abcd"}"#, #"{"client_secret":"fcsess_1Abc_secret_…abcd"}"#),
        ("client_secret=pi_3Mabc_secret_short", "client_secret=pi_3Mabc_secret_…"),
        ("seti_1_secret_ABCDEFGHIJKLMNOP.", "seti_1_secret_…MNOP."),
        ("whsec_abcdefghijklmnop", "whsec_…mnop"),
        ("nothing secret: cus_123, fca_456, fcsess_789", "nothing secret: cus_123, fca_456, fcsess_789"),
        ("task_live_thing and desk_test_lamp", "task_live_thing and desk_test_lamp"),
        ("sk_ and rk_ alone", "sk_ and rk_ alone"),
        ("Zoë: sk_test_51Habcdefghijklmn1234 ✓", "Zoë: sk_test_…1234 ✓"),
        ("sk_test_aaaaaaaaaaaa1111,sk_live_bbbbbbbbbbbb2222", "sk_test_…1111,sk_live_…2222"),
        ("", ""),
    ])
    func redact(_ text: String, _ redacted: String) {
        #expect(Secrets.redact(text) == redacted)
    }

    @Test func liveKeys() {
        #expect(Secrets.isLiveKey("sk_live_abc"))
        #expect(Secrets.isLiveKey("rk_live_abc"))
        #expect(!Secrets.isLiveKey("sk_test_abc"))
        #expect(!Secrets.isLiveKey("pk_live_abc"))
        #expect(!Secrets.isLiveKey(""))
    }

    @Test func idempotencyKeys() {
        let a = IdempotencyKey.generate()
        let b = IdempotencyKey.generate()
        #expect(a != b)
        #expect(StripeClientRequestTests.isUUIDv4(a))
        #expect(IdempotencyKey.derive(from: "run-7", step: "customer") == "run-7-customer")
        #expect(IdempotencyKey.derive(from: "run-7", step: "customer") == IdempotencyKey.derive(from: "run-7", step: "customer"))
        #expect(IdempotencyKey.derive(from: "run-7", step: "pay") != IdempotencyKey.derive(from: "run-7", step: "customer"))
    }
}
