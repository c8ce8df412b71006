"""Case 6, kill -9 under concurrent writers: no acknowledged write is lost.

The sandbox runs with --data FILE while WRITERS loops run `customers create` (each with a
distinct --description, its own XDG_STATE_HOME). Mid-way the sandbox gets SIGKILL; it is
restarted on the same file (no --data-repair: a torn last line must be cut by itself), and the
writers go on against it, for ROUNDS kills in all. At the end every write that was acknowledged
(exit 0 with an id on stdout) must be in `customers list --all` with that id and description.
Writes whose outcome was unknown (exit 4) may or may not be there; they are counted."""

import threading
import time

from common import Isolated, Report, Sandbox, parse_json_lines, run

KEY = "sk_test_kill9chaos0123456789abcdef"


def main(fc, root, seed, long_form, workers):
    report = Report("kill-9", "kill -9 under concurrent writers: no acknowledged write lost")
    writers = max(workers, 4)
    rounds = 5 if long_form else 2
    writes_per_round = 200 if long_form else 40  # acknowledged writes before the kill
    data = f"{root}/kill9.data"
    sandbox = Sandbox(fc, root, "kill9", ["--data", data])
    sandbox.start()
    attempts = []  # (writer, description, Result)
    lock = threading.Lock()
    restarts_ok = 0
    try:
        for round_number in range(rounds):
            url = sandbox.url
            stop = threading.Event()
            acked_this_round = [0]

            def writer(w):
                iso = Isolated(root, f"kill9/w{w}")
                env = iso.env(FC_API_BASE=url, STRIPE_API_KEY=KEY)
                i = 0
                while not stop.is_set():
                    description = f"kill9-r{round_number}-w{w}-{i}"
                    i += 1
                    r = run([fc, "customers", "create", "--name", description, "--description", description, "-q",
                             "--new"], env, 60)
                    with lock:
                        attempts.append((w, description, r))
                        if r.rc == 0:
                            acked_this_round[0] += 1

            threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
            for t in threads:
                t.start()
            deadline = time.monotonic() + 60
            while acked_this_round[0] < writes_per_round and time.monotonic() < deadline:
                time.sleep(0.01)
            sandbox.kill9()  # mid-way: the writers are still sending
            time.sleep(0.3)
            stop.set()
            for t in threads:
                t.join()
            try:
                sandbox.start()
                restarts_ok += 1
            except RuntimeError as e:
                report.violation(f"restart after kill -9 number {round_number + 1} failed: {e}")
                return report
        iso = Isolated(root, "kill9/check")
        listed = run([fc, "customers", "list", "--all", "--format", "jsonl"], iso.env(FC_API_BASE=sandbox.url, STRIPE_API_KEY=KEY), 120)
        if listed.rc != 0:
            report.violation("customers list after the restarts failed: " + listed.describe())
            return report
        customers = {c["id"]: c.get("description") for c in parse_json_lines(listed.out)}
    finally:
        sandbox.stop()

    by_description = {}
    for cid, description in customers.items():
        by_description.setdefault(description, []).append(cid)
    acked = lost = unknown = unknown_present = other = 0
    for w, description, r in attempts:
        if r.rc == 0:
            acked += 1
            cid = r.text_out.strip()
            if customers.get(cid) != description:
                lost += 1
                report.violation(f"acknowledged write lost: {description} answered {cid!r}, "
                                 f"the sandbox now has {by_description.get(description)}")
        elif r.rc == 4:
            unknown += 1
            unknown_present += bool(by_description.get(description))
        else:
            other += 1
            if r.timed_out or r.signal or not r.err.strip():
                report.violation(f"writer run ended badly: {r.describe(200)}")
        if len(by_description.get(description, [])) > 1:
            report.violation(f"{description}: {len(by_description[description])} customers for one write")
    report.figure("writers", f"{writers} concurrent `customers create` loops, {rounds} kill -9 (restarted {restarts_ok}x on the same file)")
    report.figure("writes", f"{len(attempts)} attempted, {acked} acknowledged, {unknown} outcome unknown "
                            f"({unknown_present} of them happened), {other} other failures")
    report.figure("acknowledged writes lost", lost)
    return report
