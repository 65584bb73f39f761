#!/usr/bin/env bash
# Memory backend, issue 2: 200,000 noop tasks enqueued in batches of 1,000, then processed at concurrency 50.
#
#   bench/queue-bench.sh                  # 3 runs of each benchmark, each run a fresh JVM
#   RUNS=5 bench/queue-bench.sh
#   ARGS="--inflight 4" bench/queue-bench.sh   # extra arguments for QueueEngineBench
#
# Two programs, each run RUNS times in its own JVM (a full-size warm-up round first, then the measured round):
#   MemoryBackendBench  MemoryQueueBackend called directly from one thread: enqueue batches, claim/ack loops
#   QueueEngineBench    a Vigil node in process: pause the queue, TASKS_SUBMIT_BATCH over the bus, heap after
#                       enqueue, resume, time until QUEUES_GET reports every task completed
# The gap between the two is the engine's own cost (bus, JSON, parsing, runner, settler).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
TASKS=${TASKS:-200000}
ARGS=${ARGS:-}
JAVA_OPTS=${JAVA_OPTS:-}
OUT=${OUT:-$(mktemp -d /tmp/vigil-queue-bench.XXXXXX)}
mkdir -p "$OUT"

bash bench/build.sh

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)"
echo "== load before: $(uptime)"
: >"$OUT/results.txt"
for run in $(seq 1 "$RUNS"); do
  for bench in MemoryBackendBench QueueEngineBench; do
    extra=""
    [ "$bench" = QueueEngineBench ] && extra=$ARGS
    # shellcheck disable=SC2086
    java $JAVA_OPTS -Dvigil.log.level=WARN -cp target/vigil.jar:bench/out "io.vigil.bench.$bench" --tasks "$TASKS" $extra \
      2>&1 | tee -a "$OUT/results.txt" | sed "s/^/run $run: /"
  done
done
echo "== load after: $(uptime)"
echo
echo "== summary (median of $RUNS, range, spread = (max-min)/median)"
java -cp bench/out io.vigil.bench.Summarize <"$OUT/results.txt"
echo "raw output in $OUT"
