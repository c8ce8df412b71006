#!/usr/bin/env python3
"""The chaos and fuzz suite (issue 11, item 8). Run it through Tests/Chaos/run.

Cases: money-once, argv-fuzz, hostile-servers, secrets, terminal-escapes, kill-9. Each prints
its figures; any violation makes the suite exit 1. See Tests/Chaos/README.md."""

import argparse
import os
import signal
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402

CASES = ["money-once", "argv-fuzz", "hostile-servers", "secrets", "terminal-escapes", "kill-9"]


def load(name):
    module = {
        "money-once": "money_once", "argv-fuzz": "argv_fuzz", "hostile-servers": "hostile_servers",
        "secrets": "secrets_scan", "terminal-escapes": "terminal_escapes", "kill-9": "kill9",
    }[name]
    return __import__(module)


def main():
    parser = argparse.ArgumentParser(prog="Tests/Chaos/run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fc", default=".build/debug/stripe-fc", help="the stripe-fc binary (default: %(default)s)")
    parser.add_argument("--long", action="store_true", help="the 1,000-run forms (money-once, fuzz, kill -9)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("CHAOS_SEED", "20261128")),
                        help="seed for faults, fuzz cases and ordering (default: %(default)s or CHAOS_SEED)")
    parser.add_argument("--only", action="append", choices=CASES, help="run only this case (repeatable)")
    parser.add_argument("--jobs", type=int, default=4, help="processes at a time inside a case (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (sandbox data, logs)")
    args = parser.parse_args()

    fc = os.path.abspath(args.fc)
    if not os.access(fc, os.X_OK):
        print(f"chaos: {fc} is not an executable (Tests/Chaos/run builds it)", file=sys.stderr)
        return 2
    root = common.temp_root()

    def interrupted(signum, frame):
        common.stop_everything()
        if not args.keep:
            common.remove_tree(root)
        os._exit(128 + signum)

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)

    cases = args.only or CASES
    print(f"chaos: {'long' if args.long else 'short'} form, seed {args.seed}, {fc}, work in {root}", flush=True)
    reports = []
    total_started = time.monotonic()
    try:
        for name in cases:
            print(f"== {name}", flush=True)
            started = time.monotonic()
            try:
                report = load(name).main(fc, root, args.seed, args.long, args.jobs)
            except Exception:
                report = common.Report(name, name)
                report.violation("the case itself failed:\n" + traceback.format_exc())
            report.elapsed = time.monotonic() - started
            print_report(report)
            reports.append(report)
    finally:
        common.stop_everything()
        if args.keep:
            print(f"chaos: kept {root}")
        else:
            common.remove_tree(root)
    total = time.monotonic() - total_started

    print("\n== chaos summary")
    failed = 0
    for report in reports:
        status = "ok" if not report.violations else f"FAILED ({len(report.violations)} violation{'s' if len(report.violations) != 1 else ''})"
        print(f"  {report.name:<17} {status:<28} {report.elapsed:6.1f}s")
        failed += bool(report.violations)
    print(f"  total {total:.1f}s")
    if failed:
        print(f"chaos: {failed} of {len(reports)} case{'s' if len(reports) != 1 else ''} found violations", file=sys.stderr)
        return 1
    print("chaos passed")
    return 0


def print_report(report):
    print(f"-- {report.title}")
    width = max([len(label) for label, _ in report.figures] + [10])
    for label, value in report.figures:
        print(f"   {label:<{width}}  {value}")
    for what, why in report.skipped:
        print(f"   skipped: {what}: {why}")
    for note in report.notes:
        print(f"   note: {note}")
    shown = report.violations[:40]
    for v in shown:
        print(f"   VIOLATION: {v}")
    if len(report.violations) > len(shown):
        print(f"   … and {len(report.violations) - len(shown)} more violations")
    print(f"   {'ok' if not report.violations else 'FAILED'} in {report.elapsed:.1f}s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
