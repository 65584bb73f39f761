#!/usr/bin/env bash
# History writer into PostgreSQL: rows/s sustained and how long rows wait in the buffer.
# Usage: bench/store-bench.sh [rate/s] [seconds] [batch] [flush_ms] [in_flight]  (defaults: 50000 15 500 200 4)
# PostgreSQL: VIGIL_BENCH_PG_URL (default postgresql://postgres@127.0.0.1:5432/test); the bench makes and drops
# its own database.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
exec java -Xmx1g -cp target/vigil.jar:bench/out io.vigil.bench.StoreWriterBench "$@"
