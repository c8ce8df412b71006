"""Shared pieces of the chaos suite: running stripe-fc with a time limit and measuring it,
starting and stopping sandboxes by pid, isolated environments, and the per-case report.

Standard library only. Every process the suite starts is recorded in `STARTED` and stopped by
its pid (its process group, which only it and its own children are in) when the suite ends."""

import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import threading
import time

EXPECTED_EXITS = {0, 1, 2, 3, 4, 5}

# pid -> description, for every process started and not yet reaped.
STARTED = {}
_started_lock = threading.Lock()


def _register(pid, what):
    with _started_lock:
        STARTED[pid] = what


def _unregister(pid):
    with _started_lock:
        STARTED.pop(pid, None)


def stop_everything():
    """Kills whatever the suite started that is still running (its own process groups only)."""
    with _started_lock:
        pids = list(STARTED)
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        _unregister(pid)


class Result:
    """One finished run: exit code (negative: killed by that signal), output, wall time,
    peak RSS in KiB (from wait4's rusage, as GNU time reports it), and whether the time limit
    stopped it."""

    __slots__ = ("argv", "rc", "out", "err", "elapsed", "maxrss_kb", "timed_out")

    def __init__(self, argv, rc, out, err, elapsed, maxrss_kb, timed_out):
        self.argv, self.rc, self.out, self.err = argv, rc, out, err
        self.elapsed, self.maxrss_kb, self.timed_out = elapsed, maxrss_kb, timed_out

    @property
    def signal(self):
        return -self.rc if self.rc is not None and self.rc < 0 else None

    @property
    def text_out(self):
        return self.out.decode("utf-8", "replace")

    @property
    def text_err(self):
        return self.err.decode("utf-8", "replace")

    def describe(self, limit=600):
        argv = " ".join(shell_word(a) for a in self.argv[1:])
        if len(argv) > 300:
            argv = argv[:300] + "…"
        err = self.text_err.strip()
        if len(err) > limit:
            err = err[:limit] + "…"
        state = "timed out" if self.timed_out else (f"signal {self.signal}" if self.signal else f"exit {self.rc}")
        return f"stripe-fc {argv} -> {state} in {self.elapsed:.2f}s; stderr: {err!r}"


def shell_word(word):
    if isinstance(word, bytes):
        word = word.decode("utf-8", "backslashreplace")
    if word and all(c.isalnum() or c in "-_./:@,=+" for c in word):
        return word
    return "'" + word.replace("'", "'\\''") + "'"


def run(argv, env, timeout, cwd=None, stdin=None, capture_limit=32 << 20):
    """Runs argv in its own process group; kills the group after `timeout` seconds."""
    start = time.monotonic()
    proc = subprocess.Popen(
        argv, env=env, cwd=cwd, stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    _register(proc.pid, "stripe-fc " + " ".join(shell_word(a) for a in argv[1:3]))
    buffers = {"out": bytearray(), "err": bytearray()}

    def drain(stream, key):
        buf = buffers[key]
        while True:
            chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
            if not chunk:
                break
            if len(buf) < capture_limit:
                buf += chunk[: capture_limit - len(buf)]
        stream.close()

    readers = [threading.Thread(target=drain, args=(proc.stdout, "out"), daemon=True),
               threading.Thread(target=drain, args=(proc.stderr, "err"), daemon=True)]
    for t in readers:
        t.start()
    outcome = {}

    def reap():
        _, status, usage = os.wait4(proc.pid, 0)
        outcome["status"], outcome["usage"] = status, usage

    waiter = threading.Thread(target=reap, daemon=True)
    waiter.start()
    waiter.join(timeout)
    timed_out = waiter.is_alive()
    if timed_out:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        waiter.join()
    # Children of the run that outlived it (none expected) hold the pipes open: stop them too.
    for t in readers:
        t.join(5)
        if t.is_alive():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            t.join()
    _unregister(proc.pid)
    status = outcome["status"]
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc
    elapsed = time.monotonic() - start
    return Result(list(argv), rc, bytes(buffers["out"]), bytes(buffers["err"]), elapsed,
                  outcome["usage"].ru_maxrss, timed_out)


class Isolated:
    """A private HOME, XDG_CONFIG_HOME, XDG_STATE_HOME and working directory."""

    def __init__(self, root, name):
        self.dir = os.path.join(root, name)
        for sub in ("home", "config", "state", "cwd"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)

    def env(self, **extra):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "TZ": "UTC",
            "HOME": os.path.join(self.dir, "home"),
            "XDG_CONFIG_HOME": os.path.join(self.dir, "config"),
            "XDG_STATE_HOME": os.path.join(self.dir, "state"),
        }
        env.update({k: v for k, v in extra.items() if v is not None})
        return env

    @property
    def cwd(self):
        return os.path.join(self.dir, "cwd")


