"""Case 1, money-once: writes under injected faults, rerun the way an operator would, are done
exactly once.

1. A fault-free sandbox with --data FILE: a payer customer, a session with payment_method
   permission linked to 'Test Institution' (its 'Success Checking' account pays), and enough
   linked accounts for one `accounts refresh` per logical refresh.
2. The same file, restarted with --fail-rate and --drop-after-rate (seeded): N logical `pay`,
   `customers create`, `sessions create` and `accounts refresh` operations, each with its own
   marker (--description, --return-url, account) and its own XDG_STATE_HOME/HOME. A run that
   fails is rerun with the very same argv and environment, up to RERUNS times, until it exits 0.
3. The same file, restarted without faults (and --refresh-delay 0 so pending refreshes end):
   objects are counted from the sandbox's own state — customers from `customers list --all`,
   PaymentIntents and refreshes from `events list --all`, sessions (which have no list endpoint)
   from the data file's journal of state-changing requests — and matched to the logical
   operations: one object per operation that ended with exit 0, at most one per operation that
   never did, and the object a successful run printed is that one object."""

import collections
import concurrent.futures
import json
import os
import re
import time

from common import EXPECTED_EXITS, Isolated, Report, Sandbox, journal_entries, parse_json_lines, rng_for, run

KEY = "sk_test_chaosMoneyOnce0123456789"
RERUNS = 10
# The same in every phase: a replay with other delays would not rebuild the same state. A refresh
# stays pending throughout (the sandbox, like Stripe, leaves a pending refresh alone) and no
# payment settles, so the state counted is the state the runs left.
TIMING = ["--refresh-delay", "600000", "--settle-delay", "600000"]
RUN_TIMEOUT = 120
UNKNOWN = "the outcome is unknown"
REUSED = re.compile(r"reusing its idempotency key (\S+),")
KEY_LINE = re.compile(r"idempotency key: (\S+)")
RERUN_KEY = re.compile(r"--idempotency-key (\S+?)\)")


def fc_ok(fc, env, args, what):
    r = run([fc, *args], env, 60)
    if r.rc != 0:
        raise RuntimeError(f"money-once setup: {what} failed: {r.describe()}")
    return r.text_out


def setup(fc, sandbox, iso, refresh_accounts_needed):
    env = iso.env(FC_API_BASE=sandbox.url, STRIPE_API_KEY=KEY)
    customer = fc_ok(fc, env, ["customers", "create", "--name", "Chaos Payer", "--email", "payer@example.com", "-q"],
                     "customers create").strip()
    session = fc_ok(fc, env, ["sessions", "create", "--customer", customer, "--permission", "payment_method,balances", "-q"],
                    "sessions create").strip()
    fc_ok(fc, env, ["sandbox", "link", session, "--institution", "Test Institution", "-q"], "sandbox link")
    rows = fc_ok(fc, env, ["accounts", "list", "--session", session, "--format", "tsv", "--fields", "id,display_name"],
                 "accounts list")
    pay_account = next((line.split("\t")[0] for line in rows.splitlines() if line.endswith("\tSuccess Checking")), None)
    if not pay_account:
        raise RuntimeError(f"money-once setup: no 'Success Checking' account in {rows!r}")
    accounts = []
    while len(accounts) < refresh_accounts_needed:
        s = fc_ok(fc, env, ["sessions", "create", "--customer", customer, "--permission", "balances", "-q"],
                  "sessions create").strip()
        fc_ok(fc, env, ["sandbox", "link", s, "--institution", "Test Institution", "-q"], "sandbox link")
        accounts += fc_ok(fc, env, ["accounts", "list", "--session", s, "-q"], "accounts list").split()
    return customer, pay_account, accounts[:refresh_accounts_needed]


class Operation:
    def __init__(self, kind, index, argv, marker):
        self.kind, self.index, self.argv, self.marker = kind, index, argv, marker
        self.runs = []  # Result per run
        self.printed_id = None
        self.problems = []

    @property
    def succeeded(self):
        return bool(self.runs) and self.runs[-1].rc == 0


def run_story(r):
    """A failed run in one line: its exchanges (from --verbose) and its error."""
    lines = r.text_err.splitlines()
    exchanges = [re.sub(r" req_\w+", "", l[2:]).replace(" --- -", "") for l in lines if l.startswith("> ")]
    error = next((l for l in lines if l.startswith("error:")), "")
    return f"exit {r.rc} [{'; '.join(exchanges)}] {error[:160]}"


