#!/usr/bin/env bash
# Bulk work over many accounts (issue 9): `stripe-fc balances --customer C --refresh --wait` over
# one customer holding 100 linked accounts, against a sandbox with --latency 100 and
# --refresh-delay 1000, at the default --concurrency (8) beside --concurrency 1 (the sequential
# baseline) and beside the official stripe-python SDK doing the same work one account at a time
# (bench/stripe_bulk.py). Also: the second run inside Stripe's 60 s refresh cooldown (no POST,
# a note per account), the same refresh under --rate-limit 20 beside the floor the limit sets
# (successful requests / 20 per s), peak RSS of `transactions --customer C --all` over the 100
# accounts beside one account's export, and one failing account (Down Bank) among 101.
#
# A refresh of the same accounts within 60 s is skipped by design, so every timed refresh runs
# on its own fresh customer with 100 accounts that have never been refreshed; each run's output
# is checked (100 accounts, balance refresh succeeded, no cooldown note). Set-up is not timed.
#
# BASELINE_FC=path/to/an/older/stripe-fc (optional) times that build's --concurrency 1 and its
# run under --rate-limit beside this one's, on customers of their own: the baseline of a change.
#
# usage: bench/bulk.sh     (env: REPS=3 default-concurrency, cooldown and RSS runs;
#                           SEQ_REPS=3 --concurrency 1 and stripe-python runs, ~20 s each;
#                           RL_REPS=3 runs under --rate-limit 20, ~15 s each)
source "$(dirname "$0")/lib.sh"

REPS="${REPS:-3}"
SEQ_REPS="${SEQ_REPS:-3}"
RL_REPS="${RL_REPS:-3}"
LATENCY=100          # ms added to every sandbox answer
REFRESH_DELAY=1000   # ms a refresh stays pending
RATE=20              # requests per second under --rate-limit
SESSIONS=25          # × 4 Test Institution accounts = 100 accounts per customer
ACCOUNTS=$((SESSIONS * 4))
SETUP_JOBS=8         # set-up: sessions created and linked this many at a time
CASE_TIMEOUT=150     # s, hard bound on any one timed command (stripe-fc's --wait-timeout is 2m)

need_gnu_time
need_command timeout coreutils
need_fc
need_stripe_python

# link_one URL CUSTOMER INSTITUTION: a session with the balances and transactions permissions,
# linked in the sandbox.
link_one() {
    local session
    session="$(fc_at "$1" sessions create --customer "$2" --permission balances,transactions -q)"
    fc_at "$1" sandbox link "$session" --institution "$3" -q >/dev/null
}

# fleet_customer URL [EXTRA_INSTITUTION]: a new customer holding $ACCOUNTS Test Institution
# accounts (+ the extra institution's accounts); prints its id. Sessions are linked
# $SETUP_JOBS at a time in background jobs, each waited for by its pid.
fleet_customer() {
    local url="$1" extra="${2:-}" customer log pids=() pid i want got
    customer="$(fc_at "$url" customers create -q)"
    log="$BENCH_TMP/setup.$customer.log"
    for i in $(seq 1 "$SESSIONS"); do
        link_one "$url" "$customer" "Test Institution" >>"$log" 2>&1 &
        pids+=("$!")
        if [ "${#pids[@]}" -ge "$SETUP_JOBS" ]; then
            wait "${pids[0]}" || { cat "$log" >&2; die "set-up of $customer failed"; }
            pids=("${pids[@]:1}")
        fi
    done
    for pid in "${pids[@]}"; do wait "$pid" || { cat "$log" >&2; die "set-up of $customer failed"; }; done
    want="$ACCOUNTS"
    if [ -n "$extra" ]; then link_one "$url" "$customer" "$extra"; want=$((want + 1)); fi
    got="$(fc_at "$url" accounts list --customer "$customer" --all -q | wc -l)"
    [ "$got" -eq "$want" ] || die "customer $customer holds $got accounts, expected $want"
    echo "$customer"
}

