// Disproportionality measures on a 2x2 table of report counts, and the signal criteria built on
// them (PRR, ROR, chi-square, BCPNN information component). Pure functions, no I/O.
#pragma once

#include <optional>

namespace riskloop::analytics {

// The 2x2 table of one (device, event) combination in a report database:
//   a = reports with the device and the event     b = the device, other events
//   c = other devices, the event                  d = other devices, other events
// Cells are counts >= 0 (doubles so that corrected tables such as a+0.5 fit the same type).
struct Table2x2 {
  double a = 0;
  double b = 0;
  double c = 0;
  double d = 0;
};

// Every measure of one table. A "not defined" value (NA in the reference vectors) is an empty
// optional; IEEE values (Inf, NaN) are kept where the formula itself yields them.
struct Disproportionality {
  // Proportional reporting ratio (Evans, Waller & Davis 2001): PRR = (a/(a+b)) / (c/(c+d)), IEEE
  // semantics (c = 0, a > 0 gives Inf; 0/0 gives NaN). 95 % interval
  // exp(ln PRR -/+ z sqrt(1/a - 1/(a+b) + 1/c - 1/(c+d))), z = Phi^-1(0.975); NA when a = 0 or c = 0.
  double prr = 0;
  std::optional<double> prr_lo, prr_hi;
  // Reporting odds ratio (van Puijenbroek et al. 2002): ROR = ad/(bc) (bc = 0: Inf when ad > 0,
  // else NaN). 95 % interval exp(ln ROR -/+ z sqrt(1/a+1/b+1/c+1/d)); NA when any cell is 0.
  double ror = 0;
  std::optional<double> ror_lo, ror_hi;
  // Haldane-Anscombe: when ANY cell is 0, 0.5 is added to all four cells before PRR and ROR and
  // their intervals; a table without a zero cell gives the raw values.
  double prr_ha = 0;
  std::optional<double> prr_lo_ha, prr_hi_ha;
  double ror_ha = 0;
  std::optional<double> ror_lo_ha, ror_hi_ha;
  // Pearson chi-square, 1 df, no correction: N(ad-bc)^2 / ((a+b)(c+d)(a+c)(b+d)); p = upper tail.
  double chi2 = 0, chi2_p = 0;
  // Classic Yates: N(|ad-bc| - N/2)^2 / (...), not clipped (positive also when |ad-bc| < N/2).
  double chi2_yates = 0, chi2_yates_p = 0;
  // Yates as R chisq.test(correct=TRUE) and scipy: N max(|ad-bc| - N/2, 0)^2 / (...).
  // All chi-square values and p-values are NaN when a marginal total is 0.
  double chi2_yates_clipped = 0, chi2_yates_clipped_p = 0;
  // Expected count of a under independence: E = (a+b)(a+c)/N.
  double expected = 0;
  // BCPNN information component with shrinkage (Noren et al. 2006): IC = log2((a+0.5)/(E+0.5)).
  double ic = 0;
  // Exact 95 % credibility interval (Noren, Hopstadius & Bate 2013): log2 of the 2.5 % and 97.5 %
  // quantiles of Gamma(shape a+0.5, rate E+0.5).
  double ic025 = 0, ic975 = 0;
  // Closed-form approximation (Noren et al. 2013): IC - 3.3(a+0.5)^-1/2 - 2(a+0.5)^-3/2 and
  // IC + 2.4(a+0.5)^-1/2 - 0.5(a+0.5)^-3/2.
  double ic025_approx = 0, ic975_approx = 0;
};

// Computes every measure of `t` (cells must be finite and >= 0; the caller validates input).
Disproportionality disproportionality(const Table2x2& t);

// Which chi-square a threshold is compared with.
enum class Chi2Kind { pearson, yates, yates_clipped };

// Signal criteria. Defaults are Evans, Waller & Davis (2001): PRR >= 2, chi-square >= 4 (Yates
// corrected, clipped as in R) and a >= 3. The optional criteria are off unless set.
struct SignalThresholds {
  double min_prr = 2.0;
  double min_chi2 = 4.0;
  Chi2Kind chi2_kind = Chi2Kind::yates_clipped;
  double min_a = 3.0;
  std::optional<double> min_ror_lo;  // e.g. 1: lower 95 % bound of ROR above 1
  std::optional<double> min_ic025;   // e.g. 0: lower bound of the exact IC interval above 0
};

// Which criteria hold; `all` is true when every active criterion holds. A NaN measure never
// meets a criterion; an NA ROR bound does not meet min_ror_lo.
struct SignalCriteria {
  bool prr = false;
  bool chi2 = false;
  bool count = false;
  std::optional<bool> ror_lo;  // set when the criterion is active
  std::optional<bool> ic025;   // set when the criterion is active
  bool all = false;
};

SignalCriteria signal_criteria(const Table2x2& t, const Disproportionality& m,
                               const SignalThresholds& thresholds);

}  // namespace riskloop::analytics
