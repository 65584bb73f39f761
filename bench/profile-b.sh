#!/usr/bin/env bash
# Issue 14: where workload (b) — tasks submitted one at a time by 10 producers, submit -> completed — spends its CPU,
# from the first task of a fresh JVM until it is warm. One JVM, one node (RedisQueueBench single), WINDOWS windows of
# TASKS tasks each, no warm-up: window 1 is the cold start, the last ones are warm. Each window is recorded with JFR
# (primed at JVM start, so starting a recording never throws compiled code away) and reported with its CPU per task
# split by thread group (event loops, C2 and C1 compiler threads, GC) from /proc and its heap allocation per task.
# Then JfrSummary reads the cold window and the last two windows: CPU samples, allocations, compilations,
# deoptimizations, GC. Uses a throwaway Redis (bench/lib/throwaway-redis.sh, REDIS_PORT, default 6390).
#
#   bench/profile-b.sh                              # 6 windows of 20,000
#   WINDOWS=8 TASKS=10000 bench/profile-b.sh
#   VIGIL_JAVA_OPTS="-XX:+UseZGC -Xmx4g -XX:TieredStopAtLevel=1" bench/profile-b.sh    # another JIT policy
#   CALLERS=JsonObject.put bench/profile-b.sh       # also who calls a method, in the summaries
#
# Allocation, compilation counts and the call-tree shape hold on a busy machine; CPU per task and the number of CPU
# samples do not (JFR's sampler gets little CPU on an overloaded box): read those from a quiet run.
set -euo pipefail
cd "$(dirname "$0")/.."
WINDOWS=${WINDOWS:-6}
TASKS=${TASKS:-20000}
PRODUCERS=${PRODUCERS:-10}
CONCURRENCY=${CONCURRENCY:-50}
REDIS_PORT=${REDIS_PORT:-6390}
VIGIL_JAVA_OPTS=${VIGIL_JAVA_OPTS:--XX:+UseZGC -Xmx4g -XX:MaxInlineLevel=9 -XX:InlineSmallCode=1000 -XX:CICompilerCount=4}
CALLERS=${CALLERS:-}
OUT=${OUT:-$(mktemp -d /tmp/vigil-profile-b.XXXXXX)}
mkdir -p "$OUT"

bash bench/build.sh
# shellcheck source=bench/lib/throwaway-redis.sh
. bench/lib/throwaway-redis.sh
trap stop_throwaway_redis EXIT
start_throwaway_redis "$REDIS_PORT" "$OUT/redis"
export VIGIL_BENCH_REDIS_URL=$REDIS_URL

echo "== $WINDOWS windows of $TASKS tasks, $PRODUCERS producers, concurrency $CONCURRENCY; JVM: $VIGIL_JAVA_OPTS"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java $VIGIL_JAVA_OPTS -cp target/vigil.jar:bench/out io.vigil.bench.RedisQueueBench single --tasks "$TASKS" \
  --producers "$PRODUCERS" --concurrency "$CONCURRENCY" --warmup 0 --runs "$WINDOWS" --jfr "$OUT/b.jfr" \
  >"$OUT/run.log" 2>&1
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== per window: tasks/s, p99, JVM CPU per task, and its split by thread group (from /proc)"
grep -a -E '^\{' "$OUT/run.log" | sed -E 's/.*"end_to_end_per_s":([0-9.]+).*"p99_ms":([0-9.]+).*"cpu_us_per_task":([0-9.]+).*"redis_cpu_us_per_task":([0-9.]+).*"alloc_bytes_per_task":([0-9.]+).*/\1 tasks\/s, p99 \2 ms, JVM \3 us, Redis \4 us, heap \5 B a task/' >"$OUT/windows.txt" || true
grep -a -o 'CPU by thread group:.*' "$OUT/run.log" | sed 's/; heap allocated.*//; s/CPU by thread group://' >"$OUT/threads.txt" || true
paste -d'|' "$OUT/windows.txt" "$OUT/threads.txt" | awk -F'|' -v n="$TASKS" '{ printf "window %d (tasks %d-%d): %s\n   %s\n", NR, (NR - 1) * n, NR * n, $1, $2 }'

callers=()
if [ -n "$CALLERS" ]; then callers=(--callers "$CALLERS"); fi
java -cp target/vigil.jar:bench/out io.vigil.bench.JfrSummary "$OUT/b.jfr" --tasks "$TASKS" "${callers[@]}" >"$OUT/cold.txt"
last=$((WINDOWS - 1)); before=$((WINDOWS - 2))
warm=("$OUT/b.$last.jfr")
if [ "$before" -ge 1 ]; then warm=("$OUT/b.$before.jfr" "${warm[@]}"); fi
java -cp target/vigil.jar:bench/out io.vigil.bench.JfrSummary "${warm[@]}" --tasks $((TASKS * ${#warm[@]})) "${callers[@]}" \
  >"$OUT/warm.txt"
echo
echo "== JIT in the cold window, then in the warm ones"
grep -E '^== JIT|^  tier|compilations per second' "$OUT/cold.txt"
grep -E '^== JIT|^  tier' "$OUT/warm.txt"
echo
echo "summaries: $OUT/cold.txt (window 1) and $OUT/warm.txt (the last windows); recordings $OUT/b*.jfr; log $OUT/run.log"
