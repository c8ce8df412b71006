"""Case 2, argv fuzzer: seeded mutations of real command lines never crash, hang, fail silently,
or send anything on a usage error.

The command lines to mutate are every command's help examples and a hand-written line per
command, with their placeholder ids replaced by ids that exist in a fault-free sandbox. Each case
applies 1-3 mutations (drop, duplicate, swap or insert tokens; random option names and values;
`--`, `=` forms, empty strings, unicode, invalid UTF-8, control characters, very long strings,
ids with the wrong prefix) and runs with FC_API_BASE pointing at a per-worker TCP forwarder in
front of the sandbox, which counts the connections each case opens.

Checks: exit codes only 0-5 (no signal, no trap); no case still running after CASE_TIMEOUT
(commands that run until stopped by design — `events follow`, `events forward`, a serving
`sandbox`, `link` waiting for the customer — are stopped after LONG_RUNNER_TIMEOUT and counted apart); a
non-zero exit prints something on stderr; an exit 2 opened no connection."""

import collections
import concurrent.futures
import json
import os
import re
import shutil
import socket
import threading
import time

from common import EXPECTED_EXITS, Isolated, Report, Sandbox, discover, rng_for, run, shell_word

KEY = "sk_test_fuzz0123456789abcdefABCDEF"
CASE_TIMEOUT = 10
LONG_RUNNER_TIMEOUT = 3


class CountingForwarder:
    """A loopback TCP forwarder to the sandbox that counts the connections it accepts. `sync()`
    makes a marker connection and waits until the accept loop reaches it: every connection opened
    before it (the kernel queues them in order) has then been counted."""

    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(256)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.markers = {}
        self.cond = threading.Condition()
        self.closed = False
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def _accept_loop(self):
        while True:
            try:
                conn, addr = self.sock.accept()
            except OSError:
                return
            with self.cond:
                if addr[1] in self.markers:
                    self.markers[addr[1]] = self.accepted
                    self.cond.notify_all()
                    conn.close()
                    continue
                self.accepted += 1
            threading.Thread(target=self._forward, args=(conn,), daemon=True).start()

    def _forward(self, conn):
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
        except OSError:
            conn.close()
            return
        upstream.settimeout(None)

        def pump(a, b):
            try:
                while True:
                    data = a.recv(65536)
                    if not data:
                        break
                    b.sendall(data)
            except OSError:
                pass
            try:
                b.shutdown(socket.SHUT_WR)
            except OSError:
                pass

        t = threading.Thread(target=pump, args=(upstream, conn), daemon=True)
        t.start()
        pump(conn, upstream)
        t.join(60)
        conn.close()
        upstream.close()

    def sync(self):
        marker = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        marker.bind(("127.0.0.1", 0))
        port = marker.getsockname()[1]
        with self.cond:
            self.markers[port] = None
        marker.connect(("127.0.0.1", self.port))
        with self.cond:
            if not self.cond.wait_for(lambda: self.markers[port] is not None, timeout=30):
                raise RuntimeError("forwarder: marker connection never accepted")
            count = self.markers.pop(port)
        marker.close()
        return count

    def close(self):
        self.sock.close()


def setup_world(fc, sandbox, iso):
    """Ids that exist: a named and a nameless customer, sessions, linked accounts, a payment."""
    env = iso.env(FC_API_BASE=sandbox.url, STRIPE_API_KEY=KEY)

    def ok(args):
        r = run([fc, *args], env, 60)
        if r.rc != 0:
            raise RuntimeError(f"fuzz setup failed: {r.describe()}")
        return r.text_out.strip()

    named = ok(["customers", "create", "--name", "Jenny Rosen", "--email", "jenny@example.com", "-q"])
    nameless = ok(["customers", "create", "--email", "nameless@example.com", "-q"])
    ids = collections.defaultdict(list)
    ids["cus"] += [named, nameless]
    for customer in (named, nameless):
        session = ok(["sessions", "create", "--customer", customer, "--permission",
                      "balances,ownership,payment_method,transactions", "-q"])
        ok(["sandbox", "link", session, "--institution", "Test Institution", "-q"])
        ids["fcsess"].append(session)
        rows = ok(["accounts", "list", "--session", session, "--format", "tsv", "--fields", "id,display_name"])
        for line in rows.splitlines():
            account, name = line.split("\t", 1)
            ids["fca"].append(account)
            if name == "Success Checking":
                if customer == named:
                    pay_from = account
                else:
                    nameless_account = account
    ids["pi"].append(ok(["pay", "--account", pay_from, "--customer", named, "--amount", "3.00", "--mandate", "offline", "-q"]))
    ids["pi"].append(ok(["pay", "--account", pay_from, "--customer", named, "--amount", "4.00", "--mandate", "offline", "-q"]))
    ids["evt"] += ok(["events", "list", "--limit", "3", "-q"]).split()
    ids["acct"].append("acct_1ChaosFuzzMissing")
    return ids, (named, pay_from, nameless, nameless_account)