# fleet_customers URL N VAR: N fresh customers, ids stored in the array VAR.
fleet_customers() {
    local url="$1" n="$2" i c
    local -n into="$3"
    into=()
    for i in $(seq 1 "$n"); do
        c="$(fleet_customer "$url")"
        into+=("$c")
    done
}

ROWS="$BENCH_TMP/rows"   # lines: case wall user sys rss_kb server_cpu exit [requests ok 429]
: >"$ROWS"

# run_timed CASE SERVER_PID cmd…: like `measure` (lib.sh), with a hard time bound, stdout kept
# in $LAST_STDOUT and stderr in $LAST_STDERR, and the exit code recorded instead of failing.
# Appends "CASE wall user sys rss_kb server_cpu exit" to $ROWS.
run_timed() {
    local case="$1" server="$2"; shift 2
    local tf="$BENCH_TMP/time.$RANDOM" before after rc=0
    LAST_STDOUT="$tf.out"; LAST_STDERR="$tf.err"
    before="$(cpu_seconds "$server")"
    "$GNU_TIME" -f '%e %U %S %M' -o "$tf" timeout -k 5 "$CASE_TIMEOUT" "$@" >"$LAST_STDOUT" 2>"$LAST_STDERR" || rc=$?
    after="$(cpu_seconds "$server")"
    LAST_RC="$rc"
    echo "$case $(tail -1 "$tf") $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }') $rc" >>"$ROWS"
}

# Balance rows in $LAST_STDOUT (jsonl) whose balance refresh succeeded / failed; cooldown notes on stderr.
succeeded_rows() { grep -c '"balance_refresh":{[^}]*"status":"succeeded"' "$LAST_STDOUT" || true; }
failed_rows() { grep -c '"balance_refresh":{[^}]*"status":"failed"' "$LAST_STDOUT" || true; }
notes() { grep -c '"note"' "$LAST_STDERR" || true; }

# established_to PORT: TCP connections now established to 127.0.0.1:PORT, client side (/proc/net/tcp).
established_to() {
    awk -v p="$(printf '%04X' "$1")" 'NR > 1 && $4 == "01" && substr($3, index($3, ":") + 1) == p { n++ } END { print n + 0 }' /proc/net/tcp
}

# check_fresh_run CASE: exit 0, $ACCOUNTS rows all refreshed now (no cooldown note).
check_fresh_run() {
    local lines ok n
    lines="$(wc -l <"$LAST_STDOUT")"; ok="$(succeeded_rows)"; n="$(notes)"
    if [ "$LAST_RC" != 0 ] || [ "$lines" -ne "$ACCOUNTS" ] || [ "$ok" -ne "$ACCOUNTS" ] || [ "$n" -ne 0 ]; then
        head -c 2000 "$LAST_STDERR" >&2
        die "$1: exit $LAST_RC, $lines rows, $ok succeeded, $n cooldown notes (want 0, $ACCOUNTS, $ACCOUNTS, 0)"
    fi
}

balances_cmd=("$FC_BIN" balances --refresh --wait --format jsonl)

# ---------------------------------------------------------------- main sandbox
start_sandbox main --latency "$LATENCY" --refresh-delay "$REFRESH_DELAY"
note "set-up: $((2 * REPS + 2 * SEQ_REPS + 3)) customers × $ACCOUNTS accounts on $main (not timed)"
fleet_customers "$main" "$REPS" DEFAULT_CUSTOMERS
fleet_customers "$main" "$REPS" WIDE_CUSTOMERS
fleet_customers "$main" "$SEQ_REPS" SEQ_CUSTOMERS
fleet_customers "$main" "$SEQ_REPS" PY_CUSTOMERS
BASE_CUSTOMERS=()
[ -n "${BASELINE_FC:-}" ] && fleet_customers "$main" "$SEQ_REPS" BASE_CUSTOMERS
FAIL_JSONL="$(fleet_customer "$main" 'Down Bank (Error)')"
FAIL_TEXT="$(fleet_customer "$main" 'Down Bank (Error)')"
CONN_CUSTOMER="$(fleet_customer "$main")"

