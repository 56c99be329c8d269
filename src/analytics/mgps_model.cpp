// The MGPS marginal likelihood and its analytic gradient. Per point the cost is two logarithms,
// two expm1, two logs and one exp/log1p pair; the log-gamma and digamma terms are per distinct N.
#include "analytics/mgps_model.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include "analytics/math_policy.hpp"

namespace riskloop::analytics {
namespace {

using Sums = std::array<double, 6>;  // negLL, then the five gradient entries

constexpr std::size_t kGrain = 16384;

// The per-N terms of one component: lgamma(a+n) - lgamma(a) and digamma(a+n) - digamma(a).
struct PerN {
  std::vector<double> lg, dg;
};

PerN per_n_terms(double a, const std::vector<double>& distinct_n) {
  PerN t;
  t.lg.resize(distinct_n.size());
  t.dg.resize(distinct_n.size());
  const double lg_a = boost::math::lgamma(a, math_policy{});
  const double dg_a = boost::math::digamma(a, math_policy{});
  for (std::size_t k = 0; k < distinct_n.size(); ++k) {
    const double n = distinct_n[k];
    if (n < 8) {  // short sums are faster and exact to rounding for small N
      double lg = 0, dg = 0;
      for (int j = 0; j < static_cast<int>(n); ++j) {
        lg += std::log(a + j);
        dg += 1 / (a + j);
      }
      t.lg[k] = lg;
      t.dg[k] = dg;
    } else {
      t.lg[k] = boost::math::lgamma(a + n, math_policy{}) - lg_a;
      t.dg[k] = boost::math::digamma(a + n, math_policy{}) - dg_a;
    }
  }
  return t;
}

}  // namespace

MgpsPrior prior_of(const std::array<double, 5>& x) {
  return MgpsPrior{std::exp(x[0]), std::exp(x[1]), std::exp(x[2]), std::exp(x[3]),
                   1 / (1 + std::exp(-x[4]))};
}

std::array<double, 5> coordinates_of(const MgpsPrior& p) {
  return {std::log(p.alpha1), std::log(p.beta1), std::log(p.alpha2), std::log(p.beta2),
          std::log(p.p / (1 - p.p))};
}

MgpsLikelihood::MgpsLikelihood(std::span<const MgpsPoint> points, bool truncated)
    : truncated_(truncated) {
  for (const MgpsPoint& p : points) distinct_n_.push_back(p.n);
  std::sort(distinct_n_.begin(), distinct_n_.end());
  distinct_n_.erase(std::unique(distinct_n_.begin(), distinct_n_.end()), distinct_n_.end());
  n_index_.reserve(points.size());
  e_.reserve(points.size());
  weight_.reserve(points.size());
  for (const MgpsPoint& p : points) {
    n_index_.push_back(static_cast<std::uint32_t>(
        std::lower_bound(distinct_n_.begin(), distinct_n_.end(), p.n) - distinct_n_.begin()));
    e_.push_back(p.e);
    weight_.push_back(p.weight);
    constant_ -= p.weight * (p.n * std::log(p.e) - std::lgamma(p.n + 1));
    total_weight_ += p.weight;
  }
}

double MgpsLikelihood::neg_log_likelihood(const MgpsPrior& prior) const {
  std::array<double, 5> gradient{};
  return neg_log_likelihood(coordinates_of(prior), gradient);
}

double MgpsLikelihood::neg_log_likelihood(const std::array<double, 5>& x,
                                          std::array<double, 5>& gradient) const {
  const MgpsPrior th = prior_of(x);
  const PerN c1 = per_n_terms(th.alpha1, distinct_n_);
  const PerN c2 = per_n_terms(th.alpha2, distinct_n_);
  const double a1 = th.alpha1, b1 = th.beta1, a2 = th.alpha2, b2 = th.beta2, p = th.p;
  const double lb1 = std::log(b1), lb2 = std::log(b2);
  // log P and log(1-P) from the logit, stable for P near 0 or 1.
  const double log_p = -std::log1p(std::exp(-x[4]));
  const double log_q = -std::log1p(std::exp(x[4]));
  const bool truncated = truncated_;

  auto body = [&](const tbb::blocked_range<std::size_t>& range, Sums acc) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const std::uint32_t k = n_index_[i];
      const double n = distinct_n_[k], e = e_[i], w = weight_[i];
      const double l1 = std::log(b1 + e), l2 = std::log(b2 + e);
      const double t1 = a1 * (lb1 - l1), t2 = a2 * (lb2 - l2);  // log f_i(0)
      double ls1 = c1.lg[k] + t1 - n * l1;                         // log f_i(n) + n log E - log n!
      double ls2 = c2.lg[k] + t2 - n * l2;
      double s1 = 0, s2 = 0;  // f(0) / (1 - f(0)): the truncation's share of the derivative
      if (truncated) {
        const double u1 = -std::expm1(t1), u2 = -std::expm1(t2);
        ls1 -= std::log(u1);
        ls2 -= std::log(u2);
        s1 = (1 - u1) / u1;
        s2 = (1 - u2) / u2;
      }
      const double d = (ls1 + log_p) - (ls2 + log_q);
      double ll, r1;
      if (d > 0) {
        const double z = std::exp(-d);
        ll = ls1 + log_p + std::log1p(z);
        r1 = 1 / (1 + z);
      } else {
        const double z = std::exp(d);
        ll = ls2 + log_q + std::log1p(z);
        r1 = z / (1 + z);
      }
      const double r2 = 1 - r1;
      acc[0] -= w * ll;
      acc[1] -= w * r1 * a1 * (c1.dg[k] + (lb1 - l1) * (1 + s1));
      acc[2] -= w * r1 * (a1 - (a1 + n) * b1 / (b1 + e) + s1 * a1 * e / (b1 + e));
      acc[3] -= w * r2 * a2 * (c2.dg[k] + (lb2 - l2) * (1 + s2));
      acc[4] -= w * r2 * (a2 - (a2 + n) * b2 / (b2 + e) + s2 * a2 * e / (b2 + e));
      acc[5] -= w * (r1 - p);
    }
    return acc;
  };
  auto join = [](Sums x1, const Sums& x2) {
    for (std::size_t j = 0; j < x1.size(); ++j) x1[j] += x2[j];
    return x1;
  };
  const tbb::blocked_range<std::size_t> all(0, n_index_.size(), kGrain);
  const Sums sums = n_index_.size() <= kGrain
                        ? body(all, Sums{})
                        : tbb::parallel_deterministic_reduce(all, Sums{}, body, join);
  for (std::size_t j = 0; j < 5; ++j) gradient[j] = sums[j + 1];
  return sums[0] + constant_;
}

}  // namespace riskloop::analytics
