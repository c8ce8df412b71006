#!/usr/bin/env bash
# Requests per second and latency of `stripe-fc sandbox` for GET /v1/customers/{id} and
# POST /v1/customers at 1 and 16 keep-alive connections (wrk, one thread), beside the same
# load against trivial servers that answer the same customer JSON as a fixed body:
#   nginx   nginx-light, `return 200 '…'`, worker_processes auto: the HTTP ceiling here
#   python  bench/fixed_json_server.py, thread per connection like the sandbox, no work
# The sandbox/baseline ratios show what the sandbox's own parsing, routing, store and JSON cost.
#
# usage: bench/sandbox_throughput.sh
#   env: DURATION=8 seconds per case, SERVERS="sandbox nginx python", WINDOWS=4 × WINDOW=4 seconds
source "$(dirname "$0")/lib.sh"

DURATION="${DURATION:-8}"
WINDOWS="${WINDOWS:-4}"
WINDOW="${WINDOW:-4}"
SERVERS="${SERVERS:-sandbox nginx python}"
CONNS=(1 16)
METHODS=(GET POST)
POST_BODY='email=bench%40example.com&name=Bench+Customer&metadata[source]=wrk'

need_fc
need_command wrk
need_command curl
case " $SERVERS " in *" nginx "*) need_command nginx nginx-light;; esac

start_sandbox sandbox
customer="$(fc_at "$sandbox" customers create --email get@example.com --name 'Get Bench' -q)"
body="$BENCH_TMP/customer.json"
curl -sf -H 'Authorization: Bearer sk_test_bench' "$sandbox/v1/customers/$customer" -o "$body" \
    || die "could not read $customer back"
note "customer body: $(wc -c <"$body") bytes"
sandbox_rss_start="$(rss_kb "$sandbox_PID")"

declare -A base_url
base_url[sandbox]="$sandbox"
for server in $SERVERS; do
    case "$server" in
    sandbox) ;;
    nginx)
        grep -q "[\$'\\\\]" "$body" && die "customer body has characters nginx's return string would mangle"
        port="$(free_port)"
        mkdir -p "$BENCH_TMP/nginx"
        cat >"$BENCH_TMP/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $BENCH_TMP/nginx/nginx.pid;
error_log $BENCH_TMP/nginx/error.log warn;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path $BENCH_TMP/nginx/body;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port;
        location / {
            default_type application/json;
            return 200 '$(cat "$body")';
        }
    }
}
EOF
        nginx -p "$BENCH_TMP/nginx" -c "$BENCH_TMP/nginx/nginx.conf" -e "$BENCH_TMP/nginx/error.log" &
        BENCH_PIDS+=("$!")
        wait_port "$port"
        base_url[nginx]="http://127.0.0.1:$port"
        ;;
    python)
        start_server py python3 "$BENCH_DIR/fixed_json_server.py" "$body"
        base_url[python]="$py"
        ;;
    *) die "unknown server $server";;
    esac
done

results="$BENCH_TMP/results"   # lines: case server method conns requests seconds rps p50 p90 p99 max errors
: >"$results"

# run_case LABEL SERVER METHOD CONNS SECONDS [KEY_PREFIX]: one wrk run, one line in $results.
run_case() {
    local label="$1" server="$2" method="$3" conns="$4" seconds="$5" keys="${6:-}"
    local url="${base_url[$server]}" target line
    if [ "$method" = GET ]; then target="$url/v1/customers/$customer"; else target="$url/v1/customers"; fi
    line="$(BENCH_METHOD="$method" BENCH_BODY="$POST_BODY" BENCH_AUTH='Bearer sk_test_bench' BENCH_KEYS="$keys" \
        wrk -t1 -c"$conns" -d"${seconds}s" --timeout 5s -s "$BENCH_DIR/wrk_report.lua" "$target" \
        | sed -n 's/^BENCH //p')"
    [ -n "$line" ] || die "wrk printed no summary for $label $server c=$conns"
    echo "$label $server $method $conns $(echo "$line" | sed 's/[a-z0-9_]*=//g')" >>"$results"
    note "$label $server c=$conns: $line"
}

