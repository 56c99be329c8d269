// A deterministic synthetic adverse-event database at MAUDE scale for the signal benchmarks:
// reports listing a product code and one to three problem codes, heavy-tailed as the real
// database is (a few product codes and problems account for most reports).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "analytics/mgps_counts.hpp"

namespace riskloop::bench {

struct SyntheticReportsOptions {
  std::uint32_t reports = 24'000'000;
  std::uint32_t products = 7'000;
  std::uint32_t problems = 1'700;
  std::uint64_t seed = 20261207;
};

// splitmix64: the same stream on every platform and standard library.
class SplitMix {
 public:
  explicit SplitMix(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// Zipf-like sampling of 0..n-1 with P(k) proportional to 1/(k+1)^s, by binary search in the CDF.
class Zipf {
 public:
  Zipf(std::uint32_t n, double s) : cdf_(n) {
    double sum = 0;
    for (std::uint32_t k = 0; k < n; ++k) cdf_[k] = sum += std::pow(k + 1.0, -s);
    for (double& c : cdf_) c /= sum;
  }
  std::uint32_t operator()(SplitMix& rng) const {
    const double u = rng.uniform();
    return static_cast<std::uint32_t>(std::lower_bound(cdf_.begin(), cdf_.end() - 1, u) -
                                      cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

// Rows grouped by report (as a database export lists them). Product codes follow a Zipf law
// (s = 1.1); a report names one problem (80 %), two (15 %) or three (5 %); a problem is, with
// probability 0.995, one of the product's own typical problems (a Zipf over 36 problems the
// product hashes to) and otherwise any problem by the global Zipf law (s = 1.0). Each report
// lists its product once per problem; one in fifty lists a problem twice (two devices of one
// product), so unique-report and summed counts differ as they do in MAUDE.
inline std::vector<analytics::ReportRow> synthetic_reports(const SyntheticReportsOptions& o = {}) {
  SplitMix rng(o.seed);
  const Zipf product_law(o.products, 1.1);
  const Zipf problem_law(o.problems, 1.0);
  const Zipf typical_law(36, 1.2);
  std::vector<analytics::ReportRow> rows;
  rows.reserve(static_cast<std::size_t>(o.reports * 1.3));
  for (std::uint32_t r = 0; r < o.reports; ++r) {
    const std::uint32_t product = product_law(rng);
    const double u = rng.uniform();
    const int problems = u < 0.80 ? 1 : u < 0.95 ? 2 : 3;
    for (int k = 0; k < problems; ++k) {
      std::uint32_t problem;
      if (rng.uniform() < 0.995) {
        const std::uint64_t h = (std::uint64_t{product} * 0x9E3779B97F4A7C15ull) ^
                                (std::uint64_t{typical_law(rng)} * 0xC2B2AE3D27D4EB4Full);
        problem = static_cast<std::uint32_t>((h >> 17) % o.problems);
      } else {
        problem = problem_law(rng);
      }
      rows.push_back(analytics::ReportRow{r, product, problem});
      if (rng.uniform() < 0.02) rows.push_back(analytics::ReportRow{r, product, problem});
    }
  }
  return rows;
}

}  // namespace riskloop::bench