def perform(op, env):
    """Runs the operation, then reruns the same command until it exits 0 (at most RERUNS times)."""
    previous_unknown_key = None
    for attempt in range(1 + RERUNS):
        r = run(op.argv, env, RUN_TIMEOUT)
        op.runs.append(r)
        err = r.text_err
        if r.timed_out:
            op.problems.append(f"hang: {r.describe()}")
        elif r.signal:
            op.problems.append(f"crash: {r.describe()}")
        elif r.rc not in EXPECTED_EXITS:
            op.problems.append(f"unexpected exit code: {r.describe()}")
        elif r.rc != 0 and not err.strip():
            op.problems.append(f"silent failure: {r.describe()}")
        elif r.rc in (2, 3):
            op.problems.append(f"a valid command was refused: {r.describe()}")
        if previous_unknown_key and op.kind in ("pay", "customer", "session"):
            reused = REUSED.search(err)
            if not reused or reused.group(1) != previous_unknown_key:
                op.problems.append(f"the rerun after an unknown outcome (key {previous_unknown_key}) did not reuse the key: {r.describe()}")
        previous_unknown_key = None
        if r.rc == 4 and UNKNOWN in err:
            if not KEY_LINE.search(err):
                op.problems.append(f"unknown outcome without its idempotency key: {r.describe()}")
            # The safe rerun command carries the run's base key (pay derives a key per step from it).
            rerun = RERUN_KEY.search(err)
            if not rerun:
                op.problems.append(f"unknown outcome without a safe rerun command: {r.describe()}")
            else:
                previous_unknown_key = rerun.group(1)
        if r.rc == 0:
            try:
                printed = json.loads(r.text_out)
                if isinstance(printed, list):
                    printed = printed[0] if len(printed) == 1 else None
                op.printed_id = printed.get("id") if isinstance(printed, dict) else None
            except ValueError:
                op.problems.append(f"exit 0 without a JSON object on stdout: {r.describe()}")
            if not op.printed_id:
                op.problems.append(f"exit 0 without an id on stdout: {r.describe()}")
            break
        if r.timed_out or r.signal:
            break


