// The MGPS model (DuMouchel 1999, "Bayesian data mining in large frequency tables", The American
// Statistician 53:177-190): N ~ Poisson(lambda E) for each pair, lambda from the two-gamma
// mixture prior P Gamma(alpha1, beta1) + (1-P) Gamma(alpha2, beta2) (shape, rate). The marginal of
// N is then a mixture of negative binomials, whose likelihood over all pairs fits the prior.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace riskloop::analytics {

// theta = (alpha1, beta1, alpha2, beta2, P).
struct MgpsPrior {
  double alpha1 = 0;
  double beta1 = 0;
  double alpha2 = 0;
  double beta2 = 0;
  double p = 0;
};

// One observation of the likelihood: a pair's N and E, or a squashed point standing for
// `weight` pairs of the same N with similar E.
struct MgpsPoint {
  double n = 0;
  double e = 0;
  double weight = 1;
};

// The points prepared for repeated likelihood evaluations: per point log E and the index of its
// N among the distinct N values, so that the terms that depend on N only (log-gamma and digamma
// differences) are computed once per distinct N and evaluation.
class MgpsLikelihood {
 public:
  // `truncated`: the pairs are those with N >= 1 (zero cells not in the table), so each
  // component's negative binomial is truncated at zero, f*(n) = f(n) / (1 - f(0)), and the
  // mixture is P f1*(n) + (1-P) f2*(n) (DuMouchel & Pregibon 2001, N* = 1; openEBGM negLL).
  // Otherwise the untruncated mixture P f1(n) + (1-P) f2(n) (zero cells included).
  // f_i(n) = Gamma(alpha_i+n) / (Gamma(alpha_i) n!) (beta_i/(beta_i+E))^alpha_i (E/(beta_i+E))^n.
  // Points need n >= 1 when truncated (n >= 0 otherwise), e > 0 and weight > 0.
  MgpsLikelihood(std::span<const MgpsPoint> points, bool truncated = true);

  // -sum_i w_i log L_i for the prior, exactly (with the n log E - log n! terms).
  double neg_log_likelihood(const MgpsPrior& prior) const;

  // The same and its gradient with respect to x = (ln alpha1, ln beta1, ln alpha2, ln beta2,
  // logit P), the optimiser's coordinates. Parallel over points (deterministic sum order).
  double neg_log_likelihood(const std::array<double, 5>& x, std::array<double, 5>& gradient) const;

  std::size_t size() const { return n_index_.size(); }
  double total_weight() const { return total_weight_; }

 private:
  bool truncated_;
  std::vector<double> distinct_n_;
  std::vector<std::uint32_t> n_index_;
  std::vector<double> e_, weight_;
  double constant_ = 0;  // -sum w (n log E - lgamma(n+1))
  double total_weight_ = 0;
};

// The prior of optimiser coordinates x (see MgpsLikelihood) and back.
MgpsPrior prior_of(const std::array<double, 5>& x);
std::array<double, 5> coordinates_of(const MgpsPrior& prior);

}  // namespace riskloop::analytics
