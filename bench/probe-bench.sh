#!/usr/bin/env bash
# Issue 15's probe benchmark: one Vigil node (the fat jar) running N http probes against a local target
# (bench/src/io/vigil/bench/ProbeTarget.java), then the idle footprint.
#
#   bench/probe-bench.sh       # 1,000 http probes at 1 s for 60 s; then 100 probes at 10 s for 60 s, twice: from
#                              # WARMUP on, and again IDLE_SETTLED_AT (900) s after the node's start (0: not)
#   PROBES=20 DURATION=5 IDLE_PROBES=10 IDLE_DURATION=5 WARMUP=3 IDLE_SETTLED_AT=0 bench/probe-bench.sh   # a quick check
#
# Prints, per phase: probe results/s (from GET /api/probes/stats), scheduling lateness p50/p99/max (the drift: how
# late a check started after its due time) over the checks of the measured span only — the difference of two scrapes
# of the vigil_probe_schedule_lateness_seconds histogram on /metrics, so a figure is the bucket bound it falls under
# ("<=2" ms) and the start-up's late checks are not counted (GET /api/probes/stats' own lateness is over the last
# 4,096 checks: at 10 checks/s that still holds the start-up) — Vigil's CPU as % of one core (utime+stime from /proc
# over the measured span; "jit": the share of its JIT compiler threads) and RSS. The idle node is measured twice: its
# CPU in the first minutes is mostly the JIT, still compiling code that ten checks a second reach only slowly
# (docs/performance.md "Probes (issue 15)"); "idle-settled" is what it costs once that is done. Targets (issue 15):
# drift p99 <= 50 ms and <= 50 % of one core at 1,000 probes/s; idle (100 probes at 10 s) < 2 % of one core and
# RSS < 256 MB.
# Figures belong in docs/performance.md only from a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PROBES=${PROBES:-1000}
INTERVAL_MS=${INTERVAL_MS:-1000}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-20}
IDLE_PROBES=${IDLE_PROBES:-100}
IDLE_INTERVAL_MS=${IDLE_INTERVAL_MS:-10000}
IDLE_DURATION=${IDLE_DURATION:-60}
IDLE_SETTLED_AT=${IDLE_SETTLED_AT:-900}
TARGET_PORT=${TARGET_PORT:-18090}
VIGIL_PORT=${VIGIL_PORT:-18091}
export -n VIGIL_PORT # Vigil refuses a VIGIL_* variable that names no setting
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
OUT=$(mktemp -d /tmp/vigil-probe-bench.XXXXXX)
CLK_TCK=$(getconf CLK_TCK)

bench/build.sh
java -cp target/vigil.jar:bench/out io.vigil.bench.ProbeTarget --port "$TARGET_PORT" > "$OUT/target.log" 2>&1 &
TARGET_PID=$!
VIGIL_PID=
cleanup() {
  [ -n "$VIGIL_PID" ] && kill "$VIGIL_PID" 2>/dev/null && wait "$VIGIL_PID" 2>/dev/null || true
  kill "$TARGET_PID" 2>/dev/null && wait "$TARGET_PID" 2>/dev/null || true
}
trap cleanup EXIT