export FC_API_BASE="$main" STRIPE_API_KEY=sk_test_bench
most=$(( REPS > SEQ_REPS ? REPS : SEQ_REPS ))
for rep in $(seq 1 "$most"); do
    if [ "$rep" -le "$REPS" ]; then
        c="${DEFAULT_CUSTOMERS[$((rep - 1))]}"
        run_timed fc-default "$main_PID" "${balances_cmd[@]}" --customer "$c"
        check_fresh_run fc-default
        # The same accounts again at once: inside the cooldown, a note each and no POST.
        run_timed fc-cooldown "$main_PID" "${balances_cmd[@]}" --customer "$c"
        if [ "$LAST_RC" != 0 ] || [ "$(wc -l <"$LAST_STDOUT")" -ne "$ACCOUNTS" ] || [ "$(notes)" -ne "$ACCOUNTS" ]; then
            die "fc-cooldown: exit $LAST_RC, $(wc -l <"$LAST_STDOUT") rows, $(notes) notes (want 0, $ACCOUNTS, $ACCOUNTS)"
        fi
        run_timed fc-concurrency-16 "$main_PID" "${balances_cmd[@]}" --customer "${WIDE_CUSTOMERS[$((rep - 1))]}" --concurrency 16
        check_fresh_run fc-concurrency-16
    fi
    if [ "$rep" -le "$SEQ_REPS" ]; then
        run_timed fc-concurrency-1 "$main_PID" "${balances_cmd[@]}" --customer "${SEQ_CUSTOMERS[$((rep - 1))]}" --concurrency 1
        check_fresh_run fc-concurrency-1
        if [ -n "${BASELINE_FC:-}" ]; then
            run_timed baseline-concurrency-1 "$main_PID" "$BASELINE_FC" "${balances_cmd[@]:1}" --customer "${BASE_CUSTOMERS[$((rep - 1))]}" --concurrency 1
            check_fresh_run baseline-concurrency-1
        fi
        run_timed python-sequential "$main_PID" "$PYTHON" "$BENCH_DIR/stripe_bulk.py" "$main" "${PY_CUSTOMERS[$((rep - 1))]}"
        [ "$LAST_RC" = 0 ] || { cat "$LAST_STDERR" >&2; die "stripe_bulk.py failed"; }
        [ "$(tail -1 "$LAST_STDERR")" = "$ACCOUNTS $ACCOUNTS" ] || die "stripe-python: succeeded/total $(tail -1 "$LAST_STDERR"), expected $ACCOUNTS $ACCOUNTS"
    fi
    note "rep $rep/$most done"
done

# How many connections stripe-fc opens to the sandbox at --concurrency 16 (untimed: sampled
# every 20 ms from /proc/net/tcp while it runs).
main_port="${main##*:}"
FC_API_BASE="$main" STRIPE_API_KEY=sk_test_bench timeout -k 5 "$CASE_TIMEOUT" \
    "${balances_cmd[@]}" --customer "$CONN_CUSTOMER" --concurrency 16 >/dev/null 2>&1 &
conn_pid=$!
BENCH_PIDS+=("$conn_pid")
max_conns=0
while kill -0 "$conn_pid" 2>/dev/null; do
    n="$(established_to "$main_port")"
    [ "$n" -gt "$max_conns" ] && max_conns="$n"
    sleep 0.02
done
wait "$conn_pid" || die "balances --concurrency 16 (connection count) failed"
stop_process "$conn_pid"

