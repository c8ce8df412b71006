"""The official stripe-python SDK against `stripe-fc sandbox`: customers, sessions, linking, accounts,
refreshes, owners, transactions, ACH payments and events, through both the legacy module API
and StripeClient. Errors, idempotency, retries and v2 are in test_stripe_python_wire.py.

Every test creates its own customer, so tests do not depend on each other or on their order.
"""

import time

import pytest
import stripe

from conftest import linked_accounts, link_session, poll, unique_email

ALL_PERMISSIONS = ["balances", "ownership", "payment_method", "transactions"]
TEST_INSTITUTION_ACCOUNTS = {
    "Success Checking": "checking",
    "Insufficient Funds Checking": "checking",
}


# -- customers ------------------------------------------------------------------------------

def test_customer_create_retrieve_list_legacy(legacy):
    email = unique_email("legacy")
    created = legacy.Customer.create(email=email, name="Jenny Rosen", metadata={"order": "42"})
    assert created.id.startswith("cus_")
    assert created.object == "customer"
    assert created.email == email
    assert created.metadata["order"] == "42"

    fetched = legacy.Customer.retrieve(created.id)
    assert fetched.id == created.id
    assert fetched.name == "Jenny Rosen"

    listed = legacy.Customer.list(email=email)
    assert [c.id for c in listed.data] == [created.id]
    assert listed.has_more is False


def test_customer_auto_paging_over_more_than_ten_legacy(legacy):
    email = unique_email("paging")
    ids = [legacy.Customer.create(email=email, description=f"n{i}").id for i in range(12)]

    first_page = legacy.Customer.list(email=email)
    assert len(first_page.data) == 10, "default limit is 10"
    assert first_page.has_more is True

    paged = [c.id for c in legacy.Customer.list(email=email, limit=5).auto_paging_iter()]
    assert len(paged) == 12
    assert set(paged) == set(ids)
    assert paged == list(reversed(ids)), "lists are newest first"


def test_customer_create_retrieve_list_client(client):
    email = unique_email("client")
    ids = [client.v1.customers.create(params={"email": email, "name": f"C {i}"}).id for i in range(11)]

    fetched = client.v1.customers.retrieve(ids[0])
    assert fetched.email == email and fetched.name == "C 0"

    page = client.v1.customers.list(params={"email": email, "limit": 4})
    assert len(page.data) == 4 and page.has_more
    paged = [c.id for c in page.auto_paging_iter()]
    assert paged == list(reversed(ids))


# -- sessions and linking -------------------------------------------------------------------

def test_session_create_retrieve_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("session"))
    session = legacy.financial_connections.Session.create(
        account_holder={"type": "customer", "customer": customer.id},
        permissions=["balances", "payment_method"],
        prefetch=["balances"],
        filters={"countries": ["US"], "account_subcategories": ["checking", "savings"]},
    )
    assert session.id.startswith("fcsess_")
    assert session.object == "financial_connections.session"
    assert session.account_holder.type == "customer"
    assert session.account_holder.customer == customer.id
    assert session.permissions == ["balances", "payment_method"]
    assert session.prefetch == ["balances"]
    assert session.filters.countries == ["US"]
    assert session.filters.account_subcategories == ["checking", "savings"]
    assert session.client_secret
    assert session.accounts.object == "list" and session.accounts.data == []

    fetched = legacy.financial_connections.Session.retrieve(session.id)
    assert fetched.id == session.id
    assert fetched.permissions == session.permissions

    linked = link_session(client, session.id, subcategories=["checking"])
    assert linked.accounts.data, "linking Test Institution yields accounts"
    assert {a.subcategory for a in linked.accounts.data} == {"checking"}
    after = legacy.financial_connections.Session.retrieve(session.id)
    assert [a.id for a in after.accounts.data] == [a.id for a in linked.accounts.data]


def test_session_create_and_link_client(client):
    customer = client.v1.customers.create(params={"email": unique_email("link")})
    session = client.v1.financial_connections.sessions.create(params={
        "account_holder": {"type": "customer", "customer": customer.id},
        "permissions": ALL_PERMISSIONS,
        "prefetch": ["balances", "ownership"],
        "filters": {"country": "US"},
    })
    assert session.filters.country == "US"
    linked = link_session(client, session.id, institution="Test Institution")
    assert isinstance(linked, stripe.financial_connections.Session)
    by_name = {a.display_name: a for a in linked.accounts.data}
    for name in ["Success Checking", "Insufficient Funds Checking"]:
        assert name in by_name, f"Test Institution has {name!r}; got {sorted(by_name)}"
    assert {"checking", "savings", "credit_card"} <= {a.subcategory for a in linked.accounts.data}
    for account in linked.accounts.data:
        assert account.id.startswith("fca_")
        assert account.institution_name == "Test Institution"
        assert account.account_holder.customer == customer.id
        assert account.status == "active"
        assert account.permissions == ALL_PERMISSIONS
    retrieved = client.v1.financial_connections.sessions.retrieve(session.id)
    assert len(retrieved.accounts.data) == len(linked.accounts.data)


