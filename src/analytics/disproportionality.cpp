// Disproportionality measures on 2x2 tables: closed forms, and the Gamma quantiles of the exact
// BCPNN credibility interval (Boost.Math).
#include "analytics/disproportionality.hpp"

#include <cmath>
#include <limits>

#include <boost/math/special_functions/gamma.hpp>

#include "analytics/math_policy.hpp"

namespace riskloop::analytics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kZ975 = 1.959963984540054;  // Phi^-1(0.975)

struct Ratio {
  double value = 0;
  std::optional<double> lo, hi;
};

Ratio prr_of(const Table2x2& t) {
  Ratio r;
  r.value = (t.a / (t.a + t.b)) / (t.c / (t.c + t.d));
  if (t.a > 0 && t.c > 0) {
    const double se = std::sqrt(1 / t.a - 1 / (t.a + t.b) + 1 / t.c - 1 / (t.c + t.d));
    const double ln = std::log(r.value);
    r.lo = std::exp(ln - kZ975 * se);
    r.hi = std::exp(ln + kZ975 * se);
  }
  return r;
}

Ratio ror_of(const Table2x2& t) {
  Ratio r;
  r.value = (t.a * t.d) / (t.b * t.c);
  if (t.a > 0 && t.b > 0 && t.c > 0 && t.d > 0) {
    const double se = std::sqrt(1 / t.a + 1 / t.b + 1 / t.c + 1 / t.d);
    const double ln = std::log(r.value);
    r.lo = std::exp(ln - kZ975 * se);
    r.hi = std::exp(ln + kZ975 * se);
  }
  return r;
}

// Upper tail of chi-square with 1 df: P(X > x) = erfc(sqrt(x/2)).
double chi2_1df_upper(double x) { return std::isnan(x) ? kNaN : std::erfc(std::sqrt(x / 2)); }

}  // namespace

Disproportionality disproportionality(const Table2x2& t) {
  Disproportionality m;
  const Ratio prr = prr_of(t);
  const Ratio ror = ror_of(t);
  m.prr = prr.value, m.prr_lo = prr.lo, m.prr_hi = prr.hi;
  m.ror = ror.value, m.ror_lo = ror.lo, m.ror_hi = ror.hi;

  const bool any_zero = t.a == 0 || t.b == 0 || t.c == 0 || t.d == 0;
  const Table2x2 ha = any_zero ? Table2x2{t.a + 0.5, t.b + 0.5, t.c + 0.5, t.d + 0.5} : t;
  const Ratio prr_ha = prr_of(ha);
  const Ratio ror_ha = ror_of(ha);
  m.prr_ha = prr_ha.value, m.prr_lo_ha = prr_ha.lo, m.prr_hi_ha = prr_ha.hi;
  m.ror_ha = ror_ha.value, m.ror_lo_ha = ror_ha.lo, m.ror_hi_ha = ror_ha.hi;

  const double n = t.a + t.b + t.c + t.d;
  const double margins = (t.a + t.b) * (t.c + t.d) * (t.a + t.c) * (t.b + t.d);
  if (margins == 0) {
    m.chi2 = m.chi2_p = m.chi2_yates = m.chi2_yates_p = kNaN;
    m.chi2_yates_clipped = m.chi2_yates_clipped_p = kNaN;
  } else {
    const double diff = std::abs(t.a * t.d - t.b * t.c);
    m.chi2 = n * diff * diff / margins;
    const double yates = diff - n / 2;
    m.chi2_yates = n * yates * yates / margins;
    const double clipped = std::max(yates, 0.0);
    m.chi2_yates_clipped = n * clipped * clipped / margins;
    m.chi2_p = chi2_1df_upper(m.chi2);
    m.chi2_yates_p = chi2_1df_upper(m.chi2_yates);
    m.chi2_yates_clipped_p = chi2_1df_upper(m.chi2_yates_clipped);
  }

  m.expected = (t.a + t.b) * (t.a + t.c) / n;
  const double shape = t.a + 0.5;
  const double rate = m.expected + 0.5;
  m.ic = std::log2(shape / rate);
  m.ic025 = std::log2(boost::math::gamma_p_inv(shape, 0.025, math_policy{}) / rate);
  m.ic975 = std::log2(boost::math::gamma_p_inv(shape, 0.975, math_policy{}) / rate);
  m.ic025_approx = m.ic - 3.3 * std::pow(shape, -0.5) - 2 * std::pow(shape, -1.5);
  m.ic975_approx = m.ic + 2.4 * std::pow(shape, -0.5) - 0.5 * std::pow(shape, -1.5);
  return m;
}

SignalCriteria signal_criteria(const Table2x2& t, const Disproportionality& m,
                               const SignalThresholds& thresholds) {
  SignalCriteria s;
  s.prr = m.prr >= thresholds.min_prr;
  const double chi2 = thresholds.chi2_kind == Chi2Kind::pearson ? m.chi2
                      : thresholds.chi2_kind == Chi2Kind::yates ? m.chi2_yates
                                                                : m.chi2_yates_clipped;
  s.chi2 = chi2 >= thresholds.min_chi2;
  s.count = t.a >= thresholds.min_a;
  s.all = s.prr && s.chi2 && s.count;
  if (thresholds.min_ror_lo) {
    s.ror_lo = m.ror_lo.has_value() && *m.ror_lo >= *thresholds.min_ror_lo;
    s.all = s.all && *s.ror_lo;
  }
  if (thresholds.min_ic025) {
    s.ic025 = m.ic025 >= *thresholds.min_ic025;
    s.all = s.all && *s.ic025;
  }
  return s;
}

}  // namespace riskloop::analytics
