# Shared by the command-line test scripts (source it): run riskloop, check its exit code and
# output. Needs RISKLOOP (the binary); writes the files out and err in the current directory.

# Cheap password hashing for tests (never in production); no settings from the caller's shell.
export RISKLOOP_PASSWORD_COST=minimal
unset RISKLOOP_DB RISKLOOP_LISTEN RISKLOOP_ADMIN_PASSWORD RISKLOOP_DEMO_PASSWORD

CASE=""

fail() {
  echo "FAIL [$CASE]: $*" >&2
  echo "--- stdout:" >&2; head -n 40 out >&2 || true
  echo "--- stderr:" >&2; head -n 40 err >&2 || true
  exit 1
}

# expect CODE ARGS...: runs riskloop with ARGS (stdin from $STDIN if set), output in out and err.
expect() {
  local want=$1; shift
  CASE="riskloop $*"
  local rc=0
  if [[ -n "${STDIN:-}" ]]; then
    printf '%s\n' "$STDIN" | "$RISKLOOP" "$@" >out 2>err || rc=$?
  else
    "$RISKLOOP" "$@" >out 2>err </dev/null || rc=$?
  fi
  [[ "$rc" == "$want" ]] || fail "exit code $rc, expected $want"
}
out_has() { grep -qF -- "$1" out || fail "stdout lacks: $1"; }
err_has() { grep -qF -- "$1" err || fail "stderr lacks: $1"; }
err_matches() { grep -qE -- "$1" err || fail "stderr does not match: $1"; }
