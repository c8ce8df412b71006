"""The SDK's wire-level expectations of `stripe-fc sandbox`: error bodies mapped to the SDK's error
classes, authentication, idempotent replay, the SDK's own retries (driven by the sandbox's
`Sandbox-Fault` header) and the v2 JSON API.
"""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import stripe

from conftest import TEST_KEY, unique_email


class RecordingHTTPClient(stripe.RequestsClient):
    """The SDK's default HTTP client, recording every attempt the SDK makes (retries included).

    `fault_first` adds `Sandbox-Fault: <value>` to the first attempt only, so the request can
    succeed when the SDK retries it.
    """

    def __init__(self, fault_first=None, timeout=80):
        super().__init__(timeout=timeout)
        self.attempts = []
        self.fault_first = fault_first

    def request(self, method, url, headers, post_data=None):
        headers = dict(headers)
        if self.fault_first is not None and not self.attempts:
            headers["Sandbox-Fault"] = self.fault_first
        self.attempts.append((method, url, headers))
        return super().request(method, url, headers, post_data)


def _require_v2(client):
    if not hasattr(getattr(client, "v2", None), "core"):
        pytest.skip(f"stripe-python {stripe.VERSION} has no client.v2.core")


def _client(sandbox_url, key=TEST_KEY, **kwargs):
    return stripe.StripeClient(key, base_addresses={"api": sandbox_url}, **kwargs)


# -- errors ---------------------------------------------------------------------------------

def test_unknown_parameter_legacy(legacy):
    with pytest.raises(stripe.InvalidRequestError) as caught:
        legacy.Customer.create(email=unique_email("unknown"), favourite_colour="teal")
    err = caught.value
    assert err.http_status == 400
    assert err.code == "parameter_unknown"
    assert err.param == "favourite_colour"
    assert err.request_id and err.request_id.startswith("req_")
    assert err.error.type == "invalid_request_error"
    assert err.json_body["error"]["param"] == "favourite_colour"


def test_unknown_nested_parameter_client(client):
    customer = client.v1.customers.create(params={"email": unique_email("nested")})
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.financial_connections.sessions.create(params={
            "account_holder": {"type": "customer", "customer": customer.id, "colour": "teal"},
            "permissions": ["balances"]})
    assert caught.value.code == "parameter_unknown"
    assert caught.value.param == "account_holder[colour]"


def test_missing_required_parameter_client(client):
    customer = client.v1.customers.create(params={"email": unique_email("missing")})
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.financial_connections.sessions.create(params={
            "account_holder": {"type": "customer", "customer": customer.id}})
    assert caught.value.http_status == 400
    assert caught.value.code == "parameter_missing"
    assert caught.value.param == "permissions"


def test_missing_customer_is_resource_missing_legacy(legacy):
    with pytest.raises(stripe.InvalidRequestError) as caught:
        legacy.Customer.retrieve("cus_doesnotexist000")
    err = caught.value
    assert err.http_status == 404
    assert err.code == "resource_missing"
    assert err.param == "id"
    assert "cus_doesnotexist000" in err.user_message


def test_missing_fc_account_is_resource_missing_client(client):
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.financial_connections.accounts.retrieve("fca_doesnotexist000")
    assert caught.value.http_status == 404
    assert caught.value.code == "resource_missing"


@pytest.mark.parametrize("key", ["sk_live_x", "bogus"])
def test_bad_key_is_authentication_error(sandbox_url, legacy, key):
    with pytest.raises(stripe.AuthenticationError) as caught:
        _client(sandbox_url, key=key).v1.customers.list()
    assert caught.value.http_status == 401
    with pytest.raises(stripe.AuthenticationError):
        legacy.Customer.list(api_key=key)


# -- idempotency ----------------------------------------------------------------------------

def test_idempotent_replay_legacy(legacy):
    key = f"compat-{uuid.uuid4()}"
    email = unique_email("idem")
    first = legacy.Customer.create(email=email, name="Once", idempotency_key=key)
    second = legacy.Customer.create(email=email, name="Once", idempotency_key=key)
    assert second.id == first.id
    assert second.last_response.headers.get("Idempotent-Replayed") == "true"
    assert first.last_response.headers.get("Idempotent-Replayed") in (None, "false")
    assert [c.id for c in legacy.Customer.list(email=email).data] == [first.id]

    with pytest.raises(stripe.IdempotencyError) as caught:
        legacy.Customer.create(email=email, name="Twice", idempotency_key=key)
    assert caught.value.http_status == 400
    assert caught.value.error.type == "idempotency_error"


def test_idempotent_replay_client(client):
    key = f"compat-{uuid.uuid4()}"
    params = {"email": unique_email("idemc")}
    first = client.v1.customers.create(params=params, options={"idempotency_key": key})
    second = client.v1.customers.create(params=params, options={"idempotency_key": key})
    assert second.id == first.id
    with pytest.raises(stripe.IdempotencyError):
        client.v1.customers.create(params={"email": unique_email("other")}, options={"idempotency_key": key})


# -- the SDK's retries ----------------------------------------------------------------------

