// CUSUM charts for counts and outcomes: the statistic over a series, its alarms, and the average
// run length (ARL) of the normal and Poisson CUSUM.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"

namespace riskloop::analytics {

// A CUSUM path S_t = max(0, S_{t−1} + W_t), S_0 = 0, over a series; an alarm at every t with
// S_t >= h. The statistic is not reset after an alarm (as the reference series), so `alarms`
// lists every t (1-based) at or above h, and `first_alarm` the first of them.
struct CusumPath {
  std::vector<double> weight;     // W_t
  std::vector<double> statistic;  // S_t
  std::vector<std::size_t> alarms;
  std::optional<std::size_t> first_alarm;
};

// Poisson CUSUM (Lucas 1985, "Counted data CUSUM's", Technometrics 27:129-144): W_t = X_t − k with
// the reference value k = (λ1 − λ0)/(ln λ1 − ln λ0) for detecting a shift from λ0 to λ1.
// Fails (validation, location "period N") on a negative count; on k < 0 or h <= 0.
[[nodiscard]] Result<CusumPath> poisson_cusum(std::span<const std::int64_t> counts, double k,
                                              double h);

// The reference value above: (λ1 − λ0)/(ln λ1 − ln λ0), for 0 < λ0 < λ1.
[[nodiscard]] Result<double> poisson_cusum_reference_value(double lambda0, double lambda1);

// Bernoulli CUSUM (Reynolds & Stoumbos 1999, J. Quality Technology 31:87-108) for a shift of the
// event probability from p0 to p1: W_t = ln(p1/p0) for an event (y = 1), ln((1−p1)/(1−p0))
// otherwise. Fails (validation, location "case N") on an outcome other than 0/1; on p0, p1
// outside (0,1) or h <= 0.
[[nodiscard]] Result<CusumPath> bernoulli_cusum(std::span<const int> outcomes, double p0,
                                                double p1, double h);

// Risk-adjusted CUSUM (Steiner, Cook, Farewell & Treasure 2000, Biostatistics 1:441-452): for
// patient t with predicted risk p_t and outcome y_t, testing odds ratio R_A against R_0,
// W_t = y_t·ln(R_A/R_0) + ln((1 − p_t + R_0·p_t)/(1 − p_t + R_A·p_t)); with R_0 = 1 this is
// ln(R_A/(1 − p_t + R_A p_t)) for y = 1 and ln(1/(1 − p_t + R_A p_t)) for y = 0. Fails
// (validation, location "case N") on a risk outside (0,1) or an outcome other than 0/1, on
// R_A or R_0 <= 0, or h <= 0.
[[nodiscard]] Result<CusumPath> risk_adjusted_cusum(std::span<const double> predicted_risk,
                                                    std::span<const int> outcomes,
                                                    double odds_ratio_alternative, double h,
                                                    double odds_ratio_null = 1.0);

// ARL of the zero-start one-sided upper normal CUSUM S_t = max(0, S_{t−1} + X_t − k), signal when
// S_t > h, X_t ~ N(μ, 1), by the Markov chain of Brook & Evans (1972, Biometrika 59:539-549):
// [0, h] in `states` cells (cell 0 = [0, w/2), cell i centred on i·w, w = 2h/(2·states − 1)),
// ARL = first entry of (I − R)⁻¹·1. With `extrapolate`, the O(1/m²) discretisation error is
// removed by Richardson extrapolation of m and 2m states: (4·L_2m − L_m)/3.
struct NormalCusumArlOptions {
  int states = 200;         // m (10..4000); with extrapolation 200 gives ~1e-7 relative
  bool extrapolate = true;  // Richardson from m and 2m
};
[[nodiscard]] Result<double> normal_cusum_arl_upper(double k, double h, double mu,
                                                    const NormalCusumArlOptions& options = {});
// Two-sided CUSUM (upper and lower with the same k, h): 1/(1/ARL⁺(μ) + 1/ARL⁻(μ)) with
// ARL⁻(μ) = ARL⁺(−μ) (Lucas & Crosier 1982, Technometrics 24:199-205).
[[nodiscard]] Result<double> normal_cusum_arl_two_sided(double k, double h, double mu,
                                                        const NormalCusumArlOptions& options = {});

// Exact ARL of the Poisson CUSUM above (signal when S_t >= h, X_t ~ Poisson(λ)) for a rational k
// and h with a common denominator d <= 1000 (e.g. k = 1.5, h = 4: d = 2): the states
// {0, 1/d, ..., h − 1/d} form a finite Markov chain and (I − P)·L = 1 is solved exactly in
// extended precision (Lucas 1985; Brook & Evans 1972). Fails (validation) when k or h is not such
// a fraction, or for λ <= 0, h <= 0, or more than 20000 states.
[[nodiscard]] Result<double> poisson_cusum_arl(double k, double h, double lambda);

}  // namespace riskloop::analytics
