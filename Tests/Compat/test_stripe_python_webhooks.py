"""Webhooks as a receiver meets them: a sandbox started with `--webhook URL` delivers every event
of a full flow (customer → session → link → refresh → pay → deactivation), and `stripe-fc events forward --once`
delivers them again, each verified with the official SDK's `stripe.Webhook.construct_event`.
The receiver fails its first attempts; it acknowledges an event id it has seen with a 200 and
handles it once (deduplication by event id, as Stripe asks of every receiver).
"""

import http.server
import json
import os
import subprocess
import threading

import pytest
import stripe

from conftest import REPO_ROOT, TEST_KEY, link_session, poll, unique_email

BINARY = os.path.join(REPO_ROOT, ".build", "debug", "stripe-fc")
MANDATE = {"customer_acceptance": {"type": "online", "online": {
    "ip_address": "127.0.0.1", "user_agent": "stripe-python webhook test"}}}


class Receiver:
    """A loopback webhook handler. `fail_first` attempts at each event (or only at the first
    event, with `only_first_event`) are answered 500; every attempt is verified first."""

    def __init__(self, fail_first=0, only_first_event=False):
        self.secret = None
        self.fail_first = fail_first
        self.only_first_event = only_first_event
        self.attempts = []      # (event id, Stripe-Signature, verified)
        self.handled = []       # event ids, each once, in arrival order
        self.headers = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                signature = self.headers.get("Stripe-Signature", "")
                try:
                    event = stripe.Webhook.construct_event(body, signature, receiver.secret)
                    verified = True
                except (ValueError, stripe.SignatureVerificationError):
                    event, verified = json.loads(body), False
                with receiver.lock:
                    receiver.headers.append(dict(self.headers))
                    tries = sum(1 for a in receiver.attempts if a[0] == event["id"])
                    receiver.attempts.append((event["id"], signature, verified))
                    first_event = not receiver.attempts[:-1] or receiver.attempts[0][0] == event["id"]
                    failing = tries < receiver.fail_first and (first_event or not receiver.only_first_event)
                    if verified and not failing and event["id"] not in receiver.handled:
                        receiver.handled.append(event["id"])
                status = 400 if not verified else 500 if failing else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def receiver():
    r = Receiver(fail_first=2)
    yield r
    r.close()