def base_lines(tree, top_examples, ids, world):
    """Real command lines: help examples (placeholder ids replaced) and one or more per command."""
    named, pay_from, nameless, nameless_account = world
    hand = [
        # ACH needs a billing name: this customer has none and no --name is given.
        ["pay", "--account", nameless_account, "--customer", nameless, "--amount", "2.00", "--mandate", "offline"],
        ["customers", "create", "--name", "Fuzz", "--email", "f@example.com", "--metadata", "k=v"],
        ["customers", "get", "cus_123"], ["customers", "list", "--limit", "3", "--format", "csv"],
        ["customers", "list", "--all", "--format", "jsonl", "--fields", "id,name"],
        ["sessions", "create", "--customer", "cus_123", "--permission", "balances", "--prefetch", "balances"],
        ["sessions", "get", "fcsess_123"], ["accounts", "list", "--customer", "cus_123", "--all"],
        ["accounts", "get", "fca_123"], ["accounts", "refresh", "fca_123", "--feature", "balance", "--wait", "--wait-timeout", "5s"],
        ["accounts", "subscribe", "fca_123", "--feature", "transactions"],
        ["accounts", "unsubscribe", "fca_123", "--feature", "transactions"],
        ["accounts", "disconnect", "fca_123", "--yes"],
        ["balances", "fca_123", "--format", "tsv"], ["balances", "--customer", "cus_123"],
        ["owners", "fca_123"], ["transactions", "fca_123", "--limit", "5", "--since", "2020-01-01"],
        ["transactions", "sync", "fca_123", "--state", "t.sync"],
        ["pay", "--account", pay_from, "--customer", named, "--amount", "1.23", "--mandate", "offline", "--name", "F"],
        ["pay", "--account", "fca_123", "--customer", "cus_123", "--amount", "5", "--mandate", "online",
         "--ip", "203.0.113.7", "--user-agent", "UA"],
        ["payments", "get", "pi_123"], ["payments", "cancel", "pi_123", "--reason", "abandoned"],
        ["events", "list", "--type", "payment_intent.*", "--limit", "5"],
        ["events", "follow", "--until-type", "customer.created", "--wait-timeout", "1s", "--interval", "1s"],
        ["link", "--customer", "cus_123", "--permission", "balances", "--no-browser", "--wait-timeout", "1s"],
        ["sandbox", "--port", "0", "--fail-rate", "2"], ["sandbox", "link", "fcsess_123", "--institution", "Ownership Accounts"],
        ["completion", "bash"], ["completion", "fish"], ["config", "set", "format", "jsonl"], ["config", "get", "format"],
        ["config", "list"], ["config", "unset", "format"], ["version"], ["help", "pay"], ["--help"],
    ]
    lines = [list(l) for l in hand]
    for path, spec in tree.items():
        if path == "demo":
            continue  # its own in-process sandbox, ~3 s a run, no options to fuzz
        for example in spec["examples"]:
            if example and example[0] == "demo":
                continue
            lines.append(example)
    lines += [e for e in top_examples if e and e[0] != "demo"]
    rng = rng_for(0, "placeholders")
    placeholder = re.compile(r"\b(cus|fca|fcsess|pi|acct|evt)_(?:123|1|2|3|…)\b")

    # Mostly the ids that make a command succeed (the named customer, its Success Checking account).
    preferred = {"cus": [named] * 4 + ids["cus"], "fca": [pay_from] * 4 + ids["fca"]}

    def fill(token):
        return placeholder.sub(lambda m: rng.choice(preferred.get(m.group(1)) or ids[m.group(1)] or [m.group(0)]), token)

    # Files the examples name under /tmp/ (sandbox --data) stay in the case's own directory.
    return [[fill(t).replace("/tmp/", "./") for t in line] for line in lines]


