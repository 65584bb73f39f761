#!/usr/bin/env bash
# Issue 17's two breaker figures:
#  1. overhead of a guarded call through a closed circuit breaker: ns and bytes per call, direct vs breaker vs breaker
#     with a call timeout, interleaved on one event loop (target: at most 5 µs a call);
#  2. trip on node A -> OPEN on node B through Redis (shared state), p50/p90/p99 over TRIALS trials (target p99 <= 1 s);
#     needs a Redis at REDIS_URL (default redis://127.0.0.1:6379; keys under a fresh prefix, removed at the end).
# Usage: bench/breaker-bench.sh [calls per round] [rounds]   (defaults 2000000 5; TRIALS=200, SKIP_SHARED=1 to skip 2)
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
java -Xmx512m -cp target/vigil.jar:bench/out io.vigil.bench.BreakerBench "$@"
if [ "${SKIP_SHARED:-0}" != 1 ]; then
  java -Xmx512m -cp target/vigil.jar:bench/out io.vigil.bench.BreakerShareBench "${TRIALS:-200}"
fi
