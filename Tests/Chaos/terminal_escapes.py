"""Case 5, terminal escapes: control characters in API data never reach a terminal raw, and
reach a pipe exactly.

A customer is named `M ESC ]0;owned BEL ESC [2J ESC [32m All payments OK` (a title change, a
screen clear and a colour). Commands that show it run under a real pseudo-terminal
(`script -qfec CMD /dev/null`, util-linux): the only escape sequences allowed in what reaches the
terminal are stripe-fc's own (`ESC[1m`, `ESC[0m`), and no BEL; the name must still be visible.
The same commands with stdout piped must carry the name's bytes exactly (JSON decoded, CSV and
TSV fields as they are)."""

import csv
import io
import json
import os
import re
import shlex
import shutil

from common import Isolated, Report, Sandbox, run

KEY = "sk_test_terminal0123456789abcdef"
NAME = "M\x1b]0;owned\x07\x1b[2J\x1b[32mAll payments OK"
OWN_ESCAPES = {"\x1b[1m", "\x1b[0m"}
ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)?", re.S)


def under_pty(fc_argv, env, timeout=30):
    command = " ".join(shlex.quote(a) for a in fc_argv)
    return run(["script", "-qfec", command, "/dev/null"], env, timeout)


def main(fc, root, seed, long_form, workers):
    report = Report("terminal-escapes", "terminal escapes: API data never drives the terminal")
    if not shutil.which("script"):
        if os.environ.get("CI") == "true":
            report.violation("script(1) (util-linux) is missing and could not be installed: nothing ran under a pseudo-terminal")
        else:
            report.skipped.append(("every check", "script(1) from util-linux is missing (Tests/Chaos/run installs it only when CI=true)"))
        return report
    sandbox = Sandbox(fc, root, "terminal").start()
    try:
        iso = Isolated(root, "terminal")
        env = iso.env(FC_API_BASE=sandbox.url, STRIPE_API_KEY=KEY, COLUMNS="160", TERM="xterm")
        created = run([fc, "customers", "create", "--name", NAME, "--email", "esc@example.com", "-q"], env, 30)
        if created.rc != 0:
            raise RuntimeError("terminal: customers create failed: " + created.describe())
        customer = created.text_out.strip()

        terminal_commands = [
            ["customers", "list"], ["customers", "get", customer], ["customers", "list", "--format", "csv"],
            ["customers", "list", "--format", "tsv"], ["customers", "list", "--format", "json"],
            ["customers", "list", "--format", "jsonl"], ["customers", "get", customer, "--fields", "name"],
            ["customers", "list", "--email", "esc@example.com", "--fields", "name,email"],
            ["events", "list", "--type", "customer.created", "--fields", "id,data.object.name"],
            ["customers", "create", "--name", NAME + " 2"],
            # The name in an error message: an id argument carrying the same escapes.
            ["customers", "get", "cus_" + NAME],
        ]
        checked = 0
        for argv in terminal_commands:
            r = under_pty([fc, *argv], env)
            text = r.text_out
            checked += 1
            label = "stripe-fc " + " ".join(argv).encode("unicode_escape").decode()
            if r.timed_out or r.rc is None:
                report.violation(f"{label} under a terminal did not end")
                continue
            foreign = sorted({m.group(0) for m in ESCAPE.finditer(text)} - OWN_ESCAPES)
            if foreign:
                report.violation(f"{label} on a terminal: raw escape sequences {[f.encode('unicode_escape').decode() for f in foreign]}")
            if "\x07" in text:
                report.violation(f"{label} on a terminal: a raw BEL")
            if "All payments OK" not in text and argv[-1] != "cus_" + NAME:
                report.violation(f"{label} on a terminal: the name is not shown at all: {text[:200]!r}")
            if argv[-1] == "cus_" + NAME and "owned" not in text:
                report.violation(f"{label} on a terminal: the error does not show the id: {text[:200]!r}")
        # NO_COLOR: not even stripe-fc's own escapes.
        r = under_pty([fc, "customers", "list"], dict(env, NO_COLOR="1"))
        checked += 1
        if "\x1b" in r.text_out:
            report.violation("stripe-fc customers list with NO_COLOR on a terminal: escape sequences "
                             + repr(sorted({m.group(0) for m in ESCAPE.finditer(r.text_out)})))

        # Piped: the bytes exactly.
        piped = 0

        def names_from(fmt, out):
            text = out.decode("utf-8")
            if fmt == "json":
                return [c.get("name") for c in json.loads(text)]
            if fmt == "jsonl":
                return [json.loads(l).get("name") for l in text.splitlines() if l.strip()]
            if fmt == "csv":
                rows = list(csv.reader(io.StringIO(text, newline="")))
                column = rows[0].index("name")
                return [row[column] for row in rows[1:]]
            return [line.split("\t")[0] for line in text.split("\n") if line]

        for fmt, extra in (("json", []), ("jsonl", []), ("csv", []), ("tsv", ["--fields", "name"])):
            r = run([fc, "customers", "list", "--format", fmt, *extra], env, 30)
            piped += 1
            try:
                names = names_from(fmt, r.out)
            except (ValueError, IndexError, KeyError) as e:
                report.violation(f"customers list --format {fmt} piped: unreadable output ({e}): {r.text_out[:200]!r}")
                continue
            if NAME not in names:
                report.violation(f"customers list --format {fmt} piped: the name's bytes changed: {names!r}")
        r = run([fc, "customers", "list"], env, 30)
        piped += 1
        if r.rc != 0 or NAME not in [c.get("name") for c in json.loads(r.text_out or "[]")]:
            report.violation(f"customers list piped (JSON by default): the name's bytes changed: {r.text_out[:300]!r}")
        r = run([fc, "customers", "get", customer, "--format", "tsv", "--fields", "name"], env, 30)
        piped += 1
        expected = NAME.encode() + b"\n"
        if r.out != expected:
            report.violation(f"customers get --format tsv --fields name piped: {r.out!r}, expected {expected!r}")
    finally:
        sandbox.stop()
    report.figure("name", NAME.encode("unicode_escape").decode())
    report.figure("runs under a pseudo-terminal", f"{checked} (script -qfec; allowed escapes: ESC[1m, ESC[0m)")
    report.figure("runs piped, bytes compared", piped)
    report.figure("raw escapes from API data on a terminal", len([v for v in report.violations if "on a terminal" in v]))
    return report
