"""Connect payouts against `stripe-fc sandbox`, through the official SDK: a Custom account, a
bank-account token from the sandbox's hosted flow (what collectBankAccountToken gets from Stripe.js),
the token as the account's external account, and Stripe's error for a token used twice. The SDK
builds its typed objects (Account, Token, BankAccount) from the sandbox's answers."""

import urllib.parse
import urllib.request

import pytest
import stripe


def _hosted_token(sandbox_url, client_secret):
    """Completes the sandbox's hosted flow as a browser would (the client secret in the form body)."""
    fields = urllib.parse.urlencode([("client_secret", client_secret), ("flow", "bank_account_token"),
                                     ("institution", "Test Institution"), ("accounts[]", "0")]).encode()
    with urllib.request.urlopen(sandbox_url + "/link/complete", data=fields) as page:
        assert page.status == 200
        assert b"Bank account token" in page.read()


def test_custom_account_token_and_external_account_client(client, sandbox_url):
    account = client.v1.accounts.create(params={
        "type": "custom", "country": "US", "email": "payee@compat.example",
        "capabilities": {"transfers": {"requested": True}}})
    assert isinstance(account, stripe.Account)
    assert account.id.startswith("acct_")
    assert account.type == "custom"
    assert account.capabilities.transfers == "inactive"

    session = client.v1.financial_connections.sessions.create(params={
        "account_holder": {"type": "account", "account": account.id}, "permissions": ["payment_method"]})
    _hosted_token(sandbox_url, session.client_secret)
    session = client.v1.financial_connections.sessions.retrieve(session.id)
    token = session.bank_account_token
    assert isinstance(token, stripe.Token)
    assert token.type == "bank_account" and token.used is False
    assert isinstance(token.bank_account, stripe.BankAccount)
    assert token.bank_account.last4 == session.accounts.data[0].last4
    assert client.v1.tokens.retrieve(token.id).id == token.id

    bank = client.v1.accounts.external_accounts.create(account.id, params={"external_account": token.id})
    assert isinstance(bank, stripe.BankAccount)
    assert bank.account == account.id and bank.default_for_currency is True
    listed = client.v1.accounts.external_accounts.list(account.id)
    assert [b.id for b in listed.data] == [bank.id]
    assert client.v1.accounts.retrieve(account.id).external_accounts.data[0].id == bank.id

    with pytest.raises(stripe.InvalidRequestError) as used:
        client.v1.accounts.external_accounts.create(account.id, params={"external_account": token.id})
    assert used.value.code == "token_already_used"
    with pytest.raises(stripe.InvalidRequestError) as unknown:
        client.v1.accounts.external_accounts.create(account.id, params={"external_account": "btok_nope"})
    assert unknown.value.code == "resource_missing" and unknown.value.param == "external_account"


def test_external_account_legacy(legacy, client, sandbox_url):
    account = legacy.Account.create(type="custom", country="US")
    session = legacy.financial_connections.Session.create(
        account_holder={"type": "account", "account": account.id}, permissions=["payment_method"])
    _hosted_token(sandbox_url, session.client_secret)
    token = legacy.financial_connections.Session.retrieve(session.id).bank_account_token
    bank = legacy.Account.create_external_account(account.id, external_account=token.id)
    assert bank.object == "bank_account" and bank.last4 == "6789"
    assert legacy.Token.retrieve(token.id).used is True
