import FCKit

/// What a route answers: a Stripe JSON object (status 200) or, for the hosted link page, HTML.
enum Reply: Sendable {
    case json(JSON)
    case html(String, status: Int)
}

typealias RouteHandler = @Sendable (SandboxEngine, RequestContext) throws(APIError) -> Reply

/// One operation: method, path pattern (`{}` segments are captured in order), what it answers
/// (for `expand[]`; `nil` where `expand[]` means nothing: v2 and the hosted page) and handler.
struct Route: Sendable {
    let method: String
    let segments: [String]
    let expand: ExpandTarget?
    let handler: RouteHandler

    init(_ method: String, _ pattern: String, _ expand: ExpandTarget?, _ handler: @escaping RouteHandler) {
        self.method = method
        segments = pattern.split(separator: "/").map(String.init)
        self.expand = expand
        self.handler = handler
    }

    func match(_ parts: [String]) -> [String]? {
        guard parts.count == segments.count else { return nil }
        var captured: [String] = []
        for (pattern, part) in zip(segments, parts) {
            if pattern == "{}" {
                if part.isEmpty { return nil }
                captured.append(part)
            } else if pattern != part {
                return nil
            }
        }
        return captured
    }
}

/// Every operation the sandbox serves. A path that matches no route for the method is
/// "Unrecognized request URL", as on Stripe (also for a known path with the wrong method).
enum Router {
    static let routes: [Route] = [
        Route("POST", "/v1/customers", .object(.customer)) { e, c throws(APIError) in try e.createCustomer(c) },
        Route("GET", "/v1/customers", .list(.customer)) { e, c throws(APIError) in try e.listCustomers(c) },
        Route("GET", "/v1/customers/{}", .object(.customer)) { e, c throws(APIError) in try e.retrieveCustomer(c) },
        Route("POST", "/v2/core/accounts", nil) { e, c throws(APIError) in try e.createV2Account(c) },
        Route("GET", "/v2/core/accounts/{}", nil) { e, c throws(APIError) in try e.retrieveV2Account(c) },
        Route("POST", "/v1/financial_connections/sessions", .object(.session)) { e, c throws(APIError) in try e.createSession(c) },
        Route("GET", "/v1/financial_connections/sessions/{}", .object(.session)) { e, c throws(APIError) in try e.retrieveSession(c) },
        Route("POST", "/v1/test_helpers/financial_connections/sessions/{}/link", .object(.session)) { e, c throws(APIError) in try e.linkSessionHelper(c) },
        Route("GET", "/v1/financial_connections/accounts", .list(.account)) { e, c throws(APIError) in try e.listAccounts(c) },
        Route("GET", "/v1/financial_connections/accounts/{}", .object(.account)) { e, c throws(APIError) in try e.retrieveAccount(c) },
        Route("POST", "/v1/financial_connections/accounts/{}/refresh", .object(.account)) { e, c throws(APIError) in try e.refreshAccount(c) },
        Route("POST", "/v1/financial_connections/accounts/{}/subscribe", .object(.account)) { e, c throws(APIError) in try e.subscribeAccount(c, on: true) },
        Route("POST", "/v1/financial_connections/accounts/{}/unsubscribe", .object(.account)) { e, c throws(APIError) in try e.subscribeAccount(c, on: false) },
        Route("POST", "/v1/financial_connections/accounts/{}/disconnect", .object(.account)) { e, c throws(APIError) in try e.disconnectAccount(c) },
        Route("GET", "/v1/financial_connections/accounts/{}/owners", .list(.owner)) { e, c throws(APIError) in try e.listOwners(c) },
        Route("GET", "/v1/financial_connections/transactions", .list(.transaction)) { e, c throws(APIError) in try e.listTransactions(c) },
        Route("GET", "/v1/financial_connections/transactions/{}", .object(.transaction)) { e, c throws(APIError) in try e.retrieveTransaction(c) },
        Route("POST", "/v1/payment_intents", .object(.paymentIntent)) { e, c throws(APIError) in try e.createPaymentIntent(c) },
        Route("GET", "/v1/payment_intents/{}", .object(.paymentIntent)) { e, c throws(APIError) in try e.retrievePaymentIntent(c) },
        Route("POST", "/v1/payment_intents/{}/confirm", .object(.paymentIntent)) { e, c throws(APIError) in try e.confirmPaymentIntent(c) },
        Route("POST", "/v1/payment_intents/{}/cancel", .object(.paymentIntent)) { e, c throws(APIError) in try e.cancelPaymentIntent(c) },
        Route("GET", "/v1/payment_intents", .list(.paymentIntent)) { e, c throws(APIError) in try e.listPaymentIntents(c) },
        Route("POST", "/v1/setup_intents", .object(.setupIntent)) { e, c throws(APIError) in try e.createSetupIntent(c) },
        Route("GET", "/v1/setup_intents", .list(.setupIntent)) { e, c throws(APIError) in try e.listSetupIntents(c) },
        Route("GET", "/v1/setup_intents/{}", .object(.setupIntent)) { e, c throws(APIError) in try e.retrieveSetupIntent(c) },
        Route("POST", "/v1/setup_intents/{}/confirm", .object(.setupIntent)) { e, c throws(APIError) in try e.confirmSetupIntent(c) },
        Route("POST", "/v1/setup_intents/{}/cancel", .object(.setupIntent)) { e, c throws(APIError) in try e.cancelSetupIntent(c) },
        Route("GET", "/v1/mandates/{}", .object(.mandate)) { e, c throws(APIError) in try e.retrieveMandate(c) },
        Route("GET", "/v1/payment_methods", .list(.paymentMethod)) { e, c throws(APIError) in try e.listPaymentMethods(c) },
        Route("GET", "/v1/customers/{}/payment_methods", .list(.paymentMethod)) { e, c throws(APIError) in try e.listCustomerPaymentMethods(c) },
        Route("GET", "/v1/payment_methods/{}", .object(.paymentMethod)) { e, c throws(APIError) in try e.retrievePaymentMethod(c) },
        Route("POST", "/v1/payment_methods/{}/attach", .object(.paymentMethod)) { e, c throws(APIError) in try e.attachPaymentMethod(c) },
        Route("POST", "/v1/payment_methods/{}/detach", .object(.paymentMethod)) { e, c throws(APIError) in try e.detachPaymentMethod(c) },
        Route("GET", "/v1/events", .list(.event)) { e, c throws(APIError) in try e.listEvents(c) },
        Route("GET", "/v1/events/{}", .object(.event)) { e, c throws(APIError) in try e.retrieveEvent(c) },
        Route("POST", "/v1/webhook_endpoints", .object(.leaf)) { e, c throws(APIError) in try e.createWebhookEndpoint(c) },
        Route("GET", "/v1/webhook_endpoints", .list(.leaf)) { e, c throws(APIError) in try e.listWebhookEndpoints(c) },
        Route("GET", "/v1/webhook_endpoints/{}", .object(.leaf)) { e, c throws(APIError) in try e.retrieveWebhookEndpoint(c) },
        Route("POST", "/v1/webhook_endpoints/{}", .object(.leaf)) { e, c throws(APIError) in try e.updateWebhookEndpoint(c) },
        Route("DELETE", "/v1/webhook_endpoints/{}", .object(.leaf)) { e, c throws(APIError) in try e.deleteWebhookEndpoint(c) },
        Route("GET", "/v1/test_helpers/sandbox/clock", nil) { e, c throws(APIError) in try e.retrieveClock(c) },
        Route("POST", "/v1/test_helpers/sandbox/clock/advance", nil) { e, c throws(APIError) in try e.advanceClock(c) },
        Route("POST", "/v1/test_helpers/sandbox/clock/freeze", nil) { e, c throws(APIError) in try e.freezeClock(c) },
        Route("GET", "/v1/test_helpers/sandbox/state", nil) { e, c throws(APIError) in try e.exportState(c) },
    ] + TestHelperRoutes.accounts + [
        Route("POST", "/v1/test_helpers/payment_intents/{}/succeed", .object(.paymentIntent)) { e, c throws(APIError) in try e.succeedPaymentHelper(c) },
        Route("POST", "/v1/test_helpers/payment_intents/{}/fail", .object(.paymentIntent)) { e, c throws(APIError) in try e.failPaymentHelper(c) },
        Route("POST", "/v1/accounts", nil) { e, c throws(APIError) in try e.createConnectAccount(c) },
        Route("GET", "/v1/accounts/{}", nil) { e, c throws(APIError) in try e.retrieveConnectAccount(c) },
        Route("POST", "/v1/accounts/{}/external_accounts", nil) { e, c throws(APIError) in try e.createExternalAccount(c) },
        Route("GET", "/v1/accounts/{}/external_accounts", nil) { e, c throws(APIError) in try e.listExternalAccounts(c) },
        Route("GET", "/v1/tokens/{}", nil) { e, c throws(APIError) in try e.retrieveToken(c) },
        Route("GET", "/v1/test_helpers/financial_connections/hosted_flow", nil) { e, c throws(APIError) in try e.hostedFlowDiscovery(c) },
        Route("POST", "/link/start", nil) { e, c throws(APIError) in try e.hostedStart(c) },
        Route("POST", "/link/institutions", nil) { e, c throws(APIError) in try e.hostedInstitutions(c) },
        Route("POST", "/link/accounts", nil) { e, c throws(APIError) in try e.hostedAccounts(c) },
        Route("POST", "/link/complete", nil) { e, c throws(APIError) in try e.hostedComplete(c) },
        Route("POST", "/link/cancel", nil) { e, c throws(APIError) in try e.hostedCancel(c) },
    ]

