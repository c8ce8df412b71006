#!/usr/bin/env python3
"""Clicks through `stripe-fc link` against `stripe-fc sandbox` in headless Chromium and saves a
screenshot of every step. Not part of CI: run it by hand with Tests/Browser/run.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages
separated by NUL bytes on file descriptors 3 and 4), so nothing beyond Debian's chromium package
and Python's standard library is needed.

Two flows: accounts for a customer at desktop width, then a payout bank account for a connected
account (--for payouts --attach) at phone width."""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FC = os.environ.get("FC_BINARY", os.path.join(ROOT, ".build", "debug", "stripe-fc"))
KEY = "sk_test_browser"
STEP_TIMEOUT_S = 20


def fail(message):
    print(f"browser test: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


class Chromium:
    """One headless Chromium, one page, driven over the DevTools pipe."""

    def __init__(self, binary, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # The child finds the pipe on fds 3 (commands in) and 4 (answers out).
        def wire():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)
        args = [binary, "--headless=new", "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
                "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={profile}", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        # 3 and 4 are kept open in the child (they are ours once `wire` ran, whatever they were before).
        self.log = open(os.path.join(profile + "-chromium.log"), "w")
        self.process = subprocess.Popen(args, preexec_fn=wire, pass_fds=(3, 4, to_chrome_r, from_chrome_w),
                                        stdout=self.log, stderr=self.log)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def _read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 65536)
            if not chunk:
                fail("chromium closed its DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    fail(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for_load(self):
        deadline = time.time() + STEP_TIMEOUT_S
        while time.time() < deadline:
            for event in self.events:
                if event.get("method") == "Page.loadEventFired":
                    self.events.clear()
                    return
            self.events.append(self._read())
        fail("page did not load")

    def navigate(self, url):
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for_load()

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            fail(f"script failed: {expression}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def text(self):
        return self.evaluate("document.body.innerText")

    def click(self, label):
        """Presses the button with this label, as a person would, and waits for the next page."""
        self.events.clear()
        found = self.evaluate(
            "(() => { const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === %s);"
            " if (!b) return false; b.scrollIntoView(); b.click(); return true; })()" % json.dumps(label))
        if not found:
            fail(f"no '{label}' button on the page:\n{self.text()}")
        self.wait_for_load()

    def tick(self, label_start, checked=True):
        """Sets the checkbox or radio whose label starts with this text."""
        ok = self.evaluate(
            "(() => { const l = [...document.querySelectorAll('label')].find(l => l.textContent.trim().startsWith(%s));"
            " if (!l) return false; const i = document.getElementById(l.htmlFor); if (i.disabled) return false;"
            " i.checked = %s; return true; })()" % (json.dumps(label_start), "true" if checked else "false"))
        if not ok:
            fail(f"no enabled choice labelled '{label_start}':\n{self.text()}")

    def size(self, width, height, mobile=False):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}, session=True)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        print(f"  saved {os.path.relpath(path, ROOT)}")

    def close(self):
        try:
            self.call("Browser.close")
        except SystemExit:
            pass
        self.process.wait(timeout=10)


def fc(args, env, check=True):
    result = subprocess.run([FC] + args, env=env, capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        fail(f"stripe-fc {' '.join(args)} → exit {result.returncode}\n{result.stderr}")
    return result


def start_link(args, env):
    link = subprocess.Popen([FC, "link"] + args + ["--no-browser"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = link.stderr.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/[0-9a-f]{64}", line)
    if not match:
        fail(f"stripe-fc link printed no address: {line}")
    return link, match.group(0)


def expect(condition, message):
    if not condition:
        fail(message)


def main():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        fail("chromium is not installed (Debian: apt-get install chromium)")
    out = os.environ.get("SCREENSHOTS", os.path.join(ROOT, ".build", "browser-screenshots"))
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="fc-browser-")
    sandbox = subprocess.Popen([FC, "sandbox", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    browser = None
    try:
        base = sandbox.stdout.readline().strip().removeprefix("listening on ")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FC_", "STRIPE_"))}
        env.update({"FC_API_BASE": base, "STRIPE_API_KEY": KEY, "XDG_CONFIG_HOME": work, "XDG_STATE_HOME": work, "HOME": work})
        browser = Chromium(chromium, os.path.join(work, "profile"))

        print("flow 1: accounts for a customer (desktop width)")
        browser.size(1000, 800)
        customer = fc(["customers", "create", "--name", "Jenny Rosen", "-q"], env).stdout.strip()
        link, page = start_link(["--customer", customer, "--permission", "balances,transactions",
                                 "--subcategory", "checking,savings", "--max-accounts", "2"], env)
        browser.navigate(page)
        browser.screenshot(os.path.join(out, "01-start.png"))
        browser.click("Start linking")
        expect("Balances: how much is in each account" in browser.text(), "the consent page lists the permissions")
        browser.screenshot(os.path.join(out, "02-consent.png"))
        browser.click("Agree and continue")
        browser.screenshot(os.path.join(out, "03-institution.png"))
        browser.click("Continue")
        expect("You can link up to 2 accounts" in browser.text(), "the accounts page states the limit")
        browser.tick("High Yield Savings", checked=False)
        browser.tick("Insufficient Funds Checking")
        browser.screenshot(os.path.join(out, "04-accounts.png"))
        browser.click("Link accounts")
        expect("Linked 2 accounts" in browser.text(), "success page")
        browser.screenshot(os.path.join(out, "05-success.png"))
        browser.click("Done")
        browser.screenshot(os.path.join(out, "06-done.png"))
        stdout, stderr = link.communicate(timeout=30)
        expect(link.returncode == 0, f"link exit {link.returncode}: {stderr}")
        names = sorted(a["display_name"] for a in json.loads(stdout))
        expect(names == ["Insufficient Funds Checking", "Success Checking"], f"linked {names}")
        print(f"  stripe-fc link printed {len(names)} accounts: {', '.join(names)}")

        print("flow 2: a payout bank account for a connected account (phone width)")
        browser.size(390, 844, mobile=True)
        request = urllib.request.Request(base + "/v1/accounts", data=b"type=custom&country=US&capabilities[transfers][requested]=true",
                                         headers={"Authorization": "Bearer " + KEY})
        account = json.load(urllib.request.urlopen(request))["id"]
        link, page = start_link(["--account", account, "--for", "payouts", "--attach"], env)
        browser.navigate(page)
        browser.screenshot(os.path.join(out, "11-payouts-start.png"))
        browser.click("Start linking")
        browser.screenshot(os.path.join(out, "12-payouts-consent.png"))
        browser.click("Agree and continue")
        browser.click("Continue")
        browser.tick("High Yield Savings")
        browser.screenshot(os.path.join(out, "13-payouts-account.png"))
        browser.click("Link account")
        expect("Bank account token: btok_" in browser.text(), "the success page shows the token")
        browser.screenshot(os.path.join(out, "14-payouts-success.png"))
        browser.click("Done")
        stdout, stderr = link.communicate(timeout=30)
        expect(link.returncode == 0, f"link --for payouts exit {link.returncode}: {stderr}")
        bank = json.loads(stdout)
        expect(bank["object"] == "bank_account" and bank["account"] == account, f"printed {bank}")
        print(f"  stripe-fc link --for payouts --attach printed {bank['id']} (••••{bank['last4']}) on {account}")
        print(f"browser test: ok; screenshots in {os.path.relpath(out, ROOT)}")
    finally:
        if browser:
            browser.close()
        sandbox.terminate()
        sandbox.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
