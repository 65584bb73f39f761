-- wrk script: POST /api/tasks with a small noop task, as JSON.
-- Used by bench/http-bench.sh against Vigil and against the bare endpoint with the same settings.
wrk.method = "POST"
wrk.path = "/api/tasks"
wrk.body = '{"type":"noop","payload":{"order":12345,"sku":"A-1","qty":2}}'
wrk.headers["Content-Type"] = "application/json"

-- One parseable line for the script: requests/s, latency percentiles in ms, and every kind of error.
-- errors.status counts answers with status > 399 (wrk's "Non-2xx or 3xx responses").
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK req_s=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, e.connect, e.read, e.write, e.status, e.timeout))
end
