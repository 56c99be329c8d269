// EBGM and posterior quantiles of MGPS.
#include "analytics/mgps_scores.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/roots.hpp>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "analytics/math_policy.hpp"

namespace riskloop::analytics {
namespace {

double log_weight_ratio(const MgpsPrior& th, double n, double e, double lg1, double lg2) {
  // ln(f2(n)/f1(n)) with the terms common to both (n ln E - ln n!) left out.
  const double l1 = std::log(th.beta1 + e), l2 = std::log(th.beta2 + e);
  const double lf1 = lg1 + th.alpha1 * (std::log(th.beta1) - l1) - n * l1;
  const double lf2 = lg2 + th.alpha2 * (std::log(th.beta2) - l2) - n * l2;
  return lf2 - lf1;
}

double weight_of(const MgpsPrior& th, double n, double e, double lg1, double lg2) {
  const double x = log_weight_ratio(th, n, e, lg1, lg2) + std::log1p(-th.p) - std::log(th.p);
  return 1 / (1 + std::exp(x));
}

double lgamma_ratio(double a, double n) {  // ln Gamma(a+n) - ln Gamma(a)
  return boost::math::lgamma(a + n, math_policy{}) - boost::math::lgamma(a, math_policy{});
}

double ebgm_of(const MgpsPrior& th, double q, double e, double dg1, double dg2) {
  return std::exp(q * (dg1 - std::log(th.beta1 + e)) + (1 - q) * (dg2 - std::log(th.beta2 + e)));
}

// The terms of a posterior that depend on N only: per component the shape s = alpha + N,
// ln Gamma(s), and the lower and upper quantiles of Gamma(s, 1).
struct Shape {
  double s = 0, lgamma_s = 0, lower = 0, upper = 0;
};

Shape shape_of(double s, const EbQuantiles& quantiles) {
  return Shape{s, boost::math::lgamma(s, math_policy{}),
               boost::math::gamma_p_inv(s, quantiles.lower, math_policy{}),
               boost::math::gamma_p_inv(s, quantiles.upper, math_policy{})};
}

// The `probability` quantile of q Gamma(c1.s, r1) + (1-q) Gamma(c2.s, r2), given the components'
// own quantiles x1 = g1 / r1 and x2 = g2 / r2 (g_i the quantile of Gamma(s_i, 1)). The mixture's
// CDF lies between its components' CDFs, so the root lies between x1 and x2: Boost's bracketed
// Halley iteration (halley_iterate) from the quantile of the heavier component, with the
// regularised incomplete gamma P(s, x r) for the CDF and the density
// r exp((s-1) ln(x r) - x r - ln Gamma(s)) and its derivative in closed form. When one
// component's weight is below 1e-16, or both quantiles agree, the mixture's quantile is that of a
// component to double precision.
double mixture_quantile(double q, const Shape& c1, double r1, const Shape& c2, double r2,
                        double probability, double g1, double g2) {
  const double x1 = g1 / r1, x2 = g2 / r2;
  if (!(q > 1e-16) || x1 == x2) return x2;
  if (!(q < 1 - 1e-16)) return x1;
  auto terms = [&](double x) {
    const double u1 = x * r1, u2 = x * r2;
    const double d1 = r1 * std::exp((c1.s - 1) * std::log(u1) - u1 - c1.lgamma_s);
    const double d2 = r2 * std::exp((c2.s - 1) * std::log(u2) - u2 - c2.lgamma_s);
    const double f = q * boost::math::gamma_p(c1.s, u1, math_policy{}) +
                     (1 - q) * boost::math::gamma_p(c2.s, u2, math_policy{}) - probability;
    const double df = q * d1 + (1 - q) * d2;
    const double ddf = q * d1 * ((c1.s - 1) / x - r1) + (1 - q) * d2 * ((c2.s - 1) / x - r2);
    return std::make_tuple(f, df, ddf);
  };
  // Halley converges cubically (a Newton step, which Boost may take instead, quadratically): once
  // a step is below 2^-34 relative, the result is accurate to about 2^-68, beyond double precision.
  std::uintmax_t iterations = 100;
  return boost::math::tools::halley_iterate(terms, q >= 0.5 ? x1 : x2, std::min(x1, x2),
                                            std::max(x1, x2), 35, iterations);
}

}  // namespace

double posterior_weight(const MgpsPrior& prior, double n, double e) {
  return weight_of(prior, n, e, lgamma_ratio(prior.alpha1, n), lgamma_ratio(prior.alpha2, n));
}

double ebgm(const MgpsPrior& prior, double n, double e) {
  const double q = posterior_weight(prior, n, e);
  return ebgm_of(prior, q, e, boost::math::digamma(prior.alpha1 + n, math_policy{}),
                 boost::math::digamma(prior.alpha2 + n, math_policy{}));
}

double posterior_quantile(const MgpsPrior& prior, double n, double e, double probability) {
  const EbQuantiles at{probability, probability};
  const Shape c1 = shape_of(prior.alpha1 + n, at), c2 = shape_of(prior.alpha2 + n, at);
  return mixture_quantile(posterior_weight(prior, n, e), c1, prior.beta1 + e, c2, prior.beta2 + e,
                          probability, c1.lower, c2.lower);
}

std::vector<EbScores> eb_scores(const MgpsPrior& prior, std::span<const MgpsPoint> points,
                                const EbQuantiles& quantiles) {
  // Terms per distinct N, computed once.
  std::vector<double> distinct;
  distinct.reserve(points.size());
  for (const MgpsPoint& p : points) distinct.push_back(p.n);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  struct PerN {
    double lg1 = 0, lg2 = 0, dg1 = 0, dg2 = 0;
    Shape c1, c2;
  };
  std::vector<PerN> per_n(distinct.size());
  tbb::parallel_for(std::size_t{0}, distinct.size(), [&](std::size_t k) {
    const double n = distinct[k];
    per_n[k] = PerN{lgamma_ratio(prior.alpha1, n), lgamma_ratio(prior.alpha2, n),
                    boost::math::digamma(prior.alpha1 + n, math_policy{}),
                    boost::math::digamma(prior.alpha2 + n, math_policy{}),
                    shape_of(prior.alpha1 + n, quantiles), shape_of(prior.alpha2 + n, quantiles)};
  });

  std::vector<EbScores> out(points.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, points.size(), 1024),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t i = range.begin(); i != range.end(); ++i) {
                        const double n = points[i].n, e = points[i].e;
                        const PerN& t = per_n[static_cast<std::size_t>(
                            std::lower_bound(distinct.begin(), distinct.end(), n) -
                            distinct.begin())];
                        const double q = weight_of(prior, n, e, t.lg1, t.lg2);
                        const double r1 = prior.beta1 + e, r2 = prior.beta2 + e;
                        out[i].ebgm = ebgm_of(prior, q, e, t.dg1, t.dg2);
                        out[i].eb05 = mixture_quantile(q, t.c1, r1, t.c2, r2, quantiles.lower,
                                                       t.c1.lower, t.c2.lower);
                        out[i].eb95 = mixture_quantile(q, t.c1, r1, t.c2, r2, quantiles.upper,
                                                       t.c1.upper, t.c2.upper);
                      }
                    });
  return out;
}

}  // namespace riskloop::analytics