    /// Splits and percent-decodes the path.
    static func parts(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { FormDecoder.unescape(String($0).replacingPlus()) }
    }

    static func find(method: String, path: String) -> (Route, [String])? {
        let p = parts(of: path)
        for route in routes where route.method == method {
            if let captured = route.match(p) { return (route, captured) }
        }
        return nil
    }
}

/// `POST /v1/test_helpers/financial_connections/accounts/{account}/{verb}` (see `TestHelpers.swift`).
enum TestHelperRoutes {
    static let verbs: [(String, @Sendable (SandboxEngine, RequestContext) throws(APIError) -> Reply)] = [
        ("deactivate", { e, c throws(APIError) in try e.deactivateHelper(c) }),
        ("reactivate", { e, c throws(APIError) in try e.reactivateHelper(c) }),
        ("disconnect", { e, c throws(APIError) in try e.disconnectHelper(c) }),
        ("refresh", { e, c throws(APIError) in try e.refreshHelper(c) }),
        ("update_account_numbers", { e, c throws(APIError) in try e.updateAccountNumbersHelper(c) }),
        ("schedule_account_number_expiry", { e, c throws(APIError) in try e.scheduleNumberExpiryHelper(c) }),
        ("schedule_deactivation", { e, c throws(APIError) in try e.scheduleDeactivationHelper(c) }),
        ("update_supported_payment_method_types", { e, c throws(APIError) in try e.updatePaymentMethodTypesHelper(c) }),
    ]

    static let accounts: [Route] = verbs.map { verb, handler in
        Route("POST", "/v1/test_helpers/financial_connections/accounts/{}/\(verb)", .object(.account), handler)
    }
}

private extension String {
    /// In a path `+` is a literal plus, unlike in a form body.
    func replacingPlus() -> String {
        var out = ""
        for ch in self { out += ch == "+" ? "%2B" : String(ch) }
        return out
    }
}
