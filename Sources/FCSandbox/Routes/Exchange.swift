import FCKit

/// The headers every answer carries, and the answer bodies built from them.
struct Exchange {
    let requestId: String
    let version: String
    let idempotencyKey: String?
    /// `Stripe-Account` as sent (Connect), echoed on every answer. Unknown accounts are refused
    /// before routing (`Authentication.checkAccount`); known ones have no other effect.
    var stripeAccount: String? = nil
    /// Whether the answer may be saved for an idempotent replay.
    var storable = true
    /// Whether the request may have changed state (and so goes to the journal).
    var mutating = true

    init(requestId: String, version: String, idempotencyKey: String?) {
        self.requestId = requestId
        self.version = version
        self.idempotencyKey = idempotencyKey
    }

    func headers(contentType: String, requestId: String? = nil) -> [(name: String, value: String)] {
        var h: [(name: String, value: String)] = [
            ("Content-Type", contentType),
            ("Request-Id", requestId ?? self.requestId),
            ("Stripe-Version", version),
        ]
        if let idempotencyKey { h.append(("Idempotency-Key", idempotencyKey)) }
        if let stripeAccount { h.append(("Stripe-Account", stripeAccount)) }
        return h
    }

    func success(_ body: JSON) -> SandboxResponse {
        SandboxResponse(status: 200, headers: headers(contentType: "application/json"), body: Array(body.serialized(pretty: true).utf8))
    }

    func html(_ page: String, status: Int) -> SandboxResponse {
        SandboxResponse(status: status, headers: headers(contentType: "text/html; charset=utf-8"), body: Array(page.utf8))
    }

    mutating func error(_ error: APIError, now: Double, v2: Bool) -> SandboxResponse {
        if error.isValidation || error.status >= 500 || error.status == 401 { storable = false }
        let body = v2 ? error.v2Body() : error.body(requestId: requestId, now: Int(now))
        var h = headers(contentType: "application/json")
        if error.status == 401 { h.append(("WWW-Authenticate", "Basic realm=\"Stripe\"")) }
        return SandboxResponse(status: error.status, headers: h, body: Array(body.serialized(pretty: true).utf8))
    }

    /// The saved answer, with its original request id, flagged as a replay.
    mutating func replay(_ stored: IdempotencyEntry) -> SandboxResponse {
        storable = false
        mutating = false
        var h = headers(contentType: "application/json", requestId: stored.requestId)
        h.append(("Idempotent-Replayed", "true"))
        return SandboxResponse(status: stored.status, headers: h, body: stored.responseBody)
    }
}

extension SandboxEngine {
    /// Keys are kept 24 hours (sandbox clock), as on Stripe. Only the oldest keys are looked
    /// at, so a POST costs the same however many keys are stored.
    func expireIdempotencyKeys(now: Double) {
        while idempotencyOrderStart < idempotencyOrder.count, now - idempotencyOrder[idempotencyOrderStart].storedAt >= 86_400 {
            let oldest = idempotencyOrder[idempotencyOrderStart]
            if idempotency[oldest.key]?.storedAt == oldest.storedAt { idempotency[oldest.key] = nil }
            idempotencyOrderStart += 1
        }
        if idempotencyOrderStart > 1024, idempotencyOrderStart * 2 > idempotencyOrder.count {
            idempotencyOrder.removeFirst(idempotencyOrderStart)
            idempotencyOrderStart = 0
        }
    }

    func storeIdempotent(_ key: String, _ entry: IdempotencyEntry) {
        idempotency[key] = entry
        idempotencyOrder.append((key, entry.storedAt))
    }
}
