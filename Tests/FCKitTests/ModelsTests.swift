import Testing
@testable import FCKit

@Suite struct ModelsTests {
    static let account = try! JSON.parse("""
        {
          "id": "fca_1MwVK82eZvKYlo2Cjw8FMxXf",
          "object": "financial_connections.account",
          "account_holder": {"customer": "cus_NffrFeUfNV2Hib", "type": "customer"},
          "balance": {"as_of": 1700000000, "cash": {"available": {"usd": 5000, "eur": 10}}, "current": {"usd": 6000, "eur": -25}, "type": "cash"},
          "balance_refresh": {"last_attempted_at": 1700000000, "next_refresh_available_at": null, "status": "pending"},
          "category": "cash",
          "created": 1681330000,
          "display_name": "Sample Checking Account",
          "institution_name": "StripeBank",
          "last4": "6789",
          "livemode": false,
          "ownership": {"id": "fcaowns_1", "object": "financial_connections.account_ownership", "owners": {"object": "list", "data": [], "has_more": false}},
          "ownership_refresh": {"last_attempted_at": 1700000100, "next_refresh_available_at": 1700003700, "status": "succeeded"},
          "permissions": ["balances", "ownership"],
          "status": "active",
          "subcategory": "checking",
          "subscriptions": ["transactions"],
          "supported_payment_method_types": ["us_bank_account", "link"],
          "transaction_refresh": {"id": "fctxnref_1", "last_attempted_at": 1700000200, "next_refresh_available_at": 1700003800, "status": "failed"}
        }
        """)

    @Test func account() {
        let account = Account(Self.account)
        #expect(account.id == "fca_1MwVK82eZvKYlo2Cjw8FMxXf")
        #expect(account.institutionName == "StripeBank")
        #expect(account.displayName == "Sample Checking Account")
        #expect(account.last4 == "6789")
        #expect(account.category == "cash")
        #expect(account.subcategory == "checking")
        #expect(account.status == "active")
        #expect(account.created == 1681330000)
        #expect(account.permissions == ["balances", "ownership"])
        #expect(account.subscriptions == ["transactions"])
        #expect(account.supportedPaymentMethodTypes == ["us_bank_account", "link"])
        #expect(account.accountHolder?.type == "customer")
        #expect(account.accountHolder?.customer == "cus_NffrFeUfNV2Hib")
        #expect(account.ownershipID == "fcaowns_1")
        #expect(account.balanceRefresh?.status == "pending")
        #expect(account.balanceRefresh?.nextRefreshAvailableAt == nil)
        #expect(account.ownershipRefresh?.nextRefreshAvailableAt == 1700003700)
        #expect(account.transactionRefresh?.id == "fctxnref_1")
        #expect(account.transactionRefresh?.status == "failed")
        #expect(account.refresh(forFeature: "balance")?.status == "pending")
        #expect(account.refresh(forFeature: "transactions")?.lastAttemptedAt == 1700000200)
        #expect(account.refresh(forFeature: "nope") == nil)
    }

    @Test func balanceKeepsCurrencyOrder() throws {
        let balance = try #require(Account(Self.account).balance)
        #expect(balance.asOf == 1700000000)
        #expect(balance.type == "cash")
        #expect(balance.current.map(\.currency) == ["usd", "eur"])
        #expect(balance.current.map(\.amount) == [6000, -25])
        #expect(balance.cashAvailable.map(\.amount) == [5000, 10])
        #expect(balance.creditUsed.isEmpty)
    }

