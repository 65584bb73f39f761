#!/usr/bin/env bash
# POST /api/tasks with Vigil on the Redis backend (issue 14), against the bare Vert.x endpoint in the same rounds:
# bench/http-bench.sh with Vigil pointed at a throwaway Redis of its own (bench/lib/throwaway-redis.sh, port
# REDIS_PORT, default 6390, no persistence, stopped at exit), and that Redis's CPU per request in every run line
# ("redis_cpu_us_per_req") beside the server's. Every knob of http-bench.sh works (ROUNDS, DURATION, JAVA_OPTS,
# WARMUP_MIN, PROFILE, COMPARE, ...).
#
#   bench/http-redis-bench.sh
#   JAVA_OPTS="-XX:+UseZGC -Xmx4g -XX:MaxInlineLevel=9 -XX:InlineSmallCode=1000 -XX:CICompilerCount=4" bench/http-redis-bench.sh  # the shipped JVM flags
#   COMPARE="memory=target/vigil.jar:VIGIL_REDIS_URL=" bench/http-redis-bench.sh
#        # the memory backend in the same rounds (an empty VIGIL_REDIS_URL selects it)
#   COMPARE="new=/path/patched.jar:VIGIL_REDIS_PREFIX=vigil-http-new" bench/http-redis-bench.sh
#        # another build on the same Redis: give it its own prefix, or the two servers share (and drain) one queue
#   DURATION=3s ROUNDS=1 WARMUP_MIN=1 WARMUP_MAX=1 bench/http-redis-bench.sh  # a quick check of the plumbing
#
# Redis's CPU counts only while wrk runs, as the server's does; what Vigil still processes after wrk stopped (the
# script waits for the queue to drain between runs) counts for neither.
set -euo pipefail
cd "$(dirname "$0")/.."
REDIS_PORT=${REDIS_PORT:-6390}
OUT=${OUT:-$(mktemp -d /tmp/vigil-http-redis-bench.XXXXXX)}
export OUT

# shellcheck source=bench/lib/throwaway-redis.sh
. bench/lib/throwaway-redis.sh
trap stop_throwaway_redis EXIT
start_throwaway_redis "$REDIS_PORT" "$OUT/redis"
echo "== Vigil on the Redis backend: $REDIS_URL ($(redis-server --version | cut -d' ' -f3)), prefix vigil-http"

WEB=${WEB:-0} CPU_ALSO="redis=$REDIS_PID${CPU_ALSO:+ $CPU_ALSO}" \
  VIGIL_REDIS_URL=$REDIS_URL VIGIL_REDIS_PREFIX=${VIGIL_REDIS_PREFIX:-vigil-http} \
  bash bench/http-bench.sh
