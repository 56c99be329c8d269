#!/usr/bin/env bash
# `riskloop stats rates` end to end: the Beta-binomial and Gamma-Poisson reference vectors (priors
# per row, every interval compared at 1e-9 relative), one prior for every row, and a person's
# mistakes (exit code 2 for misused options, 3 for a bad file, naming the row and column).
#
#   tests/integration/stats_rates_cli_test.sh PATH/TO/riskloop PATH/TO/shared/data
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RISKLOOP=$(realpath "${1:?usage: stats_rates_cli_test.sh PATH/TO/riskloop PATH/TO/shared/data}")
DATA=$(realpath "${2:?usage: stats_rates_cli_test.sh PATH/TO/riskloop PATH/TO/shared/data}")
BETA="$DATA/reference/bayes_beta_binomial.csv"
GAMMA="$DATA/reference/bayes_gamma_poisson.csv"
for f in "$BETA" "$GAMMA"; do [[ -f $f ]] || { echo "FAIL: reference file missing: $f" >&2; exit 1; }; done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
source "$HERE/expect.sh"

# same_values OUT REF "ours=theirs ...": every row of OUT (CSV, header first) against the row of
# REF with the same name/case_id, column by column at 1e-9 relative (a reference 0 must be 0).
same_values() {
  awk -F, -v pairs="$3" '
    FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i; next }
    FILENAME == ARGV[1] { ref[$col[ARGV[1], "case_id"]] = $0; next }
    {
      if (!($1 in ref)) { print "no reference row for " $1; bad = 1; next }
      split(ref[$1], r, ","); n = split(pairs, p, " ")
      for (k = 1; k <= n; k++) {
        split(p[k], names, "=")
        ours = $col[FILENAME, names[1]] + 0; theirs = r[col[ARGV[1], names[2]]] + 0
        diff = ours - theirs; if (diff < 0) diff = -diff
        scale = theirs < 0 ? -theirs : theirs
        if ((scale == 0 && ours != 0) || diff > 1e-9 * scale) {
          printf "case %s: %s = %.17g, reference %s = %.17g\n", $1, names[1], ours, names[2], theirs
          bad = 1
        }
      }
      rows++
    }
    END { if (!rows) { print "no rows compared"; bad = 1 } exit bad }' "$2" "$1" >diff.txt ||
    { cat diff.txt >&2; fail "values differ from $(basename "$2")"; }
}

# --- reference vectors, a prior per row -----------------------------------------------------
sed '1s/^case_id,/name,/' "$BETA" >beta.csv
expect 0 stats rates beta.csv
head -1 out | grep -qx 'name,events,trials,estimate,clopper_pearson_lower,clopper_pearson_upper,wilson_lower,wilson_upper,upper_one_sided,posterior_shape1,posterior_shape2,posterior_mean,posterior_lower,posterior_upper' ||
  fail "per-trial header"
same_values out "$BETA" "estimate=phat clopper_pearson_lower=cp_lower95 clopper_pearson_upper=cp_upper95 wilson_lower=wilson_lower95 wilson_upper=wilson_upper95 upper_one_sided=cp_upper95_one_sided posterior_shape1=post_a posterior_shape2=post_b posterior_mean=post_mean posterior_lower=post_q025 posterior_upper=post_q975"

sed '1s/^case_id,/name,/' "$GAMMA" >gamma.csv
expect 0 stats rates gamma.csv --format json
out_has '"rates_per_exposure"'
expect 0 stats rates gamma.csv
same_values out "$GAMMA" "estimate=rate_mle garwood_lower=exact_lower95 garwood_upper=exact_upper95 upper_one_sided=exact_upper95_one_sided posterior_shape1=post_shape posterior_shape2=post_rate posterior_mean=post_mean posterior_lower=post_q025 posterior_upper=post_q975"

# --- one prior for every row; no prior, no posterior ----------------------------------------
printf 'events,trials\n0,10\n5,5\n' >plain.csv
expect 0 stats rates plain.csv
head -1 out | grep -q 'upper_one_sided$' || fail "no prior given: no posterior columns"
grep -q '^0,10,0,0,0.30849710781' out || fail "0 of 10: Clopper-Pearson upper 0.3085"
expect 0 stats rates plain.csv --prior-a 1 --prior-b 1
grep -q '^0,10,.*,1,11,0.08333333333' out || fail "Beta(1,1) prior, 0 of 10: Beta(1,11), mean 1/12"
printf 'events,exposure\n0,100\n' >exposure.csv
expect 0 stats rates exposure.csv --prior-shape 0.5 --prior-rate 0 --level 0.9
grep -q '^0,100,0,0,' out || fail "0 events in 100: rate 0, lower bound 0"

# --- mistakes -------------------------------------------------------------------------------
printf 'events,trials\n3,2\n' >more.csv
expect 3 stats rates more.csv
err_has 'row 2, column "events": must not exceed trials (2)'
printf 'events,trials\n1,0\n' >zero.csv
expect 3 stats rates zero.csv
err_has 'row 2, column "trials": must be > 0'
printf 'events,exposure\n1,-4\n' >negexp.csv
expect 3 stats rates negexp.csv
err_has 'row 2, column "exposure": must be > 0'
printf 'events,trials\n1.5,10\n' >fraction.csv
expect 3 stats rates fraction.csv
err_has 'row 2, column "events"'
printf 'events\n1\n' >neither.csv
expect 3 stats rates neither.csv
err_has 'a column trials'
printf 'events,trials,exposure\n1,2,3\n' >both.csv
expect 3 stats rates both.csv
err_has 'both trials and exposure'
printf 'events,trials,prior_a\n1,2,3\n' >halfprior.csv
expect 3 stats rates halfprior.csv
err_has 'prior_a without prior_b'
printf 'events,trials,prior_a,prior_b\n1,2,0,1\n' >badprior.csv
expect 3 stats rates badprior.csv
err_has 'row 2, column "prior_a": must be > 0'
expect 2 stats rates plain.csv --prior-a 1
err_has 'needs both --prior-a and --prior-b'
expect 2 stats rates plain.csv --prior-shape 1 --prior-rate 2
err_has 'this file has trials'
expect 2 stats rates beta.csv --prior-a 1 --prior-b 1
err_has 'leave out the prior options'
expect 2 stats rates plain.csv --level 1
err_has '--level must be between 0 and 1'
expect 4 stats rates missing.csv
err_has "cannot open missing.csv"
expect 2 stats rates

echo "stats rates CLI: all checks passed"
