"""Fixtures for driving `stripe-fc sandbox` with the official stripe-python SDK.

The sandbox URL comes from FC_SANDBOX_URL (set by run.sh). Without it, a sandbox is started
from .build/debug/stripe-fc for the session, so `pytest Tests/Compat` also works on its own once
`swift build` has run.
"""

import os
import subprocess
import threading
import time
import uuid

import pytest
import stripe

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEST_KEY = "sk_test_compat"
# stripe-fc pins this version; the legacy-module tests send it, the StripeClient tests send the
# SDK's own default (newer), so both request shapes are exercised.
FC_API_VERSION = "2026-07-29.dahlia"
POLL_TIMEOUT_S = 15.0


def _start_sandbox():
    binary = os.path.join(REPO_ROOT, ".build", "debug", "stripe-fc")
    if not os.access(binary, os.X_OK):
        pytest.exit("FC_SANDBOX_URL is unset and .build/debug/stripe-fc is missing: run `swift build` "
                    "or Tests/Compat/run.sh", returncode=2)
    proc = subprocess.Popen(
        [binary, "sandbox", "--port", "0", "--refresh-delay", "200", "--settle-delay", "400"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
    first_line = []
    reader = threading.Thread(target=lambda: first_line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(20)
    line = first_line[0].strip() if first_line else ""
    prefix = "listening on "
    if not line.startswith(prefix):
        proc.kill()
        pytest.exit(f"stripe-fc sandbox did not announce its address (got {line!r})", returncode=2)
    return proc, line[len(prefix):]


@pytest.fixture(scope="session")
def sandbox_url():
    url = os.environ.get("FC_SANDBOX_URL")
    if url:
        yield url.rstrip("/")
        return
    proc, url = _start_sandbox()
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(5)


@pytest.fixture
def legacy(sandbox_url):
    """The module-level (global configuration) API, pointed at the sandbox."""
    stripe.api_key = TEST_KEY
    stripe.api_base = sandbox_url
    stripe.api_version = FC_API_VERSION
    stripe.max_network_retries = 0
    return stripe


@pytest.fixture
def client(sandbox_url):
    """A StripeClient pointed at the sandbox, with the SDK's default API version."""
    return stripe.StripeClient(TEST_KEY, base_addresses={"api": sandbox_url}, max_network_retries=0)


def unique_email(tag):
    return f"{tag}-{uuid.uuid4().hex[:12]}@compat.example"


def link_session(client, session_id, institution=None, subcategories=None):
    """Completes linking through the sandbox-only test helper, via the SDK's raw request."""
    params = {}
    if institution is not None:
        params["institution"] = institution
    if subcategories is not None:
        params["subcategories"] = subcategories
    response = client.raw_request(
        "post", f"/v1/test_helpers/financial_connections/sessions/{session_id}/link", **params)
    return client.deserialize(response, api_mode="V1")


def linked_accounts(client, customer_id, permissions=None, prefetch=None, institution=None):
    """Creates a session for the customer, links it, and returns {display_name: account}."""
    params = {
        "account_holder": {"type": "customer", "customer": customer_id},
        "permissions": permissions or ["balances", "ownership", "payment_method", "transactions"],
    }
    if prefetch:
        params["prefetch"] = prefetch
    session = client.v1.financial_connections.sessions.create(params=params)
    linked = link_session(client, session.id, institution=institution)
    return {account.display_name: account for account in linked.accounts.data}


def poll(fetch, done, timeout=POLL_TIMEOUT_S, interval=0.1):
    """Calls fetch() until done(result) holds; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = fetch()
        if done(result):
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"condition not reached within {timeout}s; last value: {result}")
        time.sleep(interval)
