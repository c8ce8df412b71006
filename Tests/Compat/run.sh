#!/usr/bin/env bash
# Drives `stripe-fc sandbox` with the official stripe-python SDK (pinned in requirements.txt).
# Creates or reuses .build/compat-venv, builds stripe-fc if needed, starts a sandbox on a free
# loopback port, runs pytest against it and exits with pytest's code. Extra arguments go to
# pytest (e.g. `Tests/Compat/run.sh -k idempotent -v`).
set -euo pipefail
cd "$(dirname "$0")/../.."

VENV=.build/compat-venv
FC=.build/debug/stripe-fc
PYTHON="${PYTHON:-python3}"
STARTUP_TIMEOUT_S=20

mkdir -p .build
if [ ! -x "$VENV/bin/python" ]; then
    echo "compat: creating $VENV"
    if ! "$PYTHON" -m venv "$VENV"; then
        rm -rf "$VENV"
        echo "compat: '$PYTHON -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)" >&2
        exit 1
    fi
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
"$VENV/bin/python" -m pip install -q -r Tests/Compat/requirements.txt

if [ ! -x "$FC" ]; then
    echo "compat: building stripe-fc"
    swift build --product stripe-fc
fi

workdir="$(mktemp -d)"
sandbox_pid=""
cleanup() {
    if [ -n "$sandbox_pid" ]; then
        kill "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$FC" sandbox --port 0 --refresh-delay 200 --settle-delay 400 \
    >"$workdir/sandbox.out" 2>"$workdir/sandbox.err" </dev/null &
sandbox_pid=$!

url=""
deadline=$((SECONDS + STARTUP_TIMEOUT_S))
while [ -z "$url" ]; do
    first_line="$(head -n 1 "$workdir/sandbox.out" 2>/dev/null || true)"
    case "$first_line" in
        "listening on http://"*) url="${first_line#listening on }" ;;
        "") ;;
        *) echo "compat: unexpected first line from stripe-fc sandbox: $first_line" >&2; exit 1 ;;
    esac
    if [ -z "$url" ]; then
        if ! kill -0 "$sandbox_pid" 2>/dev/null; then
            echo "compat: stripe-fc sandbox exited before listening:" >&2
            cat "$workdir/sandbox.err" >&2
            exit 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "compat: stripe-fc sandbox did not print its address within ${STARTUP_TIMEOUT_S}s" >&2
            cat "$workdir/sandbox.err" >&2
            exit 1
        fi
        sleep 0.1
    fi
done
echo "compat: stripe-fc sandbox at $url"

status=0
FC_SANDBOX_URL="$url" PYTHONDONTWRITEBYTECODE=1 \
    "$VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/Compat "$@" </dev/null || status=$?
if [ "$status" -ne 0 ] && [ -s "$workdir/sandbox.err" ]; then
    echo "compat: stripe-fc sandbox stderr (last 40 lines):" >&2
    tail -n 40 "$workdir/sandbox.err" >&2
fi
exit "$status"
