// CUSUM statistics over a series and their average run lengths.
#include "analytics/sequential_cusum.hpp"

#include <cmath>
#include <string>

#include <boost/math/distributions/normal.hpp>

#include "analytics/linear_system.hpp"

namespace riskloop::analytics {
namespace {

void accumulate(CusumPath& path, double h) {
  double s = 0;
  path.statistic.reserve(path.weight.size());
  for (std::size_t t = 0; t < path.weight.size(); ++t) {
    s = std::max(0.0, s + path.weight[t]);
    path.statistic.push_back(s);
    if (s >= h) {
      path.alarms.push_back(t + 1);
      if (!path.first_alarm) path.first_alarm = t + 1;
    }
  }
}

Status check_h(double h) {
  if (!(h > 0) || !std::isfinite(h))
    return fail(ErrorCode::validation, "the decision interval h must be a number > 0", "h");
  return {};
}

std::string at_case(std::size_t i) { return "case " + std::to_string(i + 1); }

double normal_arl_chain(double k, double h, double mu, int m) {
  const double w = 2 * h / (2.0 * m - 1);
  const auto n = static_cast<std::size_t>(m);
  std::vector<double> a(n * n, 0.0);
  const boost::math::normal_distribution<double> z;
  for (std::size_t i = 0; i < n; ++i) {
    const double s = static_cast<double>(i) * w;
    // S' = s + X − k with X ~ N(μ,1): P(S' < x) = Φ(x − s + k − μ).
    auto below = [&](double x) { return boost::math::cdf(z, x - s + k - mu); };
    a[i * n + 0] = -below(0.5 * w);
    for (std::size_t j = 1; j < n; ++j) {
      const double c = static_cast<double>(j) * w;
      a[i * n + j] = -(below(c + 0.5 * w) - below(c - 0.5 * w));
    }
    a[i * n + i] += 1.0;
  }
  const auto l = detail::solve_dense(std::move(a), std::vector<double>(n, 1.0));
  return l ? (*l)[0] : std::nan("");
}

}  // namespace

Result<double> poisson_cusum_reference_value(double lambda0, double lambda1) {
  if (!(lambda0 > 0) || !(lambda1 > lambda0) || !std::isfinite(lambda1))
    return fail(ErrorCode::validation, "the rates must satisfy 0 < lambda0 < lambda1", "lambda1");
  return (lambda1 - lambda0) / (std::log(lambda1) - std::log(lambda0));
}

Result<CusumPath> poisson_cusum(std::span<const std::int64_t> counts, double k, double h) {
  RL_CHECK(check_h(h));
  if (!(k >= 0) || !std::isfinite(k))
    return fail(ErrorCode::validation, "the reference value k must be a number >= 0", "k");
  CusumPath path;
  path.weight.reserve(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] < 0)
      return fail(ErrorCode::validation, "a count must be >= 0", "period " + std::to_string(i + 1));
    path.weight.push_back(static_cast<double>(counts[i]) - k);
  }
  accumulate(path, h);
  return path;
}

Result<CusumPath> bernoulli_cusum(std::span<const int> outcomes, double p0, double p1, double h) {
  RL_CHECK(check_h(h));
  if (!(p0 > 0 && p0 < 1) || !(p1 > 0 && p1 < 1) || p0 == p1)
    return fail(ErrorCode::validation, "p0 and p1 must be distinct probabilities in (0, 1)", "p1");
  const double w1 = std::log(p1 / p0);
  const double w0 = std::log((1 - p1) / (1 - p0));
  CusumPath path;
  path.weight.reserve(outcomes.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i] != 0 && outcomes[i] != 1)
      return fail(ErrorCode::validation, "an outcome must be 0 or 1", at_case(i));
    path.weight.push_back(outcomes[i] == 1 ? w1 : w0);
  }
  accumulate(path, h);
  return path;
}

Result<CusumPath> risk_adjusted_cusum(std::span<const double> predicted_risk,
                                      std::span<const int> outcomes, double odds_ratio_alternative,
                                      double h, double odds_ratio_null) {
  RL_CHECK(check_h(h));
  if (!(odds_ratio_alternative > 0) || !(odds_ratio_null > 0) ||
      !std::isfinite(odds_ratio_alternative) || !std::isfinite(odds_ratio_null))
    return fail(ErrorCode::validation, "the odds ratios must be numbers > 0", "odds_ratio");
  if (predicted_risk.size() != outcomes.size())
    return fail(ErrorCode::validation, "one predicted risk per outcome is needed");
  const double ra = odds_ratio_alternative;
  const double r0 = odds_ratio_null;
  CusumPath path;
  path.weight.reserve(outcomes.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const double p = predicted_risk[i];
    if (!(p > 0 && p < 1))
      return fail(ErrorCode::validation, "a predicted risk must be in (0, 1)", at_case(i));
    if (outcomes[i] != 0 && outcomes[i] != 1)
      return fail(ErrorCode::validation, "an outcome must be 0 or 1", at_case(i));
    double w = std::log((1 - p + r0 * p) / (1 - p + ra * p));
    if (outcomes[i] == 1) w += std::log(ra / r0);
    path.weight.push_back(w);
  }
  accumulate(path, h);
  return path;
}

