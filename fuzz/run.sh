#!/usr/bin/env bash
# Runs libFuzzer targets built by `make fuzz` for a bounded time each, one after the other, and
# prints the executions of each. Usage: fuzz/run.sh BUILD_DIR SECONDS TARGET...
# Each target starts from its checked-in seeds (fuzz/corpus/TARGET, never written to) and what
# earlier runs found (BUILD_DIR/fuzz-corpus/TARGET). A crashing input is saved under
# BUILD_DIR/fuzz-artifacts/ and the script fails; add it to fuzz/corpus/TARGET once fixed, so the
# normal build's fuzz.TARGET.corpus test keeps replaying it.
set -euo pipefail
cd "$(dirname "$0")/.."

build=$1
seconds=$2
shift 2
mkdir -p "$build/fuzz-artifacts"
failed=()
for target in "$@"; do
  found="$build/fuzz-corpus/$target"
  log="$build/fuzz-artifacts/$target.log"
  mkdir -p "$found"
  status=0
  "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$target-" \
    "$found" "fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  if ((status == 0)); then
    echo "fuzz $target: ${runs:-0} executions in ${seconds} s, no crash"
  else
    echo "fuzz $target: FAILED after ${runs:-?} executions (exit $status); log: $log" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -5 >&2 || true
    failed+=("$target")
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: crashes in ${failed[*]}" >&2
  exit 1
fi
