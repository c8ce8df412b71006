-- wrk script for bench/sandbox_throughput.sh: sets the method, body and headers from the
-- environment and prints one machine-readable summary line when the run ends.
--   BENCH_METHOD  GET or POST
--   BENCH_BODY    form body for POST
--   BENCH_AUTH    Authorization header value
--   BENCH_KEYS    a prefix: when set, every request carries its own Idempotency-Key, as fc's do
wrk.method = os.getenv("BENCH_METHOD") or "GET"
if wrk.method == "POST" then
    wrk.body = os.getenv("BENCH_BODY") or ""
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then
    wrk.headers["Authorization"] = auth
end

local key_prefix = os.getenv("BENCH_KEYS")
if key_prefix and key_prefix ~= "" then
    local counter = 0
    request = function()
        counter = counter + 1
        wrk.headers["Idempotency-Key"] = key_prefix .. "-" .. counter
        return wrk.format()
    end
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout + summary.errors.status
    io.write(string.format("BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d non2xx=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000, errors, summary.errors.status))
end
