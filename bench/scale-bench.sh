#!/usr/bin/env bash
# Issue 20: what each node costs. The same TASKS noop tasks (submitted on node 1 in batches of 1,000, processed by
# whichever nodes claim them) with 1, 2 and 3 clustered Vigil processes (the fat jar, Hazelcast on loopback) on one
# throwaway Redis (bench/lib/throwaway-redis.sh). For each node count: the CPU (utime + stime from /proc) of every Vigil
# process and of Redis from the first submission until the queue is drained, per task, beside the CPU the same
# processes burn idle for as long (heartbeats, lease checks, polling), which the "net" figure leaves out.
# The coordination overhead is the CPU per task of N nodes over that of one node, minus 1: target <= 10 %.
# On a 2-core machine several nodes cannot show speed-up; this measures cost, not throughput (docs/scaling.md).
#
# Knobs: TASKS (200000), WARMUP (50000 tasks first, not measured), NODES ("1 2 3"), RUNS (3, per node count,
#        interleaved), IDLE_S (5), JAVA_OPTS (-Xmx512m), REDIS_PORT (6391).
# A smoke run of the plumbing: TASKS=2000 WARMUP=1000 RUNS=1 NODES="1 2" IDLE_S=2 bench/scale-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${TASKS:-200000}
WARMUP=${WARMUP:-50000}
NODES=${NODES:-"1 2 3"}
RUNS=${RUNS:-3}
IDLE_S=${IDLE_S:-5}
REDIS_PORT=${REDIS_PORT:-6391}
OUT=${OUT:-$(mktemp -d /tmp/vigil-scale-bench.XXXXXX)}
HZ=$(getconf CLK_TCK)
[ -f target/vigil.jar ] || mvn -B -q -o package -DskipTests

# shellcheck source=bench/lib/throwaway-redis.sh
. bench/lib/throwaway-redis.sh
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_throwaway_redis
}
trap cleanup EXIT
start_throwaway_redis "$REDIS_PORT" "$OUT/redis"
echo "== $TASKS noop tasks; nodes: $NODES; runs: $RUNS; Redis $REDIS_URL; logs in $OUT"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ticks() { local t=0 pid; for pid in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$t"; }
waiting() {
  curl -sf "http://127.0.0.1:$1/api/queues/default" | python3 -c \
    'import json,sys; q=json.load(sys.stdin); print(q["waiting"] + q["active"] + q.get("delayed", 0) + q.get("retrying", 0))'
}

run() {
  local n=$1 run=$2 name="vigil-scale-$RANDOM$RANDOM" members="" ports=() http=() i
  for i in $(seq 1 "$n"); do ports+=("$(free_port)"); http+=("$(free_port)"); done
  for i in $(seq 0 $((n - 1))); do members+="${members:+,}127.0.0.1:${ports[$i]}"; done
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  PIDS=()
  for i in $(seq 0 $((n - 1))); do
    VIGIL_HTTP_PORT=${http[$i]} VIGIL_REDIS_URL=$REDIS_URL VIGIL_REDIS_PREFIX=scale \
      VIGIL_CLUSTER_ENABLED=$([ "$n" -gt 1 ] && echo true || echo false) VIGIL_CLUSTER_NAME=$name \
      VIGIL_CLUSTER_HOST=127.0.0.1 VIGIL_CLUSTER_PORT=${ports[$i]} VIGIL_CLUSTER_MEMBERS=$members \
      VIGIL_LOG_FORMAT=text VIGIL_METRICS_ENABLED=false \
      java ${JAVA_OPTS:--Xmx512m} -jar target/vigil.jar >"$OUT/node-$n-$run-$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in $(seq 0 $((n - 1))); do
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:${http[$i]}/health/ready" >/dev/null && break; sleep 0.2; done
  done
  local batch; batch=$(python3 -c 'import json; print(json.dumps({"tasks": [{"type": "noop"}] * 1000}))')
  local warm=0
  while [ "$warm" -lt "$WARMUP" ]; do  # JIT and pools warm, so the idle and measured spans are steady state
    curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$batch" "http://127.0.0.1:${http[0]}/api/tasks/batch"
    warm=$((warm + 1000))
  done
  while [ "$(waiting "${http[0]}")" != "0" ]; do sleep 0.05; done
  sleep 1
  # idle: what the nodes and Redis burn with nothing to do, for IDLE_S
  local idle0 idle1 r0 r1 start end t0 t1
  idle0=$(ticks "${PIDS[@]}"); r0=$(ticks "$REDIS_PID"); sleep "$IDLE_S"
  idle1=$(ticks "${PIDS[@]}"); r1=$(ticks "$REDIS_PID")
  local idle_rate=$(( (idle1 - idle0) * 1000 / IDLE_S ))  # ticks per 1000 s
  t0=$(ticks "${PIDS[@]}"); r0=$(ticks "$REDIS_PID"); start=$(date +%s%N)
  local sent=0
  while [ "$sent" -lt "$TASKS" ]; do
    curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$batch" "http://127.0.0.1:${http[0]}/api/tasks/batch"
    sent=$((sent + 1000))
  done
  while [ "$(waiting "${http[0]}")" != "0" ]; do sleep 0.05; done
  end=$(date +%s%N); t1=$(ticks "${PIDS[@]}"); r1=$(ticks "$REDIS_PID")
  local secs_ms=$(( (end - start) / 1000000 ))
  python3 - "$n" "$sent" "$secs_ms" "$((t1 - t0))" "$((r1 - r0))" "$idle_rate" "$HZ" <<'PY'
import sys
n, tasks, ms, vigil, redis, idle_rate, hz = map(int, sys.argv[1:])
us = lambda ticks: ticks * 1e6 / hz / tasks
idle = idle_rate * ms / 1e6  # the idle ticks of the same span
print(f"RESULT nodes={n} tasks={tasks} seconds={ms/1000:.1f} tasks_per_s={tasks*1000/ms:.0f} "
      f"vigil_cpu_us_per_task={us(vigil):.1f} vigil_net_cpu_us_per_task={us(max(0, vigil - idle)):.1f} "
      f"redis_cpu_us_per_task={us(redis):.1f} idle_cpu_percent={idle_rate / hz / 10:.1f}")
PY
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

for run_no in $(seq 1 "$RUNS"); do
  for n in $NODES; do run "$n" "$run_no" | tee -a "$OUT/results.txt"; done
done
echo "== medians per node count (CPU per task: Vigil processes + Redis; overhead against 1 node, target <= 10 %)"
python3 - "$OUT/results.txt" <<'PY'
import re, statistics, sys
rows = [dict(kv.split("=") for kv in line.split()[1:]) for line in open(sys.argv[1]) if line.startswith("RESULT")]
by = {}
for r in rows: by.setdefault(int(r["nodes"]), []).append(r)
med = lambda n, k: statistics.median(float(r[k]) for r in by[n])
base = None
for n in sorted(by):
    total = med(n, "vigil_net_cpu_us_per_task") + med(n, "redis_cpu_us_per_task")
    base = base or total
    print(f"nodes={n} tasks_per_s={med(n, 'tasks_per_s'):.0f} vigil_net_us={med(n, 'vigil_net_cpu_us_per_task'):.1f} "
          f"redis_us={med(n, 'redis_cpu_us_per_task'):.1f} total_us={total:.1f} overhead={100 * (total / base - 1):+.1f}%")
PY
