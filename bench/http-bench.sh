#!/usr/bin/env bash
# POST /api/tasks under wrk: Vigil (the fat jar, default config = memory queue, loopback, no auth) side by side
# with the bare Vert.x endpoint (bench/src/io/vigil/bench/BareEndpoint.java, the physical limit on this machine)
# and the same endpoint on vertx-web (Router + BodyHandler, to split framework cost from Vigil's own).
#
#   bench/http-bench.sh                 # warm-up, then 3 rounds of 20 s per server
#   ROUNDS=5 DURATION=30s bench/http-bench.sh
#   WEB=0 bench/http-bench.sh           # without the vertx-web variant
#   PROFILE=1 bench/http-bench.sh       # also records JFR on Vigil during round 1 -> $OUT/vigil.jfr
#   VIGIL_METRICS_ENABLED=false bench/http-bench.sh   # any VIGIL_* variable reaches Vigil's config
#   VIGIL_JAR=/path/other.jar bench/http-bench.sh     # another build of Vigil instead of target/vigil.jar
#   COMPARE="b=/path/patched.jar nometrics=target/vigil.jar:VIGIL_METRICS_ENABLED=false" bench/http-bench.sh
#                                       # more Vigil servers in every round, "vigil-<name>": a build, optionally with
#                                       # VIGIL_* settings (comma-separated) of its own
#   COMPARE="noguard=target/vigil.jar@bench/guard-off.yaml" bench/http-bench.sh
#                                       # "@FILE" after a COMPARE build (and its settings): started with --config FILE;
#                                       # bench/guard-off.yaml switches off the guard's own work (self-probes, built-in
#                                       # alarm rules, recovery plans, the config watch) to split the CPU per request
#                                       # into the engine's and the guard's. CONFIG=FILE does the same for "vigil".
#   CPU_ALSO="redis=1234" bench/http-bench.sh         # also the CPU per request of other processes (by pid), e.g. the
#                                       # Redis Vigil uses: "redis_cpu_us_per_req" in every run line (see
#                                       # bench/http-redis-bench.sh, which sets it)
#
# Warm-up: each server gets wrk in 10 s chunks until its JIT compiler threads used less than 5 % of its CPU in a
# chunk and its CPU per request is within 15 % of the chunk before's (at least WARMUP_MIN, at most WARMUP_MAX
# chunks): the compiler can go quiet while code it compiled early still runs slowly. On this shared machine Vigil needs about a minute: its first
# seconds run at a few hundred requests/s and C2 is still busy after 30 s.
# Every round runs wrk with the same settings against each server in turn; after a Vigil run the script waits until
# Vigil's queue has drained, so the next server is not measured while Vigil still processes the backlog.
# Besides wrk's numbers each run records CPU time per request (from /proc): the server's in total and split into
# event loops, GC and JIT, and wrk's own; and the event loops' wake-ups per request (their voluntary context switches:
# an event loop sleeps when it runs out of work and is woken by I/O or by a message from another event loop), a count
# that does not depend on how busy the machine is. Requests/s swing with other load on a shared machine; CPU per
# request much less, so it is the number to compare patches with.
# Target (issue 2): Vigil >= 50 % of the bare endpoint's requests/s, and Vigil p99 <= 10 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20s}
WARMUP_MIN=${WARMUP_MIN:-2}
WARMUP_MAX=${WARMUP_MAX:-12}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
WEB=${WEB:-1}
JAVA_OPTS=${JAVA_OPTS:-}
VIGIL_JAR=${VIGIL_JAR:-$ROOT/target/vigil.jar}
COMPARE=${COMPARE:-}
CONFIG=${CONFIG:-}
CPU_ALSO=${CPU_ALSO:-}
OUT=${OUT:-$(mktemp -d /tmp/vigil-http-bench.XXXXXX)}
mkdir -p "$OUT"
HZ=$(getconf CLK_TCK)

bash bench/build.sh

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    if [ -z "$(ss -ltnH "sport = :$p")" ]; then echo "$p"; return; fi
  done
}
wait_http() { # url seconds: any HTTP answer will do
  for _ in $(seq 1 $(($2 * 10))); do
    if curl -sS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "no answer from $1" >&2
  return 1
}

