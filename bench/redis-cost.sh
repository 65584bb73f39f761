#!/usr/bin/env bash
# Redis's work per task, counted in instructions rather than seconds: repeatable on a busy or noisy machine, where
# Redis CPU time per task moves by ±15 % from run to run and hides a change of a few per cent.
#
#   bench/redis-cost.sh                                   # (b) of vs-bullmq: RedisQueueBench single, 5,000 tasks
#   BASE=/path/to/older/vigil.jar bench/redis-cost.sh     # the same recorded calls, each jar's Lua: A/B of the scripts
#   WORKLOAD=bulk TASKS=20000 WARMUP=20000 bench/redis-cost.sh
#   TRACE=/tmp/vigil-redis-cost.X/trace.txt TASKS=5000 bench/redis-cost.sh   # replay a trace recorded before
#
# 1. Records a Redis MONITOR trace of one RedisQueueBench run (WORKLOAD, TASKS, WARMUP) of target/vigil.jar on a
#    throwaway Redis.
# 2. Keeps the benchmark's own script calls (EVALSHA, SCRIPT LOAD) in their recorded order, and for each jar (BASE
#    when given, then target/vigil.jar) puts that jar's scripts in place of the recorded ones: the same ARGV, the
#    same merges, that jar's Lua.
# 3. Replays each on a fresh redis-server under valgrind's callgrind, counting instructions only in the measured
#    window (between the benchmark's INFO cpu reads), and prints instructions per task and per script call, and the
#    same for a trivial script (the floor of one EVALSHA).
# The two sides must keep the same key layout and ARGV (a change of either is not a Lua-only change: compare them
# with bench/vs-bullmq.sh instead). MONITOR slows the recorded run, so its merged calls are smaller than in a run
# without it (about 2.3 tasks a script call in (b) instead of 4.5): the figures are per recorded trace, for comparing
# scripts, not a forecast of Redis's CPU. Debian's redis-server has no symbols; for `callgrind_annotate` replay on a
# build of the same version (`apt-get source redis`, `make`; REPLAY_REDIS=.../src/redis-server).
# Needs valgrind, redis-server, redis-cli, python3, a JDK and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
WORKLOAD=${WORKLOAD:-single}
TASKS=${TASKS:-5000}
WARMUP=${WARMUP:-20000}
PRODUCERS=${PRODUCERS:-10} # single: 64 is closer to POST /api/tasks under wrk's 64 connections
BASE=${BASE:-}
REPLAY_REDIS_ARGS=${REPLAY_REDIS_ARGS:-} # e.g. "--hash-max-listpack-entries 0": the replaying Redis's settings
REPLAY_REDIS=${REPLAY_REDIS:-redis-server} # the replaying server: a build with symbols makes callgrind_annotate useful
REDIS_PORT=${REDIS_PORT:-6397}
OUT=${OUT:-$(mktemp -d /tmp/vigil-redis-cost.XXXXXX)}
mkdir -p "$OUT"
for tool in valgrind callgrind_control redis-server redis-cli python3 java; do
  command -v "$tool" >/dev/null || { echo "redis-cost: '$tool' is needed and not on the PATH" >&2; exit 2; }
done
bash bench/build.sh
# shellcheck source=bench/lib/throwaway-redis.sh
. bench/lib/throwaway-redis.sh
trap 'stop_throwaway_redis; [ -n "${MON:-}" ] && kill "$MON" 2>/dev/null; true' EXIT

if [ -n "${TRACE:-}" ]; then
  echo "== replaying the trace $TRACE (recorded with TASKS=$TASKS)"
  cp "$TRACE" "$OUT/trace.txt"
else
  echo "== recording: RedisQueueBench $WORKLOAD --tasks $TASKS --warmup $WARMUP (target/vigil.jar)"
  start_throwaway_redis "$REDIS_PORT" "$OUT/redis"
  redis-cli -p "$REDIS_PORT" monitor >"$OUT/trace.txt" &
  MON=$!
  sleep 0.3
  case $WORKLOAD in
    single) args=(single --tasks "$TASKS" --warmup "$WARMUP" --producers "$PRODUCERS" --concurrency 50) ;;
    bulk) args=(bulk --tasks "$TASKS" --warmup "$WARMUP" --batch 1000 --concurrency 50) ;;
    *) echo "WORKLOAD is single or bulk" >&2; exit 2 ;;
  esac
  VIGIL_BENCH_REDIS_URL=$REDIS_URL java -XX:+UseZGC -Xmx4g -cp target/vigil.jar:bench/out io.vigil.bench.RedisQueueBench \
    "${args[@]}" >"$OUT/bench.log" 2>&1 || { tail -20 "$OUT/bench.log" >&2; exit 1; }
  sleep 0.5
  kill "$MON"; MON=
  stop_throwaway_redis
fi

replay() { # label resp start end -> "instructions" (measured window only)
  local label=$1 resp=$2 start=$3 end=$4 port=$((REDIS_PORT + 1)) pid
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$OUT/$label.callgrind" \
    "$REPLAY_REDIS" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --logfile "$OUT/$label-redis.log" $REPLAY_REDIS_ARGS \
    >"$OUT/$label-valgrind.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.2; done
  python3 bench/lib/redis_replay.py send "$resp" "$port" "$start" "$end" "$pid"
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  wait "$pid" || true
  grep -o 'Collected : [0-9]*' "$OUT/$label-valgrind.log" | awk '{print $3}'
}

python3 bench/lib/redis_replay.py trivial "$OUT/trivial.resp" 2000
floor=$(replay trivial "$OUT/trivial.resp" 1 2001)

sides=()
[ -n "$BASE" ] && sides+=("base=$BASE")
sides+=("target=target/vigil.jar")
echo "== measured window: $TASKS tasks; instructions counted in Redis (callgrind), the recorded calls replayed in order"
printf '%-8s %14s %12s %12s %16s\n' side instructions per_task calls per_call
for side in "${sides[@]}"; do
  label=${side%%=*}; jar=${side#*=}
  read -r start end calls changed < <(python3 bench/lib/redis_replay.py prepare "$OUT/trace.txt" "$jar" "$OUT/$label.resp")
  if [ "$label" = target ] && [ -z "${TRACE:-}" ] && [ "$changed" != 0 ]; then
    echo "redis-cost: the scripts rebuilt from target/vigil.jar differ from the recorded ones (RedisScript's rule changed?)" >&2
    exit 1
  fi
  total=$(replay "$label" "$OUT/$label.resp" "$start" "$end")
  awk -v l="$label" -v t="$total" -v n="$TASKS" -v c="$calls" \
    'BEGIN { printf "%-8s %14d %12.0f %12d %16.0f\n", l, t, t / n, c, t / c }'
done
awk -v t="$floor" 'BEGIN { printf "(a trivial script call, EVALSHA of \"return 1\": %.0f instructions)\n", t / 2000 }'
echo "trace, replays and callgrind files in $OUT (callgrind_annotate FILE shows where)"
