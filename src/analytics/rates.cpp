// Bayesian rate updates and exact bounds: closed forms and Boost.Math inverses of the regularised
// incomplete beta and gamma functions.
#include "analytics/rates.hpp"

#include <cmath>

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "analytics/math_policy.hpp"

namespace riskloop::analytics {
namespace {

double beta_quantile(double a, double b, double p) {
  return boost::math::ibeta_inv(a, b, p, math_policy{});
}
double gamma_quantile(double shape, double p) {
  return boost::math::gamma_p_inv(shape, p, math_policy{});
}
double normal_quantile(double p) {
  return std::sqrt(2.0) * boost::math::erf_inv(2 * p - 1, math_policy{});
}

}  // namespace

RatePosterior beta_binomial_posterior(double prior_a, double prior_b, double events, double trials,
                                      double level) {
  RatePosterior post;
  post.shape1 = prior_a + events;
  post.shape2 = prior_b + trials - events;
  post.mean = post.shape1 / (post.shape1 + post.shape2);
  post.interval = {beta_quantile(post.shape1, post.shape2, (1 - level) / 2),
                   beta_quantile(post.shape1, post.shape2, (1 + level) / 2)};
  return post;
}

RatePosterior gamma_poisson_posterior(double prior_shape, double prior_rate, double events,
                                      double exposure, double level) {
  RatePosterior post;
  post.shape1 = prior_shape + events;
  post.shape2 = prior_rate + exposure;
  post.mean = post.shape1 / post.shape2;
  post.interval = {gamma_quantile(post.shape1, (1 - level) / 2) / post.shape2,
                   gamma_quantile(post.shape1, (1 + level) / 2) / post.shape2};
  return post;
}

RateInterval clopper_pearson(double x, double n, double level) {
  return {x == 0 ? 0.0 : beta_quantile(x, n - x + 1, (1 - level) / 2),
          x == n ? 1.0 : beta_quantile(x + 1, n - x, (1 + level) / 2)};
}

RateInterval wilson(double x, double n, double level) {
  const double z = normal_quantile((1 + level) / 2);
  const double z2 = z * z;
  const double centre = (x + z2 / 2) / (n + z2);
  const double half = z / (n + z2) * std::sqrt(x * (n - x) / n + z2 / 4);
  return {x == 0 ? 0.0 : centre - half, x == n ? 1.0 : centre + half};
}

double binomial_upper_one_sided(double x, double n, double level) {
  if (x == n) return 1.0;
  if (x == 0) return zero_event_binomial_upper(n, level);
  return beta_quantile(x + 1, n - x, level);
}

double rule_of_three(double trials) { return 3 / trials; }

double zero_event_binomial_upper(double trials, double level) {
  return -std::expm1(std::log1p(-level) / trials);
}

RateInterval garwood(double x, double t, double level) {
  return {x == 0 ? 0.0 : gamma_quantile(x, (1 - level) / 2) / t,
          gamma_quantile(x + 1, (1 + level) / 2) / t};
}

double poisson_upper_one_sided(double x, double t, double level) {
  if (x == 0) return -std::log1p(-level) / t;
  return gamma_quantile(x + 1, level) / t;
}

}  // namespace riskloop::analytics
