"""Case 3, hostile servers: answers no Stripe server gives end in a clear error, in bounded time
and memory.

A small HTTP server (raw sockets, standard library) plays each part; stripe-fc runs against it
with FC_API_BASE. Each case's wall time and peak RSS (wait4's rusage, as GNU time reports it)
are measured and bounded."""

import concurrent.futures
import json
import socket
import threading
import time
import zlib

from common import Isolated, Report, run

KEY = "sk_test_hostile0123456789abcdef"


class HostileServer:
    """Accepts connections on loopback and hands each parsed request to `behaviour(server, conn,
    head, body)`, which answers (or not). Counts requests and connections."""

    def __init__(self, behaviour):
        self.behaviour = behaviour
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.requests = []
        self.connections = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.open = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
                self.open.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        buf = b""
        try:
            while not self.stopping.is_set():
                while b"\r\n\r\n" not in buf:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                head, buf = buf.split(b"\r\n\r\n", 1)
                lines = head.decode("latin-1").split("\r\n")
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0") or 0)
                while len(buf) < length:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                body, buf = buf[:length], buf[length:]
                method, target = lines[0].split(" ")[:2]
                with self.lock:
                    self.requests.append((method, target))
                if self.behaviour(self, conn, method, target, headers, body) == "close":
                    return
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def close(self):
        self.stopping.set()
        self.sock.close()
        with self.lock:
            for conn in self.open:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                conn.close()


def respond(conn, status, body, headers=(), reason="OK"):
    data = body if isinstance(body, bytes) else body.encode()
    head = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(data)}", "Content-Type: application/json",
            "Request-Id: req_hostile123456", *headers]
    conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + data)


def answer(status, body, headers=(), reason="OK"):
    def behaviour(server, conn, method, target, hdrs, req_body):
        respond(conn, status, body, headers, reason)
    return behaviour


def same_page(server, conn, method, target, hdrs, body):
    page = {"object": "list", "url": "/v1/customers", "has_more": True,
            "data": [{"id": "cus_loop1", "object": "customer", "name": "Loop"},
                     {"id": "cus_loop2", "object": "customer", "name": "Loop"}]}
    respond(conn, 200, json.dumps(page))


def never_answer(server, conn, method, target, hdrs, body):
    server.stopping.wait(120)
    return "close"


def drip(server, conn, method, target, hdrs, body):
    """Headers at once, then the body one byte every 0.5 s (a server that is never idle long
    enough for an idle timeout)."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
    while not server.stopping.wait(0.5):
        conn.sendall(b" ")
    return "close"


def slam(server, conn, method, target, hdrs, body):
    return "close"


MIB = 1 << 20


def huge_body(server, conn, method, target, hdrs, body):
    """A 200 MB answer (a JSON object padded with spaces), written a MiB at a time."""
    size = 200 * MIB
    conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n".encode())
    start = b'{"id":"cus_huge","object":"customer","pad":"'
    conn.sendall(start)
    block = b" " * MIB
    sent = len(start)
    while sent + len(block) < size - 2 and not server.stopping.is_set():
        conn.sendall(block)
        sent += len(block)
    conn.sendall(b" " * (size - 2 - sent) + b'"}')
    return "close"


def _gzip_bomb():
    """About 256 KB of gzip that inflates to 256 MiB of spaces."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * MIB
    parts = [compressor.compress(block) for _ in range(256)]
    parts.append(compressor.flush())
    return b"".join(parts)


GZIP_BOMB = b""   # made once by main(), before any case's clock starts


def gzip_bomb(server, conn, method, target, hdrs, body):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                 + f"Content-Length: {len(GZIP_BOMB)}\r\n\r\n".encode() + GZIP_BOMB)
    return "close"