# One failing account among 101, twice on fresh customers: jsonl (machine errors on stderr) and
# the default output (the human summary line).
run_timed fail-jsonl "$main_PID" "${balances_cmd[@]}" --customer "$FAIL_JSONL"
fail_rc="$LAST_RC"; fail_lines="$(wc -l <"$LAST_STDOUT")"; fail_ok="$(succeeded_rows)"; fail_bad="$(failed_rows)"
fail_json="$(python3 -c 'import json, sys
e = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["error"]
print(e["message"], "|", len(e.get("failures", [])), "failure(s)")' "$LAST_STDERR" 2>/dev/null || echo "unparsed: $(tail -1 "$LAST_STDERR")")"
run_timed fail-text "$main_PID" "$FC_BIN" balances --refresh --wait --customer "$FAIL_TEXT"
text_rc="$LAST_RC"
text_count="$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$LAST_STDOUT" 2>/dev/null || echo "?")"
text_summary="$(grep -cx "error: 1 of $((ACCOUNTS + 1)) accounts failed" "$LAST_STDERR" || true)"
text_lines="$(wc -l <"$LAST_STDERR")"

# Transactions: refresh them on the last default-run customer, then export.
tx_customer="${DEFAULT_CUSTOMERS[$((REPS - 1))]}"
fc_at "$main" transactions --customer "$tx_customer" --refresh --wait --limit 1 --format jsonl >/dev/null
tx_account="$(fc_at "$main" accounts list --customer "$tx_customer" --limit 1 -q)"
tx_all="$(fc_at "$main" transactions --customer "$tx_customer" --all --format jsonl | wc -l)"   # warm-up + count
tx_one="$(fc_at "$main" transactions "$tx_account" --all --format jsonl | wc -l)"
[ "$tx_one" -gt 0 ] && [ "$tx_all" -ge "$tx_one" ] || die "transactions: $tx_all over $ACCOUNTS accounts, $tx_one for one"
for rep in $(seq 1 "$REPS"); do
    run_timed tx-customer "$main_PID" "$FC_BIN" transactions --customer "$tx_customer" --all --format jsonl
    [ "$LAST_RC" = 0 ] && [ "$(wc -l <"$LAST_STDOUT")" -eq "$tx_all" ] || die "tx-customer: exit $LAST_RC"
    run_timed tx-one-account "$main_PID" "$FC_BIN" transactions "$tx_account" --all --format jsonl
    [ "$LAST_RC" = 0 ] && [ "$(wc -l <"$LAST_STDOUT")" -eq "$tx_one" ] || die "tx-one-account: exit $LAST_RC"
done
stop_process "$main_PID"

# The same number of transactions from a single account (streamed page by page), to tell the
# cost of many accounts from the cost of many transactions.
start_sandbox big --latency "$LATENCY" --refresh-delay 0 --transactions "$tx_all"
big_account="$(linked_account "$big")"
[ "$(fc_at "$big" transactions "$big_account" --all --format jsonl | wc -l)" -eq "$tx_all" ] || die "one account with $tx_all transactions: wrong count"
export FC_API_BASE="$big"
for rep in $(seq 1 "$REPS"); do
    run_timed tx-one-account-same-total "$big_PID" "$FC_BIN" transactions "$big_account" --all --format jsonl
    [ "$LAST_RC" = 0 ] || die "tx-one-account-same-total: exit $LAST_RC"
done
stop_process "$big_PID"

# ---------------------------------------------------------------- rate-limited sandbox
start_sandbox limited --latency "$LATENCY" --refresh-delay "$REFRESH_DELAY" --rate-limit "$RATE"
note "set-up: $RL_REPS customers × $ACCOUNTS accounts on $limited with --rate-limit $RATE (not timed)"
fleet_customers "$limited" "$RL_REPS" RL_CUSTOMERS
[ -n "${BASELINE_FC:-}" ] && fleet_customers "$limited" "$RL_REPS" RL_BASE_CUSTOMERS
export FC_API_BASE="$limited"
REQS="$BENCH_TMP/requests"   # lines: attempts ok 429 wall
: >"$REQS"
for rep in $(seq 1 "$RL_REPS"); do
    sleep 1.1   # the limiter's one-second window starts empty
    run_timed rate-limited "$limited_PID" "${balances_cmd[@]}" --customer "${RL_CUSTOMERS[$((rep - 1))]}" --verbose
    check_fresh_run rate-limited
    attempts="$(grep -c '^> ' "$LAST_STDERR" || true)"
    limited429="$(grep -cE '^> [A-Z]+ [^ ]+ 429 ' "$LAST_STDERR" || true)"
    ok="$(grep -cE '^> [A-Z]+ [^ ]+ 2[0-9][0-9] ' "$LAST_STDERR" || true)"
    echo "$attempts $ok $limited429 $(awk '$1 == "rate-limited" {w = $2} END {print w}' "$ROWS")" >>"$REQS"
    note "rate-limited rep $rep/$RL_REPS: $attempts requests, $ok 2xx, $limited429 × 429"
    if [ -n "${BASELINE_FC:-}" ]; then
        sleep 1.1
        run_timed baseline-rate-limited "$limited_PID" "$BASELINE_FC" "${balances_cmd[@]:1}" --customer "${RL_BASE_CUSTOMERS[$((rep - 1))]}"
        check_fresh_run baseline-rate-limited
    fi