for method in "${METHODS[@]}"; do
    for conns in "${CONNS[@]}"; do
        for server in $SERVERS; do
            run_case "$method" "$server" "$method" "$conns" "$DURATION"
        done
    done
done
sandbox_rss_end="$(rss_kb "$sandbox_PID")"
customers_made="$(awk '$1 == "POST" && $2 == "sandbox" {n += $5} END {print n + 0}' "$results")"

# Growth: keyed POSTs (a fresh Idempotency-Key each, as stripe-fc sends them) against a fresh sandbox in
# back-to-back windows, beside the same series without keys on another fresh sandbox. A store
# whose per-request cost grows with the keys it holds shows the keyed series decaying faster.
for series in POST-nokey POST-key; do
    stop_process "$sandbox_PID"
    start_sandbox sandbox
    base_url[sandbox]="$sandbox"
    keys=""
    for w in $(seq 1 "$WINDOWS"); do
        [ "$series" = POST-key ] && keys="bench-$RANDOM-$w"
        run_case "$series:w$w" sandbox POST 1 "$WINDOW" "$keys"
    done
done
stop_process "$sandbox_PID"

# field CASE SERVER CONNS COLUMN (5 requests, 7 rps, 8 p50, 10 p99, 11 max, 12 errors)
field() { awk -v l="$1" -v s="$2" -v c="$3" -v k="$4" '$1 == l && $2 == s && $4 == c {print $k}' "$results"; }

machine_line
echo "# wrk -t1, ${DURATION}s per case, keep-alive; GET /v1/customers/{id} ($(wc -c <"$body") B body), POST /v1/customers (form body)"
echo "# POST-key:wN / POST-nokey:wN: $WINDOWS back-to-back ${WINDOW}s windows of POST c=1 on a fresh sandbox, with / without a fresh Idempotency-Key per request"
printf '%-13s %-8s %5s %10s %9s %9s %9s %9s %8s\n' case server conns rps p50_ms p90_ms p99_ms max_ms errors
awk '{ printf "%-13s %-8s %5s %10.0f %9.3f %9.3f %9.3f %9.3f %8d\n", $1, $2, $4, $7, $8, $9, $10, $11, $12 }' "$results"
echo "# sandbox RSS $((sandbox_rss_start / 1024)) MB before, $((sandbox_rss_end / 1024)) MB after $customers_made POSTed customers ($(( (sandbox_rss_end - sandbox_rss_start) * 1024 / (customers_made > 0 ? customers_made : 1) )) B per customer)"
echo
for base in $SERVERS; do
    [ "$base" = sandbox ] && continue
    for method in "${METHODS[@]}"; do
        for conns in "${CONNS[@]}"; do
            echo "ratio sandbox/$base rps $method c=$conns: $(ratio "$(field "$method" sandbox "$conns" 7)" "$(field "$method" "$base" "$conns" 7)")   p50 latency: $(ratio "$(field "$method" sandbox "$conns" 8)" "$(field "$method" "$base" "$conns" 8)")"
        done
    done
done
keyed="$(ratio "$(field "POST-key:w$WINDOWS" sandbox 1 7)" "$(field POST-key:w1 sandbox 1 7)")"
unkeyed="$(ratio "$(field "POST-nokey:w$WINDOWS" sandbox 1 7)" "$(field POST-nokey:w1 sandbox 1 7)")"
echo "ratio last/first window rps, sandbox POST with keys:    $keyed"
echo "ratio last/first window rps, sandbox POST without keys: $unkeyed"
echo "ratio keyed/unkeyed decay: $(ratio "$keyed" "$unkeyed")   (≈ 1 when held idempotency keys cost nothing per request)"
echo "ratio last/first window p50, sandbox POST with keys:    $(ratio "$(field "POST-key:w$WINDOWS" sandbox 1 8)" "$(field POST-key:w1 sandbox 1 8)")"
echo "ratio last/first window p50, sandbox POST without keys: $(ratio "$(field "POST-nokey:w$WINDOWS" sandbox 1 8)" "$(field POST-nokey:w1 sandbox 1 8)")"
