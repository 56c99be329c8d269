#!/usr/bin/env bash
# End-to-end tests of the commands generated for every declared record type (docs/cli.md,
# "Declared record types"), on the operational risk register: add with good and bad values, list
# with filters, sort, formats and pages, show, update (a change, no change, a stale version),
# delete (a stale version, then the current one) and isolation between organizations.
#
#   tests/integration/record_cli_test.sh PATH/TO/riskloop
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

RISKLOOP=$(realpath "${1:?usage: record_cli_test.sh PATH/TO/riskloop}")
command -v jq >/dev/null || { echo "record_cli_test: needs jq (scripts/setup-deps.sh)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

source "$HERE/expect.sh"
export RISKLOOP_ADMIN_PASSWORD="admin password for the record tests"
DB="$WORK/var/records.db"
journal_entries() { "$RISKLOOP" verify --db "$DB" | awk '{print $2}'; }
# The id at the end of a "..., id <id>" line.
created_id() { sed -n 's/.*, id \([0-9a-f-]*\)$/\1/p' out; }
# The value of member $1 in `show --format json` output.
json_member() { jq -r --arg m "$1" '.[$m] | if type == "array" then join(",") else tostring end' out; }

expect 0 init --db "$DB" --org-name "Acme Cardio" --org-slug acme --admin-email admin@acme.example \
  --admin-name "Alex Admin"
expect 0 org add --db "$DB" --name "Other Devices" --slug other
A=(--db "$DB" --org acme)
OTHER=(--db "$DB" --org other)
expect 0 product add "${A[@]}" --name "Stent system"
PRODUCT=$(created_id)
[[ -n "$PRODUCT" ]] || fail "no product id"

R=(operational-risks)

# --- add --------------------------------------------------------------------------------
expect 0 "${R[@]}" add "${A[@]}" --title "Supplier X single source" --owner "Purchasing" \
  --category supplier --likelihood 3 --impact 4 --status in_treatment --treatment "Second source" \
  --due-date 2031-12-01 --affected-product-ids "$PRODUCT" --stage manufacturing
out_has "added operational risk 'Supplier X single source' (score 12), id "
SUPPLIER=$(created_id)
expect 0 "${R[@]}" show "${A[@]}" "$SUPPLIER" --format json
[[ $(json_member due_date) == "2031-12-01T00:00:00.000Z" ]] || fail "due date not midnight UTC"
[[ $(json_member affected_product_ids) == "$PRODUCT" ]] || fail "affected products not stored"
[[ $(json_member stage) == "manufacturing" ]] || fail "stage not stored"
[[ $(json_member version) == "1" ]] || fail "a new record is not version 1"

# Defaults of a new record, and a full UTC time.
expect 0 "${R[@]}" add "${A[@]}" --title "Key engineer retiring" --owner "Operations" \
  --due-date 2031-06-30T12:30:00.000Z
KEY=$(created_id)
expect 0 "${R[@]}" show "${A[@]}" "$KEY" --format json
[[ $(json_member category) == "other" && $(json_member status) == "open" ]] || fail "defaults"
[[ $(json_member due_date) == "2031-06-30T12:30:00.000Z" ]] || fail "full UTC time not kept"

# Bad values: the option is named, the exit code is 3 (input invalid) and nothing is written.
BEFORE=$(journal_entries)
expect 3 "${R[@]}" add "${A[@]}" --title x --owner y --likelihood 9
err_has "riskloop: operational-risks add: must be 1 to 5, got 9 (at --likelihood)"
expect 3 "${R[@]}" add "${A[@]}" --title x --owner y --likelihood high
err_has '"high" is not a whole number (at --likelihood)'
expect 3 "${R[@]}" add "${A[@]}" --title x --owner y --category weather
err_has '"weather" is not one of supplier, regulatory_change, production_capacity, cybersecurity, key_personnel, other (at --category)'
expect 3 "${R[@]}" add "${A[@]}" --title x --owner y --due-date 2026-13-45
err_has '"2026-13-45" is not a date (2026-12-01) or a UTC time (2026-12-01T10:00:00.000Z) (at --due-date)'
expect 3 "${R[@]}" add "${A[@]}" --title x --owner y --affected-product-ids "$PRODUCT" \
  --affected-product-ids no-such-product
err_has "product no-such-product does not exist (at --affected-product-ids value 2)"
expect 3 "${R[@]}" add "${A[@]}" --title x --owner y --status in_treatment --due-date 2031-12-01
err_has "is required when status is in_treatment (at --treatment)"
expect 3 "${R[@]}" add "${A[@]}" --title "   " --owner y
err_has "(at --title)"
[[ $(journal_entries) == "$BEFORE" ]] || fail "a refused add was journaled"
# Usage errors: exit 2.
expect 2 "${R[@]}" add "${A[@]}" --owner y
err_has "--title is required"
expect 2 "${R[@]}" add "${A[@]}" --title x --owner y --colour red
expect 2 "${R[@]}" add "${A[@]}" --title x --title y --owner y
err_has "is given 2 times; give it once (at --title)"
expect 0 "${R[@]}" add --help
out_has "one of supplier, regulatory_change, production_capacity, cybersecurity, key_personnel or other"
out_has "--affected-product-ids"

# --- list: filters, sort, formats -------------------------------------------------------
expect 0 "${R[@]}" add "${A[@]}" --title "Ransomware on MES" --owner "IT security" \
  --category cybersecurity --likelihood 2 --impact 5 --status monitoring --due-date 2032-03-01
RANSOM=$(created_id)
expect 0 "${R[@]}" add "${A[@]}" --title "Overdue audit finding" --owner "QA" --due-date 2020-01-01
OVERDUE=$(created_id)
# A title a spreadsheet would run as a formula, an owner with separators and quotes.
expect 0 "${R[@]}" add "${A[@]}" --title '=HYPERLINK("http://evil.example","x")' \
  --owner 'Smith, J.; "Jo"' --category regulatory_change --due-date 2031-09-01
FORMULA=$(created_id)

expect 0 "${R[@]}" list "${A[@]}"
out_has "ID"; out_has "TITLE"; out_has "SCORE"; out_has "OVERDUE"
grep -qE "^$SUPPLIER +Supplier X single source +supplier +Purchasing +3 +4 +in_treatment +2031-12-01 +12" out \
  || fail "table row of $SUPPLIER"
grep -qE "^$OVERDUE .*2020-01-01 +1 +overdue$" out || fail "overdue not marked"
[[ $(grep -c overdue out) == 1 ]] || fail "only the past-due record is marked overdue"
[[ ! -s err ]] || fail "a complete list printed a cursor"

expect 0 "${R[@]}" list "${A[@]}" --where status=open --sort -due_date --format csv
[[ $(head -n 1 out) == $'id,title,category,owner,likelihood,impact,status,due_date,score,overdue\r' ]] \
  || fail "csv header"
[[ $(wc -l <out) == 4 ]] || fail "3 open records expected"
sed -n 2p out | grep -q "^$FORMULA," || fail "latest due date first"
sed -n 4p out | grep -q "^$OVERDUE," || fail "earliest due date last"
out_has "$FORMULA,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",regulatory_change,\"Smith, J.; \"\"Jo\"\"\",1,1,open,2031-09-01T00:00:00.000Z,1,"
out_has "$OVERDUE,Overdue audit finding,other,QA,1,1,open,2020-01-01T00:00:00.000Z,1,overdue"

expect 0 "${R[@]}" list "${A[@]}" --where status=open,monitoring --where due_date.lt=2031-12-01 \
  --sort due_date --format json
[[ $(jq length out) == 3 ]] || fail "3 records open or monitoring due before December 2031"
[[ $(jq -r '[.[].id] | join(" ")' out) == "$OVERDUE $KEY $FORMULA" ]] || fail "json order: $(jq -r '[.[].title] | join(" | ")' out)"
expect 0 "${R[@]}" list "${A[@]}" --where category=cybersecurity --format json
[[ $(jq -r '.[0].title' out) == "Ransomware on MES" && $(jq length out) == 1 ]] || fail "category filter"
expect 0 "${R[@]}" list "${A[@]}" --where due_date.null=true --format json
[[ $(jq length out) == 0 ]] || fail "every record has a due date"
expect 0 "${R[@]}" list "${A[@]}" --where status=closed --format csv
[[ $(cat out) == $'id,title,category,owner,likelihood,impact,status,due_date,score,overdue\r' ]] \
  || fail "an empty csv list is its header"

expect 3 "${R[@]}" list "${A[@]}" --where colour=red
err_has 'cannot filter or sort by "colour"; possible: id, status, category, due_date, stage (at --where colour)'
expect 3 "${R[@]}" list "${A[@]}" --where status=bogus
err_has '"bogus" is not one of open, in_treatment, monitoring, closed (at --where status)'
expect 3 "${R[@]}" list "${A[@]}" --where due_date.before=2026-01-01
err_has "(at --where due_date.before)"
expect 3 "${R[@]}" list "${A[@]}" --where status
err_has '"status" is not FIELD=VALUE'
expect 3 "${R[@]}" list "${A[@]}" --sort title
err_has "(at --sort)"
expect 3 "${R[@]}" list "${A[@]}" --limit 0
err_has "(at --limit)"
expect 3 "${R[@]}" list "${A[@]}" --after not-a-cursor
err_has "(at --after)"
expect 2 "${R[@]}" list "${A[@]}" --format xml

# --- pages ------------------------------------------------------------------------------
# 5 records, 2 a page: 3 pages, each but the last naming the cursor of the next.
PAGED=""
AFTER=()
for page in 1 2 3; do
  expect 0 "${R[@]}" list "${A[@]}" --limit 2 --format csv "${AFTER[@]}"
  rows=$(($(wc -l <out) - 1))
  PAGED+=$(tail -n +2 out | cut -d, -f1 | tr -d '\r' | tr '\n' ' ')
  if [[ $page -lt 3 ]]; then
    [[ $rows == 2 ]] || fail "page $page has $rows rows"
    grep -qE '^more: --after [A-Za-z0-9_-]+$' err || fail "page $page names no cursor"
    AFTER=(--after "$(sed -n 's/^more: --after //p' err)")
  else
    [[ $rows == 1 ]] || fail "the last page has $rows rows"
    [[ ! -s err ]] || fail "the last page names a cursor"
  fi
done
expect 0 "${R[@]}" list "${A[@]}" --all --limit 2 --format csv
[[ ! -s err ]] || fail "--all printed a cursor"
ALL=$(tail -n +2 out | cut -d, -f1 | tr -d '\r' | tr '\n' ' ')
[[ "$PAGED" == "$ALL" ]] || fail "pages ($PAGED) differ from --all ($ALL)"
[[ $(wc -w <<<"$ALL") == 5 ]] || fail "--all lists 5 records"
[[ $(tail -n +2 out | grep -c '^id,') == 0 ]] || fail "--all repeats the csv header"
expect 0 "${R[@]}" list "${A[@]}" --all --limit 2 --format json
[[ $(jq length out) == 5 ]] || fail "--all json is one array of 5"
expect 0 "${R[@]}" list "${A[@]}" --all --limit 2
[[ $(grep -c '^ID ' out) == 1 && $(wc -l <out) == 6 ]] || fail "--all table: one header, 5 rows"

# --- show -------------------------------------------------------------------------------
expect 0 "${R[@]}" show "${A[@]}" "$SUPPLIER"
grep -qE '^title +Supplier X single source$' out || fail "show table: title"
grep -qE '^score +12$' out || fail "show table: score"
grep -qE '^affected_product_ids +'"$PRODUCT"'$' out || fail "show table: products"
expect 4 "${R[@]}" show "${A[@]}" no-such-id
err_has "does not exist"

# --- update -----------------------------------------------------------------------------
BEFORE=$(journal_entries)
expect 0 "${R[@]}" update "${A[@]}" "$SUPPLIER" --title "Supplier X single source" --likelihood 3
out_has "no change to operational risk 'Supplier X single source': version 1 stays, nothing written"
[[ $(journal_entries) == "$BEFORE" ]] || fail "an update without change was journaled"
expect 0 "${R[@]}" update "${A[@]}" "$SUPPLIER" --likelihood 5
out_has "updated operational risk 'Supplier X single source' (score 20) to version 2, id $SUPPLIER"
[[ $(journal_entries) == $((BEFORE + 1)) ]] || fail "an update is one journal entry"
expect 0 "${R[@]}" show "${A[@]}" "$SUPPLIER" --format json
[[ $(json_member likelihood) == 5 && $(json_member impact) == 4 ]] || fail "update changed other fields"
[[ $(json_member treatment) == "Second source" && $(json_member owner) == "Purchasing" ]] \
  || fail "update lost fields not given"
expect 5 "${R[@]}" update "${A[@]}" "$SUPPLIER" --version 1 --impact 2
err_has "is at version 2, not 1"
expect 0 "${R[@]}" update "${A[@]}" "$SUPPLIER" --version 2 --impact 2
out_has "to version 3"
# An empty value clears an optional field; the type's rule still holds.
expect 3 "${R[@]}" update "${A[@]}" "$SUPPLIER" --due-date ""
err_has "is required when status is in_treatment (at --due-date)"
expect 0 "${R[@]}" update "${A[@]}" "$KEY" --due-date "" --affected-product-ids "$PRODUCT"
expect 0 "${R[@]}" show "${A[@]}" "$KEY" --format json
[[ $(json_member due_date) == "null" && $(json_member affected_product_ids) == "$PRODUCT" ]] \
  || fail "due date not cleared or products not set"
expect 0 "${R[@]}" update "${A[@]}" "$KEY" --affected-product-ids ""
expect 0 "${R[@]}" show "${A[@]}" "$KEY" --format json
[[ $(json_member affected_product_ids) == "" ]] || fail "one empty value does not empty a list"
expect 2 "${R[@]}" update "${A[@]}" "$KEY"
err_has "name at least one field to change"
expect 3 "${R[@]}" update "${A[@]}" "$KEY" --impact 6
err_has "(at --impact)"

# --- delete -----------------------------------------------------------------------------
expect 5 "${R[@]}" delete "${A[@]}" "$RANSOM" --version 2
expect 0 "${R[@]}" show "${A[@]}" "$RANSOM"
expect 2 "${R[@]}" delete "${A[@]}" "$RANSOM"          # --version is required
BEFORE=$(journal_entries)
expect 0 "${R[@]}" delete "${A[@]}" "$RANSOM" --version 1
out_has "deleted operational risk 'Ransomware on MES' (version 1), id $RANSOM"
[[ $(journal_entries) == $((BEFORE + 1)) ]] || fail "a delete is one journal entry"
expect 4 "${R[@]}" show "${A[@]}" "$RANSOM"
expect 4 "${R[@]}" delete "${A[@]}" "$RANSOM" --version 1

# --- organizations ----------------------------------------------------------------------
expect 4 "${R[@]}" show "${OTHER[@]}" "$SUPPLIER"
expect 4 "${R[@]}" update "${OTHER[@]}" "$SUPPLIER" --title "taken over"
expect 4 "${R[@]}" delete "${OTHER[@]}" "$SUPPLIER" --version 3
expect 0 "${R[@]}" list "${OTHER[@]}" --format json
[[ $(jq length out) == 0 ]] || fail "another organization sees the records"
expect 3 "${R[@]}" add "${OTHER[@]}" --title x --owner y --affected-product-ids "$PRODUCT"
err_has "product $PRODUCT does not exist (at --affected-product-ids value 1)"
expect 0 "${R[@]}" show "${A[@]}" "$SUPPLIER" --format json
[[ $(json_member title) == "Supplier X single source" ]] || fail "another organization changed it"

# --- permissions of --as -----------------------------------------------------------------
expect 0 user add "${A[@]}" --email audrey@acme.example --name "Audrey Auditor" --role auditor
expect 6 "${R[@]}" add "${A[@]}" --as audrey@acme.example --title x --owner y
expect 6 "${R[@]}" update "${A[@]}" --as audrey@acme.example "$SUPPLIER" --impact 1
expect 0 "${R[@]}" list "${A[@]}" --as audrey@acme.example --format csv
out_has "$SUPPLIER,"

# --- the former name --------------------------------------------------------------------
expect 0 oprisk list "${A[@]}" --where category=supplier --format csv
out_has "$SUPPLIER,Supplier X single source,"

expect 0 verify --db "$DB"
echo "record_cli_test: all passed"
