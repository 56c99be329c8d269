// Poisson maxSPRT (Kulldorff, Davis, Kolczak, Lewis, Lieu & Platt 2011, "A maximized sequential
// probability ratio test for drug and vaccine safety surveillance", Sequential Analysis 30:58-78):
// continuous monitoring of an observed count c_t against the count μ_t expected under H0,
// one-sided upper alternative (relative risk > 1). Computed as R package Sequential 4.3.4
// (CV.Poisson, Performance.Poisson with D = 0, GroupSizes = "n", Tailed = "upper") computes it:
// exact Poisson probabilities of the paths that never cross the signal boundary.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace riskloop::analytics {

// The log-likelihood ratio of the maxSPRT: LLR(c, μ) = (μ − c) + c·ln(c/μ) when c > μ, else 0.
// Requires μ > 0 and c >= 0.
double maxsprt_llr(double observed, double expected);

// The expected count μ_c (< c) at which c events reach LLR = cv: the signal boundary of continuous
// monitoring. μ_c = −c·W₀(−exp(−1 − cv/c)) with W₀ the principal branch of Lambert's W (the same
// boundary Sequential computes with its ProdLog function). Requires c >= 1, cv > 0.
double maxsprt_boundary(std::int64_t events, double cv);

struct MaxSprtDesign {
  double surveillance_end = 0;  // T: expected count under H0 at which surveillance ends (> 0)
  std::int64_t min_events = 1;  // M: no signal before M events (>= 1)
};

// The critical value on the LLR scale that gives a type I error of exactly `alpha` (in (0, 0.5])
// for continuous monitoring up to T with at least M events: the signal probability under H0,
// P(∃t ≤ T: c_t ≥ M and LLR(c_t, t) ≥ cv), is summed over the Poisson paths between the
// boundaries μ_M < μ_{M+1} < ... < T (Kulldorff et al. 2011, section 3) and solved for cv by a
// bracketed root finder to about 1e-12. Fails (validation) for T <= 0, M < 1, alpha outside
// (0, 0.5], or when even P(c_T >= M) < alpha (no critical value exists: T must grow).
[[nodiscard]] Result<double> maxsprt_critical_value(const MaxSprtDesign& design, double alpha);

struct MaxSprtPerformance {
  double power = 0;                 // P(signal by T) under relative risk RR
  double expected_signal_time = 0;  // E[μ at the signal | a signal], on the H0 expected-count scale
  double expected_sample_size = 0;  // E[μ at the end of surveillance]: signal time or T
};

// Power and timing of the test with critical value `cv` when the true rate is RR times the H0
// rate (RR >= 1), as Sequential's Performance.Poisson: the time of the j-th event in an interval
// of H0 length d is Gamma(j, RR) distributed, so E[time·1{signal in the interval}] =
// (j/RR)·P(Poisson(RR·d) >= j+1) (closed form of Sequential's truncated beta sums).
[[nodiscard]] Result<MaxSprtPerformance> maxsprt_performance(const MaxSprtDesign& design, double cv,
                                                             double relative_risk);

enum class MaxSprtStatus { continue_monitoring, alarm, ended, after_alarm };
std::string_view to_string(MaxSprtStatus status);

// One look at the data: the counts observed and expected in the period since the previous look.
struct MaxSprtLook {
  std::int64_t observed = 0;  // >= 0
  double expected = 0;        // >= 0 (the H0 expected count of the period)
};

struct MaxSprtLookResult {
  std::int64_t cumulative_observed = 0;
  double cumulative_expected = 0;
  double llr = 0;
  MaxSprtStatus status = MaxSprtStatus::continue_monitoring;
};

// Alarm/continue per look: with cumulative counts c and μ, `alarm` when LLR(c, μ) >= cv and
// c >= M (the first such look; later looks are `after_alarm`), `ended` once μ >= T without an
// alarm, `continue_monitoring` otherwise. Looking only at these times is conservative with
// respect to the continuous-monitoring alpha. Fails (validation, location "look N") on a negative
// count or expected value, or a non-finite one; and for cv <= 0.
[[nodiscard]] Result<std::vector<MaxSprtLookResult>> maxsprt_monitor(
    const MaxSprtDesign& design, double cv, std::span<const MaxSprtLook> looks);

}  // namespace riskloop::analytics
