// Shewhart control charts as qcc 2.7 computes them (Scrucca 2004, J. Statistical Software 11(4);
// Montgomery, Introduction to Statistical Quality Control): X-bar with R or S, individuals with
// moving range, p and u charts; every point gets its own limits, so sample sizes may vary.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "analytics/spc_constants.hpp"
#include "core/error.hpp"

namespace riskloop::analytics {

struct SpcOptions {
  SpcConstants constants = SpcConstants::qcc;  // d2/d3 source (spc_constants.hpp)
  double nsigmas = 3;                          // limits at centre ± nsigmas·standard error
  int run_length = 7;  // qcc's run rule: this many points in a row strictly on one side
};

struct ChartPoint {
  std::int64_t sample = 0;  // 1-based (the MR chart starts at 2)
  double size = 0;          // subgroup size n_i, or the units of a u chart
  double statistic = 0;
  double center = 0;
  double lcl = 0;
  double ucl = 0;
  bool beyond_limits = false;  // statistic < LCL or > UCL (strict)
  bool violating_run = false;  // ends, or continues, a run of run_length on one side of the centre
};

struct ControlChart {
  std::string name;    // "xbar", "R", "S", "I", "MR", "p", "u"
  double center = 0;   // the centre line (per-point centres are equal to it)
  double std_dev = 0;  // the process σ the limits use
  std::vector<ChartPoint> points;
};

// X-bar and R charts (qcc type "xbar", std.dev "UWAVE-R", and type "R"):
// σ = mean over subgroups of R_i/d2(n_i) (qcc 2.7 averages without weights); X-bar centre
// = Σn_i·x̄_i/Σn_i, limits centre ± k·σ/√n_i; R centre R̄ = Σn_i·R_i/Σn_i, limits
// R̄ ± k·d3(n_i)·σ, LCL cut at 0. Fails (validation, location "subgroup N") on a subgroup with
// fewer than 2 values or a non-finite value, or when fewer than 2 subgroups are given.
struct SubgroupCharts {
  ControlChart means;   // X-bar
  ControlChart spread;  // R or S
};
[[nodiscard]] Result<SubgroupCharts> xbar_r_charts(std::span<const std::vector<double>> subgroups,
                                                   const SpcOptions& options = {});
// X-bar and S charts (std.dev "UWAVE-SD", type "S"): σ = mean of s_i/c4(n_i); S centre
// S̄ = Σn_i·s_i/Σn_i, limits S̄ ± k·σ·√(1 − c4(n_i)²), LCL cut at 0.
[[nodiscard]] Result<SubgroupCharts> xbar_s_charts(std::span<const std::vector<double>> subgroups,
                                                   const SpcOptions& options = {});

// Individuals (qcc "xbar.one", std.dev "MR") and moving range charts: σ = MR̄/d2(2) (qcc's table
// value 1.128 under SpcConstants::qcc), I limits x̄ ± k·σ; MR_i = |x_i − x_{i−1}| (i >= 2),
// centre MR̄, LCL 0, UCL = (1 + k·d3(2)/d2(2))·MR̄ with the exact d2(2) = 2/√π and
// d3(2) = √(2 − 4/π) (D4 = 3.2665). Fails with fewer than 2 values or a non-finite one.
struct IndividualsCharts {
  ControlChart individuals;
  ControlChart moving_range;
};
[[nodiscard]] Result<IndividualsCharts> individuals_charts(std::span<const double> values,
                                                           const SpcOptions& options = {});

// p chart (fraction defective, qcc "p"): p̄ = Σd_i/Σn_i, σ = √(p̄(1−p̄)), limits
// p̄ ± k·√(p̄(1−p̄)/n_i) cut to [0, 1]. Fails (validation, location "sample N") on n_i < 1 or
// d_i outside 0..n_i.
[[nodiscard]] Result<ControlChart> p_chart(std::span<const std::int64_t> defectives,
                                           std::span<const std::int64_t> sizes,
                                           const SpcOptions& options = {});
// u chart (defects per unit, qcc "u"): ū = Σc_i/Σunits_i, σ = √ū, limits ū ± k·√(ū/units_i),
// LCL cut at 0. Fails (validation, location "sample N") on units <= 0 or a negative count.
[[nodiscard]] Result<ControlChart> u_chart(std::span<const std::int64_t> defects,
                                           std::span<const double> units,
                                           const SpcOptions& options = {});

}  // namespace riskloop::analytics
