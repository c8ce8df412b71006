import FCKit

/// `stripe-fc pay --payment-method pm_…`: an off-session debit from a saved payment method, under
/// its mandate. Refused before anything is written when the method is not the customer's or has
/// no active mandate: Stripe would refuse the payment, or worse, debit without authorisation.
enum PayOffSession {
    /// Options that only make sense when a new payment method and mandate are collected.
    static func validate(_ context: CommandContext) throws {
        if let mandate = context.string("mandate"), !mandate.hasPrefix("mandate_") {
            throw CLIError.usage("--mandate \(mandate) collects a new mandate, which only goes with --account; a saved payment method is debited under its own mandate (pass --mandate mandate_… or nothing)")
        }
        for option in ["ip", "user-agent", "name"] where context.invocation.has(option) {
            throw CLIError.usage("--\(option) only applies with --account: a saved payment method already has its billing details and mandate")
        }
        if context.flag("save") {
            throw CLIError.usage("--save only applies with --account: a --payment-method is already saved")
        }
    }

    static func run(_ context: CommandContext, request: Pay.Request) async throws -> CommandOutput {
        let method = context.string("payment-method")!
        let client = try context.client()
        var mandate = context.string("mandate")
        if context.flag("dry-run") {
            // The reads the checks would make, then the write.
            _ = try await context.send(PaymentMethodsAPI.retrieve(method), with: client)
            if let mandate {
                _ = try await context.send(MandatesAPI.retrieve(mandate), with: client)
            } else {
                _ = try await context.send(StripeRequest(method: .get, path: SetupIntentsAPI.basePath,
                                                         params: SetupIntentsAPI.listParams(customer: request.customer, paymentMethod: method)), with: client)
            }
        } else {
            mandate = try await checkSaved(method, customer: request.customer, mandate: mandate, client: client)
            if context.isLiveMode(client) {
                try context.confirm("Debit \(Money.format(request.minorUnits, currency: request.currency)) in LIVE mode?", details: [
                    "mode: live", "amount: \(Money.format(request.minorUnits, currency: request.currency))",
                    "payment method: \(method)", "mandate: \(mandate ?? "")", "customer: \(request.customer)",
                ])
            }
        }
        var create = PaymentIntentsAPI.create(params(request, method: method, mandate: mandate ?? "mandate_DRYRUN", context: context))
        create.idempotencyKey = context.idempotencyKey(step: "create")
        guard var intent = try await context.send(create, with: client) else { return .none }
        if context.flag("wait") {
            intent = try await Payments.waitForSettlement(intent, context: context, client: client)
        }
        if let failure = Payments.failure(intent, waitedFor: context.flag("wait") ? context.waitTimeout : nil) {
            return .failing(.object(intent, Payments.view), failure)
        }
        return .object(intent, Payments.view)
    }

    static func params(_ request: Pay.Request, method: String, mandate: String, context: CommandContext) -> JSONObject {
        var params: JSONObject = [
            "amount": .int(request.minorUnits),
            "currency": .string(request.currency),
            "customer": .string(request.customer),
            "payment_method": .string(method),
            "payment_method_types": ["us_bank_account"],
            "mandate": .string(mandate),
            "off_session": true,
            "confirm": true,
        ]
        if let description = context.string("description") { params["description"] = .string(description) }
        if let descriptor = context.string("statement-descriptor") { params["statement_descriptor"] = .string(descriptor) }
        return params
    }

    /// Checks the saved method and its mandate; returns the mandate to debit under.
    static func checkSaved(_ method: String, customer: String, mandate given: String?, client: StripeClient) async throws -> String {
        let pm = try await client.send(PaymentMethodsAPI.retrieve(method)).json
        let type = pm["type"]?.stringValue ?? "unknown"
        if type != "us_bank_account" {
            throw refusal("payment method \(method) is a \(type) method, not us_bank_account (ACH Direct Debit)")
        }
        let owner = pm["customer"]?.referencedID
        if owner != customer {
            throw refusal("payment method \(method) is not attached to customer \(customer) (\(owner.map { "it belongs to \($0)" } ?? "it is not saved to any customer"))",
                          hint: "save a linked account for \(customer) with 'stripe-fc setup --account fca_… --customer \(customer) …', or list its methods with 'stripe-fc payment-methods list --customer \(customer)'")
        }
        if let given {
            let m = try await client.send(MandatesAPI.retrieve(given)).json
            try check(m, id: given, method: method)
            return given
        }
        var seen: [String] = [], unusable: [String] = []
        for candidate in try await mandateCandidates(of: method, customer: customer, client: client) where !seen.contains(candidate) {
            seen.append(candidate)
            let m = try await client.send(MandatesAPI.retrieve(candidate)).json
            if (try? check(m, id: candidate, method: method)) != nil { return candidate }
            unusable.append("\(candidate) is \(m["status"]?.stringValue ?? "unknown")")
        }
        let pending = unusable.contains { $0.hasSuffix(" is pending") }
        throw refusal("payment method \(method) has no active mandate" + (unusable.isEmpty ? "" : " (\(unusable.joined(separator: "; ")))"),
                      hint: pending ? "its setup is still being verified: wait for it ('stripe-fc setup … --wait'), then pay"
                          : "collect a new one: 'stripe-fc setup --account fca_… --customer \(customer) --mandate online|offline …', then pay with its payment method")
    }

    /// An active, multi-use mandate of this method.
    static func check(_ m: JSON, id: String, method: String) throws {
        let owner = m["payment_method"]?.referencedID ?? ""
        if owner != method { throw refusal("mandate \(id) authorises payment method \(owner), not \(method)") }
        let status = m["status"]?.stringValue ?? "unknown"
        if status != "active" { throw refusal("mandate \(id) is \(status), not active: it cannot authorise a debit") }
        if m["type"]?.stringValue == "single_use" { throw refusal("mandate \(id) is single_use: it authorised one payment only") }
    }

    /// Mandates that may cover the method, newest first: those its SetupIntents collected, then
    /// those of earlier payments that saved it (pay --save: the mandate is on the payment's charge).
    static func mandateCandidates(of method: String, customer: String, client: StripeClient) async throws -> [String] {
        var found: [String] = []
        let setups = client.list(SetupIntentsAPI.basePath, params: SetupIntentsAPI.listParams(customer: customer, paymentMethod: method), limit: nil)
        for try await setup in setups {
            if let mandate = setup["mandate"]?.referencedID { found.append(mandate) }
        }
        if !found.isEmpty { return found }
        let payments = client.list(PaymentIntentsAPI.basePath, params: ["customer": .string(customer), "expand": ["data.latest_charge"]], limit: nil)
        for try await payment in payments {
            let charge = payment["latest_charge"]
            guard charge?["payment_method"]?.referencedID == method,
                  let mandate = charge?.value(at: "payment_method_details.us_bank_account.mandate")?.referencedID else { continue }
            found.append(mandate)
            break
        }
        return found
    }

    static func refusal(_ message: String, hint: String? = nil) -> CLIError {
        CLIError(message: "cannot debit: \(message)", exitCode: ExitCode.failure, hint: hint)
    }
}

extension JSON {
    /// A reference that is an id, or (expanded) an object with one.
    var referencedID: String? { stringValue ?? self["id"]?.stringValue }
}
