#!/usr/bin/env bash
# Issue 19, fair queues. Two questions, each printed as RESULT lines and a summary:
#  1. Do fair queues cost the ungrouped path? The Redis engine's bulk (a) and one-at-a-time (b) workloads
#     (RedisQueueBench, as redis-bench.sh) with the jar from before fair queues and with this tree's, in alternating
#     fresh processes. Target: "after" within 5 % of "before".
#  2. Claim throughput with 1,000 groups against ungrouped (FairClaimBench, the Redis backend alone, claim+ack
#     loops), alternating in one process, without and with per-group limits. Target: grouped ≥ 70 % of ungrouped.
#     With a "before" jar, each of CLAIM_RUNS rounds runs it for the before jar too (fresh JVMs, before and after
#     alternating), so a change to the grouped claim is compared with the one before it in the same minutes.
#
#   bench/fair-bench.sh                 # both, with the issue's workloads
#   SMOKE=1 bench/fair-bench.sh         # tiny counts: checks that everything runs, the figures mean nothing
#   PARTS=2 CLAIM_RUNS=3 VIGIL_BENCH_REDIS_URL=redis://127.0.0.1:6393 bench/fair-bench.sh
#                                       # part 2 only, the integ jar against this tree's, three rounds of each
# The "after" jar: AFTER_JAR (default: this tree's target/vigil.jar) — e.g. the merge that brought fair queues, to
# compare it with its first parent alone, without later changes to the engine.
# The "before" jar: BASE_JAR=/path/vigil.jar, else built from BASE_REF (default: integ) with `git archive` into
# /tmp/vigil-fair-base (offline Maven, tests skipped). NO_BASE=1 skips part 1's "before" runs.
# Knobs: PARTS ("1 2"), RUNS (5; FairClaimBench's rounds a process in part 2), TASKS_A (50000), TASKS_B (20000),
# CLAIM_TASKS (100000), GROUP_COUNT (1000), CLAIM_RUNS (1), BENCH_JAVA_OPTS.
# Redis: VIGIL_BENCH_REDIS_URL (default redis://127.0.0.1:6379), which nothing else should be using.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/build.sh

RUNS=${RUNS:-5}
TASKS_A=${TASKS_A:-50000}
TASKS_B=${TASKS_B:-20000}
CLAIM_TASKS=${CLAIM_TASKS:-100000}
GROUP_COUNT=${GROUP_COUNT:-1000}
CLAIM_RUNS=${CLAIM_RUNS:-1}
PARTS=${PARTS:-1 2}
WARM_A=$TASKS_A
WARM_B=100000
if [ -n "${SMOKE:-}" ]; then
  RUNS=1; TASKS_A=2000; TASKS_B=500; CLAIM_TASKS=2000; GROUP_COUNT=100; WARM_A=1000; WARM_B=500
fi
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC}
OUT=$(mktemp -d /tmp/fair-bench.XXXXXX)

