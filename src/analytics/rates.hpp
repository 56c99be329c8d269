// Event rates from field data: Bayesian updates of a design-stage estimate (Beta-binomial for a
// probability per use, Gamma-Poisson for a rate per unit of exposure) and the exact and
// approximate frequentist bounds regulators expect. Pure functions; arguments are checked by the
// caller (counts >= 0, events <= trials, trials and exposure > 0, 0 < level < 1).
#pragma once

namespace riskloop::analytics {

struct RateInterval {
  double lower = 0;
  double upper = 0;
};

// A posterior and its equal-tailed interval.
struct RatePosterior {
  double shape1 = 0;  // Beta a, or Gamma shape
  double shape2 = 0;  // Beta b, or Gamma rate
  double mean = 0;
  RateInterval interval;  // quantiles (1-level)/2 and (1+level)/2
};

// Prior Beta(a, b), x events in n trials -> Beta(a+x, b+n-x); mean (a+x)/(a+b+n); quantiles by
// Boost ibeta_inv (Gelman et al., Bayesian Data Analysis, 3rd ed., section 2.4).
RatePosterior beta_binomial_posterior(double prior_a, double prior_b, double events, double trials,
                                      double level = 0.95);

// Prior Gamma(shape alpha, rate beta) on the rate per unit of exposure, x events in exposure t ->
// Gamma(alpha+x, beta+t); mean (alpha+x)/(beta+t); quantiles by Boost gamma_p_inv. alpha = 0.5,
// beta = 0 is the Jeffreys prior (Gelman et al., section 2.6).
RatePosterior gamma_poisson_posterior(double prior_shape, double prior_rate, double events,
                                      double exposure, double level = 0.95);

// Clopper-Pearson (1934) exact interval: [B^-1((1-level)/2; x, n-x+1), B^-1((1+level)/2; x+1, n-x)],
// lower 0 when x = 0, upper 1 when x = n.
RateInterval clopper_pearson(double events, double trials, double level = 0.95);

// Wilson (1927) score interval without continuity correction, z = Phi^-1((1+level)/2):
// (x + z^2/2)/(n + z^2) -/+ z/(n + z^2) sqrt(x(n-x)/n + z^2/4); exactly 0 for x = 0, 1 for x = n.
RateInterval wilson(double events, double trials, double level = 0.95);

// One-sided exact (Clopper-Pearson) upper bound: B^-1(level; x+1, n-x), 1 when x = n; for x = 0
// it is 1 - (1-level)^(1/n).
double binomial_upper_one_sided(double events, double trials, double level = 0.95);

// Rule of three (Hanley & Lippman-Hand 1983): 3/n, the approximate 95 % upper bound for x = 0.
double rule_of_three(double trials);

// Exact one-sided upper bound for x = 0 events in n trials: 1 - (1-level)^(1/n).
double zero_event_binomial_upper(double trials, double level = 0.95);

// Garwood (1936) exact interval for a Poisson rate: [G^-1((1-level)/2; x, 1)/t,
// G^-1((1+level)/2; x+1, 1)/t] with G the Gamma(shape, 1) distribution; lower 0 when x = 0.
RateInterval garwood(double events, double exposure, double level = 0.95);

// One-sided exact upper bound of a Poisson rate: G^-1(level; x+1, 1)/t; -ln(1-level)/t for x = 0.
double poisson_upper_one_sided(double events, double exposure, double level = 0.95);

}  // namespace riskloop::analytics