done
stop_process "$limited_PID"

# ---------------------------------------------------------------- report
# med CASE COLUMN (2 wall, 3 user, 4 sys, 5 rss_kb, 6 sandbox cpu)
med() {
    local f="$BENCH_TMP/med"
    awk -v c="$1" '$1 == c' "$ROWS" >"$f"
    median "$f" "$2"
}
col_min() { awk -v c="$1" '$1 == c { if (m == "" || $2 < m) m = $2 } END { print m }' "$ROWS"; }
col_max() { awk -v c="$1" '$1 == c { if (m == "" || $2 > m) m = $2 } END { print m }' "$ROWS"; }
exits() { awk -v c="$1" '$1 == c { s = s (s == "" ? "" : ",") $7 } END { print s }' "$ROWS"; }

machine_line
echo "# stripe-fc $("$FC_BIN" --version | awk '{print $2}') (release) vs Python $("$PYTHON" -c 'import platform; print(platform.python_version())') + stripe-python $STRIPE_PY_VERSION; sandbox --latency $LATENCY --refresh-delay $REFRESH_DELAY"
echo "# $ACCOUNTS accounts per customer ($SESSIONS sessions × 4, Test Institution); each refresh on a fresh customer; medians; stdout kept and checked"
printf '%-26s %5s %8s %7s %7s %7s %7s %8s %12s %6s\n' case runs wall_s min_s max_s user_s sys_s peak_MB sandbox_cpu exit
for c in fc-default fc-cooldown fc-concurrency-16 fc-concurrency-1 baseline-concurrency-1 python-sequential rate-limited baseline-rate-limited tx-customer tx-one-account tx-one-account-same-total; do
    n="$(awk -v c="$c" '$1 == c' "$ROWS" | wc -l)"
    [ "$n" -gt 0 ] || continue
    printf '%-26s %5s %8s %7s %7s %7s %7s %8.1f %12s %6s\n' "$c" "$n" "$(med "$c" 2)" "$(col_min "$c")" "$(col_max "$c")" \
        "$(med "$c" 3)" "$(med "$c" 4)" "$(awk -v k="$(med "$c" 5)" 'BEGIN { print k / 1024 }')" "$(med "$c" 6)" "$(exits "$c")"
done
echo "# fc-default/fc-concurrency-N/python: balances --customer C --refresh --wait over $ACCOUNTS fresh accounts; fc-cooldown: the same command again right after fc-default"
echo "# rate-limited: default concurrency, sandbox --rate-limit $RATE; requests per run (attempts 2xx 429): $(awk '{ s = s (s == "" ? "" : " · ") $1 " " $2 " " $3 } END { print s }' "$REQS")"
echo "# tx-customer: transactions --customer C --all --format jsonl, $tx_all transactions over $ACCOUNTS accounts; tx-one-account: one of them ($tx_one); tx-one-account-same-total: one account holding $tx_all"