# -- accounts -------------------------------------------------------------------------------

def test_account_list_retrieve_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("accounts"))
    linked = linked_accounts(client, customer.id)

    listing = legacy.financial_connections.Account.list(account_holder={"customer": customer.id}, limit=1)
    assert len(listing.data) == 1 and listing.has_more
    paged = list(listing.auto_paging_iter())
    assert sorted(a.id for a in paged) == sorted(a.id for a in linked.values())
    assert len({a.id for a in paged}) == len(paged), "no account twice across pages"

    checking = linked["Success Checking"]
    fetched = legacy.financial_connections.Account.retrieve(checking.id)
    assert isinstance(fetched, stripe.financial_connections.Account)
    assert fetched.id == checking.id
    assert fetched.category == "cash" and fetched.subcategory == "checking"
    assert "us_bank_account" in fetched.supported_payment_method_types
    assert fetched.last4 and len(fetched.last4) == 4


def test_balance_refresh_polls_to_succeeded_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("balance"))
    checking = linked_accounts(client, customer.id)["Success Checking"]

    refreshed = legacy.financial_connections.Account.refresh_account(checking.id, features=["balance"])
    assert refreshed.balance_refresh.status == "pending"
    done = poll(lambda: legacy.financial_connections.Account.retrieve(checking.id),
                lambda a: a.balance_refresh.status != "pending")
    assert done.balance_refresh.status == "succeeded"
    assert done.balance_refresh.next_refresh_available_at is not None
    assert done.balance.type == "cash"
    assert isinstance(done.balance.current["usd"], int)


def test_balance_refresh_and_subscriptions_client(client):
    customer = client.v1.customers.create(params={"email": unique_email("subscribe")})
    checking = linked_accounts(client, customer.id)["Success Checking"]
    accounts = client.v1.financial_connections.accounts

    refreshed = accounts.refresh(checking.id, params={"features": ["balance"]})
    assert refreshed.balance_refresh.status == "pending"
    done = poll(lambda: accounts.retrieve(checking.id), lambda a: a.balance_refresh.status != "pending")
    assert done.balance_refresh.status == "succeeded"

    subscribed = accounts.subscribe(checking.id, params={"features": ["transactions"]})
    assert subscribed.subscriptions == ["transactions"]
    unsubscribed = accounts.unsubscribe(checking.id, params={"features": ["transactions"]})
    assert unsubscribed.subscriptions == []


def test_subscribe_unsubscribe_disconnect_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("disconnect"))
    savings = next(a for a in linked_accounts(client, customer.id).values() if a.subcategory == "savings")
    Account = legacy.financial_connections.Account

    assert Account.subscribe(savings.id, features=["transactions"]).subscriptions == ["transactions"]
    assert Account.unsubscribe(savings.id, features=["transactions"]).subscriptions == []

    disconnected = Account.disconnect(savings.id)
    assert disconnected.status == "disconnected"
    assert Account.retrieve(savings.id).status == "disconnected"
    with pytest.raises(stripe.InvalidRequestError):
        Account.refresh_account(savings.id, features=["balance"])


def test_owners_after_ownership_refresh_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("owners"))
    checking = linked_accounts(client, customer.id)["Success Checking"]
    Account = legacy.financial_connections.Account

    Account.refresh_account(checking.id, features=["ownership"])
    done = poll(lambda: Account.retrieve(checking.id), lambda a: a.ownership_refresh.status != "pending")
    assert done.ownership_refresh.status == "succeeded"
    ownership = done.ownership
    assert isinstance(ownership, str) and ownership.startswith("fcaowns_")

    owners = list(Account.list_owners(checking.id, ownership=ownership, limit=1).auto_paging_iter())
    assert owners, "an ownership refresh on Test Institution finds owners"
    for owner in owners:
        assert owner.id.startswith("fcaown_")
        assert owner.object == "financial_connections.account_owner"
        assert owner.ownership == ownership
        assert owner.name

    via_client = client.v1.financial_connections.accounts.owners.list(
        checking.id, params={"ownership": ownership})
    assert [o.id for o in via_client.data] == [o.id for o in owners][: len(via_client.data)]


