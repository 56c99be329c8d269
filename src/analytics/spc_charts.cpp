// Shewhart charts: statistics, centre, per-point limits, qcc's beyond-limits and run rules.
#include "analytics/spc_charts.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace riskloop::analytics {
namespace {

std::string at(const char* what, std::size_t i) { return std::string(what) + " " + std::to_string(i + 1); }

// qcc's violating.runs: within a run of L >= run_length points strictly on one side of the
// centre, the points from the run_length-th on. A point on the centre breaks a run.
void mark_runs(ControlChart& chart, int run_length) {
  if (run_length <= 0) return;
  int side_prev = 0;
  int len = 0;
  for (auto& p : chart.points) {
    const double d = p.statistic - p.center;
    const int side = d > 0 ? 1 : (d < 0 ? -1 : 0);
    len = (side != 0 && side == side_prev) ? len + 1 : (side != 0 ? 1 : 0);
    side_prev = side;
    p.violating_run = side != 0 && len >= run_length;
  }
}

void finish(ControlChart& chart, const SpcOptions& options) {
  for (auto& p : chart.points) p.beyond_limits = p.statistic < p.lcl || p.statistic > p.ucl;
  mark_runs(chart, options.run_length);
}

Status check_options(const SpcOptions& options) {
  if (!(options.nsigmas > 0) || !std::isfinite(options.nsigmas))
    return fail(ErrorCode::validation, "nsigmas must be a number > 0", "nsigmas");
  return {};
}

struct SubgroupStats {
  std::vector<double> mean, range, sd;
  std::vector<int> n;
};

Result<SubgroupStats> subgroup_stats(std::span<const std::vector<double>> subgroups) {
  if (subgroups.size() < 2)
    return fail(ErrorCode::validation, "a chart needs at least 2 subgroups", "subgroups");
  SubgroupStats s;
  for (std::size_t i = 0; i < subgroups.size(); ++i) {
    const auto& g = subgroups[i];
    if (g.size() < 2)
      return fail(ErrorCode::validation, "a subgroup needs at least 2 values", at("subgroup", i));
    for (double v : g)
      if (!std::isfinite(v))
        return fail(ErrorCode::validation, "values must be finite numbers", at("subgroup", i));
    const double m = std::accumulate(g.begin(), g.end(), 0.0) / static_cast<double>(g.size());
    double ss = 0;
    for (double v : g) ss += (v - m) * (v - m);
    const auto [lo, hi] = std::minmax_element(g.begin(), g.end());
    s.mean.push_back(m);
    s.range.push_back(*hi - *lo);
    s.sd.push_back(std::sqrt(ss / static_cast<double>(g.size() - 1)));
    s.n.push_back(static_cast<int>(g.size()));
  }
  return s;
}

double weighted_center(const std::vector<double>& stat, const std::vector<int>& n) {
  double num = 0, den = 0;
  for (std::size_t i = 0; i < stat.size(); ++i) {
    num += n[i] * stat[i];
    den += n[i];
  }
  return num / den;
}

ControlChart means_chart(const SubgroupStats& s, double sigma, const SpcOptions& options) {
  ControlChart c{.name = "xbar", .center = weighted_center(s.mean, s.n), .std_dev = sigma};
  for (std::size_t i = 0; i < s.mean.size(); ++i) {
    const double se = sigma / std::sqrt(static_cast<double>(s.n[i]));
    c.points.push_back({.sample = static_cast<std::int64_t>(i + 1),
                        .size = static_cast<double>(s.n[i]),
                        .statistic = s.mean[i],
                        .center = c.center,
                        .lcl = c.center - options.nsigmas * se,
                        .ucl = c.center + options.nsigmas * se});
  }
  finish(c, options);
  return c;
}

}  // namespace

Result<SubgroupCharts> xbar_r_charts(std::span<const std::vector<double>> subgroups,
                                     const SpcOptions& options) {
  RL_CHECK(check_options(options));
  const SubgroupStats s = RL_TRY(subgroup_stats(subgroups));
  double sum = 0;
  std::vector<double> d3(s.n.size());
  for (std::size_t i = 0; i < s.n.size(); ++i) {
    sum += s.range[i] / RL_TRY(spc_d2(s.n[i], options.constants));
    d3[i] = RL_TRY(spc_d3(s.n[i], options.constants));
  }
  const double sigma = sum / static_cast<double>(s.n.size());
  SubgroupCharts out{.means = means_chart(s, sigma, options), .spread = {}};
  ControlChart& r = out.spread;
  r = {.name = "R", .center = weighted_center(s.range, s.n), .std_dev = sigma};
  for (std::size_t i = 0; i < s.n.size(); ++i) {
    const double se = d3[i] * sigma;
    r.points.push_back({.sample = static_cast<std::int64_t>(i + 1),
                        .size = static_cast<double>(s.n[i]),
                        .statistic = s.range[i],
                        .center = r.center,
                        .lcl = std::max(0.0, r.center - options.nsigmas * se),
                        .ucl = r.center + options.nsigmas * se});
  }
  finish(r, options);
  return out;
}

Result<SubgroupCharts> xbar_s_charts(std::span<const std::vector<double>> subgroups,
                                     const SpcOptions& options) {
  RL_CHECK(check_options(options));
  const SubgroupStats s = RL_TRY(subgroup_stats(subgroups));
  double sum = 0;
  for (std::size_t i = 0; i < s.n.size(); ++i) sum += s.sd[i] / spc_c4(s.n[i]);
  const double sigma = sum / static_cast<double>(s.n.size());
  SubgroupCharts out{.means = means_chart(s, sigma, options), .spread = {}};
  ControlChart& c = out.spread;
  c = {.name = "S", .center = weighted_center(s.sd, s.n), .std_dev = sigma};
  for (std::size_t i = 0; i < s.n.size(); ++i) {
    const double c4 = spc_c4(s.n[i]);
    const double se = sigma * std::sqrt(1 - c4 * c4);
    c.points.push_back({.sample = static_cast<std::int64_t>(i + 1),
                        .size = static_cast<double>(s.n[i]),
                        .statistic = s.sd[i],
                        .center = c.center,
                        .lcl = std::max(0.0, c.center - options.nsigmas * se),
                        .ucl = c.center + options.nsigmas * se});
  }
  finish(c, options);
  return out;
}

