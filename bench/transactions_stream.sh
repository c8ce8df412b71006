#!/usr/bin/env bash
# Wall time and peak RSS of `stripe-fc transactions fca_… --all` over 10k and 100k transactions, in
# jsonl / json / csv, beside the official stripe-python SDK auto-paging the same list.
#
# The 100k/10k peak-RSS ratio says whether stripe-fc streams in constant memory (≈1.0) or holds the
# list (≈10). fc/python ratios compare the two clients against the same sandbox.
#
# usage: bench/transactions_stream.sh          (env: REPS=3, SIZES="10000 100000")
source "$(dirname "$0")/lib.sh"

REPS="${REPS:-3}"
SIZES="${SIZES:-10000 100000}"
FORMATS=(jsonl json csv)

need_gnu_time
need_fc
need_stripe_python

results="$BENCH_TMP/results"   # lines: size case wall user sys rss_kb server_cpu
: >"$results"

for size in $SIZES; do
    note "sandbox with --transactions $size"
    start_sandbox url --transactions "$size" --refresh-delay 0 --seed 42
    account="$(linked_account "$url")"
    got="$(fc_at "$url" transactions "$account" --all --format jsonl | wc -l)"   # warm-up + check
    [ "$got" -eq "$size" ] || die "stripe-fc listed $got transactions, expected $size"
    for rep in $(seq 1 "$REPS"); do
        for fmt in "${FORMATS[@]}"; do
            one="$BENCH_TMP/one"; : >"$one"
            FC_API_BASE="$url" STRIPE_API_KEY=sk_test_bench \
                measure "$one" "$url_PID" "$FC_BIN" transactions "$account" --all --format "$fmt"
            echo "$size fc-$fmt $(cat "$one")" >>"$results"
        done
        one="$BENCH_TMP/one"; : >"$one"
        measure "$one" "$url_PID" "$PYTHON" "$BENCH_DIR/stripe_transactions.py" "$url" "$account"
        pycount="$(tail -1 "$LAST_STDERR")"
        [ "$pycount" = "$size" ] || die "stripe-python listed $pycount transactions, expected $size"
        echo "$size python-jsonl $(cat "$one")" >>"$results"
        note "size $size rep $rep/$REPS done"
    done
    stop_process "$url_PID"
done

# med SIZE CASE COLUMN (3 wall, 4 user, 5 sys, 6 rss_kb, 7 server cpu)
med() {
    local f="$BENCH_TMP/med"
    awk -v s="$1" -v c="$2" '$1 == s && $2 == c' "$results" >"$f"
    median "$f" "$3"
}

machine_line
echo "# fc $("$FC_BIN" --version | awk '{print $2}') (release) vs stripe-python $STRIPE_PY_VERSION; medians of $REPS runs; stdout to /dev/null"
printf '%-14s %8s %8s %8s %8s %10s %12s %10s\n' case n wall_s user_s sys_s peak_MB sandbox_cpu tx_per_s
for size in $SIZES; do
    for c in "${FORMATS[@]/#/fc-}" python-jsonl; do
        wall="$(med "$size" "$c" 3)"
        printf '%-14s %8s %8s %8s %8s %10.1f %12s %10.0f\n' "$c" "$size" "$wall" \
            "$(med "$size" "$c" 4)" "$(med "$size" "$c" 5)" \
            "$(awk -v k="$(med "$size" "$c" 6)" 'BEGIN { print k / 1024 }')" \
            "$(med "$size" "$c" 7)" "$(awk -v n="$size" -v w="$wall" 'BEGIN { print (w > 0 ? n / w : 0) }')"
    done
done

echo
small="${SIZES%% *}"; large="${SIZES##* }"
if [ "$small" != "$large" ]; then
    for c in "${FORMATS[@]/#/fc-}" python-jsonl; do
        echo "ratio peak RSS $large/$small $c: $(ratio "$(med "$large" "$c" 6)" "$(med "$small" "$c" 6)")   (constant memory ≈ 1; holding the list ≈ $((large / small)))"
    done
fi
for size in $SIZES; do
    echo "ratio fc/python wall     jsonl n=$size: $(ratio "$(med "$size" fc-jsonl 3)" "$(med "$size" python-jsonl 3)")"
    echo "ratio fc/python peak RSS jsonl n=$size: $(ratio "$(med "$size" fc-jsonl 6)" "$(med "$size" python-jsonl 6)")"
done
