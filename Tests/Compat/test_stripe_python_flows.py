"""Beyond the happy path: expansion, backward paging, prefetch, failing institutions, the
PaymentIntent lifecycle (confirm later, cancel), incremental transaction sync, the events a
payment emits, and validation errors the SDK surfaces. Each test makes its own customer.
"""

import pytest
import stripe

from conftest import link_session, linked_accounts, poll, unique_email

MANDATE = {"customer_acceptance": {"type": "online", "online": {
    "ip_address": "127.0.0.1", "user_agent": "stripe-python compat test"}}}


def _bank_pm(account_id):
    return {"type": "us_bank_account", "us_bank_account": {"financial_connections_account": account_id},
            "billing_details": {"name": "Jenny Rosen"}}


def test_expand_ownership_on_retrieve_and_list(legacy, client):
    customer = legacy.Customer.create(email=unique_email("expand"))
    checking = linked_accounts(client, customer.id, prefetch=["ownership"])["Success Checking"]
    Account = legacy.financial_connections.Account
    poll(lambda: Account.retrieve(checking.id), lambda a: a.ownership_refresh.status != "pending")

    expanded = Account.retrieve(checking.id, expand=["ownership"])
    assert isinstance(expanded.ownership, stripe.financial_connections.AccountOwnership)
    assert expanded.ownership.id.startswith("fcaowns_")
    assert expanded.ownership.owners.object == "list"
    assert all(o.ownership == expanded.ownership.id for o in expanded.ownership.owners.data)

    listed = Account.list(account_holder={"customer": customer.id}, expand=["data.ownership"], limit=100)
    mine = next(a for a in listed.data if a.id == checking.id)
    assert isinstance(mine.ownership, stripe.financial_connections.AccountOwnership)


def test_backward_paging_with_ending_before(legacy):
    email = unique_email("backward")
    ids = [legacy.Customer.create(email=email).id for _ in range(7)]  # oldest first
    page = legacy.Customer.list(email=email, ending_before=ids[2], limit=2)
    assert [c.id for c in page.data] == [ids[4], ids[3]], "a page before an id is still newest first"
    assert page.has_more is True

    walked = [c.id for c in legacy.Customer.list(email=email, ending_before=ids[0], limit=2).auto_paging_iter()]
    assert walked == ids[1:], "backward auto-paging walks from the anchor towards the newest"


def test_list_limit_bounds_are_validated(client):
    for bad in (0, 101):
        with pytest.raises(stripe.InvalidRequestError) as caught:
            client.v1.customers.list(params={"limit": bad})
        assert caught.value.param == "limit"


def test_raw_get_with_query_params(client):
    email = unique_email("rawget")
    customer = client.v1.customers.create(params={"email": email})
    response = client.raw_request("get", "/v1/customers", email=email, limit=3)
    listing = client.deserialize(response, api_mode="V1")
    assert [c.id for c in listing.data] == [customer.id]


def test_prefetch_balances_refreshes_without_asking(client):
    customer = client.v1.customers.create(params={"email": unique_email("prefetch")})
    session = client.v1.financial_connections.sessions.create(params={
        "account_holder": {"type": "customer", "customer": customer.id},
        "permissions": ["balances", "payment_method"], "prefetch": ["balances"]})
    linked = link_session(client, session.id)
    account = linked.accounts.data[0]
    assert account.balance_refresh is not None
    done = poll(lambda: client.v1.financial_connections.accounts.retrieve(account.id),
                lambda a: a.balance_refresh.status != "pending")
    assert done.balance_refresh.status == "succeeded"
    assert done.balance is not None

    listed = client.v1.financial_connections.accounts.list(params={"session": session.id})
    assert {a.id for a in listed.data} == {a.id for a in linked.accounts.data}


def test_refresh_needs_the_permission(legacy, client):
    customer = legacy.Customer.create(email=unique_email("noperm"))
    account = next(iter(linked_accounts(client, customer.id, permissions=["payment_method"]).values()))
    with pytest.raises(stripe.InvalidRequestError):
        legacy.financial_connections.Account.refresh_account(account.id, features=["balance"])
    with pytest.raises(stripe.InvalidRequestError) as caught:
        legacy.financial_connections.Account.subscribe(account.id, features=["balance"])
    assert caught.value.param.startswith("features")


def test_down_bank_refresh_fails(legacy, client):
    customer = legacy.Customer.create(email=unique_email("down"))
    account = next(iter(linked_accounts(client, customer.id, institution="Down Bank (Error)").values()))
    Account = legacy.financial_connections.Account
    assert Account.refresh_account(account.id, features=["balance"]).balance_refresh.status == "pending"
    done = poll(lambda: Account.retrieve(account.id), lambda a: a.balance_refresh.status != "pending")
    assert done.balance_refresh.status == "failed"


def test_invalid_payment_accounts_cannot_pay(legacy, client):
    customer = legacy.Customer.create(email=unique_email("invalidpm"))
    accounts = linked_accounts(client, customer.id, institution="Invalid Payment Accounts")
    account = next(iter(accounts.values()))
    assert "us_bank_account" not in account.supported_payment_method_types
    with pytest.raises(stripe.InvalidRequestError) as caught:
        legacy.PaymentIntent.create(amount=100, currency="usd", customer=customer.id,
                                    payment_method_types=["us_bank_account"],
                                    payment_method_data=_bank_pm(account.id),
                                    mandate_data=MANDATE, confirm=True)
    assert caught.value.param and caught.value.param.startswith("payment_method_data")