WEIRD = [
    "", " ", "-", "--", "---", "=", "==", "0", "-1", "-0", "1e309", "NaN", "inf", "-inf", "99999999999999999999999",
    "0x10", "1.005", "12.345", "0.001", "1,00", "１２", "٣", "\u202eevil", "💸", "e\u0301", "\u200b", "\ufeff",
    "\x1b[2J\x1b[31mred", "\x1b]0;title\x07", "\x07", "\r", "\n", "a\nb", "\t", "\x7f", "\x9b31m", "%00", "%s%n%x",
    "../../etc/passwd", "$(echo hi)", "'; DROP TABLE x; --", "cus_", "fca_", "pi_", "fcsess_", "acct_",
    "2026-13-45", "1970-01-01", "2026-11-28T25:61:00Z", "0s", "-5m", "10h", "1e3s", "99999999999d", "5 m", "1.5s",
    "USD", "usd ", "xx", "€", "json", "JSON", "xml", "tsv", "table", "id,,name", ",", "a..b", "help", "*",
    "balance,balances", "balances,,", "true", "yes", "null", "{}", "[]", "k=v=w", "=v", "k=", "x" * 300,
]
LONG = ["x" * 10000, "é" * 30000, "A" * 100000, "cus_" + "A" * 5000]
BYTES = [b"\xff\xfe\xfd", b"caf\xe9", b"\xed\xa0\x80", b"\xc0\xaf", b"cus_\xff\xff", b"--\xffname"]
PREFIXES = ["cus_", "fca_", "fcsess_", "pi_", "acct_", "evt_", "fctxn_", "sk_test_", "pk_test_", "rk_live_", "seti_", "CUS_"]