def test_fault_header_503_is_retried_then_raised(sandbox_url):
    recorder = RecordingHTTPClient()
    client = _client(sandbox_url, max_network_retries=2, http_client=recorder)
    with pytest.raises(stripe.APIError) as caught:
        client.v1.customers.create(params={"email": unique_email("fault")},
                                   options={"headers": {"Sandbox-Fault": "503"}})
    assert caught.value.http_status == 503
    assert len(recorder.attempts) == 3, "one attempt plus max_network_retries=2"
    keys = {headers["Idempotency-Key"] for _, _, headers in recorder.attempts}
    assert len(keys) == 1, "the SDK reuses its generated idempotency key on every retry"


def test_fault_header_503_is_retried_legacy(legacy, monkeypatch):
    recorder = RecordingHTTPClient()
    monkeypatch.setattr(stripe, "default_http_client", recorder)
    monkeypatch.setattr(stripe, "max_network_retries", 2)
    with pytest.raises(stripe.APIError) as caught:
        legacy.Customer.list(limit=1, headers={"Sandbox-Fault": "503"})
    assert caught.value.http_status == 503
    assert len(recorder.attempts) == 3
    assert all(h.get("Sandbox-Fault") == "503" for _, _, h in recorder.attempts)


def test_503_on_first_attempt_recovers_with_one_object(sandbox_url):
    recorder = RecordingHTTPClient(fault_first="503")
    client = _client(sandbox_url, max_network_retries=2, http_client=recorder)
    email = unique_email("recover")
    customer = client.v1.customers.create(params={"email": email})
    assert len(recorder.attempts) == 2
    assert [c.id for c in client.v1.customers.list(params={"email": email}).data] == [customer.id]


def test_dropped_connection_is_retried(sandbox_url):
    recorder = RecordingHTTPClient(fault_first="drop")
    client = _client(sandbox_url, max_network_retries=1, http_client=recorder)
    assert client.v1.customers.list(params={"limit": 1}).object == "list"
    assert len(recorder.attempts) == 2


def test_429_fault_is_rate_limit_error_without_retries(sandbox_url):
    recorder = RecordingHTTPClient()
    client = _client(sandbox_url, max_network_retries=0, http_client=recorder)
    with pytest.raises(stripe.RateLimitError) as caught:
        client.v1.customers.list(options={"headers": {"Sandbox-Fault": "429"}})
    assert caught.value.http_status == 429
    assert len(recorder.attempts) == 1


def test_timed_out_post_is_retried_with_its_key_and_creates_one_object(sandbox_url):
    # The first attempt is held by the sandbox past the SDK's timeout but still completes
    # server-side; the SDK's retries reuse the idempotency key, so exactly one customer exists.
    recorder = RecordingHTTPClient(fault_first="delay=800", timeout=0.3)
    client = _client(sandbox_url, max_network_retries=3, http_client=recorder)
    email = unique_email("timeout")
    customer = client.v1.customers.create(params={"email": email})
    assert len(recorder.attempts) >= 2
    assert len({headers["Idempotency-Key"] for _, _, headers in recorder.attempts}) == 1
    listed = _client(sandbox_url).v1.customers.list(params={"email": email})
    assert [c.id for c in listed.data] == [customer.id]


def test_concurrent_clients_and_auto_paging_past_one_hundred(sandbox_url):
    client = _client(sandbox_url)
    email = unique_email("concurrent")

    def create_batch(n):
        return [client.v1.customers.create(params={"email": email, "description": f"{n}-{i}"}).id
                for i in range(15)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        created = [cid for batch in pool.map(create_batch, range(8)) for cid in batch]
    assert len(set(created)) == 120
    page = client.v1.customers.list(params={"email": email, "limit": 100})
    assert len(page.data) == 100 and page.has_more
    assert sorted(c.id for c in page.auto_paging_iter()) == sorted(created)


# -- v2 -------------------------------------------------------------------------------------

def test_v2_core_account_create_retrieve_and_link(client):
    _require_v2(client)
    email = unique_email("v2")
    account = client.v2.core.accounts.create(params={
        "contact_email": email, "display_name": "Compat Co", "dashboard": "none",
        "identity": {"country": "us", "entity_type": "company"},
        "configuration": {"customer": {}},
        "include": ["configuration.customer", "identity"],
    })
    assert account.id.startswith("acct_")
    assert account.object == "v2.core.account"
    assert account.contact_email == email
    assert account.configuration.customer is not None

    fetched = client.v2.core.accounts.retrieve(account.id)
    assert fetched.id == account.id and fetched.display_name == "Compat Co"

    session = client.v1.financial_connections.sessions.create(params={
        "account_holder": {"type": "customer", "customer_account": account.id},
        "permissions": ["balances"]})
    assert session.account_holder.customer_account == account.id


def test_v2_unknown_parameter_is_invalid_request(client):
    _require_v2(client)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v2.core.accounts.create(params={"display_name": "X", "favourite_colour": "teal"})
    assert caught.value.http_status == 400


def test_v2_idempotent_replay(client):
    _require_v2(client)
    key = f"compat-v2-{uuid.uuid4()}"
    params = {"display_name": "Replay Co", "contact_email": unique_email("v2idem")}
    first = client.v2.core.accounts.create(params=params, options={"idempotency_key": key})
    second = client.v2.core.accounts.create(params=params, options={"idempotency_key": key})
    assert second.id == first.id
    with pytest.raises(stripe.IdempotencyError):
        client.v2.core.accounts.create(params={"display_name": "Other Co"}, options={"idempotency_key": key})