def test_transactions_after_refresh_auto_paging_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("txns"))
    checking = linked_accounts(client, customer.id)["Success Checking"]
    Account = legacy.financial_connections.Account
    Transaction = legacy.financial_connections.Transaction

    Account.refresh_account(checking.id, features=["transactions"])
    done = poll(lambda: Account.retrieve(checking.id), lambda a: a.transaction_refresh.status != "pending")
    assert done.transaction_refresh.status == "succeeded"
    assert done.transaction_refresh.id.startswith("fctxnref_")

    everything = list(Transaction.list(account=checking.id, limit=100).auto_paging_iter())
    assert everything, "a transactions refresh on Success Checking finds transactions"
    stamps = sorted(t.transacted_at for t in everything)
    since = stamps[len(stamps) // 2]

    recent = list(Transaction.list(account=checking.id, transacted_at={"gte": since}, limit=3)
                  .auto_paging_iter())
    assert recent and all(t.transacted_at >= since for t in recent)
    assert len(recent) == sum(1 for s in stamps if s >= since)
    assert len({t.id for t in recent}) == len(recent)
    for t in recent:
        assert t.object == "financial_connections.transaction"
        assert t.account == checking.id
        assert t.status in ("pending", "posted", "void")
        assert isinstance(t.amount, int) and t.currency == "usd"

    one = Transaction.retrieve(recent[0].id)
    assert one.id == recent[0].id
    via_client = client.v1.financial_connections.transactions.list(
        params={"account": checking.id, "transacted_at": {"gte": since}, "limit": 100})
    assert sorted(t.id for t in via_client.data) == sorted(t.id for t in recent)


# -- ACH payments ---------------------------------------------------------------------------

def _mandate_data():
    return {"customer_acceptance": {"type": "online", "online": {
        "ip_address": "127.0.0.1", "user_agent": "stripe-python compat test"}}}


def _pay_legacy(legacy, customer_id, account_id):
    return legacy.PaymentIntent.create(
        amount=1234, currency="usd", customer=customer_id,
        payment_method_types=["us_bank_account"],
        payment_method_data={"type": "us_bank_account",
                             "us_bank_account": {"financial_connections_account": account_id},
                             "billing_details": {"name": "Jenny Rosen"}},
        mandate_data=_mandate_data(), confirm=True)


def _settled(fetch):
    return poll(fetch, lambda pi: pi.status != "processing")


def test_payment_succeeds_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("pay"))
    checking = linked_accounts(client, customer.id)["Success Checking"]
    intent = _pay_legacy(legacy, customer.id, checking.id)
    assert intent.id.startswith("pi_")
    assert intent.status == "processing"
    assert intent.payment_method_types == ["us_bank_account"]
    assert intent.amount == 1234 and intent.currency == "usd" and intent.customer == customer.id
    final = _settled(lambda: legacy.PaymentIntent.retrieve(intent.id))
    assert final.status == "succeeded"
    assert final.amount_received == 1234
    assert final.last_payment_error is None


def test_payment_insufficient_funds_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("nsf"))
    nsf = linked_accounts(client, customer.id)["Insufficient Funds Checking"]
    intent = _pay_legacy(legacy, customer.id, nsf.id)
    assert intent.status == "processing"
    final = _settled(lambda: legacy.PaymentIntent.retrieve(intent.id))
    assert final.status == "requires_payment_method"
    assert final.last_payment_error.code == "insufficient_funds"


def test_payment_succeeds_client(client):
    customer = client.v1.customers.create(params={"email": unique_email("payc")})
    checking = linked_accounts(client, customer.id)["Success Checking"]
    intent = client.v1.payment_intents.create(params={
        "amount": 500, "currency": "usd", "customer": customer.id,
        "allowed_payment_method_types": ["us_bank_account"],
        "payment_method_data": {"type": "us_bank_account",
                                "us_bank_account": {"financial_connections_account": checking.id},
                                "billing_details": {"name": "Jenny Rosen"}},
        "mandate_data": _mandate_data(), "confirm": True})
    assert intent.payment_method_types == ["us_bank_account"]
    final = _settled(lambda: client.v1.payment_intents.retrieve(intent.id))
    assert final.status == "succeeded"


# -- events ---------------------------------------------------------------------------------

def test_events_wildcard_type_legacy(legacy, client):
    since = int(time.time()) - 1
    customer = legacy.Customer.create(email=unique_email("events"))
    checking = linked_accounts(client, customer.id)["Success Checking"]
    legacy.financial_connections.Account.refresh_account(checking.id, features=["balance"])
    poll(lambda: legacy.financial_connections.Account.retrieve(checking.id),
         lambda a: a.balance_refresh.status != "pending")

    events = list(legacy.Event.list(type="financial_connections.account.*", created={"gte": since},
                                    limit=20).auto_paging_iter())
    assert events
    assert all(e.type.startswith("financial_connections.account.") for e in events)
    ours = {e.type for e in events if e.data.object.id == checking.id}
    assert "financial_connections.account.created" in ours
    assert "financial_connections.account.refreshed_balance" in ours
    for e in events:
        assert e.id.startswith("evt_") and e.object == "event"
        assert isinstance(e.data.object, stripe.financial_connections.Account)

    via_client = client.v1.events.list(params={"type": "financial_connections.account.refreshed_balance"})
    assert all(e.type == "financial_connections.account.refreshed_balance" for e in via_client.data)
    assert any(e.data.object.id == checking.id for e in via_client.auto_paging_iter())
