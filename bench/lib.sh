# Shared helpers for the bench/ scripts. Source it; don't run it.
#
# Everything here stays on loopback: sandboxes bind 127.0.0.1 with --port 0, and every
# process a script starts is remembered in BENCH_PIDS and killed by its own pid on exit.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
FC_BIN="${FC_BIN:-$REPO_DIR/.build/release/stripe-fc}"
BENCH_VENV="${BENCH_VENV:-$REPO_DIR/.build/bench-venv}"
BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/fc-bench.XXXXXX")"
BENCH_PIDS=()

# stop_process PID: ends one process this script started and forgets it.
stop_process() {
    local pid="$1" kept=() p
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${BENCH_PIDS[@]:-}"; do [ "$p" != "$pid" ] && [ -n "$p" ] && kept+=("$p"); done
    BENCH_PIDS=("${kept[@]:-}")
}

bench_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    done
    for pid in "${BENCH_PIDS[@]:-}"; do
        [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
    done
    rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "# $*" >&2; }

# Installs a Debian package when its command is missing (we run as root on the bench machine).
need_command() {
    local cmd="$1" pkg="${2:-$1}"
    command -v "$cmd" >/dev/null 2>&1 && return 0
    note "installing $pkg (Debian) for $cmd"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq >/dev/null && apt-get install -y -qq "$pkg" >/dev/null
    else
        sudo apt-get update -qq >/dev/null && sudo apt-get install -y -qq "$pkg" >/dev/null
    fi
    command -v "$cmd" >/dev/null 2>&1 || die "could not install $pkg"
}

# GNU time's -v/-f (peak RSS) lives in the `time` package, not the shell keyword.
need_gnu_time() {
    [ -x /usr/bin/time ] || need_command /usr/bin/time time
    GNU_TIME=/usr/bin/time
}

# Builds the release binary unless it exists (BENCH_REBUILD=1 forces a `swift build -c release`).
need_fc() {
    if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -x "$FC_BIN" ]; then
        note "swift build -c release (this takes a few minutes the first time)"
        (cd "$REPO_DIR" && swift build -c release --product stripe-fc >&2)
    fi
    [ -x "$FC_BIN" ] || die "no stripe-fc binary at $FC_BIN"
}

# A venv under .build/ with the official stripe-python SDK, the baseline client.
need_stripe_python() {
    if [ ! -x "$BENCH_VENV/bin/python" ] || ! "$BENCH_VENV/bin/python" -c 'import stripe' 2>/dev/null; then
        note "creating $BENCH_VENV with stripe-python"
        python3 -m venv "$BENCH_VENV"
        "$BENCH_VENV/bin/pip" install -q stripe >&2
    fi
    PYTHON="$BENCH_VENV/bin/python"
    STRIPE_PY_VERSION="$("$PYTHON" -c 'import stripe; print(stripe.VERSION)')"
}

# start_server VAR cmd…: starts a server that prints `listening on http://127.0.0.1:PORT` as
# its first stdout line, waits for that line, and stores the base URL in VAR and the pid in
# VAR_PID.
start_server() {
    local var="$1"; shift
    local out="$BENCH_TMP/server.$RANDOM.out"
    : >"$out"   # exists before the child opens it, so the first read below cannot fail
    "$@" >"$out" 2>"$out.err" &
    local pid=$!
    BENCH_PIDS+=("$pid")
    local i found=""
    for i in $(seq 1 600); do
        found="$(sed -n '1s/^listening on //p' "$out" 2>/dev/null || true)"
        [ -n "$found" ] && break
        kill -0 "$pid" 2>/dev/null || { cat "$out.err" >&2; die "server exited: $*"; }
        sleep 0.05
    done
    [ -n "$found" ] || die "server did not report its port: $*"
    case "$found" in http://127.*) ;; *) die "server is not on loopback: $found";; esac
    printf -v "$var" "%s" "$found"
    printf -v "${var}_PID" '%s' "$pid"
}

# start_sandbox VAR [sandbox options…]: `stripe-fc sandbox` on 127.0.0.1, a free port (see start_server).
start_sandbox() {
    local var="$1"; shift
    start_server "$var" "$FC_BIN" sandbox --host 127.0.0.1 --port 0 "$@"
}

# fc_at URL args…: runs stripe-fc against one sandbox with a test key.
fc_at() {
    local url="$1"; shift
    FC_API_BASE="$url" STRIPE_API_KEY=sk_test_bench "$FC_BIN" "$@"
}

# linked_account URL: a customer, a session with the transactions permission, a simulated
# link, and one refresh awaited; prints the first linked account's id.
linked_account() {
    local url="$1" customer session account
    customer="$(fc_at "$url" customers create -q)"
    session="$(fc_at "$url" sessions create --customer "$customer" --permission transactions -q)"
    fc_at "$url" sandbox link "$session" -q >/dev/null
    account="$(fc_at "$url" accounts list --customer "$customer" -q | sed -n 1p)"
    [ -n "$account" ] || die "no linked account"
    fc_at "$url" transactions "$account" --refresh --wait --limit 1 --format jsonl >/dev/null
    echo "$account"
}

# CPU seconds (user+sys) a process has used so far, from /proc (Linux).
cpu_seconds() {
    local ticks hz
    ticks="$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0)"
    hz="$(getconf CLK_TCK)"
    awk -v t="$ticks" -v h="$hz" 'BEGIN { printf "%.2f", t / h }'
}

# measure OUTFILE SERVER_PID cmd…: runs cmd with stdout to /dev/null under GNU time and
# appends "wall user sys maxrss_kb server_cpu_s" to OUTFILE, where the last column is the CPU
# the server process (0: none) spent meanwhile. The command's stderr is left in
# $LAST_STDERR. Fails loudly if cmd fails.
measure() {
    local outfile="$1" server="$2"; shift 2
    local tf="$BENCH_TMP/time.$RANDOM" before=0 after=0
    LAST_STDERR="$tf.err"
    if [ "$server" != 0 ]; then before="$(cpu_seconds "$server")"; fi
    if ! "$GNU_TIME" -f '%e %U %S %M' -o "$tf" "$@" >/dev/null 2>"$LAST_STDERR"; then
        cat "$LAST_STDERR" "$tf" >&2; die "failed: $*"
    fi
    if [ "$server" != 0 ]; then after="$(cpu_seconds "$server")"; fi
    echo "$(tail -1 "$tf") $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')" >>"$outfile"
}

# median FILE COLUMN: the median of one whitespace-separated column.
median() {
    awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR]=$1} END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print a[(NR+1)/2]; else printf "%.4g\n", (a[NR/2] + a[NR/2+1]) / 2 }'
}

# ratio A B: A/B to two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

machine_line() {
    local cpu
    cpu="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)"
    echo "# $(date -u "+%Y-%m-%d %H:%M UTC") · $(nproc) cores · ${cpu} · $(uname -sr) · load $(cut -d" " -f1-3 /proc/loadavg)"
}

# A free loopback TCP port (for servers that cannot take port 0).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_port PORT: until something accepts on 127.0.0.1:PORT (5 s at most).
wait_port() {
    local i
    for i in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.05
    done
    die "nothing listening on 127.0.0.1:$1"
}

# rss_kb PID: resident set size now, from /proc.
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
