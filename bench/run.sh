#!/usr/bin/env bash
# All benchmarks, with their scale and the machine they ran on (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}
echo "# riskloop benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$B/bench/write_bench" --benchmark_min_time=1
"$B/bench/risk_bench"
"$B/bench/query_bench" 5000000
"$B/bench/page_render_bench"
"$B/bench/signal_bench"
"$B/bench/udi_bench"
bench/http_bench.sh "$B/src/cli/riskloop" 10