Result<double> normal_cusum_arl_upper(double k, double h, double mu,
                                      const NormalCusumArlOptions& options) {
  RL_CHECK(check_h(h));
  if (!std::isfinite(k) || !std::isfinite(mu))
    return fail(ErrorCode::validation, "k and the shift must be finite numbers", "k");
  if (options.states < 10 || options.states > 4000)
    return fail(ErrorCode::validation, "the number of Markov chain states must be 10..4000",
                "states");
  const double lm = normal_arl_chain(k, h, mu, options.states);
  double arl = lm;
  if (options.extrapolate) {
    const double l2m = normal_arl_chain(k, h, mu, 2 * options.states);
    arl = (4 * l2m - lm) / 3;
  }
  if (!std::isfinite(arl))
    return fail(ErrorCode::internal, "the ARL Markov chain is singular to working precision");
  return arl;
}

Result<double> normal_cusum_arl_two_sided(double k, double h, double mu,
                                          const NormalCusumArlOptions& options) {
  const double up = RL_TRY(normal_cusum_arl_upper(k, h, mu, options));
  const double down = RL_TRY(normal_cusum_arl_upper(k, h, -mu, options));
  return 1.0 / (1.0 / up + 1.0 / down);
}

Result<double> poisson_cusum_arl(double k, double h, double lambda) {
  RL_CHECK(check_h(h));
  if (!(k >= 0) || !std::isfinite(k))
    return fail(ErrorCode::validation, "the reference value k must be a number >= 0", "k");
  if (!(lambda > 0) || !std::isfinite(lambda))
    return fail(ErrorCode::validation, "the Poisson mean must be a number > 0", "lambda");
  std::int64_t den = 0;
  for (std::int64_t d = 1; d <= 1000 && den == 0; ++d) {
    const double kd = k * static_cast<double>(d);
    const double hd = h * static_cast<double>(d);
    if (std::abs(kd - std::round(kd)) < 1e-9 * std::max(1.0, kd) &&
        std::abs(hd - std::round(hd)) < 1e-9 * std::max(1.0, hd))
      den = d;
  }
  if (den == 0)
    return fail(ErrorCode::validation,
                "k and h must be fractions with a common denominator of at most 1000 (e.g. 1.5, "
                "0.75) for the exact ARL",
                "k");
  const auto kk = static_cast<std::int64_t>(std::llround(k * static_cast<double>(den)));
  const auto n = static_cast<std::int64_t>(std::llround(h * static_cast<double>(den)));
  if (n > 20000)
    return fail(ErrorCode::validation, "too many states for the exact ARL (h·denominator > 20000)",
                "h");
  using Real = long double;
  const auto un = static_cast<std::size_t>(n);
  // Poisson probabilities up to the largest jump that can stay below h, and the CDF.
  const std::int64_t xmax = (n + kk) / den + 1;
  std::vector<Real> pmf(static_cast<std::size_t>(xmax + 1));
  std::vector<Real> cdf(pmf.size());
  const Real lam = lambda;
  const Real log_lam = std::log(lam);
  Real running = 0;
  for (std::int64_t x = 0; x <= xmax; ++x) {
    const Real lx = static_cast<Real>(x);
    pmf[static_cast<std::size_t>(x)] = std::exp(lx * log_lam - lam - std::lgamma(lx + 1));
    running += pmf[static_cast<std::size_t>(x)];
    cdf[static_cast<std::size_t>(x)] = running;
  }
  std::vector<Real> a(un * un, Real(0));
  for (std::int64_t s = 0; s < n; ++s) {
    const auto row = static_cast<std::size_t>(s) * un;
    // To 0: s + d·x − K <= 0, i.e. x <= floor((K − s)/d).
    if (kk - s >= 0) a[row] -= cdf[static_cast<std::size_t>((kk - s) / den)];
    for (std::int64_t x = 0; x <= xmax; ++x) {
      const std::int64_t t = s + den * x - kk;
      if (t <= 0) continue;
      if (t >= n) break;
      a[row + static_cast<std::size_t>(t)] -= pmf[static_cast<std::size_t>(x)];
    }
    a[row + static_cast<std::size_t>(s)] += 1;
  }
  const auto l = detail::solve_dense(std::move(a), std::vector<Real>(un, Real(1)));
  if (!l) return fail(ErrorCode::internal, "the ARL Markov chain is singular to working precision");
  return static_cast<double>((*l)[0]);
}

}  // namespace riskloop::analytics
