#!/usr/bin/env bash
# Bulk data end to end: import a CSV file of N process measurements in journaled batches, then
# verify the store (ordinary records + bulk rows), each step its own process (build/bench/
# bulk_bench, running what `riskloop measurements import` and `riskloop verify` run) under
# /usr/bin/time -v for wall time and peak resident memory. Targets (issue "A record platform"):
# import of 1,000,000 rows < 10 s on SQLite, < 15 s on PostgreSQL; verify of millions of bulk rows
# with resident memory < 200 MB.
#
#   bench/bulk_bench.sh [ROWS] [ORDINARY]
#
# RISKLOOP_BENCH_POSTGRES_URL (an empty database or schema) adds PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}
ROWS=${1:-1000000}
ORDINARY=${2:-100000}
TOOL=$(realpath "$B/bench/bulk_bench")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "# bulk_bench: $ROWS measurement rows, $ORDINARY ordinary records; $(date -u +%Y-%m-%dT%H:%MZ)," \
     "$(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), load $(cut -d' ' -f1-3 /proc/loadavg)"

# timed LABEL CMD...: wall seconds and peak resident memory of one command.
timed() {
  local label=$1; shift
  /usr/bin/time -v "$@" >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/out" "$WORK/err" >&2; exit 1; }
  local wall user rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/err")
  user=$(sed -n 's/.*User time (seconds): //p' "$WORK/err")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/err")
  printf '%-34s wall %8s   user %7s s   max RSS %6d MB   %s\n' "$label" "$wall" "$user" \
    $((rss / 1024)) "$(tail -1 "$WORK/out")"
}

run_engine() {
  local engine=$1 db=$2
  "$TOOL" seed "$db" "$ORDINARY" "$ROWS" "$WORK/measurements.csv" >/dev/null
  timed "$engine: import $ROWS rows" "$TOOL" import "$db" "$WORK/measurements.csv"
  timed "$engine: verify" "$TOOL" verify "$db"
  timed "$engine: import again (no-op)" "$TOOL" import "$db" "$WORK/measurements.csv"
}

run_engine sqlite "sqlite:$WORK/bulk.db"
echo "sqlite database: $(du -h "$WORK/bulk.db" | cut -f1)"
if [[ -n "${RISKLOOP_BENCH_POSTGRES_URL:-}" ]]; then
  run_engine postgresql "$RISKLOOP_BENCH_POSTGRES_URL"
fi