def endless_chunks(server, conn, method, target, hdrs, body):
    """A chunked answer that never ends: 64 KiB chunks as fast as the client reads them."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"10000\r\n" + b" " * 0x10000 + b"\r\n"
    while not server.stopping.is_set():
        conn.sendall(chunk)
    return "close"


CASES = [
    # name, behaviour (or factory given the "elsewhere" server), argv, expected exit, stderr must contain, time bound (s)
    ("2xx with body null", answer(200, "null"), ["customers", "get", "cus_123"], {1}, ["error:", "200"], 10),
    ("2xx with an error object", answer(200, json.dumps({"error": {"type": "api_error", "message": "boom"}})),
     ["customers", "get", "cus_123"], {1}, ["error:", "200"], 10),
    ("2xx with an array", answer(200, "[1,2,3]"), ["customers", "get", "cus_123"], {1}, ["error:", "200"], 10),
    ("2xx with HTML", answer(200, "<html><body>hi</body></html>", ["Content-Type: text/html"]),
     ["customers", "get", "cus_123"], {1}, ["error:"], 10),
    ("--all with has_more and the same page forever", same_page,
     ["customers", "list", "--all", "--format", "jsonl"], {1}, ["error:", "repeated"], 10),
    ("302 to another host (GET)", "redirect", ["customers", "get", "cus_123"], {1}, ["302"], 10),
    ("307 to another host (POST)", "redirect307", ["customers", "create", "--name", "X"], {1}, ["307"], 10),
    ("500 on every request", answer(500, json.dumps({"error": {"type": "api_error", "message": "down"}}),
                                    reason="Internal Server Error"),
     ["customers", "get", "cus_123"], {1}, ["error:"], 15),
    ("connection closed without an answer", slam, ["customers", "get", "cus_123"], {4}, ["error:"], 15),
    ("never answers a GET (--timeout 2)", never_answer, ["customers", "get", "cus_123", "--timeout", "2"], {4},
     ["error:"], 15),
    ("never answers a POST (--timeout 2)", never_answer, ["customers", "create", "--name", "X", "--timeout", "2"], {4},
     ["the outcome is unknown", "idempotency key"], 15),
    ("drips the body a byte at a time (--timeout 2)", drip, ["customers", "get", "cus_123", "--timeout", "2"], {4},
     ["error:"], 15),
    # Answers too large to take: read up to the cap (64 MiB by default, counted after decompression),
    # then refused as an invalid response (exit 1), never retried.
    ("a 200 MB body", huge_body, ["customers", "get", "cus_123"], {1}, ["error:", "--max-response-size"], 30),
    ("a 200 MB body (--max-response-size 1MiB)", huge_body, ["customers", "get", "cus_123", "--max-response-size", "1MiB"],
     {1}, ["error:", "larger than 1 MiB"], 30),
    ("a 256 KB gzip bomb (256 MiB inflated)", gzip_bomb, ["customers", "get", "cus_123"], {1},
     ["error:", "--max-response-size"], 30),
    ("an endless chunked body", endless_chunks, ["customers", "get", "cus_123"], {1}, ["error:", "--max-response-size"], 30),
]

SKIPPED = []


def error_message(err):
    """The error stderr reports: its `error:` line, or the message of the JSON error object that
    replaces it when JSON output was asked for."""
    for line in err.splitlines():
        if line.startswith("error:"):
            return line
        if line.startswith("{"):
            try:
                return "error: " + json.loads(line)["error"]["message"]
            except (ValueError, KeyError, TypeError):
                pass
    return None


def check(fc, iso, name, behaviour, argv, expected, needles, bound):
    """Runs one case against its own server; returns (row, problems)."""
    elsewhere = None
    if behaviour in ("redirect", "redirect307"):
        status = 302 if behaviour == "redirect" else 307
        elsewhere = HostileServer(answer(200, json.dumps({"id": "cus_elsewhere", "object": "customer"})))
        behaviour = answer(status, "", [f"Location: {elsewhere.url}/v1/customers/cus_elsewhere"],
                           reason="Found" if status == 302 else "Temporary Redirect")
    server = HostileServer(behaviour)
    try:
        env = iso.env(FC_API_BASE=server.url, STRIPE_API_KEY=KEY)
        r = run([fc, *argv], env, bound + 30, cwd=iso.cwd)
    finally:
        server.close()
        if elsewhere:
            elsewhere.close()
    err = r.text_err
    problems = []
    if r.timed_out:
        problems.append("did not end")
    elif r.rc not in expected:
        problems.append(f"exit {r.rc}, expected {sorted(expected)}")
    message = error_message(err)
    if not message:
        problems.append("no error message on stderr (an 'error:' line, or the JSON error object)")
    for needle in needles:
        if needle != "error:" and needle not in err:
            problems.append(f"stderr lacks {needle!r}")
    if r.elapsed > bound:
        problems.append(f"took {r.elapsed:.1f}s, bound {bound}s")
    if r.rc != 0 and r.out.strip() and "--all" not in argv:
        problems.append(f"printed on stdout: {r.text_out[:100]!r}")
    if "same page" in name and len(server.requests) > 3:
        problems.append(f"{len(server.requests)} requests for a repeating page (bound 3)")
    if elsewhere and elsewhere.connections:
        problems.append("the redirect was followed")
    # Generous: the default cap keeps at most 64 MiB of answer; a 1 MiB cap keeps the process small.
    rss_bound = 64 if "--max-response-size" in argv else 200
    if r.maxrss_kb > rss_bound * 1024:
        problems.append(f"peak RSS {r.maxrss_kb // 1024} MiB (bound {rss_bound} MiB)")
    if "larger than" in (message or "") and len(server.requests) != 1:
        problems.append(f"{len(server.requests)} requests for an answer over the cap (it must not be retried)")
    return (name, r, len(server.requests), message or err.strip()[:100]), [f"{name}: {p}; {r.describe(300)}" for p in problems]


def main(fc, root, seed, long_form, workers):
    report = Report("hostile-servers", "hostile servers: clear errors, bounded time and memory")
    global GZIP_BOMB
    GZIP_BOMB = _gzip_bomb()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(check, fc, Isolated(root, f"hostile/{i}"), *case) for i, case in enumerate(CASES)]
        outcomes = [f.result() for f in futures]
    rows = [row for row, _ in outcomes]
    for _, problems in outcomes:
        for p in problems:
            report.violation(p)
    width = max(len(n) for n, *_ in rows)
    for name, r, requests, first_error in rows:
        report.figure(f"{name:<{width}}", f"exit {r.rc}, {r.elapsed:5.2f}s, {r.maxrss_kb / 1024:5.1f} MiB peak RSS, "
                                          f"{requests} request{'s' if requests != 1 else ''}: {first_error[:110]}")
    report.skipped.extend(SKIPPED)
    return report
