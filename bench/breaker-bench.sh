#!/usr/bin/env bash
# Overhead of a guarded call through a closed circuit breaker: ns and bytes per call, direct vs breaker vs breaker
# with a call timeout, interleaved on one event loop. Usage: bench/breaker-bench.sh [calls per round] [rounds]
# (defaults 2000000 5). Issue 17's target: at most 5 µs a call.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
exec java -Xmx512m -cp target/vigil.jar:bench/out io.vigil.bench.BreakerBench "$@"
