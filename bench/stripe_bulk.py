"""Baseline client for bench/bulk.sh: the official stripe-python SDK doing what
`stripe-fc balances --customer C --refresh --wait` does, one account at a time: list the
customer's active accounts that have the balances permission, POST a balance refresh for each
(features[]=balance), then poll each in turn until its balance_refresh.status is no longer
pending (0.5 s backoff doubling to 5 s, as stripe-fc's --wait), and write the accounts as JSON
lines to stdout. Prints "SUCCEEDED TOTAL" on stderr.

usage: python stripe_bulk.py BASE_URL CUSTOMER_ID
"""
import json
import sys
import time

import stripe


def main() -> int:
    base, customer = sys.argv[1], sys.argv[2]
    stripe.api_key = "sk_test_bench"
    stripe.api_base = base
    stripe.max_network_retries = 2
    Account = stripe.financial_connections.Account

    accounts = [
        a for a in Account.list(account_holder={"customer": customer}, limit=100).auto_paging_iter()
        if a.status == "active" and "balances" in (a.permissions or [])
    ]
    for a in accounts:
        Account.refresh_account(a.id, features=["balance"])

    out = sys.stdout
    succeeded = 0
    deadline = time.monotonic() + 120
    for a in accounts:
        delay = 0.5
        while True:
            fresh = Account.retrieve(a.id)
            status = fresh.balance_refresh.status if fresh.balance_refresh else None
            if status != "pending" or time.monotonic() > deadline:
                break
            time.sleep(delay)
            delay = min(delay * 2, 5)
        succeeded += status == "succeeded"
        out.write(json.dumps(fresh.to_dict(), separators=(",", ":")))
        out.write("\n")
    print(succeeded, len(accounts), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
