#!/usr/bin/env bash
# Start-up cost of one stripe-fc invocation, with hyperfine: `fc --version` (process start and
# argument parsing only) and `stripe-fc customers list --limit 1` against a loopback sandbox (one
# real HTTP exchange), beside Python importing the official stripe-python SDK and making the
# same list call, and beside a bare Swift program that loads Foundation (bench/startup_floor.swift,
# the floor any Foundation CLI pays). Peak RSS of each comes from GNU time (median of a few runs).
#
# First, one API call against curl (issue 12): `stripe-fc accounts get fca_…` beside `curl` of the
# same URL with the same headers on the same sandbox; medians of wall time (hyperfine) and of CPU
# time (user+sys, GNU time), and their ratios. BEFORE_BIN=path/to/an/older/stripe-fc times that
# build too (e.g. main's URLSession one), on the same sandbox in the same run.
#
# usage: bench/cli_startup.sh        (env: RUNS=30 per command, RSS_RUNS=5, BEFORE_BIN=…, CURL_ONLY=1
#                                     to stop after the curl comparison)
source "$(dirname "$0")/lib.sh"

RUNS="${RUNS:-30}"
RSS_RUNS="${RSS_RUNS:-5}"
BEFORE_BIN="${BEFORE_BIN:-}"
CURL_ONLY="${CURL_ONLY:-0}"

need_gnu_time
need_fc
[ "$CURL_ONLY" = 1 ] || need_stripe_python
need_command hyperfine
need_command curl