class Mutator:
    def __init__(self, rng, option_names, command_words, ids, worker_url):
        self.rng, self.option_names, self.command_words = rng, option_names, command_words
        self.ids, self.worker_url = ids, worker_url

    def value(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            return rng.choice(WEIRD)
        if roll < 0.65:
            return rng.choice(LONG)
        if roll < 0.72:
            return rng.choice(BYTES)
        if roll < 0.85:
            kind = rng.choice([k for k in self.ids if self.ids[k]])
            real = rng.choice(self.ids[kind])
            return rng.choice(PREFIXES) + real.split("_", 1)[1]
        if roll < 0.92:
            kind = rng.choice([k for k in self.ids if self.ids[k]])
            return rng.choice(self.ids[kind])
        return rng.choice(self.base_urls())

    def base_urls(self):
        port = self.worker_url.rsplit(":", 1)[1]
        return [self.worker_url, self.worker_url + "/", self.worker_url + "/v1", f"http://127.0.0.1:{port}/x?y=1#z",
                f"https://127.0.0.1:{port}", f"http://localhost:{port}", f"http://user:pw@127.0.0.1:{port}",
                "ftp://127.0.0.1", "not a url", "http://", "http://[::1", "//127.0.0.1", "127.0.0.1:" + port]

    def option(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.8:
            name = rng.choice(self.option_names)
            return name if name.startswith("-") and not name.startswith("--") else "--" + name
        return rng.choice(["--nope", "-x", "-qv", "-vq", "-", "--", "---", "--=", "--api-key=", "--format=", "-h",
                           "--JSON", "--Quiet", "--no-such-option", "--fields=", "--limit=1=2", "-vvvvvvvv"])

    def mutate(self, argv):
        rng = self.rng
        argv = list(argv)
        for _ in range(rng.choice([1, 1, 1, 1, 2, 2, 3])):
            op = rng.randrange(15)
            i = rng.randrange(len(argv) + 1)
            if op == 0 and argv:  # drop a token
                del argv[min(i, len(argv) - 1)]
            elif op == 1 and argv:  # duplicate a token
                j = min(i, len(argv) - 1)
                argv.insert(rng.randrange(len(argv) + 1), argv[j])
            elif op == 2 and len(argv) > 1:  # swap two tokens
                a, b = rng.randrange(len(argv)), rng.randrange(len(argv))
                argv[a], argv[b] = argv[b], argv[a]
            elif op == 3:  # a random option, maybe with a value
                argv[i:i] = [self.option()] + ([self.value()] if rng.random() < 0.6 else [])
            elif op == 4:  # a random option with a real-looking or weird value in --opt=value form
                argv.insert(i, self.option() + "=" + _text(self.value()))
            elif op == 5 and argv:  # replace a value (a token not starting with -)
                values = [k for k, t in enumerate(argv) if not _text(t).startswith("-")]
                if values:
                    argv[rng.choice(values)] = self.value()
            elif op == 6:  # split or join --opt=value
                joined = [k for k, t in enumerate(argv) if _text(t).startswith("--") and "=" in _text(t)]
                pairs = [k for k in range(len(argv) - 1) if _text(argv[k]).startswith("--") and "=" not in _text(argv[k])]
                if joined and rng.random() < 0.5:
                    k = rng.choice(joined)
                    name, val = _text(argv[k]).split("=", 1)
                    argv[k:k + 1] = [name, val]
                elif pairs:
                    k = rng.choice(pairs)
                    argv[k:k + 2] = [_text(argv[k]) + "=" + _text(argv[k + 1])]
            elif op == 7:  # --
                argv.insert(i, "--")
            elif op == 8 and argv:  # an id with the wrong prefix, truncated, or with control characters
                ids = [k for k, t in enumerate(argv) if re.match(r"^(cus|fca|fcsess|pi|acct|evt)_", _text(t))]
                if ids:
                    k = rng.choice(ids)
                    t = _text(argv[k])
                    argv[k] = rng.choice([rng.choice(PREFIXES) + t.split("_", 1)[1], t[: rng.randrange(1, len(t))],
                                          t + "\x1b[2J", t + " ", t.upper(), t + "/../../v1/customers", t + "?expand[]=x"])
            elif op == 9 and argv:  # truncate
                argv = argv[: rng.randrange(len(argv))]
            elif op == 10 and argv:  # change the case of a token
                k = rng.randrange(len(argv))
                argv[k] = _text(argv[k]).swapcase()
            elif op == 11:  # an empty string
                argv.insert(i, "")
            elif op == 12:  # a command word somewhere
                argv.insert(i, rng.choice(self.command_words))
            elif op == 13 and argv:  # replace a value with a very long one
                k = rng.randrange(len(argv))
                argv[k] = rng.choice(LONG)
            elif op == 14:  # a valid presentation option, to reach further with the others
                argv[i:i] = rng.choice([["--format", "json"], ["--format", "csv"], ["--format", "tsv"], ["--json"], ["-q"],
                                        ["--fields", "id"], ["--limit", "2"], ["--dry-run"], ["-v"], ["--utc"],
                                        ["--no-color"], ["--all"], ["--yes"], ["--new"], ["--max-retries", "0"]])
        return argv


def _text(token):
    return token.decode("utf-8", "replace") if isinstance(token, bytes) else token


def resolve_path(argv, global_options, tree):
    """The command an argv names, skipping global options and their values (best effort)."""
    words = []
    skip = False
    for token in argv:
        t = _text(token)
        if skip:
            skip = False
            continue
        if t == "--":
            break
        if t.startswith("-"):
            name = t.lstrip("-").split("=", 1)[0]
            if "=" not in t and global_options.get(name, False):
                skip = True
            continue
        words.append(t)
        if len(words) == 2:
            break
    if len(words) == 2 and " ".join(words) in tree:
        return " ".join(words)
    return words[0] if words else ""


def long_runner(path, argv):
    texts = [_text(t) for t in argv]
    # `events forward` follows too, and with --once retries each delivery to a URL nobody answers for 7 s.
    return path in ("events follow", "events forward", "sandbox", "link") or (path == "events" and ("follow" in texts or "forward" in texts))


def main(fc, root, seed, long_form, workers):
    report = Report("argv-fuzz", "argv fuzzer: no crash, hang, silent failure, or request on a usage error")
    cases = 10000 if long_form else 1000
    tree, global_options, top_examples = discover(fc)
    report.figure("commands found in --help", len(tree))
    sandbox = Sandbox(fc, root, "fuzz", ["--refresh-delay", "200", "--settle-delay", "400", "--refresh-cooldown", "0"]).start()
    forwarders = []
    try:
        iso = Isolated(root, "fuzz-setup")
        ids, world = setup_world(fc, sandbox, iso)
        lines = base_lines(tree, top_examples, ids, world)
        report.figure("command lines mutated", len(lines))
        option_names = sorted({name for spec in tree.values() for name in spec["options"]} | set(global_options))
        command_words = sorted({w for path in tree for w in path.split()} | {"help"})
        forwarders = [CountingForwarder(sandbox.port) for _ in range(workers)]
        master = rng_for(seed, "argv-fuzz")
        # Every line once as it is (the seed corpus), then mutations.
        plans = [(n, line, None) for n, line in enumerate(lines)]
        for n in range(len(lines), len(lines) + cases):
            plans.append((n, master.choice(lines), master.randrange(2**62)))
        cases = len(plans)

        results = [None] * cases
        queues = [plans[w::workers] for w in range(workers)]

        def worker(w):
            fwd = forwarders[w]
            url = f"http://127.0.0.1:{fwd.port}"
            fwd.sync()
            for n, base, case_seed in queues[w]:
                import random
                if case_seed is None:
                    argv = list(base)
                else:
                    argv = Mutator(random.Random(case_seed), option_names, command_words, ids, url).mutate(base)
                path = resolve_path(argv, global_options, tree)
                runner = long_runner(path, argv)
                case_iso = Isolated(root, f"fuzz/w{w}")
                env = case_iso.env(FC_API_BASE=url, STRIPE_API_KEY=KEY, COLUMNS="100")
                before = fwd.sync()
                r = run([fc, *argv], env, LONG_RUNNER_TIMEOUT if runner else CASE_TIMEOUT, cwd=case_iso.cwd)
                after = fwd.sync()
                results[n] = (argv, path, runner, r, after - before)
                shutil.rmtree(case_iso.dir, ignore_errors=True)

        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            for f in [pool.submit(worker, w) for w in range(workers)]:
                f.result()
        elapsed = time.monotonic() - started
    finally:
        for fwd in forwarders:
            fwd.close()
        sandbox.stop()

    with open(os.path.join(root, "fuzz-cases.jsonl"), "w") as log:
        for argv, path, runner, r, connections in results:
            log.write(json.dumps({"argv": [_text(a) for a in argv], "path": path, "exit": r.rc, "timed_out": r.timed_out,
                                  "connections": connections, "seconds": round(r.elapsed, 3),
                                  "stderr": r.text_err[:500]}) + "\n")
    exits = collections.Counter()
    crashes = hangs = silent = usage_requests = stopped_by_design = 0
    slowest = max((x for x in results if not x[2]), key=lambda x: x[3].elapsed)
    peak = max(results, key=lambda x: x[3].maxrss_kb)
    for argv, path, runner, r, connections in results:
        exits["timeout" if r.timed_out else r.rc] += 1
        what = f"case {' '.join(shell_word(a) for a in argv)[:300]}"
        if r.timed_out:
            if runner:
                stopped_by_design += 1
            else:
                hangs += 1
                report.violation(f"hang (> {CASE_TIMEOUT}s): {r.describe()}")
            continue
        if r.signal or r.rc not in EXPECTED_EXITS:
            crashes += 1
            report.violation(f"crash: {r.describe()}")
            continue
        if r.rc != 0 and not r.err.strip():
            silent += 1
            report.violation(f"silent exit {r.rc}: {what}")
        if r.rc == 2 and connections:
            usage_requests += 1
            report.violation(f"exit 2 after {connections} connection(s) to the API: {r.describe(300)}")
    report.figure("fuzz cases", f"{cases} ({len(lines)} command lines as they are, {cases - len(lines)} mutated) "
                                f"in {elapsed:.1f}s, {workers} at a time, seed {seed}")
    report.figure("exit codes", ", ".join(f"{k}: {v}" for k, v in sorted(exits.items(), key=lambda kv: str(kv[0]))))
    report.figure("crashes (signals, codes outside 0-5)", crashes)
    report.figure("hangs", hangs)
    report.figure("silent non-zero exits", silent)
    report.figure("usage errors (exit 2) that sent requests", usage_requests)
    report.figure("long-running by design, stopped", f"{stopped_by_design} (events follow, events forward, sandbox, link after {LONG_RUNNER_TIMEOUT}s)")
    report.figure("slowest case", f"{slowest[3].elapsed:.1f}s: {' '.join(shell_word(a) for a in slowest[0])[:120]}")
    report.figure("peak RSS", f"{peak[3].maxrss_kb / 1024:.1f} MiB: {' '.join(shell_word(a) for a in peak[0])[:120]}")
    return report
