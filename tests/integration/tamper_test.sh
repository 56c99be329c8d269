#!/usr/bin/env bash
# Tamper evidence: change one byte of a journal payload, of a journal hash, or of a product row in
# a copy of a demo database, as someone with access to the file could (dropping the journal's
# append-only trigger first), and check that `riskloop verify` fails naming the entry; an
# untouched copy still verifies.
#
#   tests/integration/tamper_test.sh PATH/TO/riskloop        (needs the sqlite3 tool)
set -euo pipefail

RISKLOOP=$(realpath "${1:?usage: tamper_test.sh PATH/TO/riskloop}")
command -v sqlite3 >/dev/null || { echo "tamper_test: the sqlite3 tool is missing" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

export RISKLOOP_PASSWORD_COST=minimal
export RISKLOOP_DEMO_PASSWORD="demo password for tests"
export RISKLOOP_ADMIN_PASSWORD="admin password for tests"
unset RISKLOOP_DB

"$RISKLOOP" init --db fresh.db --demo >/dev/null

# A product entry in the middle of the chain: entries after it must not hide the change.
read -r SEQ ID < <(sqlite3 -separator ' ' fresh.db \
  "SELECT seq, entity_id FROM journal WHERE entity = 'product' ORDER BY seq LIMIT 1 OFFSET 2")
LAST=$(sqlite3 fresh.db "SELECT max(seq) FROM journal")
[[ -n "$SEQ" && "$SEQ" -lt "$LAST" ]] || { echo "tamper_test: no product entry inside the chain" >&2; exit 1; }

# flip EXPR POS: SQL for EXPR with its character at POS replaced by another one.
flip() {
  echo "substr($1, 1, $2 - 1) || (CASE substr($1, $2, 1) WHEN 'x' THEN 'y' ELSE 'x' END) || substr($1, $2 + 1)"
}

# tampered NAME SQL: a fresh copy changed by SQL, whose verification must fail at entry $SEQ.
tampered() {
  local name=$1 sql=$2
  cp fresh.db "$name.db"
  sqlite3 "$name.db" "DROP TRIGGER journal_no_update; $sql"
  cmp -s fresh.db "$name.db" && { echo "FAIL [$name]: the copy did not change" >&2; exit 1; }
  local rc=0
  "$RISKLOOP" verify --db "$name.db" >"$name.out" 2>"$name.err" || rc=$?
  if [[ "$rc" != 1 ]]; then
    echo "FAIL [$name]: verify exited with $rc, expected 1" >&2; cat "$name.out" "$name.err" >&2; exit 1
  fi
  if ! grep -qF "verification failed at journal entry $SEQ (product $ID): " "$name.err"; then
    echo "FAIL [$name]: verify did not name entry $SEQ (product $ID)" >&2; cat "$name.err" >&2; exit 1
  fi
  echo "tamper_test: $name detected: $(sed 's/^riskloop: verify: //' "$name.err")"
}

# One byte of the payload: the first character of the model number.
tampered payload "UPDATE journal SET payload = $(flip payload "instr(payload, '\"model\":\"') + 9") WHERE seq = $SEQ;"
# One byte of the stored hash.
tampered hash "UPDATE journal SET hash = $(flip hash 1) WHERE seq = $SEQ;"
# One byte of the product row: the record no longer equals its last journaled state.
tampered product-row "UPDATE products SET name = $(flip name 1) WHERE id = '$ID';"

cp fresh.db untouched.db
rc=0
"$RISKLOOP" verify --db untouched.db >untouched.out 2>untouched.err || rc=$?
if [[ "$rc" != 0 ]] || ! grep -qE "^verified $LAST entries, head [0-9a-f]{64}$" untouched.out; then
  echo "FAIL [untouched]: verify exited with $rc" >&2; cat untouched.out untouched.err >&2; exit 1
fi
echo "tamper_test: untouched copy $(cat untouched.out)"
echo "tamper_test: all passed"
