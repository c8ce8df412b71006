"""Baseline for bench/cli_startup.sh: start Python, import the official stripe-python SDK and
make one list call, as a one-shot script would. Reads FC_API_BASE and STRIPE_API_KEY.

usage: python stripe_list_one.py
"""
import os
import sys

import stripe


def main() -> int:
    stripe.api_key = os.environ["STRIPE_API_KEY"]
    stripe.api_base = os.environ["FC_API_BASE"]
    page = stripe.Customer.list(limit=1)
    for customer in page.data:
        sys.stdout.write(customer.id + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
