#!/usr/bin/env bash
# Issue 14: Vigil's Redis engine beside BullMQ in one run, on one throwaway Redis, a fresh process per run.
#
#   bench/vs-bullmq.sh                         # 3 interleaved rounds of both workloads, then the medians and ratios
#   ROUNDS=5 bench/vs-bullmq.sh
#   WORKLOADS=b ROUNDS=1 TASKS_B=2000 WARMUP_B=500 bench/vs-bullmq.sh     # a quick check of the plumbing
#   VIGIL_JAVA_OPTS="-Xms2g -Xmx2g -XX:+UseParallelGC" bench/vs-bullmq.sh # Vigil's JVM flags (default: the shipped ones)
#
# Needs node/npm (20+), a JDK 17 with Maven, redis-server and redis-cli. Builds Vigil's jar and the benchmarks when
# missing or stale (bench/build.sh), installs the peer (npm ci in bench/peers/bullmq) when its node_modules is missing,
# and starts its own Redis on REDIS_PORT (default 6390; another free port when that one is taken), without
# persistence, stopped at exit. Nothing else may use that Redis: its CPU and command counters are read per run.
#
# Each round runs, each in a fresh process and on a flushed Redis:
#   bullmq (a)  bench/peers/bullmq/bulk.mjs      TASKS_A tasks in batches of BATCH (addBulk), one Worker at
#                                                CONCURRENCY, results kept (removeOnComplete: false)
#   vigil  (a)  RedisQueueBench bulk             the same through vigil.tasks.submit.batch and the Redis backend,
#                                                processed by the engine at CONCURRENCY, finished tasks kept
#   bullmq (b)  bench/peers/bullmq/single.mjs    TASKS_B tasks, PRODUCERS producers one at a time (await queue.add),
#                                                Worker at CONCURRENCY; submit -> worker 'completed' per task
#   vigil  (b)  RedisQueueBench single           the same through vigil.tasks.submit (the path POST /api/tasks takes);
#                                                submit -> the vigil.queue.tasks.finished fact (after the ack script)
# Every run first puts WARMUP_A / WARMUP_B tasks through the same steps on other keys, unmeasured: the same count for
# both engines. The default is one round of the measured size (50,000 for (a), 20,000 for (b)): issue 14 asks for
# the speed of a node that has just started, from its first measured run, so the warm-up must be the same for both and
# short; a long one would hide exactly what the issue is about (Vigil's (b) needs >100k tasks to reach its speed).
# Each run prints one JSON line (keys: bench/peers/bullmq/README.md) with rates, latency, the process's CPU per task
# (every thread), Redis's CPU per task (INFO cpu used_cpu_user + used_cpu_sys, before/after the measured window) and
# Redis commands per task. The summary gives each engine's median and the median over rounds of Vigil / BullMQ.
#
# Don't take figures on a loaded machine: every process here, Redis included, shares the same cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
WORKLOADS=${WORKLOADS:-a b}
TASKS_A=${TASKS_A:-50000}
BATCH=${BATCH:-1000}
TASKS_B=${TASKS_B:-20000}
PRODUCERS=${PRODUCERS:-10}
CONCURRENCY=${CONCURRENCY:-50}
WARMUP_A=${WARMUP_A:-$TASKS_A}
WARMUP_B=${WARMUP_B:-$TASKS_B}
REDIS_PORT=${REDIS_PORT:-6390}
VIGIL_JAVA_OPTS=${VIGIL_JAVA_OPTS:--XX:+UseZGC -Xmx4g -XX:MaxInlineLevel=9 -XX:InlineSmallCode=1000 -XX:CICompilerCount=4}
OUT=${OUT:-$(mktemp -d /tmp/vigil-vs-bullmq.XXXXXX)}
mkdir -p "$OUT"
PEER=bench/peers/bullmq

for tool in node npm java javac mvn redis-server redis-cli ss; do
  command -v "$tool" >/dev/null || { echo "vs-bullmq: '$tool' is needed and not on the PATH" >&2; exit 2; }
