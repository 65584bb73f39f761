#!/usr/bin/env bash
# The Redis backend under the real engine (see RedisQueueBench). Needs a Redis that nothing else is using while it
# runs, or the commands-per-task numbers include other clients' commands.
#   bench/redis-bench.sh            # all three scenarios with the issue's workloads
#   bench/redis-bench.sh bulk ...   # one scenario, extra flags passed through
# Redis URL: VIGIL_BENCH_REDIS_URL (default redis://127.0.0.1:6379). JVM flags: BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh
run() {
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC} -cp target/vigil.jar:bench/out io.vigil.bench.RedisQueueBench "$@" \
    2>&1 | grep -v -E '^[0-9:.]+ (INFO|DEBUG) '
}
if [ $# -gt 0 ]; then
  run "$@"
  exit
fi
RUNS=${RUNS:-5}
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== (a) 50,000 noop tasks in batches of 1,000, then processed at concurrency 50 ($RUNS runs after a warm-up)"
run bulk --tasks 50000 --batch 1000 --concurrency 50 --warmup 50000 --runs "$RUNS" | tee /tmp/redis-bench-a.txt
echo "== (b) 20,000 tasks submitted one at a time by 10 producers while processing runs ($RUNS runs after a warm-up)"
run single --tasks 20000 --producers 10 --concurrency 50 --warmup 100000 --runs "$RUNS" | tee /tmp/redis-bench-b.txt
echo "== heap with 1,000,000 tasks waiting (queue paused)"
run heap --tasks 1000000 --batch 1000
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
summary() { # median and best of one RESULT key over the runs
  grep -o " $2=[0-9.]*" "$1" | cut -d= -f2 | sort -n | awk -v k="$2" '{v[NR]=$1} END {if (NR) printf "  %s: median %s, min %s, max %s (%d runs)\n", k, v[int((NR+1)/2)], v[1], v[NR], NR}'
}
echo "== summary"
for k in enqueue_per_s processed_per_s commands_per_task; do summary /tmp/redis-bench-a.txt $k; done
for k in end_to_end_per_s p50_ms p99_ms commands_per_task; do summary /tmp/redis-bench-b.txt $k; done
