"""Saving a linked account for later debits, as stripe-python drives it: SetupIntents (create,
confirm, retrieve, list, cancel), Mandates, PaymentMethods (list, retrieve, attach, detach),
off-session PaymentIntents with the saved method, `expand=["latest_charge"]`, and the
Stripe-Version check. Each test makes its own customer.
"""

import pytest
import stripe

from conftest import linked_accounts, poll, unique_email

OFFLINE = {"customer_acceptance": {"type": "offline"}}
ONLINE = {"customer_acceptance": {"type": "online", "online": {
    "ip_address": "203.0.113.7", "user_agent": "stripe-python compat test"}}}


def _bank_pm(account_id):
    return {"type": "us_bank_account", "us_bank_account": {"financial_connections_account": account_id},
            "billing_details": {"name": "Jenny Rosen"}}


def _done(fetch):
    return poll(fetch, lambda intent: intent.status != "processing")


def test_setup_then_two_off_session_payments_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("setup"), name="Jenny Rosen")
    checking = linked_accounts(client, customer.id)["Success Checking"]
    setup = legacy.SetupIntent.create(customer=customer.id, payment_method_types=["us_bank_account"],
                                      payment_method_data=_bank_pm(checking.id), mandate_data=ONLINE,
                                      usage="off_session", confirm=True)
    assert isinstance(setup, stripe.SetupIntent)
    assert setup.id.startswith("seti_")
    assert setup.status == "processing"
    assert setup.usage == "off_session"
    assert setup.latest_attempt.startswith("setatt_")
    final = _done(lambda: legacy.SetupIntent.retrieve(setup.id))
    assert final.status == "succeeded"

    mandate = legacy.Mandate.retrieve(final.mandate)
    assert isinstance(mandate, stripe.Mandate)
    assert mandate.status == "active"
    assert mandate.type == "multi_use"
    assert mandate.payment_method == final.payment_method
    assert mandate.customer_acceptance.type == "online"
    assert mandate.customer_acceptance.online.ip_address == "203.0.113.7"
    assert mandate.payment_method_details.type == "us_bank_account"

    methods = legacy.PaymentMethod.list(customer=customer.id, type="us_bank_account")
    assert [m.id for m in methods.data] == [final.payment_method]
    method = methods.data[0]
    assert isinstance(method, stripe.PaymentMethod)
    assert method.us_bank_account.financial_connections_account == checking.id
    assert method.us_bank_account.last4 == checking.last4
    assert method.customer == customer.id

    intents = []
    for amount in (1500, 2500):
        intent = legacy.PaymentIntent.create(amount=amount, currency="usd", customer=customer.id,
                                             payment_method=final.payment_method, payment_method_types=["us_bank_account"],
                                             off_session=True, confirm=True)
        assert intent.status == "processing"
        intents.append(intent.id)
    for intent_id in intents:
        settled = _done(lambda: legacy.PaymentIntent.retrieve(intent_id, expand=["latest_charge"]))
        assert settled.status == "succeeded"
        assert isinstance(settled.latest_charge, stripe.Charge)
        assert settled.latest_charge.status == "succeeded"
        assert settled.latest_charge.payment_method_details.us_bank_account.mandate == final.mandate
    assert len(legacy.PaymentMethod.list(customer=customer.id).data) == 1


def test_setup_confirm_later_list_and_cancel_client(client):
    customer = client.v1.customers.create(params={"email": unique_email("setupc"), "name": "Jenny Rosen"})
    checking = linked_accounts(client, customer.id)["Success Checking"]
    later = client.v1.setup_intents.create(params={
        "customer": customer.id, "allowed_payment_method_types": ["us_bank_account"],
        "payment_method_data": _bank_pm(checking.id)})
    assert later.status == "requires_confirmation"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.confirm(later.id)
    assert caught.value.code == "parameter_missing"
    assert caught.value.param == "mandate_data"
    confirmed = client.v1.setup_intents.confirm(later.id, params={"mandate_data": OFFLINE})
    assert confirmed.status == "processing"
    assert client.v1.mandates.retrieve(confirmed.mandate).status == "pending"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.cancel(later.id)
    assert caught.value.code == "setup_intent_unexpected_state"
    assert _done(lambda: client.v1.setup_intents.retrieve(later.id)).status == "succeeded"

    spare = client.v1.setup_intents.create(params={"customer": customer.id})
    assert spare.status == "requires_payment_method"
    canceled = client.v1.setup_intents.cancel(spare.id, params={"cancellation_reason": "abandoned"})
    assert canceled.status == "canceled" and canceled.cancellation_reason == "abandoned"

    listed = client.v1.setup_intents.list(params={"customer": customer.id})
    assert [s.id for s in listed.data] == [spare.id, later.id]
    expanded = client.v1.setup_intents.retrieve(later.id, params={"expand": ["mandate", "latest_attempt"]})
    assert isinstance(expanded.mandate, stripe.Mandate) and expanded.mandate.status == "active"
    assert isinstance(expanded.latest_attempt, stripe.SetupAttempt) and expanded.latest_attempt.status == "succeeded"