def test_payment_intent_confirm_later_then_cancel_rules(legacy, client):
    customer = legacy.Customer.create(email=unique_email("lifecycle"))
    checking = linked_accounts(client, customer.id)["Success Checking"]
    PaymentIntent = legacy.PaymentIntent

    intent = PaymentIntent.create(amount=2500, currency="usd", customer=customer.id,
                                  payment_method_types=["us_bank_account"],
                                  payment_method_data=_bank_pm(checking.id))
    assert intent.status == "requires_confirmation"
    assert intent.payment_method and intent.payment_method.startswith("pm_")

    confirmed = PaymentIntent.confirm(intent.id, mandate_data=MANDATE)
    assert confirmed.status == "processing"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        PaymentIntent.cancel(intent.id)
    assert caught.value.code == "payment_intent_unexpected_state"
    assert poll(lambda: PaymentIntent.retrieve(intent.id), lambda p: p.status != "processing").status == "succeeded"

    spare = client.v1.payment_intents.create(params={
        "amount": 100, "currency": "usd", "customer": customer.id,
        "allowed_payment_method_types": ["us_bank_account"]})
    assert spare.status == "requires_payment_method"
    canceled = client.v1.payment_intents.cancel(spare.id, params={"cancellation_reason": "requested_by_customer"})
    assert canceled.status == "canceled"
    assert canceled.cancellation_reason == "requested_by_customer"
    assert canceled.canceled_at is not None


def test_ach_needs_billing_name(legacy, client):
    customer = legacy.Customer.create(email=unique_email("noname"))
    checking = linked_accounts(client, customer.id)["Success Checking"]
    pm = _bank_pm(checking.id)
    del pm["billing_details"]
    with pytest.raises(stripe.InvalidRequestError) as caught:
        legacy.PaymentIntent.create(amount=100, currency="usd", customer=customer.id,
                                    payment_method_types=["us_bank_account"], payment_method_data=pm,
                                    mandate_data=MANDATE, confirm=True)
    assert caught.value.code == "parameter_missing"
    assert caught.value.param == "payment_method_data[billing_details][name]"


def test_payment_events_and_event_retrieve(legacy, client):
    customer = legacy.Customer.create(email=unique_email("pievents"))
    nsf = linked_accounts(client, customer.id)["Insufficient Funds Checking"]
    intent = legacy.PaymentIntent.create(amount=700, currency="usd", customer=customer.id,
                                         payment_method_types=["us_bank_account"],
                                         payment_method_data=_bank_pm(nsf.id),
                                         mandate_data=MANDATE, confirm=True)
    poll(lambda: legacy.PaymentIntent.retrieve(intent.id), lambda p: p.status != "processing")

    events = legacy.Event.list(types=["payment_intent.processing", "payment_intent.payment_failed"], limit=100)
    ours = [e for e in events.auto_paging_iter() if e.data.object.id == intent.id]
    assert sorted(e.type for e in ours) == ["payment_intent.payment_failed", "payment_intent.processing"]
    failed = next(e for e in ours if e.type == "payment_intent.payment_failed")
    assert isinstance(failed.data.object, stripe.PaymentIntent)
    assert failed.data.object.last_payment_error.code == "insufficient_funds"
    assert legacy.Event.retrieve(failed.id).type == "payment_intent.payment_failed"


def test_incremental_transactions_after_latest_refresh_is_empty(legacy, client):
    customer = legacy.Customer.create(email=unique_email("incremental"))
    checking = linked_accounts(client, customer.id, prefetch=["transactions"])["Success Checking"]
    done = poll(lambda: legacy.financial_connections.Account.retrieve(checking.id),
                lambda a: a.transaction_refresh is not None and a.transaction_refresh.status != "pending")
    assert done.transaction_refresh.status == "succeeded"
    latest = done.transaction_refresh.id
    Transaction = legacy.financial_connections.Transaction
    everything = Transaction.list(account=checking.id, limit=100).data
    assert everything and all(t.transaction_refresh == latest for t in everything)
    newer = Transaction.list(account=checking.id, transaction_refresh={"after": latest})
    assert newer.data == []


def test_customer_list_created_range(legacy):
    email = unique_email("created")
    customer = legacy.Customer.create(email=email)
    assert [c.id for c in legacy.Customer.list(email=email, created={"gte": customer.created}).data] == [customer.id]
    assert [c.id for c in legacy.Customer.list(email=email, created=customer.created).data] == [customer.id]
    assert legacy.Customer.list(email=email, created={"lt": customer.created}).data == []
    assert legacy.Customer.list(email=email, created={"gt": customer.created}).data == []


def test_legacy_instance_methods(legacy, client):
    customer = legacy.Customer.create(email=unique_email("instance"))
    checking = linked_accounts(client, customer.id)["Success Checking"]
    account = legacy.financial_connections.Account.retrieve(checking.id)
    assert account.subscribe(features=["transactions"]).subscriptions == ["transactions"]
    assert account.refresh().subscriptions == ["transactions"], "refresh() re-fetches in place"
    assert account.refresh_account(features=["ownership"]).ownership_refresh.status == "pending"
    assert account.disconnect().status == "disconnected"
