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

// The posterior of one pair: mixture weight and the two gamma (shape, rate).
struct Posterior {
  double q = 0;
  double s1 = 0, r1 = 0, s2 = 0, r2 = 0;
};

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

// Wilson-Hilferty approximation of the p quantile of Gamma(s, 1), z the normal quantile.
double wilson_hilferty(double s, double z) {
  const double c = 1 / (9 * s);
  const double v = 1 - c + z * std::sqrt(c);
  return s * std::max(v * v * v, 1e-3);
}

double quantile_of(const Posterior& post, double probability) {
  // Cantelli: for X ~ Gamma(s, r), F(mu - sigma sqrt((1-p)/p)) <= p <= F(mu + sigma sqrt(p/(1-p))),
  // and the mixture's CDF lies between its components' CDFs.
  auto lower = [&](double s, double r) {
    return std::max(0.0, (s - std::sqrt(s * (1 - probability) / probability)) / r);
  };
  auto upper = [&](double s, double r) {
    return (s + std::sqrt(s * probability / (1 - probability))) / r;
  };
  const double lo = std::min(lower(post.s1, post.r1), lower(post.s2, post.r2));
  const double hi = std::max(upper(post.s1, post.r1), upper(post.s2, post.r2));
  // A start between the two components' approximate quantiles, weighted by Qn.
  const double z = boost::math::constants::root_two<double>() *
                   boost::math::erf_inv(2 * probability - 1, math_policy{});
  const double g1 = wilson_hilferty(post.s1, z) / post.r1;
  const double g2 = wilson_hilferty(post.s2, z) / post.r2;
  const double guess = std::clamp(post.q * g1 + (1 - post.q) * g2, lo, hi);
  auto cdf_and_density = [&](double x) {
    const double c1 = boost::math::gamma_p(post.s1, x * post.r1, math_policy{});
    const double c2 = boost::math::gamma_p(post.s2, x * post.r2, math_policy{});
    const double d1 = post.r1 * boost::math::gamma_p_derivative(post.s1, x * post.r1, math_policy{});
    const double d2 = post.r2 * boost::math::gamma_p_derivative(post.s2, x * post.r2, math_policy{});
    return std::make_pair(post.q * c1 + (1 - post.q) * c2 - probability,
                          post.q * d1 + (1 - post.q) * d2);
  };
  std::uintmax_t iterations = 100;
  return boost::math::tools::newton_raphson_iterate(cdf_and_density, guess, lo, hi, 50, iterations);
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
  const Posterior post{posterior_weight(prior, n, e), prior.alpha1 + n, prior.beta1 + e,
                       prior.alpha2 + n, prior.beta2 + e};
  return quantile_of(post, probability);
}

std::vector<EbScores> eb_scores(const MgpsPrior& prior, std::span<const MgpsPoint> points,
                                const EbQuantiles& quantiles) {
  // Terms per distinct N, computed once.
  std::vector<double> distinct;
  distinct.reserve(points.size());
  for (const MgpsPoint& p : points) distinct.push_back(p.n);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<double> lg1(distinct.size()), lg2(distinct.size()), dg1(distinct.size()),
      dg2(distinct.size());
  for (std::size_t k = 0; k < distinct.size(); ++k) {
    lg1[k] = lgamma_ratio(prior.alpha1, distinct[k]);
    lg2[k] = lgamma_ratio(prior.alpha2, distinct[k]);
    dg1[k] = boost::math::digamma(prior.alpha1 + distinct[k], math_policy{});
    dg2[k] = boost::math::digamma(prior.alpha2 + distinct[k], math_policy{});
  }

  std::vector<EbScores> out(points.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, points.size(), 1024),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t i = range.begin(); i != range.end(); ++i) {
                        const double n = points[i].n, e = points[i].e;
                        const auto k = static_cast<std::size_t>(
                            std::lower_bound(distinct.begin(), distinct.end(), n) -
                            distinct.begin());
                        const double q = weight_of(prior, n, e, lg1[k], lg2[k]);
                        const Posterior post{q, prior.alpha1 + n, prior.beta1 + e,
                                             prior.alpha2 + n, prior.beta2 + e};
                        out[i].ebgm = ebgm_of(prior, q, e, dg1[k], dg2[k]);
                        out[i].eb05 = quantile_of(post, quantiles.lower);
                        out[i].eb95 = quantile_of(post, quantiles.upper);
                      }
                    });
  return out;
}

}  // namespace riskloop::analytics
