"""Baseline client for bench/transactions_stream.sh: the official stripe-python SDK
auto-paging every transaction of one account and writing JSON lines to stdout.

usage: python stripe_transactions.py BASE_URL ACCOUNT_ID
"""
import json
import sys

import stripe


def main() -> int:
    base, account = sys.argv[1], sys.argv[2]
    stripe.api_key = "sk_test_bench"
    stripe.api_base = base
    stripe.max_network_retries = 2
    out = sys.stdout
    count = 0
    pages = stripe.financial_connections.Transaction.list(account=account, limit=100)
    for txn in pages.auto_paging_iter():
        out.write(json.dumps(txn.to_dict(), separators=(",", ":")))
        out.write("\n")
        count += 1
    print(count, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
