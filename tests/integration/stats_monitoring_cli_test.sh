#!/usr/bin/env bash
# The sequential, SPC and survival commands of `riskloop stats` end to end on small CSV files:
# their results (checked against the reference vectors where one exists) and their refusal of
# bad input with the row and column named (exit code 3).
#
#   tests/integration/stats_monitoring_cli_test.sh PATH/TO/riskloop
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RISKLOOP=$(realpath "${1:?usage: stats_monitoring_cli_test.sh PATH/TO/riskloop}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
source "$HERE/expect.sh"

# --- maxsprt ------------------------------------------------------------------------------
# Sequential 4.3.4: CV.Poisson(SampleSize=10, M=1, alpha=0.05) = 3.46795158033368.
expect 0 stats maxsprt --T 10 --alpha 0.05 --min-events 1
out_has "T,min_events,alpha,critical_value"
grep -qE '^10,1,0\.05[0-9]*,3\.46795(1[5-9]|2)' out || fail "critical value is not 3.467951..."

expect 0 stats maxsprt --T 10 --cv 3.46795158033368 --rr 2
grep -qE '^2,0\.6850633543' out || fail "power at RR=2 is not 0.68506335..."

cat > looks.csv <<'CSV'
period,observed,expected
2026-01,1,1.5
2026-02,2,1.5
2026-03,9,1.5
2026-04,1,1.5
CSV
expect 0 stats maxsprt --T 10 --counts looks.csv
out_has "period,observed,expected,cumulative_observed,cumulative_expected,llr,critical_value,status"
grep -q '^2026-02,2,1.5,3,3,0,.*,continue$' out || fail "look 2 should continue"
grep -q '^2026-03,9,1.5,12,4.5,.*,alarm$' out || fail "look 3 should alarm"
grep -q '^2026-04,.*,after_alarm$' out || fail "look 4 comes after the alarm"

expect 0 stats maxsprt --T 10 --counts looks.csv --format json
out_has '"status": "alarm"'
out_has '"critical_value": 3.46795'

printf 'period,observed,expected\n2026-01,1,1\n2026-02,-1,1\n' > negative.csv
expect 3 stats maxsprt --T 10 --counts negative.csv
err_has 'row 3, column "observed"'
err_has 'negative'
printf 'period,expected\n2026-01,1\n' > missing.csv
expect 3 stats maxsprt --T 10 --counts missing.csv
err_has 'no column "observed"'
printf 'period,observed,expected\n2026-01,1,abc\n' > text.csv
expect 3 stats maxsprt --T 10 --counts text.csv
err_has 'row 2, column "expected": "abc" is not a number'
expect 3 stats maxsprt --T 0.5 --min-events 3
err_has 'no critical value'

# --- cusum --------------------------------------------------------------------------------
printf 'period,count\nm1,4\nm2,6\nm3,7\nm4,3\nm5,8\nm6,9\nm7,2\n' > counts.csv
expect 0 stats cusum counts.csv --type poisson --k 5 --h 6
out_has "index,id,count,weight,statistic,alarm"
grep -q '^6,m6,9,4,8,true$' out || fail "the Poisson CUSUM should alarm at m6 with S = 8"
out_has "points,alarms,first_alarm_index,first_alarm_id"
out_has "7,1,6,m6"
# Exact ARL (reference cusum_poisson_arl.csv: k=5, h=6, lambda=4 -> 67.32506518770809).
expect 0 stats cusum --type poisson --k 5 --h 6 --arl --at 4
grep -q '^5,6,4,67.3250651877' out || fail "exact ARL 67.325065..."
expect 0 stats cusum --type normal --k 0.5 --h 4 --arl --at 0 --at 1
grep -q '^0.5,4,1,8.38320' out || fail "normal CUSUM ARL at a 1 sigma shift is 8.3832..."

printf 'case,predicted_risk,outcome\n1,0.1,0\n2,0.2,1\n3,0.1,1\n4,0.3,1\n' > patients.csv
expect 0 stats cusum patients.csv --type risk-adjusted --odds-ratio 2 --h 1
out_has "index,id,outcome,weight,statistic,alarm"
printf 'case,predicted_risk,outcome\n1,0.1,0\n2,1.2,1\n' > badrisk.csv
expect 3 stats cusum badrisk.csv --type risk-adjusted --h 4.5
err_has 'row 3, column "predicted_risk"'
printf 'case,outcome\n1,0\n2,2\n' > badoutcome.csv
expect 3 stats cusum badoutcome.csv --type bernoulli --p0 0.05 --p1 0.1 --h 3
err_has 'row 3, column "outcome": must be 0 or 1'
printf 'period,count\nm1,4\nm2,x\n' > badcount.csv
expect 3 stats cusum badcount.csv --k 5 --h 6
err_has 'row 3, column "count"'

# --- spc ----------------------------------------------------------------------------------
{
  echo "subgroup,value"
  for g in 1 2 3 4 5 6; do for v in 10.1 9.9 10.0 10.2 9.8; do echo "g$g,$v"; done; done
  echo "g7,11.5"; echo "g7,11.6"; echo "g7,11.4"; echo "g7,11.5"; echo "g7,11.6"
} > subgroups.csv
expect 0 stats spc --chart xbar-r subgroups.csv --lsl 9 --usl 11
out_has "chart,sample,id,size,statistic,center,std_dev,lcl,ucl,beyond_limits,violating_run,nelson_rules"
grep -qE '^xbar,7,g7,5,11\.5[12].*,true,false,1( |$)' out || fail "subgroup g7 is beyond the limits (Nelson rule 1)"
out_has "chart,rule,description,violations,samples"
grep -qE '^xbar,1,1 point beyond 3 sigma,[0-9]+,(.* )?7$' out || fail "Nelson rule 1 does not list subgroup 7"
out_has "index,value,lower,upper,sigma,center"
grep -q '^Cp_k,' out || fail "capability Cpk missing"
grep -q '^Pp,' out || fail "capability Pp missing"

printf 'sample,defectives,size\n1,3,87\n2,8,102\n3,11,133\n' > p.csv
expect 0 stats spc --chart p p.csv --format json
out_has '"points": ['
out_has '"chart": "p"'
printf 'sample,defectives,size\n1,3,87\n2,200,102\n' > badp.csv
expect 3 stats spc --chart p badp.csv
err_has 'row 3'
printf 'sample,defects,units\n1,3,1.5\n2,4,0\n' > badu.csv
expect 3 stats spc --chart u badu.csv
err_has 'row 3, column "units"'
printf 'value\n1\n2\nthree\n' > badi.csv
expect 3 stats spc --chart i-mr badi.csv
err_has 'row 4, column "value"'
expect 2 stats spc --chart pareto p.csv

# --- survival -----------------------------------------------------------------------------
printf 'time,event\n12,1\n30,0\n45,1\n60,1\n75,0\n90,1\n110,0\n130,1\n' > life.csv
expect 0 stats survival life.csv
out_has "time,n_risk,n_event,n_censored,survival,std_err,lower,upper,weibull_survival"
grep -q '^12,8,1,0,0.875,' out || fail "S(12) = 7/8"
out_has "parameter,estimate,std_err,lower,upper"
grep -q '^shape,' out || fail "Weibull shape missing"
printf 'time,event\n12,0\n30,0\n' > censored.csv
expect 3 stats survival censored.csv
err_has 'every observation is censored'
printf 'time,event\n12,1\n-3,1\n' > negtime.csv
expect 3 stats survival negtime.csv
err_has 'row 3, column "time"'
printf 'time\n12\n' > noevent.csv
expect 3 stats survival noevent.csv
err_has 'no column "event"'

echo "stats monitoring CLI: all checks passed"
