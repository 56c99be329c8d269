#!/usr/bin/env bash
# End-to-end tests of the risk commands on the demo risk file (docs/cli.md): policies, files,
# gates and signed gate decisions, the assessment, the report (HTML and PDF, read back with
# pdftotext), hazard sheet export -> import, import errors, due reviews and the operational risk
# register.
#
#   tests/integration/risk_cli_test.sh PATH/TO/riskloop
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

RISKLOOP=$(realpath "${1:?usage: risk_cli_test.sh PATH/TO/riskloop}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

source "$HERE/expect.sh"
export RISKLOOP_DEMO_PASSWORD="demo password for the risk tests"
MANAGER=mei.chen@corvane.example
DB="$WORK/var/demo.db"
journal_entries() { "$RISKLOOP" verify --db "$DB" | awk '{print $2}'; }
# The id at the end of a "..., id <id>" line.
created_id() { sed -n 's/.*, id \([0-9a-f-]*\)$/\1/p' out; }

expect 0 init --db "$DB" --demo
D=(--db "$DB")

# --- the demo file ----------------------------------------------------------------------
expect 0 file list "${D[@]}"
out_has "Drug-eluting coronary stent system"
FILE=$(awk '/Drug-eluting coronary stent system/ {print $1}' out)
[[ -n "$FILE" ]] || fail "no demo risk file id"
expect 0 file show "${D[@]}" --id "$FILE"
PRODUCT=$(sed -n 's/^ *"product_id": "\([^"]*\)".*/\1/p' out)
[[ -n "$PRODUCT" ]] || fail "no product id in file show"
expect 0 policy list "${D[@]}"
out_has "approved"

# --- gates ------------------------------------------------------------------------------
# Design transfer waits for the effectiveness verification of the coating inspection.
expect 1 gate check "${D[@]}" --file "$FILE" --stage manufacturing
out_has "control_effectiveness_not_verified: "
out_has "Coating integrity inspection"
grep -qE '^[a-z_]+: .+ \([a-z_]+ [0-9a-f-]+\)$' out || fail "a reason is not 'code: message (entity id)'"
err_has "riskloop: gate check: the manufacturing gate is blocked by"
BLOCKING=$(wc -l <out)
expect 1 gate check "${D[@]}" --file "$FILE" --stage post-launch
[[ $(wc -l <out) -gt "$BLOCKING" ]] || fail "post-launch has no more reasons than manufacturing"
expect 3 gate check "${D[@]}" --file "$FILE" --stage later
err_has "(at --stage)"
expect 2 gate check "${D[@]}" --file "$FILE"
expect 4 gate check "${D[@]}" --file 00000000-0000-7000-8000-000000000000 --stage design

BEFORE=$(journal_entries)
STDIN="$RISKLOOP_DEMO_PASSWORD" expect 5 gate decide "${D[@]}" --file "$FILE" --stage manufacturing \
  --outcome passed --rationale "Design transfer" --as "$MANAGER" --password-stdin
err_has "blocking reason"
STDIN="not the password" expect 6 gate decide "${D[@]}" --file "$FILE" --stage manufacturing \
  --outcome rejected --rationale "Coating inspection pending" --as "$MANAGER" --password-stdin
STDIN="$RISKLOOP_DEMO_PASSWORD" expect 2 gate decide "${D[@]}" --file "$FILE" --stage manufacturing \
  --outcome rejected --rationale "Coating inspection pending" --password-stdin
err_has "(at --as)"
# Only the wrong password is journaled, as a security event (docs/security.md).
[[ $(journal_entries) == "$((BEFORE + 1))" ]] || fail "a refused decision was journaled"
STDIN="$RISKLOOP_DEMO_PASSWORD" expect 0 gate decide "${D[@]}" --file "$FILE" --stage manufacturing \
  --outcome rejected --rationale "Coating inspection effectiveness pending" --as "$MANAGER" --password-stdin
out_has "recorded the manufacturing gate as rejected, signed by $MANAGER"

# --- items by ref; retiring and reinstating ------------------------------------------------
expect 0 item list "${D[@]}" --kind hazards --file "$FILE"
out_has "H-001"
HAZARD=$(awk '$1 == "H-001" {print $2}' out)
[[ -n "$HAZARD" ]] || fail "no hazard H-001 in item list"
BEFORE=$(journal_entries)
expect 3 item retire "${D[@]}" --kind hazards --id "$HAZARD" --rationale "   "
err_has "(at --rationale)"
expect 2 item retire "${D[@]}" --kind hazards --id "$HAZARD"
expect 3 item retire "${D[@]}" --kind lamps --id "$HAZARD" --rationale "x"
expect 4 item retire "${D[@]}" --kind hazards --id 00000000-0000-7000-8000-000000000000 --rationale "x"
expect 5 item retire "${D[@]}" --kind hazards --id "$HAZARD" --rationale "x" --version 9
[[ "$(journal_entries)" == "$BEFORE" ]] || fail "a refused retirement wrote to the journal"
expect 0 item retire "${D[@]}" --kind hazards --id "$HAZARD" --rationale "Surface treatment changed (DC-12)"
out_has "retired H-001"
expect 5 item retire "${D[@]}" --kind hazards --id "$HAZARD" --rationale "again"
err_has "already retired"
expect 0 item list "${D[@]}" --kind hazards --file "$FILE"
out_has "Surface treatment changed (DC-12)"
expect 0 item reinstate "${D[@]}" --kind hazards --id "$HAZARD"
out_has "reinstated H-001"
expect 5 item reinstate "${D[@]}" --kind hazards --id "$HAZARD"
[[ "$(journal_entries)" == "$((BEFORE + 2))" ]] || fail "retire and reinstate are not two entries"

# --- assessment and report --------------------------------------------------------------
expect 0 assess "${D[@]}" --file "$FILE"
out_has "Drug-eluting coronary stent system"
out_has "residual accepted"
out_has "Before risk control"
out_has "After risk control"
out_has "Catastrophic"
out_has "Frequent"

expect 0 report rmr "${D[@]}" --file "$FILE" --format html --out rmr.html
out_has "wrote the risk management report (html"
grep -qF "Drug-eluting coronary stent system" rmr.html || fail "the HTML report lacks the device"
command -v pdftotext >/dev/null || fail "pdftotext (poppler-utils) is needed: scripts/setup-deps.sh"
expect 0 report rmr "${D[@]}" --file "$FILE" --format pdf --out rmr.pdf
out_has "wrote the risk management report (pdf"
[[ $(head -c 5 rmr.pdf) == "%PDF-" ]] || fail "not a PDF"
pdftotext rmr.pdf rmr.txt  # a file, not a pipe: grep -q would end the pipe early under pipefail
grep -qF "Drug-eluting coronary stent system" rmr.txt || fail "the PDF lacks the device"
grep -qF "16 Record integrity" rmr.txt || fail "the PDF lacks the integrity section"
grep -qE "page 1 of [0-9]+" rmr.txt || fail "the PDF lacks page numbers"
RISKLOOP_FONT_DIR=/nonexistent/fonts expect 10 report rmr "${D[@]}" --file "$FILE" --format pdf --out x.pdf
err_has "/nonexistent/fonts/DejaVuSans.ttf"
expect 2 report rmr "${D[@]}" --file "$FILE" --format docx --out x.docx

# --- export -> import -------------------------------------------------------------------
expect 0 export "${D[@]}" --file "$FILE" --format csv --out sheet.csv
out_has "exported the hazard sheet (csv"
expect 0 file create "${D[@]}" --product "$PRODUCT" --title "Imported copy"
COPY=$(created_id)
expect 0 import hazards "${D[@]}" --file "$COPY" --in sheet.csv
out_has "imported "
expect 0 export "${D[@]}" --file "$COPY" --out copy.csv
[[ $(wc -l <copy.csv) == $(wc -l <sheet.csv) ]] || fail "the copy has $(wc -l <copy.csv) lines, the original $(wc -l <sheet.csv)"
expect 0 export "${D[@]}" --file "$FILE" --out sheet.xlsx
[[ $(head -c 2 sheet.xlsx) == "PK" ]] || fail "the xlsx export is not a zip"
expect 0 file create "${D[@]}" --product "$PRODUCT" --title "XLSX copy"
XCOPY=$(created_id)
expect 0 import hazards "${D[@]}" --file "$XCOPY" --in sheet.xlsx --dry-run
out_has "dry run: "
expect 2 export "${D[@]}" --file "$FILE" --format xlsx

# --- import errors ----------------------------------------------------------------------
cat >bad.csv <<'CSV'
hazard_ref,hazard,situation_ref,hazardous_situation,p1,harm_ref,harm,severity,p2
H1,Imported hazard,S1,Imported situation,0.001,M1,Imported harm,3,0.1
H2,Second hazard,S2,Second situation,0.001,M2,Second harm,9x,0.1
CSV
expect 0 file create "${D[@]}" --product "$PRODUCT" --title "Bad import"
BAD=$(created_id)
BEFORE=$(journal_entries)
expect 3 import hazards "${D[@]}" --file "$BAD" --in bad.csv
err_has 'row 3, column "severity": '
err_has "nothing was written"
[[ $(journal_entries) == "$BEFORE" ]] || fail "a refused import was journaled"
expect 0 import hazards "${D[@]}" --file "$BAD" --in bad.csv --partial
err_has 'row 3, column "severity": '
out_has "imported 5 records, 1 of 2 rows accepted"
expect 4 import hazards "${D[@]}" --file "$BAD" --in missing.csv

# A residual estimate with only a rationale: refused naming row and column, never defaulted to
# P1 = 0, P2 = 0, severity 1. A lower residual severity than the harm's needs the inherent-safety
# control, which a sheet cannot name.
cat >residual.csv <<'CSV'
hazard_ref,hazard,situation_ref,hazardous_situation,p1,harm_ref,harm,severity,p2,residual_rationale,residual_p1,residual_p2,residual_severity
H1,Bleeding hazard,S1,Vessel punctured,0.01,M1,Major bleeding,4,0.1,Guard added,,,
H2,Sharp edge,S2,Edge cuts the vessel,0.01,M2,Laceration,4,0.1,Rounded edge,0.001,0.1,1
CSV
expect 0 file create "${D[@]}" --product "$PRODUCT" --title "Residual import"
RESIDUAL=$(created_id)
expect 3 import hazards "${D[@]}" --file "$RESIDUAL" --in residual.csv
err_has 'row 2, column "residual_severity": is required when the risk has a residual estimate'
err_has 'row 3, column "residual_severity": 1 is below the harm'"'"'s severity 4'

# --- due reviews, operational risks, policies -------------------------------------------
expect 0 due "${D[@]}"
out_has "no reviews due"
# The register's commands are the generated ones (record_cli_test.sh); `oprisk` is its old name,
# and its list keeps the score and the overdue mark.
expect 0 oprisk list "${D[@]}"
out_has "Single qualified source of sirolimus"
out_has "SCORE"
grep -qE "Single qualified source of sirolimus.* +15 *$" out || fail "no score 15 (3 x 5) in the list"
expect 0 operational-risks add "${D[@]}" --title "Key process engineer retiring" \
  --owner "Operations director" --category key_personnel --likelihood 2 --impact 4 \
  --affected-product-ids "$PRODUCT"
out_has "added operational risk 'Key process engineer retiring' (score 8), id "
expect 0 operational-risks add "${D[@]}" --title "Cleanroom certificate lapsed" --owner "QA" \
  --status in_treatment --treatment "Recertify" --due-date 2020-01-01
expect 0 oprisk list "${D[@]}" --where status=in_treatment --sort due_date
grep -qE "^[0-9a-f-]+ +Cleanroom certificate lapsed .* overdue$" out || fail "overdue not marked"
expect 3 oprisk add "${D[@]}" --title "x" --owner "y" --likelihood 9
err_has "(at --likelihood)"
expect 3 oprisk add "${D[@]}" --title "x" --owner "y" --category weather
err_has "(at --category)"

expect 0 policy create "${D[@]}" --name "Policy 2027"
out_has "created draft risk policy Policy 2027 version 1"
POLICY=$(created_id)
STDIN="$RISKLOOP_DEMO_PASSWORD" expect 0 policy approve "${D[@]}" --id "$POLICY" --as "$MANAGER" --password-stdin
out_has "approved risk policy Policy 2027 version 1"
STDIN="$RISKLOOP_DEMO_PASSWORD" expect 5 policy approve "${D[@]}" --id "$POLICY" --as "$MANAGER" --password-stdin
expect 0 policy show "${D[@]}" --id "$POLICY"
out_has '"status": "approved"'
echo '{"name": "From JSON", "colour": "blue"}' >policy.json
expect 3 policy create "${D[@]}" --from-json policy.json
err_has "policy.json /colour"

# --- policy migration: preview, then an explicit, journaled move ------------------------
# A stricter policy: no cell is acceptable. The file keeps its policy until it is migrated.
expect 0 policy show "${D[@]}" --id "$POLICY"
grep -vE '^  "(approved_at|approved_by|created_at|id|org_id|policy_id|policy_version|status|updated_at|version)":' out |
  sed -z 's/,\n}/\n}/' | sed 's/"acceptable"/"investigate"/g; s/"name": "Policy 2027"/"name": "Strict"/' >strict.json
expect 0 policy create "${D[@]}" --from-json strict.json
STRICT=$(created_id)
STDIN="$RISKLOOP_DEMO_PASSWORD" expect 0 policy approve "${D[@]}" --id "$STRICT" --as "$MANAGER" --password-stdin
BEFORE=$(journal_entries)
expect 0 file migrate "${D[@]}" --id "$FILE" --policy "$STRICT"
out_has "acceptable -> "
out_has "nothing changed"
[[ $(journal_entries) == "$BEFORE" ]] || fail "a migration preview was journaled"
CHANGES=$(awk 'NR==1 {print $1}' out)
[[ $CHANGES -gt 0 ]] || fail "the stricter policy changes no estimate"
expect 0 file migrate "${D[@]}" --id "$FILE" --policy "$STRICT" --apply --rationale "Stricter matrix from 2027"
out_has "moved the risk file to policy $STRICT v1"
[[ $(journal_entries) -gt "$BEFORE" ]] || fail "the migration was not journaled"
expect 0 file show "${D[@]}" --id "$FILE"
out_has "\"policy_id\": \"$STRICT\""
expect 4 file migrate "${D[@]}" --id "$FILE" --policy 00000000-0000-7000-8000-000000000000

expect 0 verify "${D[@]}"
echo "risk_cli_test: all passed"
