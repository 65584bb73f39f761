#!/usr/bin/env bash
# Issue 16: threshold crossed (for: 0) -> `alarm.firing` on the SSE stream, and -> message at a local webhook
# receiver (p50/p90/p99 over TRIALS trials, each submit -> fire -> cancel -> resolve), then the rule evaluation cost
# of 1,000 rules over 100 queues (CPU per statistics round, spread and worst case).
# Knobs: TRIALS (1000), WARMUP (20), STATS_MS (queue.stats_interval_ms, 1000), ROUNDS (20000), JAVA_OPTS.
# Targets: SSE p99 <= 1 s, receiver p99 <= 1.5 s. Run on a quiet machine; numbers go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
exec java ${JAVA_OPTS:--Xmx512m} -cp target/vigil.jar:bench/out io.vigil.bench.AlarmBench \
  --trials "${TRIALS:-1000}" --warmup "${WARMUP:-20}" --stats-ms "${STATS_MS:-1000}" --rounds "${ROUNDS:-20000}"
