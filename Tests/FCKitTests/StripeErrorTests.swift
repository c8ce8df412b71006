import Testing
@testable import FCKit

@Suite struct StripeErrorTests {
    static func parse(_ status: Int, _ body: String, requestID: String? = "req_abc") -> StripeError {
        StripeError.parse(status: status, body: Array(body.utf8), requestID: requestID)
    }

    @Test func invalidRequestErrorWithParam() {
        let error = Self.parse(400, """
            {
              "error": {
                "code": "parameter_invalid_empty",
                "doc_url": "https://stripe.com/docs/error-codes/parameter-invalid-empty",
                "message": "You passed an empty string for 'features'. We assume empty values are an attempt to unset a parameter; however 'features' cannot be unset. You should remove 'features' from your request or supply a non-empty value.",
                "param": "features",
                "request_log_url": "https://dashboard.stripe.com/test/logs/req_abc?t=1700000000",
                "type": "invalid_request_error"
              }
            }
            """)
        #expect(error == StripeError(
            type: "invalid_request_error", code: "parameter_invalid_empty", param: "features",
            message: "You passed an empty string for 'features'. We assume empty values are an attempt to unset a parameter; however 'features' cannot be unset. You should remove 'features' from your request or supply a non-empty value.",
            docURL: "https://stripe.com/docs/error-codes/parameter-invalid-empty",
            requestLogURL: "https://dashboard.stripe.com/test/logs/req_abc?t=1700000000",
            httpStatus: 400, requestID: "req_abc"))
    }

    @Test func cardErrorWithDeclineCode() {
        let error = Self.parse(402, #"{"error":{"charge":"ch_1","code":"card_declined","decline_code":"insufficient_funds","doc_url":"https://stripe.com/docs/error-codes/card-declined","message":"Your card has insufficient funds.","type":"card_error"}}"#)
        #expect(error.type == "card_error")
        #expect(error.code == "card_declined")
        #expect(error.declineCode == "insufficient_funds")
        #expect(error.message == "Your card has insufficient funds.")
        #expect(error.httpStatus == 402)
        #expect(error.param == nil)
    }

    @Test func idempotencyError() {
        let error = Self.parse(400, #"{"error":{"message":"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'k1' if you meant to execute a different request.","type":"idempotency_error"}}"#)
        #expect(error.type == "idempotency_error")
        #expect(error.code == nil)
        #expect(error.message.hasPrefix("Keys for idempotent requests"))
    }

    @Test func authenticationErrorMasksTheKeyInItsMessage() {
        let error = Self.parse(401, #"{"error":{"message":"Invalid API Key provided: sk_test_********************abcd","type":"invalid_request_error"}}"#)
        #expect(error.httpStatus == 401)
        #expect(error.message == "Invalid API Key provided: sk_test_********************abcd")
        let echoed = Self.parse(401, #"{"error":{"message":"Invalid API Key provided: sk_test_51HabcdefghijklmnXYZW","type":"invalid_request_error"}}"#)
        #expect(echoed.message == "Invalid API Key provided: sk_test_…XYZW")
    }

    @Test func nonJSON502Page() {
        let html = """
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body>
            <center><h1>502 Bad Gateway</h1></center>
            </body>
            </html>
            """
        let error = Self.parse(502, html, requestID: nil)
        #expect(error.type == "api_error")
        #expect(error.httpStatus == 502)
        #expect(error.requestID == nil)
        #expect(error.message == "unexpected HTTP 502 response from the API: 502 Bad Gateway 502 Bad Gateway")
    }

    @Test func longAndEmptyBodies() {
        let long = Self.parse(500, String(repeating: "x", count: 500))
        #expect(long.message == "unexpected HTTP 500 response from the API: " + String(repeating: "x", count: 120) + "…")
        #expect(Self.parse(503, "").message == "unexpected HTTP 503 response from the API (empty body)")
        #expect(Self.parse(500, "[1,2]").message == "unexpected HTTP 500 response from the API: [1,2]")
    }

    @Test func v2ErrorShape() {
        let error = Self.parse(400, #"{"error":{"type":"invalid_request_error","code":"invalid_field","message":"contact_email is not a valid email address.","user_message":null}}"#)
        #expect(error.type == "invalid_request_error")
        #expect(error.code == "invalid_field")
        #expect(error.message == "contact_email is not a valid email address.")
    }

    @Test func errorObjectWithoutMessage() {
        let error = Self.parse(404, #"{"error":{"type":"invalid_request_error"}}"#)
        #expect(error.message == "Stripe answered HTTP 404 with no error message")
    }

    @Test func oauthStyleError() {
        let error = Self.parse(400, #"{"error":"invalid_grant","error_description":"Authorization code expired"}"#)
        #expect(error.code == "invalid_grant")
        #expect(error.message == "Authorization code expired")
    }

    @Test func clientErrorDescriptions() {
        let network = ClientError.network(TransportError(kind: .timeout, message: "no response within 80s"), attempts: 3)
        #expect(network.description == "could not reach the Stripe API (no response within 80s) after 3 attempts")
        let api = ClientError.api(Self.parse(400, #"{"error":{"type":"x","message":"m"}}"#))
        #expect(api.description == "m")
        #expect(api.httpStatus == 400)
        #expect(api.requestID == "req_abc")
        #expect(network.httpStatus == nil)
        #expect(ClientError.invalidResponse(status: 200, requestID: "req_1", message: "x").requestID == "req_1")
    }
}