class Sandbox:
    """`stripe-fc sandbox --port 0 …`, its address read from the first line of stdout."""

    def __init__(self, fc, workdir, name, args=(), startup_timeout=30):
        self.fc, self.name, self.args = fc, name, list(args)
        self.dir = os.path.join(workdir, "sandbox-" + name)
        os.makedirs(self.dir, exist_ok=True)
        self.startup_timeout = startup_timeout
        self.proc = None
        self.url = None
        self.starts = 0

    def start(self):
        self.starts += 1
        out_path = os.path.join(self.dir, f"stdout.{self.starts}")
        self.err_path = os.path.join(self.dir, f"stderr.{self.starts}")
        with open(out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.proc = subprocess.Popen(
                [self.fc, "sandbox", "--port", "0", *self.args], stdin=subprocess.DEVNULL,
                stdout=out, stderr=err, start_new_session=True,
                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "TZ": "UTC",
                     "HOME": self.dir, "XDG_CONFIG_HOME": self.dir, "XDG_STATE_HOME": self.dir})
        _register(self.proc.pid, f"sandbox {self.name}")
        deadline = time.monotonic() + self.startup_timeout
        while True:
            with open(out_path, "rb") as f:
                first = f.readline()
            if first.endswith(b"\n"):
                line = first.decode().strip()
                if not line.startswith("listening on http://"):
                    self.stop()
                    raise RuntimeError(f"sandbox {self.name}: unexpected first line {line!r}")
                self.url = line[len("listening on "):]
                return self
            if self.proc.poll() is not None:
                _unregister(self.proc.pid)
                raise RuntimeError(f"sandbox {self.name} exited with {self.proc.returncode} before listening: "
                                   + self.stderr_tail())
            if time.monotonic() > deadline:
                self.kill9()
                raise RuntimeError(f"sandbox {self.name} did not print its address within {self.startup_timeout}s")
            time.sleep(0.02)

    def stderr_tail(self, lines=20):
        try:
            with open(self.err_path, "rb") as f:
                return b"".join(f.readlines()[-lines:]).decode("utf-8", "replace")
        except OSError:
            return ""

    @property
    def port(self):
        return int(self.url.rsplit(":", 1)[1])

    def stop(self):
        """SIGTERM, then SIGKILL if it has not stopped within 10 s."""
        if self.proc is None:
            return None
        pid = self.proc.pid
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        _unregister(pid)
        rc = self.proc.returncode
        self.proc = None
        return rc

    def kill9(self):
        if self.proc is None:
            return
        pid = self.proc.pid
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        _unregister(pid)
        self.proc = None


class Report:
    """Figures and violations of one case."""

    def __init__(self, name, title):
        self.name, self.title = name, title
        self.figures = []  # (label, value)
        self.violations = []
        self.notes = []
        self.skipped = []  # (what, why)
        self.elapsed = 0.0

    def figure(self, label, value):
        self.figures.append((label, value))

    def violation(self, text):
        self.violations.append(text)

    def note(self, text):
        self.notes.append(text)


def temp_root():
    return tempfile.mkdtemp(prefix="stripe-fc-chaos.")


def remove_tree(path):
    shutil.rmtree(path, ignore_errors=True)


def parse_json_lines(data):
    items = []
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            items.append(json.loads(line))
    return items


def journal_entries(path):
    """The requests in a sandbox data file: one dict per state-changing request (its body decoded)."""
    import base64
    import urllib.parse
    entries = []
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    for raw in lines[1:]:
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except ValueError:
            continue  # a torn last line (the sandbox cuts it off at start-up)
        body = base64.b64decode(item.get("b", "")).decode("utf-8", "replace")
        item["form"] = urllib.parse.parse_qs(body, keep_blank_values=True)
        item["headers"] = {k.lower(): v for k, v in item.get("h", [])}
        entries.append(item)
    return entries


def rng_for(seed, name):
    return random.Random(f"{seed}:{name}")


HEADING = __import__("re").compile(r"^[A-Z][A-Z &]+(?: \(.*\))?$")
OPTION_LINE = __import__("re").compile(r"^  (?:-([A-Za-z]), )?--([a-z0-9-]+)( [^ ]+)?(?:\s{2,}|$)")
COMMAND_LINE = __import__("re").compile(r"^  ([a-z][a-z-]*(?: [a-z][a-z-]*)?)\s{2,}\S")


def help_sections(text):
    sections, current = {}, None
    for line in text.splitlines():
        if HEADING.match(line):
            current = line.split(" (")[0].strip()
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def discover(fc):
    """The command tree as `--help` shows it: {path: {"options": {name: takes_value}, "examples": [argv]}},
    plus the global options. Commands come from the top-level help, examples from each command's help."""
    import shlex
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": "/nonexistent", "COLUMNS": "200"}
    top = run([fc, "--help"], env, 30)
    sections = help_sections(top.text_out)
    skip = {"USAGE", "DESCRIPTION", "GLOBAL OPTIONS", "EXAMPLES"}
    paths = []
    for name, lines in sections.items():
        if name in skip:
            continue
        for line in lines:
            m = COMMAND_LINE.match(line)
            if m:
                paths.append(m.group(1))
    global_options = {}
    for line in sections.get("GLOBAL OPTIONS", []):
        m = OPTION_LINE.match(line)
        if m:
            global_options[m.group(2)] = bool(m.group(3))
            if m.group(1):
                global_options["-" + m.group(1)] = bool(m.group(3))
    top_examples = [shlex.split(l.strip()[2:])[1:] for l in sections.get("EXAMPLES", []) if l.strip().startswith("$ stripe-fc")]
    tree = {}
    for path in paths:
        r = run([fc, *path.split(), "--help"], env, 30)
        s = help_sections(r.text_out)
        options = {}
        for line in s.get("OPTIONS", []):
            m = OPTION_LINE.match(line)
            if m:
                options[m.group(2)] = bool(m.group(3))
        examples = [shlex.split(l.strip()[2:])[1:] for l in s.get("EXAMPLES", []) if l.strip().startswith("$ stripe-fc")]
        tree[path] = {"options": options, "examples": examples}
    return tree, global_options, top_examples