base_classpath() {
  if [ -n "${BASE_JAR:-}" ]; then
    echo "$BASE_JAR:bench/out"
    return
  fi
  local ref=${BASE_REF:-integ} dir=/tmp/vigil-fair-base
  if [ ! -f "$dir/target/vigil.jar" ] || [ "$(cat "$dir/REF" 2>/dev/null)" != "$(git rev-parse "$ref")" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    git archive "$ref" | tar -x -C "$dir"
    (cd "$dir" && mvn -B -o -q package -DskipTests >&2)
    git rev-parse "$ref" > "$dir/REF"
  fi
  echo "$dir/target/vigil.jar:bench/out"
}

engine() { # classpath, then RedisQueueBench arguments
  local cp=$1; shift
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$cp" io.vigil.bench.RedisQueueBench "$@" 2>&1 | grep -v -E '^[0-9:.]+ (INFO|DEBUG) '
}

echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
AFTER=${AFTER_JAR:-target/vigil.jar}:bench/out
BEFORE=""
[ -z "${NO_BASE:-}" ] && BEFORE=$(base_classpath)
classpath_of() { # before|after -> that side's classpath (empty: no baseline)
  if [ "$1" = before ]; then echo "$BEFORE"; else echo "$AFTER"; fi
}

if [[ " $PARTS " == *" 1 "* ]]; then
  echo "== 1. ungrouped path, before and after, $RUNS alternating runs each (a fresh JVM per run)"
  for run in $(seq 1 "$RUNS"); do
    for side in before after; do
      cp=$(classpath_of $side)
      [ -z "$cp" ] && continue # no baseline
      engine "$cp" bulk --tasks "$TASKS_A" --batch 1000 --concurrency 50 --warmup "$WARM_A" --runs 1 \
        | grep '^RESULT' | sed "s/^RESULT/RESULT $side/" | tee -a "$OUT/a-$side.txt"
      engine "$cp" single --tasks "$TASKS_B" --producers 10 --concurrency 50 --warmup "$WARM_B" --runs 1 \
        | grep '^RESULT' | sed "s/^RESULT/RESULT $side/" | tee -a "$OUT/b-$side.txt"
    done
  done
fi

if [[ " $PARTS " == *" 2 "* ]]; then
  echo "== 2. claim throughput, $GROUP_COUNT groups against ungrouped ($CLAIM_TASKS tasks a run, $RUNS rounds a process)"
  for run in $(seq 1 "$CLAIM_RUNS"); do
    for side in before after; do
      cp=$(classpath_of $side)
      [ -z "$cp" ] && continue # no baseline
      for limits in "" --limits; do
        echo "-- $side ${limits:-(no limits)}"
        # shellcheck disable=SC2086
        java $JAVA_OPTS -cp "$cp" io.vigil.bench.FairClaimBench --tasks "$CLAIM_TASKS" --groups "$GROUP_COUNT" \
          --rounds "$RUNS" $limits 2>&1 | grep -v -E '^[0-9:.]+ (INFO|DEBUG) ' | tee -a "$OUT/claim-$side$limits.txt"
      done
    done
  done
fi
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { # file key -> median of key=value over the file's lines
  grep -o " $2=[0-9.]*" "$1" 2>/dev/null | cut -d= -f2 | sort -n | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]}'
}
echo "== summary (medians; after ÷ before should be ≥ 0.95, or ≤ 1.05 for latencies)"
for pair in "a enqueue_per_s" "a processed_per_s" "b end_to_end_per_s" "b p99_ms"; do
  set -- $pair
  [ -f "$OUT/$1-after.txt" ] || continue
  before=$(median "$OUT/$1-before.txt" "$2"); after=$(median "$OUT/$1-after.txt" "$2")
  if [ -n "$before" ] && [ -n "$after" ]; then
    awk -v k="($1) $2" -v b="$before" -v a="$after" 'BEGIN {printf "  %-22s before %s, after %s, after/before %.3f\n", k, b, a, a / b}'
  else
    echo "  ($1) $2: after ${after:-?} (no before run)"
  fi
done
for side in before after; do
  [ -f "$OUT/claim-$side.txt" ] || continue
  echo "  claim with $GROUP_COUNT groups ÷ ungrouped, $side: median $(median "$OUT/claim-$side.txt" ratio)" \
    "(target ≥ 0.70); with limits on: $(median "$OUT/claim-$side--limits.txt" ratio);" \
    "Redis commands a task, grouped: $(median "$OUT/claim-$side.txt" grouped_cmds_per_task)" \
    "(with limits $(median "$OUT/claim-$side--limits.txt" grouped_cmds_per_task)," \
    "ungrouped $(median "$OUT/claim-$side.txt" ungrouped_cmds_per_task)); Redis CPU µs a task, grouped:" \
    "$(median "$OUT/claim-$side.txt" grouped_redis_us_per_task) (with limits" \
    "$(median "$OUT/claim-$side--limits.txt" grouped_redis_us_per_task), ungrouped" \
    "$(median "$OUT/claim-$side.txt" ungrouped_redis_us_per_task))"
done
echo "  raw lines in $OUT"
