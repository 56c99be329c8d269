#!/usr/bin/env bash
# Vigilance reference data end to end: the reporting rules of the shared regulatory table imported
# as a versioned rule set (twice: nothing written the second time; a new version replacing it),
# due dates per jurisdiction with working days and holidays, registrations of a product per
# country, and a person's mistakes (bad rows, bad units, a non-admin, another organization).
#
#   tests/integration/vigilance_cli_test.sh PATH/TO/riskloop PATH/TO/shared/data
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RISKLOOP=$(realpath "${1:?usage: vigilance_cli_test.sh PATH/TO/riskloop PATH/TO/shared/data}")
DATA=$(realpath "${2:?usage: vigilance_cli_test.sh PATH/TO/riskloop PATH/TO/shared/data}")
RULES="$DATA/regulatory/reporting_deadlines.csv"
[[ -f $RULES ]] || { echo "FAIL: reference file missing: $RULES" >&2; exit 1; }
command -v jq >/dev/null || { echo "vigilance_cli_test: needs jq (scripts/setup-deps.sh)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
source "$HERE/expect.sh"
export RISKLOOP_ADMIN_PASSWORD="admin password for the vigilance tests"
DB="$WORK/vigilance.db"
A=(--db "$DB" --org acme)
created_id() { sed -n 's/.*, id \([0-9a-f-]*\)$/\1/p' out; }
entries() { "$RISKLOOP" verify --db "$DB" | awk '{print $2}'; }

expect 0 init --db "$DB" --org-name "Acme Cardio" --org-slug acme --admin-email admin@acme.example \
  --admin-name "Alex Admin"
expect 0 org add --db "$DB" --name "Other Devices" --slug other

# --- the shared table as rule set 1 --------------------------------------------------------
rows=$(($(wc -l <"$RULES") - 1))
expect 0 reporting-rules import "${A[@]}" "$RULES" --rule-set "reporting_deadlines 2026-11"
out_has "rule set \"reporting_deadlines 2026-11\": $rows rules added, 0 changed, 0 unchanged"
before=$(entries)
expect 0 reporting-rules import "${A[@]}" "$RULES" --rule-set "reporting_deadlines 2026-11"
out_has "0 rules added, 0 changed, $rows unchanged"
[[ $(entries) == "$before" ]] || fail "importing the same table again wrote journal entries"

expect 0 reporting-rules list "${A[@]}" --where jurisdiction=US --all --format json
[[ $(jq 'length' out) -eq $(grep -c '^US,' "$RULES") ]] || fail "US rules not all listed"
expect 0 reporting-rules list "${A[@]}" --where jurisdiction=PK --all --format json
[[ $(jq -r '.[0].deadline_unit' out) == no_fixed_period ]] || fail "PK has no fixed period"
[[ $(jq -r '.[0].deadline_wording' out) == "configure per registration" ]] ||
  fail "the wording of a rule without a period is kept"

# --- due dates -----------------------------------------------------------------------------
# Aware Thursday 2026-12-03 15:00 UTC: EU 2 / 10 / 15 calendar days.
expect 0 reporting-rules due "${A[@]}" --jurisdiction EU --aware 2026-12-03T15:00:00.000Z --format json
[[ $(jq -r '.[0].due' out) == 2026-12-05T23:59:59.999Z ]] || fail "EU Art 87(4): 2 days"
jq -e '.[] | select(.citation == "MDR Art 87(3)") | .due == "2026-12-18T23:59:59.999Z"' out >/dev/null ||
  fail "EU Art 87(3): 15 days"
jq -e '[.[] | select(.due == null)] | length > 0' out >/dev/null || fail "rules without a period listed"
# US 5 work days (803.53): Fri 4, Mon 7 ... Thu 10; with a holiday on Tue 8, Fri 11.
expect 0 reporting-rules due "${A[@]}" --jurisdiction US --aware 2026-12-03T15:00:00.000Z --format json
jq -e '.[] | select(.due == "2026-12-10T23:59:59.999Z")' out >/dev/null || fail "US 5 work days"
expect 0 holidays add "${A[@]}" --country US --date 2026-12-08 --name "A test holiday"
expect 0 reporting-rules due "${A[@]}" --jurisdiction US --aware 2026-12-03T15:00:00.000Z --format json
jq -e '.[] | select(.due == "2026-12-11T23:59:59.999Z")' out >/dev/null || fail "holiday not skipped"
expect 0 reporting-rules due "${A[@]}" --jurisdiction CN --aware 2026-12-03T15:00:00.000Z
out_has "2026-12-04T03:00:00.000Z"  # 12 hours
out_has "DUE"

# --- a new version replaces the old ---------------------------------------------------------
head -1 "$RULES" >v2.csv
grep '^EU,' "$RULES" >>v2.csv
expect 0 reporting-rules import "${A[@]}" v2.csv --rule-set "reporting_deadlines 2027-01" --replace
out_has "of other rule sets out of force"
expect 0 reporting-rules due "${A[@]}" --jurisdiction US --aware 2026-12-03T15:00:00.000Z
out_has "no reporting rule in force for US"

# --- registrations ---------------------------------------------------------------------------
expect 0 product add "${A[@]}" --name "Stent system"
PRODUCT=$(created_id)
expect 0 registrations add "${A[@]}" --product-id "$PRODUCT" --country CN --authority nmpa \
  --registration-number "国械注准20193130123" --risk-class III --status registered \
  --registered-on 2019-06-01
expect 0 registrations list "${A[@]}" --where country=CN --format json
[[ $(jq -r '.[0].registration_number' out) == "国械注准20193130123" ]] || fail "number kept"
expect 3 registrations add "${A[@]}" --product-id "$PRODUCT" --country CN --authority nmpa --status registered
err_has "is required once the product is registered (at --registration-number)"
expect 3 registrations add "${A[@]}" --product-id "$PRODUCT" --country China --authority nmpa
err_has "at most 2 characters"
expect 3 registrations add --db "$DB" --org other --product-id "$PRODUCT" --country US --authority fda
err_has "does not exist"

# --- complaints ------------------------------------------------------------------------------
expect 0 complaints add "${A[@]}" --product-id "$PRODUCT" --received-on 2026-12-01 \
  --reporter-name "Cath lab nurse" --reporter-role healthcare_professional --country PK \
  --lot L-17 --description "Balloon did not deflate after the stent was placed" \
  --patient-involved true --patient-outcome serious_injury --device-availability returned
COMPLAINT=$(created_id)
[[ -n $COMPLAINT ]] || fail "no complaint id"
expect 0 complaints list "${A[@]}" --where lot=L-17 --format json
[[ $(jq -r '.[0].patient_outcome' out) == serious_injury ]] || fail "outcome kept"
expect 3 complaints update "${A[@]}" "$COMPLAINT" --status closed
err_has "are required to close a complaint (at --findings)"
expect 0 complaints update "${A[@]}" "$COMPLAINT" --status closed --findings "Wall too thin" \
  --closed-on 2026-12-20
expect 3 complaints add "${A[@]}" --product-id "$PRODUCT" --received-on 2026-12-01 \
  --reporter-name "X" --country PK --description "d" --patient-outcome death
err_has "must be true when an outcome for the patient is given"
expect 2 complaints add "${A[@]}" --product-id "$PRODUCT" --reporter-name "X" --country PK --description "d"
err_has "--received-on is required"
expect 3 complaints add --db "$DB" --org other --product-id "$PRODUCT" --received-on 2026-12-01 \
  --reporter-name "X" --country PK --description "d"
err_has "does not exist"
STDIN="auditor password 1234" expect 0 user add "${A[@]}" --email aud@acme.example \
  --name "Ada Auditor" --role auditor --password-stdin
expect 6 complaints add "${A[@]}" --as aud@acme.example --product-id "$PRODUCT" \
  --received-on 2026-12-01 --reporter-name "X" --country PK --description "d"

# --- mistakes ------------------------------------------------------------------------------
printf 'jurisdiction,regulation,event_class,clock_start,deadline_value,deadline_unit,citation\nUS,803,Death,aware,30,fortnights,803.50\n' >unit.csv
expect 3 reporting-rules import "${A[@]}" unit.csv --rule-set bad
err_has 'row 2, column "deadline_unit": "fortnights" is not a unit'
printf 'jurisdiction,regulation,event_class,clock_start,deadline_value,deadline_unit,citation\nUSA,803,Death,aware,30,calendar days,803.50\n' >juris.csv
expect 3 reporting-rules import "${A[@]}" juris.csv --rule-set bad
err_has 'row 2, column "jurisdiction"'
printf 'jurisdiction,regulation,event_class,clock_start,deadline_value,deadline_unit,citation\nUS,803,Death,aware,thirty,calendar days,803.50\n' >value.csv
expect 3 reporting-rules import "${A[@]}" value.csv --rule-set bad
err_has 'row 2, column "deadline_value"'
printf 'jurisdiction,regulation,event_class,clock_start,deadline_value,deadline_unit\nUS,803,Death,aware,30,calendar days\n' >nocite.csv
expect 3 reporting-rules import "${A[@]}" nocite.csv --rule-set bad
err_has 'no column "citation"'
printf 'jurisdiction,regulation,event_class,clock_start,deadline_value,deadline_unit,citation\nUS,803,Death,aware,30,calendar days,803.50\nUS,803,Death,aware,30,calendar days,803.50\n' >twice.csv
expect 3 reporting-rules import "${A[@]}" twice.csv --rule-set bad
err_has 'row 3: the same jurisdiction and event class as an earlier row'
long=$(printf 'x%.0s' $(seq 1 600))
printf 'jurisdiction,regulation,event_class,clock_start,deadline_value,deadline_unit,citation\nUS,803,Death,aware,30,calendar days,803.50\nUS,803,%s,aware,30,calendar days,803.50\n' "$long" >long.csv
expect 3 reporting-rules import "${A[@]}" long.csv --rule-set bad
err_has 'row 3, column "event_class": must have at most 500 characters'
expect 0 reporting-rules list "${A[@]}" --where "rule_set=bad" --format json
[[ $(jq 'length' out) -eq 0 ]] || fail "a refused table wrote rules"
expect 2 reporting-rules import "${A[@]}" "$RULES"
expect 2 reporting-rules due "${A[@]}" --jurisdiction EU --aware yesterday
err_has "--aware must be an instant"
expect 3 reporting-rules due "${A[@]}" --jurisdiction eu --aware 2026-12-03T15:00:00.000Z
err_has "two capital letters"
expect 5 holidays add "${A[@]}" --country US --date 2026-12-08 --name "Twice"
err_has "a holiday with the same country and date already exists"
if grep -qi "constraint\|unique" err; then fail "a database message reached the person"; fi
expect 3 holidays add "${A[@]}" --country US --date 2026-02-30 --name "No such day"
err_has 'must be a date like 2027-10-01'

# Only admins change rules: an engineer may read them, not import.
STDIN="engineer password 1234" expect 0 user add "${A[@]}" --email eng@acme.example \
  --name "Erin Engineer" --role engineer --password-stdin
expect 0 reporting-rules list "${A[@]}" --as eng@acme.example --format json
expect 6 reporting-rules import "${A[@]}" --as eng@acme.example "$RULES" --rule-set x
err_has "your role (engineer) may not change reporting rules"
# Another organization sees none of them.
expect 0 reporting-rules list --db "$DB" --org other --format json
[[ $(jq 'length' out) -eq 0 ]] || fail "another organization sees the rules"

expect 0 verify --db "$DB"
echo "vigilance CLI: all checks passed"
