// A deterministic synthetic adverse-event database at MAUDE scale for the signal benchmarks and
// tests: reports listing a product code and one to three problem codes, heavy-tailed as the real
// database is (a few product codes and problems account for most reports), with most
// (product, problem) pairs near independence, a minority of product-category associations and a
// few strong planted signals.
//
// The model, per report (all draws from one splitmix64 stream, relevance and categories from a
// fixed hash, so the same options give the same rows on every platform and standard library):
//   1. product i: Zipf law over the product codes, p_i proportional to 1/(i+1)^product_zipf.
//   2. number of problems: one (80 %), two (15 %) or three (5 %); 1.25 on average.
//   3. each problem, independently:
//      a. planted signal: when the product carries one (one product in planted_every), with
//         probability planted_rate its planted problem (one of the rarer half, chosen by hash);
//      b. else, with probability category_share, a problem of the product's device category
//         (the product hashes to one of `categories`; each category has category_problems
//         problems of its own, chosen by hash, drawn by a Zipf law with exponent 1);
//      c. else a problem j from the global law q_j proportional to 1/(j+1)^problem_zipf, the same
//         for every product (independence), restricted to the problems relevant to the product:
//         the generic_problems most frequent problems are relevant to every product; another
//         problem is relevant with probability min(1, X_ij / relevance_count), X_ij =
//         1.25 reports p_i q_j the rows the pair would have under independence (by hash of the
//         pair; drawn by rejection). Not every problem occurs with every device, and a rare
//         problem with a rare device mostly not at all: this keeps the table at about 300,000
//         pairs, most with an expected count E of several reports, as in MAUDE.
//   4. one row per problem; one in fifty is listed twice (two devices of one product), so
//      unique-report and summed counts differ as they do in MAUDE.
// With the defaults: 24,000,000 reports, about 30.6 million rows, about 304,000 pairs with N >= 1
// (unique-report counting), 70 % of them with N/E < 2 (median N/E 1.45): pairs from the global law
// have N/E a little above 1 (the restriction to relevant problems raises them above the
// independence value 1 - category_share); a category's own problems have N/E of roughly 1 / (the
// category's share of reports), tens; planted pairs have N/E of tens to thousands.
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
  double product_zipf = 1.2;            // exponent of the product law
  double problem_zipf = 1.3;            // exponent of the global problem law
  std::uint32_t categories = 40;        // device categories
  std::uint32_t category_problems = 8;  // problems of each category's own
  double category_share = 0.10;         // share of problems drawn from the category's own
  std::uint32_t planted_every = 50;     // one product in planted_every carries a planted signal
  double planted_rate = 0.05;           // share of its problems that are the planted one
  double relevance_count = 12;          // expected rows from which a problem is surely relevant
  std::uint32_t generic_problems = 5;   // the most frequent problems, relevant to every product
  std::uint64_t seed = 20261208;
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

// A fixed mixing of a 64-bit value (splitmix64's finaliser), to pick categories and problems.
inline std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A hash as a number in [0, 1).
inline double unit(std::uint64_t h) {
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

// Zipf-like sampling of 0..n-1 with P(k) proportional to 1/(k+1)^s, by binary search in the CDF.
class Zipf {
 public:
  Zipf(std::uint32_t n, double s) : cdf_(n) {
    double sum = 0;
    for (std::uint32_t k = 0; k < n; ++k) cdf_[k] = sum += std::pow(k + 1.0, -s);
    for (double& c : cdf_) c /= sum;
  }
  double probability(std::uint32_t k) const { return k == 0 ? cdf_[0] : cdf_[k] - cdf_[k - 1]; }
  std::uint32_t operator()(SplitMix& rng) const {
    const double u = rng.uniform();
    return static_cast<std::uint32_t>(std::lower_bound(cdf_.begin(), cdf_.end() - 1, u) -
                                      cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

// Whether `product` carries a planted signal, and its planted problem (of the rare half).
inline bool has_planted_signal(std::uint32_t product, const SyntheticReportsOptions& o) {
  return o.planted_every > 0 && product % o.planted_every == o.planted_every / 2;
}
inline std::uint32_t planted_problem(std::uint32_t product, const SyntheticReportsOptions& o) {
  const std::uint32_t half = o.problems / 2;
  return half +
         static_cast<std::uint32_t>(mix(std::uint64_t{product} + 0x5EED) % (o.problems - half));
}

// The model above. Rows are grouped by report (as a database export lists them).
inline std::vector<analytics::ReportRow> synthetic_reports(const SyntheticReportsOptions& o = {}) {
  SplitMix rng(o.seed);
  const Zipf product_law(o.products, o.product_zipf);
  const Zipf problem_law(o.problems, o.problem_zipf);
  const Zipf category_law(std::max<std::uint32_t>(1, o.category_problems), 1.0);
  const double expected_rows = o.reports * 1.25;
  std::vector<analytics::ReportRow> rows;
  rows.reserve(static_cast<std::size_t>(o.reports * 1.3));
  for (std::uint32_t r = 0; r < o.reports; ++r) {
    const std::uint32_t product = product_law(rng);
    const std::uint64_t category = mix(product) % std::max<std::uint32_t>(1, o.categories);
    const bool planted = has_planted_signal(product, o);
    const double u = rng.uniform();
    const int problems = u < 0.80 ? 1 : u < 0.95 ? 2 : 3;
    for (int k = 0; k < problems; ++k) {
      std::uint32_t problem;
      const double v = rng.uniform();
      if (planted && v < o.planted_rate) {
        problem = planted_problem(product, o);
      } else if (o.category_problems > 0 && rng.uniform() < o.category_share) {
        const std::uint64_t h = mix((category << 20) ^ category_law(rng));
        problem = static_cast<std::uint32_t>(h % o.problems);
      } else {
        // The global law restricted to the problems relevant to the product (rejection).
        const double scale = expected_rows * product_law.probability(product) / o.relevance_count;
        do {
          problem = problem_law(rng);
        } while (!(problem < o.generic_problems || scale * problem_law.probability(problem) >= 1 ||
                   unit(mix((std::uint64_t{product} << 32) ^ problem)) <
                       scale * problem_law.probability(problem)));
      }
      rows.push_back(analytics::ReportRow{r, product, problem});
      if (rng.uniform() < 0.02) rows.push_back(analytics::ReportRow{r, product, problem});
    }
  }
  return rows;
}

}  // namespace riskloop::bench