# accounts_get_vs_curl SANDBOX_URL: the per-call comparison against curl.
accounts_get_vs_curl() {
    local url="$1" customer session account version
    customer="$(fc_at "$url" customers create -q)"
    session="$(fc_at "$url" sessions create --customer "$customer" --permission balances -q)"
    fc_at "$url" sandbox link "$session" -q >/dev/null
    account="$(fc_at "$url" accounts list --customer "$customer" --limit 1 -q)"
    [ -n "$account" ] || die "no linked account"
    export FC_API_BASE="$url" STRIPE_API_KEY=sk_test_bench
    version="$("$FC_BIN" --help | sed -n 's/.*Default: \([0-9-]*\.[a-z]*\)\..*/\1/p' | head -1)"
    [ -n "$version" ] || version=2026-07-29.dahlia
    local names=(curl fc-accounts-get) cmds=(
        "curl -sS --fail-with-body -o /dev/null -H 'Authorization: Bearer sk_test_bench' -H 'Stripe-Version: $version' $url/v1/financial_connections/accounts/$account"
        "$FC_BIN accounts get $account --format json"
    )
    if [ -n "$BEFORE_BIN" ]; then names+=(fc-before); cmds+=("$BEFORE_BIN accounts get $account --format json"); fi
    local i n
    for i in "${!names[@]}"; do
        eval "${cmds[$i]}" >/dev/null || die "failed: ${cmds[$i]}"
    done
    local hf_args=()
    for i in "${!names[@]}"; do hf_args+=(-n "${names[$i]}" "${cmds[$i]}"); done
    hyperfine -N --warmup 3 --runs "$RUNS" --style none --export-json "$BENCH_TMP/curl.json" "${hf_args[@]}" >/dev/null
    machine_line
    echo "# one call: stripe-fc accounts get vs curl of the same URL, same sandbox; hyperfine -N, 3 warm-ups, $RUNS runs (wall); CPU = user+sys of each run from wait4, $RUNS runs"
    printf '%-16s %14s %14s %10s\n' command wall_median_ms cpu_median_ms peak_MB
    local pairs=()
    for i in "${!names[@]}"; do pairs+=("${names[$i]}" "${cmds[$i]}"); done
    python3 - "$BENCH_TMP/curl.json" "$RUNS" "${pairs[@]}" <<'PY'
import json, os, shlex, statistics, subprocess, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
count = int(sys.argv[2])
pairs = list(zip(sys.argv[3::2], sys.argv[4::2]))
names = [name for name, _ in pairs]
cpu, rss = {}, {}
for name, cmd in pairs:
    samples, peaks = [], []
    for _ in range(count):
        child = subprocess.Popen(shlex.split(cmd), stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = 0
        if status != 0:
            sys.exit(f"failed: {cmd}")
        samples.append((usage.ru_utime + usage.ru_stime) * 1000)
        peaks.append(usage.ru_maxrss / 1024)
    cpu[name], rss[name] = statistics.median(samples), statistics.median(peaks)
wall = {name: runs[name]["median"] * 1000 for name in names}
for name in names:
    print(f"{name:<16} {wall[name]:14.2f} {cpu[name]:14.2f} {rss[name]:10.1f}")
for name in names[1:]:
    print(f"ratio {name} / curl (medians): wall {wall[name] / wall['curl']:.2f}, CPU {cpu[name] / cpu['curl']:.2f}")
PY
}

start_sandbox sandbox
accounts_get_vs_curl "$sandbox"
[ "$CURL_ONLY" = 1 ] && exit 0
echo

floor_bin="$REPO_DIR/.build/bench-startup-floor"
if [ ! -x "$floor_bin" ] || [ "$BENCH_DIR/startup_floor.swift" -nt "$floor_bin" ]; then
    note "swiftc -O bench/startup_floor.swift"
    swiftc -O "$BENCH_DIR/startup_floor.swift" -o "$floor_bin" >&2
fi


fc_at "$sandbox" customers create --email startup@example.com -q >/dev/null
export FC_API_BASE="$sandbox" STRIPE_API_KEY=sk_test_bench
# The customers list answer must be real before it is timed.
[ -n "$("$FC_BIN" customers list --limit 1 -q)" ] || die "stripe-fc customers list printed nothing"
[ -n "$("$PYTHON" "$BENCH_DIR/stripe_list_one.py")" ] || die "stripe_list_one.py printed nothing"

names=(swift-floor fc-version fc-list python-bare python-import-stripe python-stripe-list)
cmds=(
    "$floor_bin"
    "$FC_BIN --version"
    "$FC_BIN customers list --limit 1 --format json"
    "$PYTHON -c pass"
    "$PYTHON -c 'import stripe'"
    "$PYTHON $BENCH_DIR/stripe_list_one.py"
)
hf_args=()
for i in "${!names[@]}"; do hf_args+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine -N --warmup 3 --runs "$RUNS" --style none --export-json "$BENCH_TMP/hf.json" "${hf_args[@]}" >/dev/null

rss="$BENCH_TMP/rss"   # lines: name rss_kb
: >"$rss"
for i in "${!names[@]}"; do
    for _ in $(seq 1 "$RSS_RUNS"); do
        one="$BENCH_TMP/one"; : >"$one"
        eval "measure \"\$one\" 0 ${cmds[$i]}"
        echo "${names[$i]} $(awk '{print $4}' "$one")" >>"$rss"
    done
done

python3 - "$BENCH_TMP/hf.json" "$rss" <<'PY' >"$BENCH_TMP/table"
import json, statistics, sys
runs = json.load(open(sys.argv[1]))["results"]
rss = {}
for line in open(sys.argv[2]):
    name, kb = line.split()
    rss.setdefault(name, []).append(int(kb))
for r in runs:
    t = sorted(r["times"])
    print(r["command"], "%.2f" % (r["mean"] * 1000), "%.2f" % (r["median"] * 1000),
          "%.2f" % (r["stddev"] * 1000), "%.2f" % (t[0] * 1000), "%.2f" % (t[-1] * 1000),
          "%.1f" % (statistics.median(rss[r["command"]]) / 1024), len(t))
PY

col() { awk -v n="$1" -v k="$2" '$1 == n {print $k}' "$BENCH_TMP/table"; }

machine_line
echo "# fc $("$FC_BIN" --version | awk '{print $2}') (release) vs Python $("$PYTHON" -c 'import platform; print(platform.python_version())') + stripe-python $STRIPE_PY_VERSION; hyperfine -N, 3 warm-ups, $RUNS runs; peak RSS: median of $RSS_RUNS"
printf '%-22s %9s %9s %8s %8s %8s %8s %5s\n' command mean_ms median_ms sd_ms min_ms max_ms peak_MB runs
awk '{ printf "%-22s %9s %9s %8s %8s %8s %8s %5s\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$BENCH_TMP/table"
echo
echo "ratio fc --version / Swift+Foundation floor     (median time): $(ratio "$(col fc-version 3)" "$(col swift-floor 3)")   (stripe-fc's own start-up cost ≈ ratio - 1)"
echo "ratio fc --version / python -c 'import stripe' (median time): $(ratio "$(col fc-version 3)" "$(col python-import-stripe 3)")"
echo "ratio stripe-fc customers list / python stripe list  (median time): $(ratio "$(col fc-list 3)" "$(col python-stripe-list 3)")"
echo "ratio stripe-fc customers list / python stripe list  (peak RSS):    $(ratio "$(col fc-list 7)" "$(col python-stripe-list 7)")"
echo "ratio stripe-fc customers list / fc --version        (median time): $(ratio "$(col fc-list 3)" "$(col fc-version 3)")   (cost of one HTTP exchange and its set-up)"
