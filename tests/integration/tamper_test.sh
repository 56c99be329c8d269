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

# Bulk rows: ten measurements in batches of four (three batch entries). Changing one stored value
# fails verify naming that row, and its inclusion proof no longer verifies.
PRODUCT=$(sqlite3 fresh.db "SELECT id FROM products ORDER BY id LIMIT 1")
{
  echo "product_id,lot,characteristic,value,unit,measured_at,station,operator"
  for i in $(seq 0 9); do echo "$PRODUCT,L7,strut thickness,81.$i,um,2026-11-25T10:0$i:00Z,gauge 2,kim"; done
} > measurements.csv
cp fresh.db bulk.db
"$RISKLOOP" measurements import --db bulk.db --file measurements.csv --batch-rows 4 >bulk-import.out 2>bulk-import.err
grep -qF "10 / 10 rows (3 batches)" bulk-import.err || { echo "FAIL [bulk]: no progress" >&2; cat bulk-import.err >&2; exit 1; }
"$RISKLOOP" verify --db bulk.db >/dev/null || { echo "FAIL [bulk]: the imported copy does not verify" >&2; exit 1; }
read -r ROW_ID ROW_NUMBER < <(sqlite3 -separator ' ' bulk.db \
  "SELECT id, source_row FROM process_measurements WHERE leaf_index = 1 ORDER BY source_row LIMIT 1 OFFSET 1")
"$RISKLOOP" journal prove --db bulk.db --entity process_measurement --id "$ROW_ID" >prove.out \
  || { echo "FAIL [bulk]: the proof of an untouched row fails" >&2; cat prove.out >&2; exit 1; }
grep -q "^verified: " prove.out || { echo "FAIL [bulk]: proof not verified" >&2; cat prove.out >&2; exit 1; }
sqlite3 bulk.db "UPDATE process_measurements SET value = 81.95 WHERE id = '$ROW_ID'"
rc=0
"$RISKLOOP" verify --db bulk.db >bulk.out 2>bulk.err || rc=$?
if [[ "$rc" != 1 ]] || ! grep -qF "(process_measurement $ROW_ID): row $ROW_NUMBER of measurements.csv" bulk.err; then
  echo "FAIL [bulk-row]: verify exited with $rc and did not name row $ROW_NUMBER" >&2; cat bulk.out bulk.err >&2; exit 1
fi
echo "tamper_test: bulk-row detected: $(sed 's/^riskloop: verify: //' bulk.err)"
rc=0
"$RISKLOOP" journal prove --db bulk.db --entity process_measurement --id "$ROW_ID" >prove.out 2>prove.err || rc=$?
[[ "$rc" == 1 ]] || { echo "FAIL [bulk-row]: prove exited with $rc, expected 1" >&2; exit 1; }
echo "tamper_test: all passed"
