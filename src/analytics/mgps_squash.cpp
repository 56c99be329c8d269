// MGPS data squashing on a grid in (N, ln E), with neighbouring large N values merged.
#include "analytics/mgps_squash.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

namespace riskloop::analytics {
namespace {

struct Group {
  std::uint64_t key = 0;
  std::size_t first = 0;  // index of the first point: kept as it is when alone
  std::size_t second = 0;
  std::size_t count = 0;
  double weight = 0, weighted_n = 0;
  double sum_r = 0, sum_r2 = 0;  // weighted sums of r = ln(N/E) - shift and its square
  double shift = 0;              // r of the first point (keeps the variance accurate)
};

}  // namespace

std::vector<MgpsPoint> squash(std::span<const MgpsPoint> points, const SquashOptions& options) {
  const double exact_n = std::floor(std::max(8.0, options.exact_n));
  const double e_width = std::max(1e-6, options.log_e_width);
  const double n_width = std::max(1e-6, options.log_n_width);
  const double log_exact_n = std::log(exact_n);

  std::unordered_map<std::uint64_t, std::uint32_t> index;
  std::vector<Group> groups;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const MgpsPoint& p = points[i];
    // The N bin: N itself up to exact_n, then bins of n_width in ln N. Both fit in 32 bits
    // (N below 2^32 is kept exactly; ln of a double is below 710).
    const std::int64_t n_bin =
        p.n <= exact_n
            ? static_cast<std::int64_t>(p.n)
            : static_cast<std::int64_t>(exact_n) + 1 +
                  static_cast<std::int64_t>(std::floor((std::log(p.n) - log_exact_n) / n_width));
    const double r = std::log(p.n / p.e);
    const std::int64_t e_bin = static_cast<std::int64_t>(std::floor(r / e_width));
    const std::uint64_t key = (static_cast<std::uint64_t>(n_bin) << 32) |
                              static_cast<std::uint32_t>(e_bin + (std::int64_t{1} << 31));
    const auto [it, inserted] = index.try_emplace(key, static_cast<std::uint32_t>(groups.size()));
    if (inserted) groups.push_back(Group{key, i, i, 0, 0, 0, 0, 0, r});
    Group& g = groups[it->second];
    if (g.count == 1) g.second = i;
    ++g.count;
    g.weight += p.weight;
    g.weighted_n += p.weight * p.n;
    g.sum_r += p.weight * (r - g.shift);
    g.sum_r2 += p.weight * (r - g.shift) * (r - g.shift);
  }
  std::sort(groups.begin(), groups.end(),
            [](const Group& a, const Group& b) { return a.key < b.key; });

  std::vector<MgpsPoint> out;
  out.reserve(2 * groups.size());
  for (const Group& g : groups) {
    if (g.count <= 2) {  // two points are no more than what would replace them
      out.push_back(points[g.first]);
      if (g.count == 2) out.push_back(points[g.second]);
      continue;
    }
    const double first_n = points[g.first].n;
    const double n = first_n <= exact_n ? first_n : std::round(g.weighted_n / g.weight);
    const double mean_r = g.sum_r / g.weight;
    const double sd_r = std::sqrt(std::max(0.0, g.sum_r2 / g.weight - mean_r * mean_r));
    const double r = g.shift + mean_r;
    if (sd_r == 0) {
      out.push_back(MgpsPoint{n, n * std::exp(-r), g.weight});
    } else {
      out.push_back(MgpsPoint{n, n * std::exp(-(r - sd_r)), g.weight / 2});
      out.push_back(MgpsPoint{n, n * std::exp(-(r + sd_r)), g.weight / 2});
    }
  }
  return out;
}

}  // namespace riskloop::analytics