@pytest.fixture(scope="module")
def webhook_sandbox(receiver):
    """A sandbox of its own that knows only this module's flow, delivering to `receiver`."""
    proc = subprocess.Popen(
        [BINARY, "sandbox", "--port", "0", "--refresh-delay", "100", "--settle-delay", "200",
         "--webhook", receiver.url, "--webhook-retry-base", "50"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend([proc.stdout.readline(), proc.stdout.readline()]), daemon=True)
    reader.start()
    reader.join(20)
    if len(lines) < 2 or not lines[0].startswith("listening on ") or not lines[1].startswith("webhook secret whsec_"):
        proc.kill()
        pytest.fail(f"stripe-fc sandbox --webhook did not announce address and secret: {lines!r}")
    receiver.secret = lines[1].strip()[len("webhook secret "):]
    url = lines[0].strip()[len("listening on "):]
    client = stripe.StripeClient(TEST_KEY, base_addresses={"api": url}, max_network_retries=0)
    try:
        yield url, client
    finally:
        proc.terminate()
        proc.wait(5)


@pytest.fixture(scope="module")
def flow(webhook_sandbox):
    """customer → session → link → refresh → pay → deactivation, to the end; returns every event id, oldest first."""
    url, client = webhook_sandbox
    customer = client.v1.customers.create(params={"email": unique_email("webhooks"), "name": "Jenny Rosen"})
    session = client.v1.financial_connections.sessions.create(params={
        "account_holder": {"type": "customer", "customer": customer.id},
        "permissions": ["balances", "payment_method"]})
    linked = link_session(client, session.id)
    checking = next(a for a in linked.accounts.data if a.display_name == "Success Checking")
    client.v1.financial_connections.accounts.refresh(checking.id, params={"features": ["balance"]})
    poll(lambda: client.v1.financial_connections.accounts.retrieve(checking.id),
         lambda a: a.balance_refresh.status == "succeeded")
    intent = client.v1.payment_intents.create(params={
        "amount": 1234, "currency": "usd", "customer": customer.id, "payment_method_types": ["us_bank_account"],
        "payment_method_data": {"type": "us_bank_account", "billing_details": {"name": "Jenny Rosen"},
                                "us_bank_account": {"financial_connections_account": checking.id}},
        "mandate_data": MANDATE, "confirm": True})
    poll(lambda: client.v1.payment_intents.retrieve(intent.id), lambda pi: pi.status == "succeeded")
    # The institution cuts access: `stripe-fc sandbox trigger` deactivates the account.
    env = dict(os.environ, STRIPE_API_KEY=TEST_KEY, FC_API_BASE=url)
    trigger = subprocess.run([BINARY, "sandbox", "trigger", "financial_connections.account.deactivated", "--account", checking.id],
                             env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert trigger.returncode == 0, trigger.stderr
    assert client.v1.financial_connections.accounts.retrieve(checking.id).status == "inactive"
    events = list(client.v1.events.list(params={"limit": 100}).auto_paging_iter())
    return url, client, [e.id for e in reversed(events)], {e.id: e.type for e in events}


def test_sandbox_delivers_every_event_once_in_order_despite_failures(receiver, flow):
    _, client, ids, types = flow
    expected = {"customer.created", "financial_connections.account.created",
                "financial_connections.account.refreshed_balance", "payment_intent.created",
                "payment_intent.processing", "payment_intent.succeeded", "financial_connections.account.deactivated"}
    assert expected <= set(types.values()), types
    poll(lambda: list(receiver.handled), lambda handled: len(handled) >= len(ids))
    assert receiver.handled == ids, "every event, in order of creation, handled once"
    assert all(verified for _, _, verified in receiver.attempts), "construct_event accepted every delivery"
    for event_id in ids:
        tries = [a for a in receiver.attempts if a[0] == event_id]
        assert len(tries) == 3, f"{event_id}: two failures, then delivered ({len(tries)} attempts)"
    headers = receiver.headers[0]
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["User-Agent"].startswith("Stripe/1.0 (+https://stripe.com/docs/webhooks)")
    # Acknowledged: nothing left pending.
    poll(lambda: client.v1.events.retrieve(ids[-1]), lambda e: e.pending_webhooks == 0)
    assert list(client.v1.events.list(params={"delivery_success": False}).data) == []


def test_webhook_endpoint_api_with_the_sdk(flow):
    _, client, _, _ = flow
    endpoints = list(client.v1.webhook_endpoints.list().data)
    assert len(endpoints) == 1 and endpoints[0].enabled_events == ["*"]
    assert "secret" not in endpoints[0]
    created = client.v1.webhook_endpoints.create(params={
        "url": "https://example.test/hooks", "enabled_events": ["financial_connections.account.*"],
        "metadata": {"team": "fc"}})
    assert isinstance(created, stripe.WebhookEndpoint)
    assert created.secret.startswith("whsec_")
    updated = client.v1.webhook_endpoints.update(created.id, params={"disabled": True})
    assert updated.status == "disabled"
    deleted = client.v1.webhook_endpoints.delete(created.id)
    assert deleted.deleted is True
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.webhook_endpoints.create(params={"url": "https://example.test/x", "enabled_events": ["financial_connections.account.nope"]})
    assert caught.value.param == "enabled_events[0]"


def test_events_forward_once_delivers_the_whole_flow(flow):
    url, _, ids, _ = flow
    second = Receiver(fail_first=1, only_first_event=True)
    second.secret = "whsec_ForwardTestSecret0123456789abcd"
    try:
        env = dict(os.environ, STRIPE_API_KEY=TEST_KEY, FC_API_BASE=url)
        run = subprocess.run([BINARY, "events", "forward", "--to", second.url, "--once", "--secret", second.secret],
                             env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert run.returncode == 0, run.stderr
        assert second.handled == ids, "every event of the flow, oldest first, once"
        assert all(verified for _, _, verified in second.attempts)
        assert [a[0] for a in second.attempts].count(ids[0]) == 2, "the first event was retried after its 500"
        results = [json.loads(line) for line in run.stdout.splitlines()]
        assert [r["id"] for r in results] == ids
        assert all(r["delivered"] and r["status"] == 200 for r in results)
        assert second.secret not in run.stderr
    finally:
        second.close()
