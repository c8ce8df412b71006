import FCKit
import Testing
@testable import FCSandbox

@Suite("Sandbox idempotency")
struct IdempotencyTests {
    @Test func sameKeySameBodyReplays() async throws {
        let h = try Harness()
        let first = await h.post("/v1/customers", "email=a%40example.com", headers: [("Idempotency-Key", "abc")])
        let again = await h.post("/v1/customers", "email=a%40example.com", headers: [("Idempotency-Key", "abc")])
        #expect(first.status == 200 && again.status == 200)
        #expect(again.text == first.text)
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(first.header("Idempotent-Replayed") == nil)
        #expect(again.header("Idempotency-Key") == "abc")
        #expect(again.header("Request-Id") == first.header("Request-Id"))
        let list = await h.get("/v1/customers")
        #expect(list["data"]?.arrayValue?.count == 1)
    }

    @Test func sameKeyOtherBodyIsAnIdempotencyError() async throws {
        let h = try Harness()
        _ = await h.post("/v1/customers", "email=a%40example.com", headers: [("Idempotency-Key", "abc")])
        let other = await h.post("/v1/customers", "email=b%40example.com", headers: [("Idempotency-Key", "abc")])
        #expect(other.status == 400)
        #expect(other["error.type"] == "idempotency_error")
        #expect(other.errorMessage?.hasPrefix("Keys for idempotent requests can only be used with the same parameters they were first used with.") == true)
    }

    @Test func keysExpireAfterADay() async throws {
        let h = try Harness()
        let first = await h.post("/v1/customers", "email=a%40example.com", headers: [("Idempotency-Key", "abc")])
        h.clock.advance(86_401)
        let later = await h.post("/v1/customers", "email=a%40example.com", headers: [("Idempotency-Key", "abc")])
        #expect(later.header("Idempotent-Replayed") == nil)
        #expect(later.id != first.id)
    }

    @Test func validationErrorsAreNotSavedButLaterErrorsAre() async throws {
        let h = try Harness()
        let invalid = await h.post("/v1/customers", "bogus=1", headers: [("Idempotency-Key", "v")])
        #expect(invalid.status == 400)
        let fixed = await h.post("/v1/customers", "bogus=1", headers: [("Idempotency-Key", "v")])
        #expect(fixed.header("Idempotent-Replayed") == nil)
        let missing = await h.post("/v1/financial_connections/accounts/fca_x/disconnect", "", headers: [("Idempotency-Key", "m")])
        #expect(missing.status == 404)
        let replay = await h.post("/v1/financial_connections/accounts/fca_x/disconnect", "", headers: [("Idempotency-Key", "m")])
        #expect(replay.status == 404)
        #expect(replay.header("Idempotent-Replayed") == "true")
    }
}