def main(fc, root, seed, long_form, workers):
    report = Report("money-once", "money-once: writes under faults, rerun until done, happen exactly once")
    n = 1000 if long_form else 30
    fault_seed = rng_for(seed, "money-once").randrange(1, 2**31)
    data = os.path.join(root, "money-once.data")
    iso = Isolated(root, "money-once-setup")
    started = time.monotonic()

    clean = Sandbox(fc, root, "money-once-setup", ["--data", data, *TIMING]).start()
    try:
        customer, pay_account, refresh_accounts = setup(fc, clean, iso, n)
    finally:
        clean.stop()
    report.figure("setup", f"payer {customer}, paying from {pay_account}, {len(refresh_accounts)} accounts to refresh "
                           f"({time.monotonic() - started:.1f}s)")

    faults = os.environ.get("CHAOS_MONEY_FAULTS", "--fail-rate 0.3 --drop-after-rate 0.3").split()
    kinds = os.environ.get("CHAOS_MONEY_KINDS", "pay,customer,session,refresh").split(",")
    faulty = Sandbox(fc, root, "money-once-faults", ["--data", data, "--seed", str(fault_seed), *faults, *TIMING]).start()
    ops = []
    for i in range(n):
        ops.append(Operation("pay", i, [fc, "-v", "pay", "--account", pay_account, "--customer", customer, "--amount", "1.00",
                                        "--currency", "usd", "--mandate", "offline", "--name", "X",
                                        "--description", f"chaos-pay-{i}"], f"chaos-pay-{i}"))
        ops.append(Operation("customer", i, [fc, "-v", "customers", "create", "--name", f"Chaos {i}",
                                             "--description", f"chaos-cust-{i}", "--metadata", f"op=chaos-cust-{i}"],
                             f"chaos-cust-{i}"))
        ops.append(Operation("session", i, [fc, "-v", "sessions", "create", "--customer", customer, "--permission", "balances",
                                            "--return-url", f"https://chaos.example/sess-{i}"],
                             f"https://chaos.example/sess-{i}"))
        ops.append(Operation("refresh", i, [fc, "-v", "accounts", "refresh", refresh_accounts[i], "--feature", "balance"],
                             refresh_accounts[i]))
    ops = [op for op in ops if op.kind in kinds]
    rng_for(seed, "money-once-order").shuffle(ops)
    chaos_started = time.monotonic()
    try:
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            futures = []
            for op in ops:
                op_iso = Isolated(root, f"money-once/{op.kind}-{op.index}")
                env = op_iso.env(FC_API_BASE=faulty.url, STRIPE_API_KEY=KEY)
                futures.append(pool.submit(perform, op, env))
            for f in futures:
                f.result()
    finally:
        faulty.stop()
    chaos_time = time.monotonic() - chaos_started

    # Count what the sandbox holds, fault-free.
    counter = Sandbox(fc, root, "money-once-count", ["--data", data, *TIMING]).start()
    try:
        env = iso.env(FC_API_BASE=counter.url, STRIPE_API_KEY=KEY)

        def listing(args):
            r = run([fc, *args, "--all", "--format", "jsonl"], env, 300)
            if r.rc != 0:
                raise RuntimeError(f"money-once count: {r.describe()}")
            return parse_json_lines(r.out)

        customers = listing(["customers", "list"])
        created_pis = listing(["events", "list", "--type", "payment_intent.created"])
        processing = listing(["events", "list", "--type", "payment_intent.processing"])
        linked = listing(["accounts", "list", "--customer", customer])
    finally:
        counter.stop()
    journal = journal_entries(data)

    found = {
        "customer": collections.defaultdict(list),
        "pay": collections.defaultdict(list),
        "session": collections.defaultdict(list),
        "refresh": collections.defaultdict(list),
    }
    for c in customers:
        if (c.get("description") or "").startswith("chaos-cust-"):
            found["customer"][c["description"]].append(c["id"])
    for e in created_pis:
        pi = e["data"]["object"]
        if (pi.get("description") or "").startswith("chaos-pay-"):
            found["pay"][pi["description"]].append(pi["id"])
    # A refresh: the account's balance_refresh is pending (started once, and left alone after).
    refresh_set = set(refresh_accounts)
    for a in linked:
        if a["id"] in refresh_set and (a.get("balance_refresh") or {}).get("status") == "pending":
            found["refresh"][a["id"]].append(a["balance_refresh"].get("last_attempted_at"))
    # Sessions: no list endpoint, so the journal of state-changing requests (a replay is never
    # journaled; every journaled create made one session). Its order matches ids being handed out.
    refresh_requests = collections.defaultdict(set)
    journal_customers = collections.Counter()
    journal_pis = collections.Counter()
    for entry in journal:
        if entry["m"] != "POST":
            continue
        url = entry["form"].get("return_url", [""])[0]
        if entry["p"] == "/v1/financial_connections/sessions" and url.startswith("https://chaos.example/sess-"):
            found["session"][url].append(entry["headers"].get("idempotency-key"))
        if entry["p"].endswith("/refresh"):
            refresh_requests[entry["p"].split("/")[-2]].add(entry["headers"].get("idempotency-key"))
        if entry["p"] == "/v1/customers":
            d = entry["form"].get("description", [""])[0]
            if d.startswith("chaos-cust-"):
                journal_customers[d] += 1
        if entry["p"] == "/v1/payment_intents":
            d = entry["form"].get("description", [""])[0]
            if d.startswith("chaos-pay-"):
                journal_pis[d] += 1
    # The journal count must agree with the API where both exist: it is what sessions rely on.
    for name, api, counted in (("customers", found["customer"], journal_customers), ("PaymentIntents", found["pay"], journal_pis)):
        mismatched = [k for k in set(api) | set(counted) if len(api.get(k, [])) != counted.get(k, 0)]
        if mismatched:
            report.violation(f"journal and API disagree on {name} for {sorted(mismatched)[:5]} (suite self-check)")
    charged = collections.Counter()
    for e in processing:
        pi = e["data"]["object"]
        if (pi.get("description") or "").startswith("chaos-pay-"):
            charged[pi["description"]] += 1

    runs_total = sum(len(op.runs) for op in ops)
    exits = collections.Counter(r.rc for op in ops for r in op.runs)
    per_kind = {}
    duplicates_total = 0
    for kind in kinds:
        kind_ops = [op for op in ops if op.kind == kind]
        dup = missing = 0
        for op in kind_ops:
            objects = found[kind].get(op.marker, [])
            if len(objects) > 1:
                dup += len(objects) - 1
                story = " | ".join(run_story(r) for r in op.runs if r.rc != 0)
                report.violation(f"{kind} {op.marker}: {len(objects)} objects for one logical operation "
                                 f"({', '.join(map(str, objects[:4]))}); failed runs before the last: {story}")
            if op.succeeded and not objects:
                missing += 1
                report.violation(f"{kind} {op.marker}: exited 0 but the sandbox holds nothing for it")
            if op.succeeded and kind in ("pay", "customer") and len(objects) == 1 and op.printed_id != objects[0]:
                report.violation(f"{kind} {op.marker}: printed {op.printed_id} but the sandbox holds {objects[0]}")
            if op.succeeded and kind == "session" and op.printed_id and not op.printed_id.startswith("fcsess_"):
                report.violation(f"session {op.marker}: printed {op.printed_id}, not a session id")
            if kind == "pay" and charged.get(op.marker, 0) > 1:
                report.violation(f"pay {op.marker}: {charged[op.marker]} PaymentIntents confirmed (charged) for one payment")
            if kind == "pay" and op.succeeded and charged.get(op.marker, 0) == 0:
                report.violation(f"pay {op.marker}: exited 0 but no PaymentIntent of it was confirmed")
            for problem in op.problems:
                report.violation(f"{kind} {op.marker}: {problem}")
        duplicates_total += dup
        gave_up = sum(1 for op in kind_ops if not op.succeeded)
        reruns = sum(len(op.runs) - 1 for op in kind_ops)
        per_kind[kind] = (len(kind_ops), reruns, gave_up, dup, missing)
        if gave_up:
            for op in kind_ops:
                if not op.succeeded:
                    report.violation(f"{kind} {op.marker}: still failing after {RERUNS} reruns: {op.runs[-1].describe()}")
    double_charged = sum(max(0, c - 1) for c in charged.values())
    remembering = [op for op in ops if op.kind != "refresh"]
    unknown_runs = sum(1 for op in remembering for r in op.runs[:-1] if r.rc == 4 and UNKNOWN in r.text_err)
    reused_runs = sum(1 for op in remembering for r in op.runs if REUSED.search(r.text_err))
    # What the failed runs before a duplicate ended with: the way the key got lost.
    causes = collections.Counter()
    for op in ops:
        if len(found[op.kind].get(op.marker, [])) > 1:
            for r in op.runs[:-1]:
                story = run_story(r)
                if " 408 " in story:
                    causes["a 408 after the connection was lost mid-request (the POST was resent without its body)"] += 1
                elif op.kind == "pay" and "POST /v1/payment_intents 200" in story and r.rc == 1:
                    causes["pay: the PaymentIntent was created, its confirm ended on 5xx; the rerun created another"] += 1
                elif re.search(r"POST [^;\]]*\(Empty reply", story) and r.rc == 1:
                    causes["exit 1 on a 5xx after an attempt that got no answer"] += 1
                elif r.rc == 4 and UNKNOWN in r.text_err:
                    causes["exit 4, outcome unknown"] += 1
                else:
                    causes["failed before anything was written (not a cause)"] += 1
    report.figure("faults", f"{' '.join(faults)} --seed {fault_seed}, {workers} operations at a time")
    report.figure("logical operations", f"{len(ops)} ({n} each of {', '.join(kinds)})")
    report.figure("runs under fault", f"{runs_total} ({runs_total - len(ops)} reruns) in {chaos_time:.1f}s; exit codes "
                  + ", ".join(f"{k}: {v}" for k, v in sorted(exits.items())))
    report.figure("outcome unknown, then rerun / reruns that reused the key",
                  f"{unknown_runs} / {reused_runs} (pay, customers create, sessions create)")
    for kind, (count, reruns, gave_up, dup, missing) in per_kind.items():
        report.figure(f"  {kind}", f"{count} operations, {reruns} reruns, {gave_up} never succeeded, "
                                   f"{dup} duplicates, {missing} missing")
    extra = sum(max(0, len(keys) - 1) for keys in refresh_requests.values())
    report.figure("refresh requests handled afresh beyond one per account", f"{extra} (a new key each: "
                  "`accounts refresh` does not remember keys; the pending refresh was left alone)")
    report.figure("duplicates", duplicates_total)
    report.figure("PaymentIntents charged twice", double_charged)
    for cause, count in causes.most_common():
        report.figure("  failed runs before a duplicate", f"{count}: {cause}")
    return report