def test_insufficient_funds_account_saves_then_the_debit_fails_client(client):
    customer = client.v1.customers.create(params={"email": unique_email("setupnsf")})
    nsf = linked_accounts(client, customer.id)["Insufficient Funds Checking"]
    setup = client.v1.setup_intents.create(params={
        "customer": customer.id, "payment_method_data": _bank_pm(nsf.id), "mandate_data": OFFLINE, "confirm": True})
    saved = _done(lambda: client.v1.setup_intents.retrieve(setup.id))
    assert saved.status == "succeeded"
    intent = client.v1.payment_intents.create(params={
        "amount": 700, "currency": "usd", "customer": customer.id, "payment_method": saved.payment_method,
        "mandate": saved.mandate, "off_session": True, "confirm": True})
    failed = _done(lambda: client.v1.payment_intents.retrieve(intent.id, params={"expand": ["latest_charge"]}))
    assert failed.status == "requires_payment_method"
    assert failed.last_payment_error.code == "insufficient_funds"
    assert failed.latest_charge.failure_code == "insufficient_funds"
    assert client.v1.mandates.retrieve(saved.mandate).status == "active"


def test_payment_methods_attach_detach_and_refusals_client(client):
    customer = client.v1.customers.create(params={"email": unique_email("pmdetach")})
    stranger = client.v1.customers.create(params={"email": unique_email("pmstranger")})
    checking = linked_accounts(client, customer.id)["Success Checking"]
    setup = client.v1.setup_intents.create(params={
        "customer": customer.id, "payment_method_data": _bank_pm(checking.id), "mandate_data": OFFLINE, "confirm": True})
    saved = _done(lambda: client.v1.setup_intents.retrieve(setup.id))
    pm = saved.payment_method

    nested = client.v1.customers.payment_methods.list(customer.id)
    assert [m.id for m in nested.data] == [pm]
    assert client.v1.payment_methods.retrieve(pm).customer == customer.id
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_methods.attach(pm, params={"customer": stranger.id})
    assert "already been attached" in caught.value.user_message
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(params={
            "amount": 500, "currency": "usd", "customer": stranger.id, "payment_method": pm,
            "off_session": True, "confirm": True})
    assert caught.value.param == "payment_method"

    detached = client.v1.payment_methods.detach(pm)
    assert detached.customer is None
    assert client.v1.mandates.retrieve(saved.mandate).status == "inactive"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(params={
            "amount": 500, "currency": "usd", "customer": customer.id, "payment_method": pm,
            "off_session": True, "confirm": True})
    assert caught.value.param == "payment_method"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.mandates.retrieve("mandate_doesnotexist")
    assert caught.value.code == "resource_missing"


def test_payment_with_setup_future_usage_saves_legacy(legacy, client):
    customer = legacy.Customer.create(email=unique_email("sfu"))
    checking = linked_accounts(client, customer.id)["Success Checking"]
    intent = legacy.PaymentIntent.create(amount=900, currency="usd", customer=customer.id,
                                         payment_method_types=["us_bank_account"], payment_method_data=_bank_pm(checking.id),
                                         mandate_data=OFFLINE, setup_future_usage="off_session", confirm=True,
                                         expand=["latest_charge"])
    assert intent.setup_future_usage == "off_session"
    assert intent.latest_charge.status == "pending"
    mandate = legacy.Mandate.retrieve(intent.latest_charge.payment_method_details.us_bank_account.mandate)
    assert mandate.type == "multi_use" and mandate.status == "active"
    assert [m.id for m in legacy.PaymentMethod.list(customer=customer.id).data] == [intent.payment_method]


def test_unknown_api_version_is_rejected(sandbox_url):
    bogus = stripe.StripeClient("sk_test_compat", base_addresses={"api": sandbox_url}, max_network_retries=0,
                                stripe_version="2099-99-99.bogus")
    with pytest.raises(stripe.InvalidRequestError) as caught:
        bogus.v1.customers.list()
    assert caught.value.http_status == 400
    assert caught.value.user_message == "Invalid Stripe API version: 2099-99-99.bogus"
    sdk_default = stripe.StripeClient("sk_test_compat", base_addresses={"api": sandbox_url}, max_network_retries=0)
    assert sdk_default.v1.customers.list(params={"limit": 1}).object == "list"