echo
default_wall="$(med fc-default 2)"; seq_wall="$(med fc-concurrency-1 2)"; py_wall="$(med python-sequential 2)"
echo "ratio default / --concurrency 1 (median wall): $(ratio "$default_wall" "$seq_wall")   ($(awk -v a="$seq_wall" -v b="$default_wall" 'BEGIN { printf "%.1f", a / b }')× faster; target ≥ 8×, i.e. ≤ 0.125)"
if [ -n "${BASELINE_FC:-}" ]; then
    base_wall="$(med baseline-concurrency-1 2)"
    echo "ratio default / baseline build's --concurrency 1 (median wall): $(ratio "$default_wall" "$base_wall")   ($(awk -v a="$base_wall" -v b="$default_wall" 'BEGIN { printf "%.1f", a / b }')× faster; BASELINE_FC=$BASELINE_FC)"
    echo "ratio under --rate-limit $RATE, this build / baseline build (median wall): $(ratio "$(med rate-limited 2)" "$(med baseline-rate-limited 2)")"
fi
echo "ratio --concurrency 16 / default (median wall): $(ratio "$(med fc-concurrency-16 2)" "$default_wall")   (well below 1 if 16 requests were in flight rather than 8; at most $max_conns TCP connections to the sandbox were open during one --concurrency 16 run)"
echo "ratio cooldown run / default run (median wall): $(ratio "$(med fc-cooldown 2)" "$default_wall")   (second refresh within 60 s: $ACCOUNTS notes, no POST, exit $(exits fc-cooldown))"
# floor per run = successful requests / RATE; the ratio is the median over runs of wall / floor.
awk -v r="$RATE" '{ print ($2 > 0 ? $4 / ($2 / r) : 0) }' "$REQS" >"$BENCH_TMP/rl_ratio"
echo "ratio wall / floor under --rate-limit $RATE (median): $(median "$BENCH_TMP/rl_ratio" 1 | awk '{ printf "%.2f", $1 }')   (floor = successful requests / $RATE per s, median $(median "$REQS" 2) requests → $(awk -v n="$(median "$REQS" 2)" -v r="$RATE" 'BEGIN { printf "%.2f", n / r }') s; target ≤ 1.3; exit $(exits rate-limited))"
echo "ratio stripe-fc default / stripe-python sequential (median wall): $(ratio "$default_wall" "$py_wall")"
echo "ratio stripe-fc --concurrency 1 / stripe-python sequential (median wall): $(ratio "$seq_wall" "$py_wall")   (same sequential work, client overhead only)"
echo "ratio peak RSS transactions --customer ($ACCOUNTS accounts) / one account: $(ratio "$(med tx-customer 5)" "$(med tx-one-account 5)")"
echo "ratio peak RSS transactions --customer ($ACCOUNTS accounts) / one account with as many transactions: $(ratio "$(med tx-customer 5)" "$(med tx-one-account-same-total 5)")"
echo "ratio wall transactions --customer ($ACCOUNTS accounts) / one account with as many transactions: $(ratio "$(med tx-customer 2)" "$(med tx-one-account-same-total 2)")"
verdict() { [ "$1" = yes ] && echo ok || echo FAILED; }
jsonl_ok=no
[ "$fail_rc" = 1 ] && [ "$fail_lines" -eq $((ACCOUNTS + 1)) ] && [ "$fail_ok" -eq "$ACCOUNTS" ] && [ "$fail_bad" -eq 1 ] &&
    [ "$fail_json" = "1 of $((ACCOUNTS + 1)) accounts failed | 1 failure(s)" ] && jsonl_ok=yes
text_ok=no
[ "$text_rc" = 1 ] && [ "$text_count" = $((ACCOUNTS + 1)) ] && [ "$text_summary" = 1 ] && text_ok=yes
echo "check one Down Bank account among $((ACCOUNTS + 1)), --format jsonl: exit $fail_rc, $fail_lines rows ($fail_ok succeeded, $fail_bad failed, printed as last seen), stderr error \"$fail_json\": $(verdict "$jsonl_ok")"
echo "check one Down Bank account among $((ACCOUNTS + 1)), default output: exit $text_rc, $text_count accounts, stderr $text_lines lines with 'error: 1 of $((ACCOUNTS + 1)) accounts failed' $text_summary time(s): $(verdict "$text_ok")"
