#!/usr/bin/env bash
# Bulk import from the command line: progress, kill -9 in the middle of an import and the re-run
# that continues it, the no-op re-run, a refused file, paged lists, proofs and their exit codes.
#
#   tests/integration/bulk_cli_test.sh PATH/TO/riskloop        (needs the sqlite3 tool)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RISKLOOP=$(realpath "${1:?usage: bulk_cli_test.sh PATH/TO/riskloop}")
command -v sqlite3 >/dev/null || { echo "bulk_cli_test: the sqlite3 tool is missing" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
source "$HERE/expect.sh"
export RISKLOOP_DEMO_PASSWORD="demo password for tests" RISKLOOP_ADMIN_PASSWORD="admin password for tests"

DB="$WORK/bulk.db"
expect 0 init --db "$DB" --demo
PRODUCT=$(sqlite3 "$DB" "SELECT id FROM products ORDER BY id LIMIT 1")
AUDITOR=$(sqlite3 "$DB" "SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.role = 'auditor' LIMIT 1")

# 60,000 rows in batches of 1,000.
python3 - "$PRODUCT" > big.csv <<'PY'
import sys
print("product_id,lot,characteristic,value,unit,measured_at,station,operator")
for i in range(60000):
    print(f"{sys.argv[1]},LOT-{i // 5000},strut thickness,{80 + (i % 97) / 100},um,2026-11-25T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}Z,gauge {i % 3},op{i % 5}")
PY

# --- kill -9 while batches are being written, then continue --------------------------------
CASE="kill -9 during import"
"$RISKLOOP" measurements import --db "$DB" --file big.csv --batch-rows 1000 >out 2>err &
PID=$!
for _ in $(seq 1 600); do
  if grep -q "rows (3 batches)" err 2>/dev/null; then break; fi
  sleep 0.05
done
kill -9 "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
DONE=$(sqlite3 "$DB" "SELECT rows_done FROM import_runs")
ROWS=$(sqlite3 "$DB" "SELECT count(*) FROM process_measurements")
BATCHES=$(sqlite3 "$DB" "SELECT count(*) FROM journal WHERE entity = 'bulk_batch'")
[[ "$ROWS" == "$DONE" && "$ROWS" == "$((BATCHES * 1000))" ]] || fail "after kill -9: $ROWS rows, $DONE done, $BATCHES batches"
[[ "$ROWS" -lt 60000 ]] || fail "the import finished before it was killed"
echo "bulk_cli_test: killed after $ROWS rows ($BATCHES whole batches)"
expect 0 verify --db "$DB"

expect 0 measurements import --db "$DB" --file big.csv --batch-rows 1000
out_has "$((60000 - ROWS)) rows in $((60 - BATCHES)) batches written (continued after $ROWS rows of an earlier run), 60000 / 60000 rows done"
err_has "measurements import: 60000 / 60000 rows (60 batches)"
[[ $(sqlite3 "$DB" "SELECT count(*), count(DISTINCT source_row) FROM process_measurements") == "60000|60000" ]] \
  || fail "rows duplicated or missing after the re-run"
expect 0 verify --db "$DB"
expect 0 measurements import --db "$DB" --file big.csv
out_has "was already complete (60000 rows in 60 batches); nothing was written"

# --- a bad file writes nothing ---------------------------------------------------------------
printf 'product_id,lot,characteristic,value,unit,measured_at,colour\n%s,L1,width,1.5x,mm,2026-11-25T09:00:00Z,red\nnope,L1,width,2,mm,2026-11-25T09:00:00Z,red\n%s,L1,width,2,mm,2026-13-25T09:00:00Z,red\n' "$PRODUCT" "$PRODUCT" > bad.csv
ENTRIES=$(sqlite3 "$DB" "SELECT count(*) FROM journal")
expect 3 measurements import --db "$DB" --file bad.csv
err_has 'row 1, column "colour": is not a measurement column; allowed: product_id, lot, characteristic, value, unit, measured_at, station, operator'
err_has 'row 2, column "value": "1.5x" is not a finite decimal number such as 12.5'
err_has 'row 3, column "product_id": "nope" is not a product of this organization'
err_has 'row 4, column "measured_at": "2026-13-25T09:00:00Z" is not a UTC time such as 2026-11-25T09:00:00Z'
err_has "nothing was written"
[[ $(sqlite3 "$DB" "SELECT count(*) FROM journal") == "$ENTRIES" ]] || fail "a refused file wrote journal entries"
expect 6 measurements import --db "$DB" --file big.csv --as "$AUDITOR"

# --- lists and proofs --------------------------------------------------------------------------
expect 0 measurements list --db "$DB" --lot LOT-3 --limit 5
[[ $(grep -c "LOT-3" out) == 5 ]] || fail "expected 5 rows of LOT-3"
err_has "more rows follow: --after"
expect 0 measurements list --db "$DB" --lot LOT-3 --all
[[ $(grep -c "LOT-3" out) == 5000 ]] || fail "expected every row of LOT-3"

ID=$(sqlite3 "$DB" "SELECT id FROM process_measurements WHERE source_row = 30002")
expect 0 journal prove --db "$DB" --entity process_measurement --id "$ID"
out_has "source row   30002"
out_has "leaf         0 of 1000"
out_matches() { grep -qE -- "$1" out || fail "stdout does not match: $1"; }
out_matches "path\[9\] +[0-9a-f]{64}"
out_has "verified: the row is leaf 0"
expect 4 journal prove --db "$DB" --entity process_measurement --id no-such-row
expect 3 journal prove --db "$DB" --entity product --id "$PRODUCT"
sqlite3 "$DB" "UPDATE process_measurements SET lot = 'LOT-X' WHERE id = '$ID'"
expect 1 journal prove --db "$DB" --entity process_measurement --id "$ID"
err_has "the proof does not verify"
expect 1 verify --db "$DB"
err_has "(process_measurement $ID): row 30002 of big.csv (leaf 0 of batch"
echo "bulk_cli_test: all passed"