done

bash bench/build.sh
if [ ! -d "$PEER/node_modules/bullmq" ] || [ ! -d "$PEER/node_modules/ioredis" ]; then
  echo "== installing the BullMQ peer (npm ci in $PEER)"
  (cd "$PEER" && npm ci --no-audit --no-fund --loglevel=error)
fi

# shellcheck source=bench/lib/throwaway-redis.sh
. bench/lib/throwaway-redis.sh
trap stop_throwaway_redis EXIT
start_throwaway_redis "$REDIS_PORT" "$OUT/redis"
export VIGIL_BENCH_REDIS_URL=$REDIS_URL

run() { # round engine workload -> appends "<round> <json>" to results.txt and prints a line for the run
  local round=$1 engine=$2 workload=$3 log="$OUT/$1-$2-$3.log" line
  redis-cli -p "$REDIS_PORT" flushall >/dev/null # our own server: every run starts from an empty one
  case "$engine-$workload" in
    bullmq-a) node "$PEER/bulk.mjs" --tasks "$TASKS_A" --batch "$BATCH" --concurrency "$CONCURRENCY" --warmup "$WARMUP_A" ;;
    bullmq-b) node "$PEER/single.mjs" --tasks "$TASKS_B" --producers "$PRODUCERS" --concurrency "$CONCURRENCY" --warmup "$WARMUP_B" ;;
    # shellcheck disable=SC2086
    vigil-a) java $VIGIL_JAVA_OPTS -cp target/vigil.jar:bench/out io.vigil.bench.RedisQueueBench bulk \
      --tasks "$TASKS_A" --batch "$BATCH" --concurrency "$CONCURRENCY" --warmup "$WARMUP_A" ;;
    # shellcheck disable=SC2086
    vigil-b) java $VIGIL_JAVA_OPTS -cp target/vigil.jar:bench/out io.vigil.bench.RedisQueueBench single \
      --tasks "$TASKS_B" --producers "$PRODUCERS" --concurrency "$CONCURRENCY" --warmup "$WARMUP_B" ;;
  esac >"$log" 2>&1 || { echo "run $round $engine ($workload) failed; its output:" >&2; tail -20 "$log" >&2; exit 1; }
  line=$(grep '^{' "$log" | tail -1 || true)
  [ -n "$line" ] || { echo "run $round $engine ($workload) printed no result; see $log" >&2; exit 1; }
  echo "$round $line" >>"$OUT/results.txt"
  # the figures as key=value, without what every run of the kind shares
  echo "round $round $engine ($workload): $(echo "$line" |
    sed -E 's/"(engine|workload|tasks|batch|producers|concurrency|warmup|node|java|jvm_flags)":("[^"]*"|[0-9]+),?//g' |
    tr -d '{}"' | tr ',:' ' =') load=$(cut -d' ' -f1 /proc/loadavg)"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM; $(redis-server --version | cut -d' ' -f1-3);" \
  "node $(node --version); $(java -version 2>&1 | head -1)"
echo "== BullMQ $(node -p "require('./$PEER/node_modules/bullmq/package.json').version"), ioredis" \
  "$(node -p "require('./$PEER/node_modules/ioredis/package.json').version"); Vigil JVM: $VIGIL_JAVA_OPTS"
echo "== Redis on port $REDIS_PORT; $ROUNDS round(s) of: $WORKLOADS; (a) $TASKS_A tasks, batches of $BATCH, warm-up $WARMUP_A;" \
  "(b) $TASKS_B tasks, $PRODUCERS producers, warm-up $WARMUP_B; concurrency $CONCURRENCY"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$OUT/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  for workload in $WORKLOADS; do
    run "$round" bullmq "$workload"
    run "$round" vigil "$workload"
  done
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp target/vigil.jar:bench/out io.vigil.bench.VsSummary <"$OUT/results.txt"
echo "raw output in $OUT"
