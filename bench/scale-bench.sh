#!/usr/bin/env bash
# Issue 20: what each node costs. The same TASKS noop tasks (submitted in batches of 1,000 on node 1, or on every node
# in turn with SUBMIT=spread; processed by whichever nodes claim them) with 1, 2 and 3 clustered Vigil processes (the
# fat jar, Hazelcast on loopback) on one throwaway Redis (bench/lib/throwaway-redis.sh).
#
# Every node is warm before anything is measured: warm-up batches go to every node in turn until each node's own
# engine has finished WARMUP tasks (its /health queue check counts them), so every JVM is as far into compiling the
# task path as the others when the measured span starts (the JIT goes on long after, so it is counted apart). Then,
# for each node count:
#   - idle, for IDLE_S: the CPU the nodes and Redis burn with nothing to do, per node, split by thread group, and the
#     Redis commands a second (idle runners' polls);
#   - loaded, from the first measured submission until the queue is drained: CPU per task of all the nodes, split by
#     thread group (from /proc/<pid>/task/*/stat, bench/lib/cpu_groups.py: jit = "C1/C2 CompilerThre", gc = GC and
#     G1 threads and the VM Thread, hz = Hazelcast's "hz.*", eventloop = "vert.x-eventloop*", other = the rest), raw
#     and net of the idle CPU of the same span, with and without the JIT; Redis CPU, Redis commands and script calls
#     (EVALSHA) per task (INFO commandstats), and each node's share of the tasks.
# The coordination overhead is the CPU per task (the nodes without the JIT, idle time included since it is part of
# what a node costs, plus Redis) of N nodes over that of one node, minus 1: target <= 10 % ("net", beside it, leaves
# the idle CPU of the span out). On a 2-core machine several nodes cannot show speed-up; this measures cost, not
# throughput (docs/scaling.md §3).
#
# Knobs: TASKS (200000), WARMUP (40000 tasks finished by every node first), NODES ("1 2 3"), RUNS (3, interleaved),
#        IDLE_S (5), SUBMIT (first | spread), RETENTION_MAX (10000 finished tasks kept: every run, whatever its node
#        count and so its warm-up, trims finished tasks as a busy queue does; with Vigil's 100,000 only the runs whose
#        warm-up and tasks passed it did, which cost more Redis commands per task), JARS (target/vigil.jar; several
#        jars are run interleaved, side by side, for a before/after), JAVA_OPTS (-Xmx512m), REDIS_PORT (6391),
#        NODE_ENV (extra VAR=value settings for every node, e.g. "VIGIL_QUEUE_IDLE_POLL_MS=200"), NODE_ENV_<jar name>
#        (the same for that jar's nodes only: a copy or link of one jar under two names compares two settings).
# The defaults take about 6-10 minutes on a quiet 2-core machine.
# A smoke run of the plumbing: TASKS=2000 WARMUP=1000 RUNS=1 NODES="1 2" IDLE_S=2 bench/scale-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${TASKS:-200000}
WARMUP=${WARMUP:-40000}
NODES=${NODES:-"1 2 3"}
RUNS=${RUNS:-3}
IDLE_S=${IDLE_S:-5}
SUBMIT=${SUBMIT:-first}
JARS=${JARS:-target/vigil.jar}
NODE_ENV=${NODE_ENV:-}
RETENTION_MAX=${RETENTION_MAX:-10000}
REDIS_PORT=${REDIS_PORT:-6391}
OUT=${OUT:-$(mktemp -d /tmp/vigil-scale-bench.XXXXXX)}
[ "$JARS" != target/vigil.jar ] || [ -f target/vigil.jar ] || mvn -B -q -o package -DskipTests
for jar in $JARS; do [ -f "$jar" ] || { echo "no jar $jar" >&2; exit 1; }; done

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
echo "== $TASKS noop tasks; nodes: $NODES; runs: $RUNS; warm-up: $WARMUP per node; submit: $SUBMIT; jars: $JARS"
echo "== Redis $REDIS_URL; logs in $OUT; load average $(cut -d' ' -f1-3 /proc/loadavg)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
snap() { python3 bench/lib/cpu_groups.py snap "$@"; }
redis_ticks() { awk '{print $14 + $15}' "/proc/$REDIS_PID/stat"; }
commandstats() { redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | grep '^cmdstat_' | tr '\n' ' '; }
waiting() {
  curl -sf "http://127.0.0.1:$1/api/queues/default" | python3 -c \
    'import json,sys; q=json.load(sys.stdin); print(q["waiting"] + q["active"] + q.get("delayed", 0) + q.get("retrying", 0))'
}
# the tasks each node's own engine has finished so far (its /health queue check), space-separated
finished() {
  local port out=""
  for port in "$@"; do
    out+=" $(curl -s "http://127.0.0.1:$port/health" | python3 -c \
      'import json,sys; h=json.load(sys.stdin); print(next(c for c in h["checks"] if c["id"] == "queue")["data"]["finished"])')"
  done
  echo "$out"
}
BATCH=$(python3 -c 'import json; print(json.dumps({"tasks": [{"type": "noop"}] * 1000}))')
submit() { curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$BATCH" "http://127.0.0.1:$1/api/tasks/batch"; }

run() {
  local jar=$1 n=$2 run=$3 name="vigil-scale-$RANDOM$RANDOM" members="" ports=() http=() i
  local tag env_var; tag=$(basename "$jar" .jar); env_var="NODE_ENV_${tag//[^A-Za-z0-9_]/_}"
  for i in $(seq 1 "$n"); do ports+=("$(free_port)"); http+=("$(free_port)"); done
  for i in $(seq 0 $((n - 1))); do members+="${members:+,}127.0.0.1:${ports[$i]}"; done
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  PIDS=()
  for i in $(seq 0 $((n - 1))); do
    # shellcheck disable=SC2086 # NODE_ENV and JAVA_OPTS are lists
    env VIGIL_HTTP_PORT="${http[$i]}" VIGIL_REDIS_URL="$REDIS_URL" VIGIL_REDIS_PREFIX=scale \
      VIGIL_CLUSTER_ENABLED="$([ "$n" -gt 1 ] && echo true || echo false)" VIGIL_CLUSTER_NAME="$name" \
      VIGIL_CLUSTER_HOST=127.0.0.1 VIGIL_CLUSTER_PORT="${ports[$i]}" VIGIL_CLUSTER_MEMBERS="$members" \
      VIGIL_LOG_FORMAT=text VIGIL_METRICS_ENABLED=false VIGIL_QUEUE_DEFAULTS_RETENTION_MAX="$RETENTION_MAX" $NODE_ENV ${!env_var:-} \
      java ${JAVA_OPTS:--Xmx512m} -jar "$jar" >"$OUT/node-$tag-$n-$run-$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in $(seq 0 $((n - 1))); do
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:${http[$i]}/health/ready" >/dev/null && break; sleep 0.2; done
  done
  # warm-up: batches to every node in turn until each node's engine has finished WARMUP tasks itself (at most 20x
  # WARMUP per node sent, should one node never win a claim)
  local sent=0 done_min=0 k=0
  while [ "$done_min" -lt "$WARMUP" ] && [ "$sent" -lt $((20 * WARMUP * n + 1000)) ]; do
    for i in $(seq 0 $((n - 1))); do submit "${http[$i]}"; sent=$((sent + 1000)); done
    k=$((k + 1))
    if [ $((k % 5)) -eq 0 ] || [ $((sent / n)) -ge "$WARMUP" ]; then
      # shellcheck disable=SC2046
      done_min=$(printf '%s\n' $(finished "${http[@]}") | sort -n | head -1)
    fi
  done
  while [ "$(waiting "${http[0]}")" != "0" ]; do sleep 0.05; done
  sleep 1
  local f0 f1 idle0 idle1 ri0 ri1 cs_idle t0 t1 r0 r1 cs start end
  redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
  idle0=$(snap "${PIDS[@]}"); ri0=$(redis_ticks); sleep "$IDLE_S"
  idle1=$(snap "${PIDS[@]}"); ri1=$(redis_ticks); cs_idle=$(commandstats)
  redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
  f0=$(finished "${http[@]}")
  t0=$(snap "${PIDS[@]}"); r0=$(redis_ticks); start=$(date +%s%N)
  sent=0 k=0
  while [ "$sent" -lt "$TASKS" ]; do
    if [ "$SUBMIT" = spread ]; then i=$((k % n)); else i=0; fi
    submit "${http[$i]}"
    sent=$((sent + 1000)) k=$((k + 1))
  done
  while [ "$(waiting "${http[0]}")" != "0" ]; do sleep 0.05; done
  end=$(date +%s%N); t1=$(snap "${PIDS[@]}"); r1=$(redis_ticks); cs=$(commandstats)
  f1=$(finished "${http[@]}")
  python3 - "$tag" "$n" "$sent" "$(( (end - start) / 1000000 ))" "$IDLE_S" "$(getconf CLK_TCK)" \
    "$idle0" "$idle1" "$t0" "$t1" "$((ri1 - ri0))" "$((r1 - r0))" "$cs_idle" "$cs" "$f0" "$f1" <<'PY'
import json, sys
tag, n, tasks, ms, idle_s, hz = sys.argv[1], *map(int, sys.argv[2:7])
idle0, idle1, t0, t1 = (json.loads(a) for a in sys.argv[7:11])
redis_idle, redis_loaded = map(int, sys.argv[11:13])
def stats(text):
    out = {}
    for item in text.split():
        name, fields = item.split(":", 1)
        out[name[len("cmdstat_"):]] = dict(f.split("=") for f in fields.split(","))
    return out
cs_idle, cs = stats(sys.argv[13]), stats(sys.argv[14])
f0, f1 = ([int(x) for x in a.split()] for a in sys.argv[15:17])
groups = ("jit", "gc", "hz", "eventloop", "other")
def delta(a, b):
    d = {g: 0 for g in groups + ("total",)}
    for pid in b:
        d["total"] += b[pid]["total"] - a[pid]["total"]
        for g in groups[:-1]:
            d[g] += b[pid][g] - a[pid][g]
    d["other"] = d["total"] - sum(d[g] for g in groups[:-1])
    return d
idle, loaded = delta(idle0, idle1), delta(t0, t1)
us = lambda ticks: ticks * 1e6 / hz / tasks
net = {g: loaded[g] - idle[g] * ms / 1000 / idle_s for g in loaded}  # less what the same span burns idle
row = {"jar": tag, "nodes": n, "tasks": tasks, "seconds": f"{ms / 1000:.1f}", "tasks_per_s": f"{tasks * 1000 / ms:.0f}"}
for g in groups + ("total",):
    row[f"us_{g}"] = f"{us(loaded[g]):.1f}"
    row[f"net_us_{g}"] = f"{us(net[g]):.1f}"
row["us_nojit"] = f"{us(loaded['total'] - loaded['jit']):.1f}"
row["net_us_nojit"] = f"{us(net['total'] - net['jit']):.1f}"
row["redis_us"] = f"{us(redis_loaded):.1f}"
row["redis_calls_per_task"] = f"{sum(int(v['calls']) for v in cs.values()) / tasks:.3f}"
row["evalsha_per_task"] = f"{int(cs.get('evalsha', {}).get('calls', 0)) / tasks:.3f}"
for g in groups + ("total",):  # idle, per node, in % of one core
    row[f"idle_pct_{g}"] = f"{idle[g] * 100 / hz / idle_s / n:.2f}"
row["idle_pct_nodes"] = "/".join(f"{(idle1[p]['total'] - idle0[p]['total']) * 100 / hz / idle_s:.1f}" for p in idle1)
row["idle_pct_nodes_nojit"] = "/".join(
    f"{(idle1[p]['total'] - idle1[p]['jit'] - idle0[p]['total'] + idle0[p]['jit']) * 100 / hz / idle_s:.1f}" for p in idle1)
row["idle_redis_pct"] = f"{redis_idle * 100 / hz / idle_s:.2f}"
row["idle_redis_calls_per_s"] = f"{sum(int(v['calls']) for v in cs_idle.values()) / idle_s:.0f}"
for name, v in sorted(cs.items()):  # each Redis command (those the scripts run included) per task
    if name != "config|resetstat":
        row["c_" + name.replace("|", "_")] = f"{int(v['calls']) / tasks:.4f}"
row["share"] = "/".join(f"{(b - a) * 100 / tasks:.0f}" for a, b in zip(f0, f1))
print("RESULT " + " ".join(f"{k}={v}" for k, v in row.items()))
PY
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

for run_no in $(seq 1 "$RUNS"); do
  for n in $NODES; do
    for jar in $JARS; do run "$jar" "$n" "$run_no" | tee -a "$OUT/results.txt"; done
  done
done
echo "== medians per jar and node count. CPU per task (us) of all the nodes by thread group while loaded; nodes-jit: all but"
echo "   the JIT; total = nodes-jit + Redis, its overhead against 1 node of the same jar (target <= 10 %); net: the same less"
echo "   the idle CPU of the span. Redis commands and EVALSHA calls per task. Idle: per node, in % of one core."
python3 - "$OUT/results.txt" <<'PY'
import statistics, sys
rows = [dict(kv.split("=") for kv in line.split()[1:]) for line in open(sys.argv[1]) if line.startswith("RESULT")]
by = {}
for r in rows: by.setdefault((r["jar"], int(r["nodes"])), []).append(r)
med = lambda key, k: statistics.median(float(r[k]) for r in by[key])
base, net_base = {}, {}
cols = (("tasks/s", ".0f"), ("jit", ".1f"), ("gc", ".1f"), ("hz", ".1f"), ("loop", ".1f"), ("other", ".1f"),
        ("nodes-jit", ".1f"), ("redis", ".1f"), ("total", ".1f"), ("over", "s"), ("net", ".1f"), ("over", "s"),
        ("cmd/t", ".3f"), ("eval/t", ".3f"), ("|idle", ".2f"), ("-jit", ".2f"), ("hz", ".2f"), ("loop", ".2f"),
        ("other", ".2f"), ("redis/s", ".0f"))
print(f"{'jar':<14}{'nodes':>6}" + "".join(f"{c:>{max(7, len(c) + 1)}}" for c, _ in cols))
for key in sorted(by):
    jar, n = key
    m = lambda k: med(key, k)
    total, net = m("us_nojit") + m("redis_us"), m("net_us_nojit") + m("redis_us")
    base.setdefault(jar, total)
    net_base.setdefault(jar, net)
    cells = [m("tasks_per_s"), *(m("us_" + g) for g in ("jit", "gc", "hz", "eventloop", "other")), m("us_nojit"),
             m("redis_us"), total, f"{100 * (total / base[jar] - 1):+.1f}%", net, f"{100 * (net / net_base[jar] - 1):+.1f}%",
             m("redis_calls_per_task"), m("evalsha_per_task"), m("idle_pct_total"),
             m("idle_pct_total") - m("idle_pct_jit"), m("idle_pct_hz"), m("idle_pct_eventloop"), m("idle_pct_other"),
             m("idle_redis_calls_per_s")]
    print(f"{jar:<14}{n:>6}" + "".join(f"{c:>{max(7, len(h) + 1)}{f}}" for c, (h, f) in zip(cells, cols)))
PY
