#!/usr/bin/env bash
# End-to-end HTTP figures on loopback, with wrk from Debian:
#   1. server start-up on an existing database (target < 200 ms),
#   2. authenticated GET /api/v1/products/{id} at 50 connections (>= 20,000/s, p99 < 10 ms),
#   3. journaled POST /api/v1/products at 50 connections (>= 2,000/s, every one fsync'd).
# Usage: bench/http_bench.sh [path/to/riskloop] [seconds per load run]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/src/cli/riskloop}
SECONDS_PER_RUN=${2:-10}
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

export RISKLOOP_PASSWORD_COST=minimal RISKLOOP_ADMIN_PASSWORD=bench-admin-password
DB=$WORK/bench.db
"$BIN" init --db "$DB" --org-name "Bench" --org-slug bench --admin-email admin@bench.example \
  --admin-name "Bench Admin" >/dev/null
PRODUCT=$("$BIN" product add --db "$DB" --name "Bench stent" --family "Coronary stents" --model B-1 |
  awk '{print $NF}')
TOKEN=$("$BIN" token create --db "$DB" --user admin@bench.example --name bench | grep -o 'rl_[A-Za-z0-9_-]*' | head -1)
PORT=$(( 20000 + RANDOM % 20000 ))

# Start-up: from exec to the "listening" line, on the existing database; median of 10.
start_server() {
  local log=$WORK/serve.log
  : >"$log"
  local t0=$(date +%s%N)
  "$BIN" serve --db "$DB" --listen 127.0.0.1:$PORT >"$log" 2>&1 &
  SERVER_PID=$!
  until grep -q "listening" "$log"; do sleep 0.001; done
  STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }
startups=()
for _ in $(seq 10); do start_server; startups+=("$STARTUP_MS"); stop_server; done
startup_ms=$(printf '%s\n' "${startups[@]}" | sort -n | sed -n 5p)

start_server
URL=http://127.0.0.1:$PORT
echo "== GET /api/v1/products/{id}, bearer token, 50 connections, ${SECONDS_PER_RUN}s"
wrk -t2 -c50 -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $TOKEN" \
  "$URL/api/v1/products/$PRODUCT" | tee "$WORK/get.txt"

cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"name":"Bench stent","family":"Coronary stents","model":"B-2","description":"written by wrk"}'
wrk.headers["Content-Type"] = "application/json"
LUA
echo "== POST /api/v1/products (journaled, durable), 50 connections, ${SECONDS_PER_RUN}s"
wrk -t2 -c50 -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/post.lua" -H "Authorization: Bearer $TOKEN" \
  "$URL/api/v1/products" | tee "$WORK/post.txt"
stop_server
"$BIN" verify --db "$DB"

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
non2xx() { awk '/Non-2xx/ {print $4}' "$1"; }
echo
echo "machine: $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
echo "start-up (median of 10):          ${startup_ms} ms"
echo "GET  product by id:               $(rate "$WORK/get.txt") req/s, p99 $(p99 "$WORK/get.txt"), non-2xx: $(non2xx "$WORK/get.txt" || true)"
echo "POST product (journaled):         $(rate "$WORK/post.txt") req/s, p99 $(p99 "$WORK/post.txt"), non-2xx: $(non2xx "$WORK/post.txt" || true)"