VIGIL_PORT=$(free_port)
BARE_PORT=$(free_port)
WEB_PORT=$(free_port)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# Vigil runs from an empty directory so that only the bundled defaults apply (no ./conf/vigil.yaml, no webroot/).
mkdir -p "$OUT/vigil-cwd"
CONFIG_ARGS=()
if [ -n "$CONFIG" ]; then CONFIG_ARGS=(--config "$(realpath "$CONFIG")"); fi
# shellcheck disable=SC2086
(cd "$OUT/vigil-cwd" && exec env VIGIL_HTTP_PORT="$VIGIL_PORT" java $JAVA_OPTS -jar "$VIGIL_JAR" "${CONFIG_ARGS[@]}") \
  >"$OUT/vigil.log" 2>&1 &
VIGIL_PID=$!
PIDS+=("$VIGIL_PID")
EXTRA_TARGETS=()
for spec in $COMPARE; do
  name=${spec%%=*}; jar=${spec#*=}; settings=""; config=()
  if [ "$jar" != "${jar%%@*}" ]; then config=(--config "$(realpath "${jar#*@}")"); jar=${jar%%@*}; fi
  if [ "$jar" != "${jar%%:*}" ]; then settings=${jar#*:}; jar=${jar%%:*}; fi
  port=$(free_port)
  jar=$(realpath "$jar")
  mkdir -p "$OUT/vigil-$name-cwd"
  # shellcheck disable=SC2086
  (cd "$OUT/vigil-$name-cwd" && exec env VIGIL_HTTP_PORT="$port" ${settings//,/ } java $JAVA_OPTS -jar "$jar" "${config[@]}") \
    >"$OUT/vigil-$name.log" 2>&1 &
  PIDS+=($!)
  EXTRA_TARGETS+=("vigil-$name http://127.0.0.1:$port $!")
  echo "== vigil-$name: $jar${settings:+ with $settings}${config[1]:+ --config ${config[1]}}"
done
WEB_ARGS=()
if [ "$WEB" = 1 ]; then WEB_ARGS=(--web-port "$WEB_PORT"); fi
# shellcheck disable=SC2086
java $JAVA_OPTS -cp target/vigil.jar:bench/out io.vigil.bench.BareEndpoint --port "$BARE_PORT" "${WEB_ARGS[@]}" \
  >"$OUT/bare.log" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")

wait_http "http://127.0.0.1:$VIGIL_PORT/health/live" 60
wait_http "http://127.0.0.1:$BARE_PORT/" 60
for t in "${EXTRA_TARGETS[@]}"; do
  # shellcheck disable=SC2086
  set -- $t
  wait_http "$2/health/live" 60
done

TARGETS=("vigil http://127.0.0.1:$VIGIL_PORT $VIGIL_PID" "bare http://127.0.0.1:$BARE_PORT $BARE_PID")
if [ "$WEB" = 1 ]; then TARGETS+=("bare-web http://127.0.0.1:$WEB_PORT $BARE_PID"); fi
TARGETS+=("${EXTRA_TARGETS[@]}")

drain_vigil() { # [url]
  local stats=""
  for _ in $(seq 1 600); do
    stats=$(curl -fsS "${1:-http://127.0.0.1:$VIGIL_PORT}/api/queues/default")
    if echo "$stats" | grep -q '"waiting":0,' && echo "$stats" | grep -q '"active":0,'; then return 0; fi
    sleep 0.1
  done
  echo "Vigil's queue did not drain: $stats" >&2
}

# pid -> "total loops gc jit" clock ticks used so far by the process. The total is the process's own (it keeps
# the CPU of threads that have exited); what exited threads used counts as JIT: the JVM starts extra compiler threads
# while there is a queue to compile and stops them when idle (UseDynamicNumberOfCompilerThreads), and in a node
# nothing else comes and goes.
cpu_split() {
  local t comm
  for t in /proc/"$1"/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    echo "$comm|$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done | awk -F'|' -v process="$(process_ticks "$1")" '{ t += $2 }
      $1 ~ /eventloo/ { l += $2 }
      $1 ~ /^(GC Thread|G1 |Z)/ { g += $2 }
      $1 ~ /CompilerThre/ { j += $2 }
      END { gone = process - t; if (gone < 0) gone = 0; print t + gone, l + 0, g + 0, j + gone }'
}

loop_switches() { # pid -> voluntary context switches of the process's event-loop threads so far
  local t
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in *eventloo*) awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status" 2>/dev/null ;; esac
  done | awk '{ n += $1 } END { print n + 0 }'
}

process_ticks() { # pid -> clock ticks (user + system) the process has used so far
  sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

also_ticks() { # -> "name=ticks ..." for each CPU_ALSO process
  local spec
  for spec in $CPU_ALSO; do echo -n "${spec%%=*}=$(process_ticks "${spec#*=}") "; done
}

also_per_request() { # "before" "after" requests -> " name_cpu_us_per_req=..." for each CPU_ALSO process
  local b a
  for b in $1; do
    a=$(echo "$2" | tr ' ' '\n' | grep "^${b%%=*}=")
    awk -v n="${b%%=*}" -v b="${b#*=}" -v a="${a#*=}" -v hz="$HZ" -v r="$3" \
      'BEGIN { printf " %s_cpu_us_per_req=%.1f", n, (a - b) * 1e6 / hz / r }'
  done
}

run_wrk() { # name url duration server-pid -> "WRK ..." line with CPU per request appended
  local before after line requests also_before also_after switches_before switches_after
  also_before=$(also_ticks)
  switches_before=$(loop_switches "$4")
  before=$(cpu_split "$4")
  /usr/bin/time -f "WRKCPU %U %S" -o "$OUT/wrk-$1.time" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -s bench/post-task.lua "$2/api/tasks" >"$OUT/wrk-$1.txt" 2>&1
  after=$(cpu_split "$4")
  switches_after=$(loop_switches "$4")
  also_after=$(also_ticks)
  cat "$OUT/wrk-$1.txt" >>"$OUT/wrk-all.txt"
  line=$(grep '^WRK ' "$OUT/wrk-$1.txt" | tail -1)
  requests=$(echo "$line" | grep -o ' requests=[0-9]*' | cut -d= -f2)
  echo "$line $(echo "$before $after $(grep WRKCPU "$OUT/wrk-$1.time" | cut -d' ' -f2,3)" | awk -v hz="$HZ" -v n="$requests" \
      -v w=$((switches_after - switches_before)) '{
      us = 1e6 / hz / n
      printf "server_cpu_us_per_req=%.1f loops_us=%.1f gc_us=%.1f jit_us=%.1f loop_wakeups_per_req=%.3f wrk_cpu_us_per_req=%.1f",
        ($5 - $1) * us, ($6 - $2) * us, ($7 - $3) * us, ($8 - $4) * us, w / n, ($9 + $10) * 1e6 / n }')$(
    also_per_request "$also_before" "$also_after" "$requests")"
}

warm_up() { # name url pid
  local chunk line jit total previous=0
  for chunk in $(seq 1 "$WARMUP_MAX"); do
    line=$(run_wrk "warmup-$1-$chunk" "$2" 10s "$3")
    case "$1" in vigil*) drain_vigil "$2" ;; esac
    total=$(echo "$line" | grep -o 'server_cpu_us_per_req=[0-9.]*' | cut -d= -f2)
    jit=$(echo "$line" | grep -o 'jit_us=[0-9.]*' | cut -d= -f2)
    echo "warm-up $1 chunk $chunk: $(echo "$line" | grep -o 'req_s=[0-9.]*') jit $jit of $total us/req"
    # warm: the compiler is (nearly) idle and the code it left runs as cheaply as in the chunk before
    if [ "$chunk" -ge "$WARMUP_MIN" ] &&
      awk -v j="$jit" -v t="$total" -v p="$previous" 'BEGIN {exit !(j < 0.05 * t && t < 1.15 * p)}'; then return; fi
    previous=$total
  done
  echo "warm-up $1: JIT above 5 %, or CPU per request still falling, after $WARMUP_MAX chunks" >&2
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)"
echo "== load before: $(uptime)"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/post-task.lua; $ROUNDS round(s)"
for t in "${TARGETS[@]}"; do
  # shellcheck disable=SC2086
  set -- $t
  warm_up "$1" "$2" "$3"
done

: >"$OUT/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do
    # shellcheck disable=SC2086
    set -- $t
    if [ "$1" = vigil ] && [ "${PROFILE:-0}" = 1 ] && [ "$round" = 1 ]; then
      jcmd "$VIGIL_PID" JFR.start name=bench settings=profile filename="$OUT/vigil.jfr" >/dev/null
    fi
    line=$(run_wrk "$1-$round" "$2" "$DURATION" "$3")
    if [ "$1" = vigil ] && [ "${PROFILE:-0}" = 1 ] && [ "$round" = 1 ]; then
      jcmd "$VIGIL_PID" JFR.stop name=bench >/dev/null
    fi
    backlog=""
    case "$1" in vigil*)
      backlog=$(curl -fsS "$2/api/queues/default" | grep -o '"waiting":[0-9]*' | cut -d: -f2)
      drain_vigil "$2" ;;
    esac
    echo "round $round $1: $line${backlog:+ waiting_at_end=$backlog} load=$(cut -d' ' -f1 /proc/loadavg)"
    echo "RESULT http-$1 ${line#WRK }" >>"$OUT/results.txt"
  done
done
echo "== load after: $(uptime)"

echo
echo "== summary (median of $ROUNDS, range, spread = (max-min)/median)"
java -cp bench/out io.vigil.bench.Summarize <"$OUT/results.txt" | grep -v 'errors_[a-z]* .*median *0.0 '

median() { # bench key
  grep "^RESULT http-$1 " "$OUT/results.txt" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2 | sort -g |
    awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'
}
V=$(median vigil req_s); B=$(median bare req_s); P99=$(median vigil p99_ms); P50=$(median vigil p50_ms)
ERR=$(grep '^RESULT http-' "$OUT/results.txt" | grep -o 'errors_[a-z]*=[0-9]*' | cut -d= -f2 | paste -sd+ | bc)
RATIO=$(awk -v v="$V" -v b="$B" 'BEGIN {printf "%.1f", v / b * 100}')
echo
ALSO_VIGIL=""
for spec in $CPU_ALSO; do ALSO_VIGIL+="  ${spec%%=*} CPU $(median vigil "${spec%%=*}_cpu_us_per_req") us/req"; done
echo "vigil    req/s $V  p50 $P50 ms  p99 $P99 ms  server CPU $(median vigil server_cpu_us_per_req) us/req$ALSO_VIGIL"
echo "bare     req/s $B  p50 $(median bare p50_ms) ms  p99 $(median bare p99_ms) ms  server CPU $(median bare server_cpu_us_per_req) us/req"
if [ "$WEB" = 1 ]; then
  echo "bare-web req/s $(median bare-web req_s)  p50 $(median bare-web p50_ms) ms  p99 $(median bare-web p99_ms) ms  server CPU $(median bare-web server_cpu_us_per_req) us/req"
fi
for t in "${EXTRA_TARGETS[@]}"; do
  # shellcheck disable=SC2086
  set -- $t
  echo "$1  req/s $(median "$1" req_s)  p50 $(median "$1" p50_ms) ms  p99 $(median "$1" p99_ms) ms  server CPU $(median "$1" server_cpu_us_per_req) us/req  ($(awk -v v="$(median "$1" req_s)" -v b="$B" 'BEGIN {printf "%.1f", v / b * 100}') % of bare)"
done
echo "errors (connect/read/write/status/timeout) in all runs: $ERR"
echo "vigil / bare = $RATIO %   (target >= 50 %: $(awk -v r="$RATIO" 'BEGIN {print (r >= 50) ? "MET" : "MISSED"}'))"
echo "vigil p99 = $P99 ms      (target <= 10 ms: $(awk -v p="$P99" 'BEGIN {print (p <= 10) ? "MET" : "MISSED"}'))"
echo "raw output in $OUT"
