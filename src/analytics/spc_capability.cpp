// Capability indices and their qcc 2.7 confidence intervals.
#include "analytics/spc_capability.hpp"

#include <cmath>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include "analytics/spc_constants.hpp"

namespace riskloop::analytics {
namespace {

double chi2_quantile(double df, double p) {
  return boost::math::quantile(boost::math::chi_squared_distribution<double>(df), p);
}
double z_quantile(double p) { return boost::math::quantile(boost::math::normal_distribution<double>(), p); }

CapabilityIndex bissell(double value, double n, double z) {
  const double half = z * std::sqrt(1 / (9 * n * value * value) + 1 / (2 * (n - 1)));
  return {value, value * (1 - half), value * (1 + half)};
}

}  // namespace

Result<Capability> process_capability(std::size_t n_values, double center, double sigma,
                                      const CapabilitySpec& spec) {
  if (n_values < 2) return fail(ErrorCode::validation, "capability needs at least 2 values", "n");
  if (!(sigma > 0) || !std::isfinite(sigma) || !std::isfinite(center))
    return fail(ErrorCode::validation, "sigma must be a number > 0", "sigma");
  if (!spec.lsl && !spec.usl)
    return fail(ErrorCode::validation, "give a lower or an upper specification limit (or both)",
                "lsl");
  if (spec.lsl && spec.usl && !(*spec.lsl < *spec.usl))
    return fail(ErrorCode::validation, "the lower specification limit must be below the upper",
                "lsl");
  if (!(spec.confidence > 0 && spec.confidence < 1))
    return fail(ErrorCode::validation, "the confidence level must be in (0, 1)", "confidence");
  const double n = static_cast<double>(n_values);
  const double k = spec.nsigmas;
  const double alpha = 1 - spec.confidence;
  const double z2 = z_quantile(1 - alpha / 2);
  const double z1 = z_quantile(spec.confidence);
  Capability c{.sigma = sigma, .center = center};
  if (spec.lsl) c.cpl = bissell((center - *spec.lsl) / (k * sigma), n, z1);
  if (spec.usl) c.cpu = bissell((spec.usl.value() - center) / (k * sigma), n, z1);
  const double cpk = c.cpl && c.cpu ? std::min(c.cpl->value, c.cpu->value)
                                    : (c.cpl ? c.cpl->value : c.cpu->value);
  c.cpk = bissell(cpk, n, z2);
  if (spec.lsl && spec.usl) {
    const double cp = (*spec.usl - *spec.lsl) / (2 * k * sigma);
    c.cp = CapabilityIndex{cp, cp * std::sqrt(chi2_quantile(n - 1, alpha / 2) / (n - 1)),
                           cp * std::sqrt(chi2_quantile(n - 1, 1 - alpha / 2) / (n - 1))};
    const double target = spec.target.value_or((*spec.lsl + *spec.usl) / 2);
    const double delta = (center - target) / sigma;
    const double cpm = cp / std::sqrt(1 + delta * delta);
    const double df = n * (1 + delta * delta) / (1 + 2 * delta * delta);
    c.cpm = CapabilityIndex{cpm, cpm * std::sqrt(chi2_quantile(df, alpha / 2) / df),
                            cpm * std::sqrt(chi2_quantile(df, 1 - alpha / 2) / df)};
  }
  return c;
}

Result<CapabilityStudy> capability_study(std::span<const std::vector<double>> subgroups,
                                         const CapabilitySpec& spec) {
  if (subgroups.empty()) return fail(ErrorCode::validation, "no subgroups", "subgroups");
  double sum = 0, within = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < subgroups.size(); ++i) {
    const auto& g = subgroups[i];
    if (g.size() < 2)
      return fail(ErrorCode::validation, "a subgroup needs at least 2 values",
                  "subgroup " + std::to_string(i + 1));
    double m = 0;
    for (double v : g) {
      if (!std::isfinite(v))
        return fail(ErrorCode::validation, "values must be finite numbers",
                    "subgroup " + std::to_string(i + 1));
      m += v;
    }
    sum += m;
    m /= static_cast<double>(g.size());
    double ss = 0;
    for (double v : g) ss += (v - m) * (v - m);
    within += std::sqrt(ss / static_cast<double>(g.size() - 1)) / spc_c4(static_cast<int>(g.size()));
    n += g.size();
  }
  const double mean = sum / static_cast<double>(n);
  double ss = 0;
  for (const auto& g : subgroups)
    for (double v : g) ss += (v - mean) * (v - mean);
  const double overall = std::sqrt(ss / static_cast<double>(n - 1));
  CapabilityStudy out;
  out.within = RL_TRY(process_capability(n, mean, within / static_cast<double>(subgroups.size()), spec));
  out.overall = RL_TRY(process_capability(n, mean, overall, spec));
  return out;
}

}  // namespace riskloop::analytics
