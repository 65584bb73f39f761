#!/usr/bin/env bash
# 1,000 concurrent SSE clients on one Vigil node while it processes tasks (issue 18): fan-out latency p50 / p99
# (an operator action's event time → received by each client; target p99 <= 250 ms), memory per connected client
# (the node's RSS before and after they connect), and the task throughput lost while they are connected (target
# <= 10 %; noop tasks submitted in batches for LOAD_S seconds, without and then with the clients).
#
#   bench/sse-bench.sh                          # 1000 clients, 100 events, 20 s of load each way
#   CLIENTS=50 EVENTS=10 LOAD_S=3 bench/sse-bench.sh   # a quick check that the script works
#
# The node: the fat jar on its embedded defaults (memory queue, no auth, loopback), JAVA_OPTS as given, a queue
# "bench-events" whose pause/resume makes the events. One result line: clients, events, delivered, fanout_p50_ms,
# fanout_p99_ms, fanout_max_ms, rss_per_client_kb, tasks_per_s_alone, tasks_per_s_with_clients, throughput_lost_pct.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-1000}
EVENTS=${EVENTS:-100}
LOAD_S=${LOAD_S:-20}
PORT=${PORT:-18418}
JAVA_OPTS=${JAVA_OPTS:--Xmx2g -XX:+UseZGC}
bench/build.sh
ulimit -n 65536 2>/dev/null || true

config=$(mktemp --suffix=.yaml)
printf 'queues:\n  default: {}\n  bench-events: {}\n' > "$config"
# shellcheck disable=SC2086
VIGIL_HTTP_PORT=$PORT java $JAVA_OPTS -jar target/vigil.jar --config "$config" > "${TMPDIR:-/tmp}/sse-bench-vigil.log" 2>&1 &
vigil=$!
trap 'kill $vigil 2>/dev/null; wait $vigil 2>/dev/null; rm -f "$config"' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/health/live" >/dev/null && break
  sleep 1
done
java -cp target/vigil.jar:bench/out io.vigil.bench.SseFanoutBench "http://127.0.0.1:$PORT" "$CLIENTS" "$EVENTS" "$LOAD_S" "$vigil"
