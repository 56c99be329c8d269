// MGPS at MAUDE scale: the synthetic report generator of the benchmarks is realistic (most pairs
// near independence) and deterministic, and squashing keeps N below its threshold and the fit's
// likelihood on all pairs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "analytics/mgps_counts.hpp"
#include "analytics/mgps_fit.hpp"
#include "analytics/mgps_squash.hpp"
#include "bench/synthetic_reports.hpp"

namespace riskloop::analytics {
namespace {

std::vector<MgpsPoint> points_of(const bench::SyntheticReportsOptions& options) {
  const auto rows = bench::synthetic_reports(options);
  const CountTable table =
      count_pairs(rows, options.products, options.problems, Counting::unique_reports);
  std::vector<MgpsPoint> points;
  for (const PairCount& p : table.pairs) points.push_back(MgpsPoint{p.n, p.e, 1});
  return points;
}

TEST(SyntheticReports, SameOptionsSameRowsOtherSeedOtherRows) {
  bench::SyntheticReportsOptions options;
  options.reports = 20000;
  const auto a = bench::synthetic_reports(options);
  const auto b = bench::synthetic_reports(options);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), options.reports);
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].report, b[i].report) << i;
    ASSERT_EQ(a[i].var1, b[i].var1) << i;
    ASSERT_EQ(a[i].var2, b[i].var2) << i;
  }
  options.seed += 1;
  const auto c = bench::synthetic_reports(options);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < std::min(a.size(), c.size()); ++i)
    differ += a[i].var1 != c[i].var1 || a[i].var2 != c[i].var2;
  EXPECT_GT(differ, a.size() / 2);
}

// The benchmark's input itself (24 million reports): its scale, and most pairs near independence.
TEST(SyntheticReports, MaudeScaleMostPairsNearIndependence) {
#if defined(__SANITIZE_ADDRESS__)
  // 24 million reports unoptimized under the sanitizer cost minutes and gigabytes, and test the
  // generator's numbers, not its memory use (the smaller tests here run the same code).
  GTEST_SKIP() << "MAUDE scale: run in the optimized build (make test)";
#endif
  const bench::SyntheticReportsOptions options;
  const auto points = points_of(options);
  EXPECT_GT(points.size(), 250000u);
  EXPECT_LT(points.size(), 350000u);
  std::vector<double> ratio;
  for (const MgpsPoint& p : points) ratio.push_back(p.n / p.e);
  const auto below_2 = std::count_if(ratio.begin(), ratio.end(), [](double r) { return r < 2; });
  EXPECT_GT(static_cast<double>(below_2), 0.6 * static_cast<double>(points.size()));
  std::nth_element(ratio.begin(), ratio.begin() + static_cast<std::ptrdiff_t>(ratio.size() / 2),
                   ratio.end());
  const double median = ratio[ratio.size() / 2];
  EXPECT_GT(median, 0.8);
  EXPECT_LT(median, 2.0);
  // The planted signals are there: pairs far from independence with many reports.
  const auto strong = std::count_if(points.begin(), points.end(),
                                    [](const MgpsPoint& p) { return p.n >= 20 && p.n > 10 * p.e; });
  EXPECT_GT(strong, 100);
}