Result<IndividualsCharts> individuals_charts(std::span<const double> values,
                                             const SpcOptions& options) {
  RL_CHECK(check_options(options));
  if (values.size() < 2)
    return fail(ErrorCode::validation, "an individuals chart needs at least 2 values", "values");
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      return fail(ErrorCode::validation, "values must be finite numbers", at("sample", i));
  const double n = static_cast<double>(values.size());
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double mr_sum = 0;
  for (std::size_t i = 1; i < values.size(); ++i) mr_sum += std::abs(values[i] - values[i - 1]);
  const double mr_bar = mr_sum / (n - 1);
  const double d2 = RL_TRY(spc_d2(2, options.constants));
  IndividualsCharts out;
  ControlChart& ic = out.individuals;
  ic = {.name = "I", .center = mean, .std_dev = mr_bar / d2};
  for (std::size_t i = 0; i < values.size(); ++i)
    ic.points.push_back({.sample = static_cast<std::int64_t>(i + 1),
                         .size = 1,
                         .statistic = values[i],
                         .center = mean,
                         .lcl = mean - options.nsigmas * ic.std_dev,
                         .ucl = mean + options.nsigmas * ic.std_dev});
  finish(ic, options);
  const double pi = 3.14159265358979323846;
  const double d2_exact = 2 / std::sqrt(pi);
  const double d3_exact = std::sqrt(2 - 4 / pi);
  ControlChart& mc = out.moving_range;
  mc = {.name = "MR", .center = mr_bar, .std_dev = mr_bar / d2_exact};
  const double ucl = (1 + options.nsigmas * d3_exact / d2_exact) * mr_bar;
  for (std::size_t i = 1; i < values.size(); ++i)
    mc.points.push_back({.sample = static_cast<std::int64_t>(i + 1),
                         .size = 2,
                         .statistic = std::abs(values[i] - values[i - 1]),
                         .center = mr_bar,
                         .lcl = 0,
                         .ucl = ucl});
  finish(mc, options);
  return out;
}

Result<ControlChart> p_chart(std::span<const std::int64_t> defectives,
                             std::span<const std::int64_t> sizes, const SpcOptions& options) {
  RL_CHECK(check_options(options));
  if (defectives.size() != sizes.size() || defectives.empty())
    return fail(ErrorCode::validation, "one sample size per count is needed", "sizes");
  double d_sum = 0, n_sum = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] < 1)
      return fail(ErrorCode::validation, "the sample size must be >= 1", at("sample", i));
    if (defectives[i] < 0 || defectives[i] > sizes[i])
      return fail(ErrorCode::validation, "defectives must be in 0..sample size", at("sample", i));
    d_sum += static_cast<double>(defectives[i]);
    n_sum += static_cast<double>(sizes[i]);
  }
  const double pbar = d_sum / n_sum;
  ControlChart c{.name = "p", .center = pbar, .std_dev = std::sqrt(pbar * (1 - pbar))};
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const double n = static_cast<double>(sizes[i]);
    // qcc: limits of the np chart, n·p̄ ± k·√(n·p̄(1−p̄)) cut to [0, n], divided by n.
    const double np = n * pbar;
    const double se = std::sqrt(np * (1 - pbar));
    c.points.push_back({.sample = static_cast<std::int64_t>(i + 1),
                        .size = n,
                        .statistic = static_cast<double>(defectives[i]) / n,
                        .center = pbar,
                        .lcl = std::max(0.0, np - options.nsigmas * se) / n,
                        .ucl = std::min(n, np + options.nsigmas * se) / n});
  }
  finish(c, options);
  return c;
}

Result<ControlChart> u_chart(std::span<const std::int64_t> defects, std::span<const double> units,
                             const SpcOptions& options) {
  RL_CHECK(check_options(options));
  if (defects.size() != units.size() || defects.empty())
    return fail(ErrorCode::validation, "one number of units per count is needed", "units");
  double c_sum = 0, u_sum = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (!(units[i] > 0) || !std::isfinite(units[i]))
      return fail(ErrorCode::validation, "the units must be a number > 0", at("sample", i));
    if (defects[i] < 0)
      return fail(ErrorCode::validation, "a count of defects must be >= 0", at("sample", i));
    c_sum += static_cast<double>(defects[i]);
    u_sum += units[i];
  }
  const double ubar = c_sum / u_sum;
  ControlChart c{.name = "u", .center = ubar, .std_dev = std::sqrt(ubar)};
  for (std::size_t i = 0; i < units.size(); ++i) {
    // qcc: limits of the c chart, units·ū ± k·√(units·ū) (LCL cut at 0), divided by the units.
    const double cc = units[i] * ubar;
    const double se = std::sqrt(cc);
    c.points.push_back({.sample = static_cast<std::int64_t>(i + 1),
                        .size = units[i],
                        .statistic = static_cast<double>(defects[i]) / units[i],
                        .center = ubar,
                        .lcl = std::max(0.0, cc - options.nsigmas * se) / units[i],
                        .ucl = (cc + options.nsigmas * se) / units[i]});
  }
  finish(c, options);
  return c;
}

}  // namespace riskloop::analytics
