import FCKit

/// The charge (`py_…`) behind a PaymentIntent's ACH debit: `pending` while the payment is
/// processing, then `succeeded` or `failed`. Reachable as the intent's `latest_charge`, which
/// `expand[]=latest_charge` turns into this object.
extension SandboxEngine {
    func createCharge(for pi: JSONObject, paymentMethod pmId: String, mandate: String?, at time: Int) -> String {
        let id = ids.next("py")
        let pm = paymentMethods[pmId] ?? JSONObject()
        let bank = pm["us_bank_account"]?.objectValue ?? JSONObject()
        var details = JSONObject()
        for key in ["account_holder_type", "account_type", "bank_name", "fingerprint", "last4"] { details[key] = bank[key] ?? .null }
        details["mandate"] = mandate.map(JSON.string) ?? .null
        details["payment_reference"] = .null
        details["routing_number"] = bank["routing_number"] ?? .null
        var c = JSONObject()
        c["id"] = .string(id)
        c["object"] = "charge"
        c["amount"] = pi["amount"] ?? 0
        c["amount_captured"] = 0
        c["amount_refunded"] = 0
        c["application"] = .null
        c["application_fee"] = .null
        c["application_fee_amount"] = .null
        c["balance_transaction"] = .null
        c["billing_details"] = pm["billing_details"] ?? .null
        c["calculated_statement_descriptor"] = pi["statement_descriptor"] ?? .null
        c["captured"] = true
        c["created"] = .int(time)
        c["currency"] = pi["currency"] ?? .null
        c["customer"] = pi["customer"] ?? .null
        c["description"] = pi["description"] ?? .null
        c["disputed"] = false
        c["failure_balance_transaction"] = .null
        c["failure_code"] = .null
        c["failure_message"] = .null
        c["fraud_details"] = [:]
        c["livemode"] = false
        c["metadata"] = [:]
        c["on_behalf_of"] = .null
        c["outcome"] = .null
        c["paid"] = false
        c["payment_intent"] = pi["id"] ?? .null
        c["payment_method"] = .string(pmId)
        c["payment_method_details"] = ["type": "us_bank_account", "us_bank_account": .object(details)]
        c["receipt_email"] = pi["receipt_email"] ?? .null
        c["receipt_number"] = .null
        c["receipt_url"] = .null
        c["refunded"] = false
        c["refunds"] = ListPaging.envelope([], hasMore: false, url: "/v1/charges/\(id)/refunds", totalCount: 0)
        c["review"] = .null
        c["shipping"] = .null
        c["source_transfer"] = .null
        c["statement_descriptor"] = pi["statement_descriptor"] ?? .null
        c["statement_descriptor_suffix"] = pi["statement_descriptor_suffix"] ?? .null
        c["status"] = "pending"
        c["transfer_data"] = .null
        c["transfer_group"] = .null
        charges[id] = c
        return id
    }

    /// The bank's answer: the debit cleared, or bounced with `failure` (code, message).
    func settleCharge(_ id: String, failure: (code: String, message: String)?) {
        guard var c = charges[id] else { return }
        if let failure {
            c["failure_code"] = .string(failure.code)
            c["failure_message"] = .string(failure.message)
            c["outcome"] = ["network_status": "declined_by_network", "reason": .string(failure.code), "risk_level": "not_assessed",
                            "seller_message": "The bank returned the debit.", "type": "issuer_declined"]
            c["status"] = "failed"
        } else {
            c["amount_captured"] = c["amount"] ?? 0
            c["outcome"] = ["network_status": "approved_by_network", "reason": .null, "risk_level": "not_assessed",
                            "seller_message": "Payment complete.", "type": "authorized"]
            c["paid"] = true
            c["status"] = "succeeded"
        }
        charges[id] = c
    }
}