    @Test func ownershipAsAPlainID() throws {
        let account = Account(try JSON.parse(#"{"id":"fca_2","ownership":"fcaowns_2","balance":null,"account_holder":null}"#))
        #expect(account.ownershipID == "fcaowns_2")
        #expect(account.balance == nil)
        #expect(account.accountHolder == nil)
        #expect(account.permissions.isEmpty)
    }

    @Test func session() throws {
        let json = try JSON.parse("""
            {"id":"fcsess_1","object":"financial_connections.session","client_secret":"fcsess_1_secret_abc",
             "account_holder":{"type":"customer","customer":{"id":"cus_9","object":"customer"}},
             "accounts":{"object":"list","data":[{"id":"fca_1"},{"id":"fca_2"}],"has_more":false,"url":"/v1/financial_connections/accounts"},
             "permissions":["balances","payment_method"],"prefetch":["balances"],"livemode":false,"return_url":"https://x.test"}
            """)
        let session = Session(json)
        #expect(session.id == "fcsess_1")
        #expect(session.clientSecret == "fcsess_1_secret_abc")
        #expect(session.permissions == ["balances", "payment_method"])
        #expect(session.prefetch == ["balances"])
        #expect(session.accountHolder?.customer == "cus_9")
        #expect(session.accountHolder?.id == "cus_9")
        #expect(session.accounts.map(\.id) == ["fca_1", "fca_2"])
        #expect(session.returnURL == "https://x.test")
    }

    @Test func customerOwnerTransaction() throws {
        let customer = Customer(try JSON.parse(#"{"id":"cus_1","email":"j@x.co","name":"Jenny","created":1700000000,"phone":null}"#))
        #expect(customer.id == "cus_1")
        #expect(customer.email == "j@x.co")
        #expect(customer.name == "Jenny")
        #expect(customer.created == 1700000000)
        #expect(customer.phone == nil)
        #expect(!customer.deleted)

        let owner = Owner(try JSON.parse(#"{"id":"fcaown_1","name":"Jenny Rosen","email":"j@x.co","phone":"+1555","raw_address":"1 Main St","ownership":"fcaowns_1","refreshed_at":1700000000}"#))
        #expect(owner.id == "fcaown_1")
        #expect(owner.name == "Jenny Rosen")
        #expect(owner.rawAddress == "1 Main St")
        #expect(owner.ownership == "fcaowns_1")

        let transaction = Transaction(try JSON.parse(#"{"id":"fctxn_1","account":"fca_1","amount":-1000,"currency":"usd","description":"Rocket Rides","status":"posted","status_transitions":{"posted_at":1700000100,"void_at":null},"transacted_at":1700000000,"transaction_refresh":"fctxnref_1","updated":1700000100}"#))
        #expect(transaction.amount == -1000)
        #expect(transaction.status == "posted")
        #expect(transaction.postedAt == 1700000100)
        #expect(transaction.voidAt == nil)
        #expect(transaction.transactionRefresh == "fctxnref_1")
    }

    @Test func paymentIntentEventList() throws {
        let pi = PaymentIntent(try JSON.parse(#"{"id":"pi_1","status":"requires_payment_method","amount":1234,"currency":"usd","customer":"cus_1","payment_method":{"id":"pm_1"},"last_payment_error":{"code":"insufficient_funds","message":"The account has insufficient funds."},"next_action":{"type":"verify_with_microdeposits"}}"#))
        #expect(pi.id == "pi_1")
        #expect(pi.status == "requires_payment_method")
        #expect(pi.amount == 1234)
        #expect(pi.paymentMethod == "pm_1")
        #expect(pi.lastPaymentErrorCode == "insufficient_funds")
        #expect(pi.lastPaymentErrorMessage == "The account has insufficient funds.")
        #expect(pi.nextActionType == "verify_with_microdeposits")

        let event = Event(try JSON.parse(#"{"id":"evt_1","type":"financial_connections.account.refreshed_balance","created":1700000000,"data":{"object":{"id":"fca_1","object":"financial_connections.account"}}}"#))
        #expect(event.type == "financial_connections.account.refreshed_balance")
        #expect(event.objectID == "fca_1")
        #expect(event.created == 1700000000)

        let list = StripeList(try JSON.parse(#"{"object":"list","data":[{"id":"a"}],"has_more":true,"url":"/v1/events"}"#))
        #expect(list.data.count == 1)
        #expect(list.hasMore)
        #expect(list.url == "/v1/events")
    }
}

@Suite struct APIBuilderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let request: StripeRequest
        let method: HTTPMethod
        let path: String
        let form: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "customers create", request: CustomersAPI.create(["email": "a@b.co"]), method: .post, path: "/v1/customers", form: "email=a%40b.co"),
        Case(name: "customers retrieve", request: CustomersAPI.retrieve("cus_1"), method: .get, path: "/v1/customers/cus_1", form: ""),
        Case(name: "sessions create", request: SessionsAPI.create(["permissions": ["balances"]]), method: .post,
             path: "/v1/financial_connections/sessions", form: "permissions[]=balances"),
        Case(name: "sessions retrieve", request: SessionsAPI.retrieve("fcsess_1"), method: .get, path: "/v1/financial_connections/sessions/fcsess_1", form: ""),
        Case(name: "accounts retrieve expand", request: AccountsAPI.retrieve("fca_1", expand: ["ownership"]), method: .get,
             path: "/v1/financial_connections/accounts/fca_1", form: "expand[]=ownership"),
        Case(name: "accounts refresh", request: AccountsAPI.refresh("fca_1", features: ["balance", "ownership"]), method: .post,
             path: "/v1/financial_connections/accounts/fca_1/refresh", form: "features[]=balance&features[]=ownership"),
        Case(name: "accounts subscribe", request: AccountsAPI.subscribe("fca_1"), method: .post,
             path: "/v1/financial_connections/accounts/fca_1/subscribe", form: "features[]=transactions"),
        Case(name: "accounts unsubscribe", request: AccountsAPI.unsubscribe("fca_1", features: ["transactions"]), method: .post,
             path: "/v1/financial_connections/accounts/fca_1/unsubscribe", form: "features[]=transactions"),
        Case(name: "accounts disconnect", request: AccountsAPI.disconnect("fca_1"), method: .post,
             path: "/v1/financial_connections/accounts/fca_1/disconnect", form: ""),
        Case(name: "transactions retrieve", request: TransactionsAPI.retrieve("fctxn_1"), method: .get,
             path: "/v1/financial_connections/transactions/fctxn_1", form: ""),
        Case(name: "payment intents create", request: PaymentIntentsAPI.create(["amount": 100, "currency": "usd"]), method: .post,
             path: "/v1/payment_intents", form: "amount=100&currency=usd"),
        Case(name: "payment intents retrieve", request: PaymentIntentsAPI.retrieve("pi_1"), method: .get, path: "/v1/payment_intents/pi_1", form: ""),
        Case(name: "payment intents confirm", request: PaymentIntentsAPI.confirm("pi_1"), method: .post, path: "/v1/payment_intents/pi_1/confirm", form: ""),
        Case(name: "payment intents cancel", request: PaymentIntentsAPI.cancel("pi_1", reason: "abandoned"), method: .post,
             path: "/v1/payment_intents/pi_1/cancel", form: "cancellation_reason=abandoned"),
        Case(name: "events retrieve", request: EventsAPI.retrieve("evt_1"), method: .get, path: "/v1/events/evt_1", form: ""),
        Case(name: "setup intents create", request: SetupIntentsAPI.create(["customer": "cus_1", "usage": "off_session"]), method: .post,
             path: "/v1/setup_intents", form: "customer=cus_1&usage=off_session"),
        Case(name: "setup intents retrieve", request: SetupIntentsAPI.retrieve("seti_1", expand: ["mandate"]), method: .get,
             path: "/v1/setup_intents/seti_1", form: "expand[]=mandate"),
        Case(name: "setup intents confirm", request: SetupIntentsAPI.confirm("seti_1", params: ["mandate_data": ["customer_acceptance": ["type": "offline"]]]),
             method: .post, path: "/v1/setup_intents/seti_1/confirm", form: "mandate_data[customer_acceptance][type]=offline"),
        Case(name: "setup intents cancel", request: SetupIntentsAPI.cancel("seti_1", reason: "abandoned"), method: .post,
             path: "/v1/setup_intents/seti_1/cancel", form: "cancellation_reason=abandoned"),
        Case(name: "payment methods retrieve", request: PaymentMethodsAPI.retrieve("pm_1"), method: .get, path: "/v1/payment_methods/pm_1", form: ""),
        Case(name: "payment methods attach", request: PaymentMethodsAPI.attach("pm_1", customer: "cus_1"), method: .post,
             path: "/v1/payment_methods/pm_1/attach", form: "customer=cus_1"),
        Case(name: "payment methods detach", request: PaymentMethodsAPI.detach("pm_1"), method: .post, path: "/v1/payment_methods/pm_1/detach", form: ""),
        Case(name: "mandates retrieve", request: MandatesAPI.retrieve("mandate_1"), method: .get, path: "/v1/mandates/mandate_1", form: ""),
        Case(name: "sandbox link", request: TestHelpersAPI.linkSession("fcsess_1", institution: "Test Institution", subcategories: ["checking"]),
             method: .post, path: "/v1/test_helpers/financial_connections/sessions/fcsess_1/link",
             form: "institution=Test%20Institution&subcategories[]=checking"),
        Case(name: "escaped id", request: CustomersAPI.retrieve("cus 1/2"), method: .get, path: "/v1/customers/cus%201%2F2", form: ""),
    ]

    @Test(arguments: cases)
    func builds(_ c: Case) {
        #expect(c.request.method == c.method)
        #expect(c.request.path == c.path)
        #expect(FormEncoder.encode(c.request.params) == c.form)
        #expect(c.request.jsonBody == nil)
    }

    @Test func listPaths() {
        #expect(CustomersAPI.listPath == "/v1/customers")
        #expect(AccountsAPI.listPath == "/v1/financial_connections/accounts")
        #expect(AccountsAPI.ownersPath("fca_1") == "/v1/financial_connections/accounts/fca_1/owners")
        #expect(TransactionsAPI.listPath == "/v1/financial_connections/transactions")
        #expect(EventsAPI.listPath == "/v1/events")
        #expect(SetupIntentsAPI.basePath == "/v1/setup_intents")
        #expect(PaymentMethodsAPI.listPath == "/v1/payment_methods")
    }

    @Test func listFilters() {
        #expect(FormEncoder.encode(SetupIntentsAPI.listParams(customer: "cus_1", paymentMethod: "pm_1")) == "customer=cus_1&payment_method=pm_1")
        #expect(FormEncoder.encode(SetupIntentsAPI.listParams()) == "")
        #expect(FormEncoder.encode(PaymentMethodsAPI.listParams(customer: "cus_1", type: "us_bank_account")) == "customer=cus_1&type=us_bank_account")
        #expect(FormEncoder.encode(PaymentMethodsAPI.listParams(customer: "cus_1")) == "customer=cus_1")
    }

    @Test func v2CustomerAccountBody() {
        let both = V2AccountsAPI.createCustomerAccount(email: "j@x.co", name: "Jenny")
        #expect(both.method == .post)
        #expect(both.path == "/v2/core/accounts")
        #expect(both.params.isEmpty)
        #expect(both.jsonBody?.serialized() == #"{"contact_email":"j@x.co","display_name":"Jenny","configuration":{"customer":{}},"include":["configuration.customer"]}"#)
        let none = V2AccountsAPI.createCustomerAccount(email: nil, name: nil)
        #expect(none.jsonBody?.serialized() == #"{"configuration":{"customer":{}},"include":["configuration.customer"]}"#)
    }
}