# one YAML with $1 http probes at $2 ms (self-probes stay: they are part of a node's footprint)
config() {
  local n=$1 interval=$2 file=$3
  {
    echo "components:"
    for i in $(seq 1 "$n"); do
      echo "  bench-$i: {probe: {type: http, url: \"http://127.0.0.1:$TARGET_PORT/health/$i\", interval_ms: $interval, timeout_ms: $(( interval < 2000 ? interval : 2000 ))}}"
    done
  } > "$file"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# the JIT compiler threads' share of it (a compiler thread that exits in the span takes its ticks along: a floor)
jit_ticks() {
  local t sum=0
  for t in /proc/"$1"/task/*; do
    grep -q '^C[12] CompilerThre' "$t/comm" 2>/dev/null && sum=$(( sum + $(awk '{print $14 + $15}' "$t/stat") ))
  done
  echo "$sum"
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
stat_field() { grep -o "\"$1\":[0-9.]*" <<< "$2" | awk -F: 'NR == 1 {print $2}'; }  # the first (top-level) one
# the lateness histogram's cumulative buckets as "le count" lines (le in seconds, +Inf last)
lateness() {
  curl -fsS "http://127.0.0.1:$VIGIL_PORT/metrics" \
    | sed -n 's/^vigil_probe_schedule_lateness_seconds_bucket{le="\([^"]*\)"} \([0-9.Ee+]*\)$/\1 \2/p'
}
# "p50 p99 max" in ms over the checks between two lateness() scrapes: the bound of the bucket each falls under
phase_lateness() {
  LC_ALL=C join <(LC_ALL=C sort "$1") <(LC_ALL=C sort "$2") | sort -g | awk '
    { le[NR] = $1; n[NR] = $3 - $2 }
    END {
      total = n[NR]
      if (total == 0) { print "- - -"; exit }
      for (i = 1; i <= NR; i++) {
        bound = le[i] == "+Inf" ? ">5000" : "<=" le[i] * 1000
        if (p50 == "" && n[i] >= 0.50 * total) p50 = bound
        if (p99 == "" && n[i] >= 0.99 * total) p99 = bound
        if (max == "" && n[i] == total) max = bound
      }
      print p50, p99, max
    }'
}

start_node() {
  local name=$1 n=$2 interval=$3
  config "$n" "$interval" "$OUT/$name.yaml"
  VIGIL_HTTP_PORT=$VIGIL_PORT VIGIL_CONFIG_WATCH=false java $JAVA_OPTS -jar target/vigil.jar --config "$OUT/$name.yaml" \
    > "$OUT/vigil-$name.log" 2>&1 &
  VIGIL_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$VIGIL_PORT/health/live" > /dev/null 2>&1 && break
    sleep 0.5
  done
}

# one line of figures over the next $4 seconds of the running node
measure() {
  local name=$1 n=$2 interval=$3 duration=$4
  local s0 t0 s1 t1 c0 c1 j0 j1
  s0=$(curl -fsS "http://127.0.0.1:$VIGIL_PORT/api/probes/stats"); lateness > "$OUT/$name.late0"
  t0=$(date +%s.%N); c0=$(cpu_ticks "$VIGIL_PID"); j0=$(jit_ticks "$VIGIL_PID")
  sleep "$duration"
  s1=$(curl -fsS "http://127.0.0.1:$VIGIL_PORT/api/probes/stats"); lateness > "$OUT/$name.late1"
  t1=$(date +%s.%N); c1=$(cpu_ticks "$VIGIL_PID"); j1=$(jit_ticks "$VIGIL_PID")
  local rss; rss=$(rss_mb "$VIGIL_PID")
  local checks0 checks1; checks0=$(stat_field checks "$s0"); checks1=$(stat_field checks "$s1")
  local p50 p99 max; read -r p50 p99 max < <(phase_lateness "$OUT/$name.late0" "$OUT/$name.late1")
  awk -v name="$name" -v n="$n" -v iv="$interval" -v c0="$checks0" -v c1="$checks1" -v t0="$t0" -v t1="$t1" \
      -v u0="$c0" -v u1="$c1" -v j0="$j0" -v j1="$j1" -v hz="$CLK_TCK" -v rss="$rss" -v p50="$p50" -v p99="$p99" \
      -v max="$max" 'BEGIN {
    span = t1 - t0
    printf "%s: probes=%d interval_ms=%d results_per_s=%.1f drift_p50_ms=%s drift_p99_ms=%s drift_max_ms=%s cpu_pct_of_core=%.1f (jit %.1f) rss_mb=%s\n",
      name, n, iv, (c1 - c0) / span, p50, p99, max, 100 * (u1 - u0) / hz / span, 100 * (j1 - j0) / hz / span, rss
  }'
}

stop_node() {
  kill "$VIGIL_PID"; wait "$VIGIL_PID" 2>/dev/null || true; VIGIL_PID=
}

echo "# probe-bench $(date -u +%FT%TZ) on $(nproc) cores; logs in $OUT"
start_node load "$PROBES" "$INTERVAL_MS"
sleep "$WARMUP"
measure load "$PROBES" "$INTERVAL_MS" "$DURATION"
stop_node
start_node idle "$IDLE_PROBES" "$IDLE_INTERVAL_MS"
sleep "$WARMUP"
measure idle "$IDLE_PROBES" "$IDLE_INTERVAL_MS" "$IDLE_DURATION"
if [ "$IDLE_SETTLED_AT" -gt 0 ]; then
  sleep $(( IDLE_SETTLED_AT - WARMUP - IDLE_DURATION > 0 ? IDLE_SETTLED_AT - WARMUP - IDLE_DURATION : 0 ))
  measure idle-settled "$IDLE_PROBES" "$IDLE_INTERVAL_MS" "$IDLE_DURATION"
fi
stop_node
