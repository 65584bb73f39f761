# Sourced by the benchmarks that need a Redis of their own: a throwaway redis-server on loopback, no persistence,
# serving nothing but the benchmark, so its CPU and command counters are the benchmark's alone and it can be
# flushed between runs. The caller stops it (stop_throwaway_redis) in its EXIT trap.
#
#   start_throwaway_redis PORT DIR   # PORT taken when free, else a free one; sets REDIS_PORT, REDIS_PID, REDIS_URL

start_throwaway_redis() {
  local port=$1 dir=$2
  if [ -n "$(ss -ltnH "sport = :$port")" ]; then
    local busy=$port
    while [ -n "$(ss -ltnH "sport = :$port")" ]; do port=$((20000 + RANDOM % 30000)); done
    echo "== port $busy is taken; the throwaway Redis uses $port" >&2
  fi
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --logfile "$dir/redis-$port.log" --daemonize no &
  REDIS_PID=$!
  REDIS_PORT=$port
  REDIS_URL="redis://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then return 0; fi
    sleep 0.1
  done
  echo "the throwaway Redis on port $port did not answer (log: $dir/redis-$port.log)" >&2
  return 1
}

stop_throwaway_redis() {
  if [ -n "${REDIS_PID:-}" ]; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=""
  fi
}