TEST(MgpsSquash, NeverMergesDifferentNUpToTheThreshold) {
  // Every N from 1 to 80 with 40 pairs each, ln E spread over 0.8.
  std::vector<MgpsPoint> points;
  for (int n = 1; n <= 80; ++n)
    for (int k = 0; k < 40; ++k)
      points.push_back(MgpsPoint{static_cast<double>(n), n * std::exp(0.02 * k - 1), 1});
  SquashOptions options;
  options.exact_n = 50;
  const auto squashed = squash(points, options);
  EXPECT_LT(squashed.size(), points.size() / 2);
  std::map<double, double> weight_of_n;
  double total = 0;
  for (const MgpsPoint& p : squashed) {
    EXPECT_EQ(p.n, std::floor(p.n));
    if (p.n <= 50) weight_of_n[p.n] += p.weight;
    total += p.weight;
  }
  EXPECT_DOUBLE_EQ(total, static_cast<double>(points.size()));
  for (int n = 1; n <= 50; ++n) EXPECT_DOUBLE_EQ(weight_of_n[n], 40.0) << "N = " << n;
  // Above the threshold neighbouring N share points: fewer distinct N than in the input.
  std::map<double, int> large_n;
  for (const MgpsPoint& p : squashed)
    if (p.n > 50) ++large_n[p.n];
  EXPECT_LT(large_n.size(), 30u);
  // An input point alone in its cell comes back as it is.
  const std::vector<MgpsPoint> lone = {{3, 0.7, 2}, {900, 450, 1}};
  const auto kept = squash(lone, options);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].n, 3);
  EXPECT_EQ(kept[0].e, 0.7);
  EXPECT_EQ(kept[0].weight, 2);
  EXPECT_EQ(kept[1].n, 900);
}

TEST(MgpsSquash, KeepsWeightMeanAndVarianceOfLogRatio) {
  std::vector<MgpsPoint> points;
  for (int k = 0; k < 7; ++k) points.push_back(MgpsPoint{2, 1 + 0.01 * k, 1.0 + k});
  const auto squashed = squash(points);
  ASSERT_EQ(squashed.size(), 2u);
  auto moments = [](const std::vector<MgpsPoint>& v) {
    double w = 0, m = 0, m2 = 0;
    for (const MgpsPoint& p : v) {
      const double r = std::log(p.n / p.e);
      w += p.weight;
      m += p.weight * r;
      m2 += p.weight * r * r;
    }
    return std::array<double, 3>{w, m / w, m2 / w - (m / w) * (m / w)};
  };
  const auto before = moments(points), after = moments(squashed);
  EXPECT_DOUBLE_EQ(after[0], before[0]);
  EXPECT_NEAR(after[1], before[1], 1e-14);
  EXPECT_NEAR(after[2], before[2], 1e-12 * before[2]);
}

// A fit on the squashed points alone is within 0.01 of the unsquashed optimum, as negLL on all
// pairs; automatic squashing (refined on all pairs) reaches the unsquashed optimum.
TEST(MgpsSquash, FitOnSquashedPointsKeepsTheLikelihoodOnAllPairs) {
  bench::SyntheticReportsOptions generator;
  generator.reports = 6'000'000;  // 143,000 pairs (at 2,400,000 the ML prior is degenerate)
  const auto points = points_of(generator);
  ASSERT_GT(points.size(), 100000u);
  MgpsFitOptions options;
  options.squashing = Squashing::off;
  const auto unsquashed = fit_mgps_prior(points, options);
  ASSERT_TRUE(unsquashed) << unsquashed.error();
  EXPECT_TRUE(unsquashed->converged);
  options.squashing = Squashing::only;
  const auto only = fit_mgps_prior(points, options);
  ASSERT_TRUE(only) << only.error();
  EXPECT_LT(only->squashed_points, points.size() / 4);
  EXPECT_NEAR(only->neg_log_likelihood, unsquashed->neg_log_likelihood, 0.01);
  EXPECT_NEAR(only->neg_log_likelihood, MgpsLikelihood(points).neg_log_likelihood(only->prior),
              1e-9 * only->neg_log_likelihood);
  options.squashing = Squashing::automatic;
  const auto automatic = fit_mgps_prior(points, options);
  ASSERT_TRUE(automatic) << automatic.error();
  EXPECT_TRUE(automatic->converged);
  EXPECT_LE(automatic->neg_log_likelihood, unsquashed->neg_log_likelihood + 1e-4);
  EXPECT_LE(automatic->evaluations_on_all_points, 10);
  EXPECT_EQ(automatic->starts.size(), options.starts.size());
  for (const MgpsStartResult& s : automatic->starts)
    EXPECT_LE(s.iterations, options.start_iterations);
}

}  // namespace
}  // namespace riskloop::analytics
