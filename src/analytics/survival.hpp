// Reliability of implants and devices from right-censored lifetimes: the Kaplan-Meier estimator
// and a Weibull maximum-likelihood fit, as R's survival package (survfit, survreg) computes them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/error.hpp"

namespace riskloop::analytics {

struct Lifetime {
  double time = 0;     // > 0: time to failure, or to the end of follow-up
  bool failed = false;  // true: failure observed at `time`; false: right-censored
};

// One row of the Kaplan-Meier table (Kaplan & Meier 1958, JASA 53:457-481).
struct KaplanMeierRow {
  double time = 0;
  std::int64_t n_risk = 0;       // units with time >= t (a unit censored at t is at risk at t)
  std::int64_t n_event = 0;      // failures at t (table) or up to and including t (at times)
  std::int64_t n_censored = 0;   // censorings at t (table) or up to and including t
  double survival = 1;           // S(t) = Π_{t_j <= t} (1 − d_j/n_j)
  double std_err = 0;            // Greenwood: S(t)·√Σ d_j/(n_j(n_j − d_j))
  double lower = 1;              // log-scale interval: S·exp(∓z·√Σ d/(n(n−d))), upper cut at 1
  double upper = 1;              //   (R survfit conf.type = "log"); NaN when S = 0
};

// The table at every distinct time (failure or censoring), as survfit(). Fails (validation,
// location "row N") on a time <= 0 or not finite, or with no data; `confidence` in (0,1).
[[nodiscard]] Result<std::vector<KaplanMeierRow>> kaplan_meier(std::span<const Lifetime> data,
                                                               double confidence = 0.95);
// The estimate at given times, as summary(survfit, times, extend = TRUE): S of the last distinct
// time <= t, n_risk = units with time >= t, events and censorings cumulated up to t.
[[nodiscard]] Result<std::vector<KaplanMeierRow>> kaplan_meier_at(std::span<const Lifetime> data,
                                                                  std::span<const double> times,
                                                                  double confidence = 0.95);

// Weibull fit S(t) = exp(−(t/scale)^shape) by maximum likelihood with right censoring, in
// survreg's parametrisation log T = μ + σ·W, W standard minimum extreme value: shape = 1/σ,
// scale = exp(μ). Log-likelihood on the time scale (as survreg):
//   ℓ = Σ_failed (−ln σ − ln t_i + z_i) − Σ_all exp(z_i),  z_i = (ln t_i − μ)/σ;
// maximised by Newton's method on (μ, ln σ) with step halving; standard errors and covariance from
// the inverse observed information on (μ, ln σ); intervals for shape and scale are
// exp(estimate ± z·se) on the log scale. Fails (validation) when every observation is censored,
// with fewer than 2 failures or all failures at one time (no finite maximum), on a time <= 0,
// and (internal) if Newton does not converge in 200 iterations.
struct WeibullFit {
  double shape = 0, scale = 0;
  double intercept = 0, log_sigma = 0;        // μ and ln σ
  double se_intercept = 0, se_log_sigma = 0;  // √ of the inverse information's diagonal
  double cov_intercept_log_sigma = 0;
  double loglik = 0;
  double shape_lower = 0, shape_upper = 0;  // intervals at the requested confidence
  double scale_lower = 0, scale_upper = 0;
  std::int64_t n = 0, failures = 0;
  int iterations = 0;

  double survival(double t) const;           // exp(−(t/scale)^shape)
  double life_quantile(double fraction) const;  // t with F(t) = fraction: B10 = life_quantile(0.1)
};
[[nodiscard]] Result<WeibullFit> weibull_fit(std::span<const Lifetime> data,
                                             double confidence = 0.95);

}  // namespace riskloop::analytics
