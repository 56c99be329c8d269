#!/usr/bin/env bash
# End-to-end tests of `riskloop stats disproportionality` and `riskloop stats mgps`: small files
# with known results, openEBGM's caers data (fit and scores), and bad files (exit code 3 naming the
# row and column).
#
#   tests/integration/stats_signal_cli_test.sh PATH/TO/riskloop PATH/TO/shared/data
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

RISKLOOP=$(realpath "${1:?usage: stats_signal_cli_test.sh PATH/TO/riskloop PATH/TO/shared/data}")
DATA=$(realpath "${2:?usage: stats_signal_cli_test.sh PATH/TO/riskloop PATH/TO/shared/data}")
CAERS="$DATA/reference/mgps_caers_input.csv"
[[ -f "$CAERS" ]] || { echo "FAIL: reference file missing: $CAERS" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
source "$HERE/expect.sh"

# --- disproportionality -------------------------------------------------------------------
cat > tables.csv <<'CSV'
product,event,a,b,c,d
PUMP,"OCCLUSION, LINE",10,90,100,9800
STENT,FRACTURE,7,200,0,40000
LEAD,NOISE,2,98,100,9800
CSV
expect 0 stats disproportionality --counts tables.csv
err_has "3 tables, 2 meet every signal criterion"
head -1 out | grep -q '^product,event,a,b,c,d,N,PRR,PRR_lo,PRR_hi,ROR,' || fail "header"
grep -qE '^PUMP,"OCCLUSION, LINE",10,90,100,9800,10000,9\.(9|8999999)[0-9]*,5\.3284097308' out ||
  fail "PUMP: counts kept, N, PRR and its lower bound"
out_has ',true,true,true,true'
grep '^STENT' out | grep -q ',Inf,NA,NA,Inf,NA,NA,2884\.' || fail "STENT: Inf and NA"
grep '^LEAD' out | grep -q ',false,false,false,false$' || fail "LEAD: criteria"

expect 0 stats disproportionality --counts tables.csv --min-a 1 --min-ror-lo 1 --out res.csv
out_has "3 tables, 1 meet every signal criterion"
head -1 res.csv | grep -q 'signal_count,signal_ror_lo,signal$' || fail "ROR column"
grep '^STENT' res.csv | grep -q ',true,true,true,false,false$' || fail "STENT ROR bound NA"

# --- mgps on small files ------------------------------------------------------------------
cat > pairs.csv <<'CSV'
var1,var2,N,E
A,X,9,0.68355184743742547
B,Y,1,1.5
CSV
expect 0 stats mgps --counts pairs.csv --theta 3.2537864285968148,0.39988836598891847,2.0261305352376806,1.9080825982792795,0.065345700410102792
err_has "prior (given): alpha1=3.253786429"
err_has "negative log-likelihood on all 2 pairs"
head -1 out | grep -qx 'var1,var2,N,E,EBGM,EB05,EB95' || fail "mgps header"
grep -q '^A,X,9,0.6835518474374255,10.745942469' out || fail "EBGM of the calibration pair"

cat > reports.csv <<'CSV'
id,var1,var2
1,A,X
1,A,X
1,A,Y
2,A,X
3,B,Y
CSV
expect 0 stats mgps --reports reports.csv --theta 1,1,2,2,0.5 --out u.csv
out_has "unique-report counts"
grep -q '^A,X,2,' u.csv || fail "unique reports: A,X counted once per report"
expect 0 stats mgps --reports reports.csv --summed --theta 1,1,2,2,0.5 --out s.csv
out_has "summed counts"
grep -q '^A,X,3,' s.csv || fail "summed: A,X counted per row"

# --- mgps on the caers data: fit and scores -----------------------------------------------
expect 0 stats mgps --reports "$CAERS" --out caers.csv
out_has "17189 pairs with N >= 1"
out_has "converged: yes"
grep -qE 'predicted decrease [0-9.e+-]+, iterations [0-9]+, evaluations [0-9]+ \([0-9]+ on all pairs\), best start [1-5] of 5' out ||
  fail "fit diagnostics"
negll=$(sed -n 's/^negative log-likelihood on all 17189 pairs: //p' out)
awk -v v="$negll" 'BEGIN { exit !(v <= 4162.4557 + 0.01) }' || fail "negLL $negll"
[[ $(wc -l < caers.csv) == 17190 ]] || fail "caers rows"

# --- bad input ----------------------------------------------------------------------------
printf 'a,b,c,d\n1,2,3,4\n1,-2,3,4\n' > negative.csv
expect 3 stats disproportionality --counts negative.csv
err_has 'row 3, column "b": "-2" is negative'
err_has "(at negative.csv)"

printf 'a,b,c\n1,2,3\n' > missing.csv
expect 3 stats disproportionality --counts missing.csv
err_has 'the header has no column "d"'

printf 'var1,var2,N,E\nA,X,2,0.5\nA,Y,x,0.5\n' > text.csv
expect 3 stats mgps --counts text.csv
err_has 'row 3, column "N": "x" is not a whole number'

printf 'var1,var2,N,E\nA,X,0,0.5\n' > zero.csv
expect 3 stats mgps --counts zero.csv
err_has 'row 2, column "N": is 0'

printf 'var1,var2,N,E\nA,X,1,0.5\nA,X,2,0.5\n' > twice.csv
expect 3 stats mgps --counts twice.csv
err_has 'row 3, column "var2": the pair is listed twice (first on row 2)'

printf 'id,var1\n1,A\n' > noid.csv
expect 3 stats mgps --reports noid.csv
err_has 'the header has no column "var2"'

expect 3 stats mgps --counts pairs.csv --theta 1,2,3
err_has "--theta needs five numbers"
expect 2 stats mgps --counts pairs.csv --reports reports.csv
err_has "exactly one of --reports FILE and --counts FILE"

echo "stats_signal_cli_test: all passed"
