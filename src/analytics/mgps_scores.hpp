// Empirical Bayes scores of MGPS (DuMouchel 1999): the posterior of lambda given N = n for a pair
// with expected count E is the mixture Qn Gamma(alpha1+n, beta1+E) + (1-Qn) Gamma(alpha2+n,
// beta2+E) (shape, rate), with Qn = P f1(n) / (P f1(n) + (1-P) f2(n)) and f_i the (untruncated)
// negative binomial marginals of MgpsLikelihood.
#pragma once

#include <span>
#include <vector>

#include "analytics/mgps_model.hpp"

namespace riskloop::analytics {

struct EbScores {
  double ebgm = 0;  // empirical Bayes geometric mean
  double eb05 = 0;  // 5 % quantile of the posterior (by default; see EbQuantiles)
  double eb95 = 0;  // 95 % quantile
};

struct EbQuantiles {
  double lower = 0.05;
  double upper = 0.95;
};

// Qn, the posterior weight of the first component.
double posterior_weight(const MgpsPrior& prior, double n, double e);

// EBGM = exp(E[ln lambda | N = n]) = exp(Qn (psi(alpha1+n) - ln(beta1+E))
//                                     + (1-Qn) (psi(alpha2+n) - ln(beta2+E))).
double ebgm(const MgpsPrior& prior, double n, double e);

// The `probability` quantile of the posterior mixture: the root of
// Qn P(alpha1+n, x(beta1+E)) + (1-Qn) P(alpha2+n, x(beta2+E)) = probability (P the regularised
// lower incomplete gamma), by Boost's bracketed Newton-Raphson (newton_raphson_iterate) on the
// mixture CDF and density. The bracket comes from Cantelli's inequality on each component, so it
// always holds the root; the result is accurate to about 1e-14 relative.
double posterior_quantile(const MgpsPrior& prior, double n, double e, double probability);

// The scores of every point (n, e), in parallel.
std::vector<EbScores> eb_scores(const MgpsPrior& prior, std::span<const MgpsPoint> points,
                                const EbQuantiles& quantiles = {});

}  // namespace riskloop::analytics
