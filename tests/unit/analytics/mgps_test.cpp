// MGPS on openEBGM's caers example (mgps_caers_*.csv): the count table under both conventions,
// the likelihood and EB scores at openEBGM's autoHyper prior, and our own fit of the prior.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "analytics/mgps_counts.hpp"
#include "analytics/mgps_fit.hpp"
#include "analytics/mgps_scores.hpp"
#include "formats/sheet/numeric_csv.hpp"
#include "reference_csv.hpp"

namespace riskloop::analytics {
namespace {

// The autoHyper prior of mgps_caers_hyperparameters.csv.
constexpr MgpsPrior kAutoHyper{3.2537864285968148, 0.39988836598891847, 2.0261305352376806,
                               1.9080825982792795, 0.065345700410102792};
constexpr double kAutoHyperNegLLUnsquashed = 4162.4557284832517;

struct Caers {
  LabelIndex reports, products, events;
  std::vector<ReportRow> rows;
};

const Caers& caers() {
  static const Caers data = [] {
    Caers d;
    const std::string text = testing::read_reference("mgps_caers_input.csv");
    auto csv = formats::NumericCsv::open(text, {"id", "var1", "var2"});
    EXPECT_TRUE(csv) << csv.error().message;
    if (!csv) return d;
    while (true) {
      auto more = csv->next();
      EXPECT_TRUE(more);
      if (!more || !*more) break;
      d.rows.push_back(ReportRow{d.reports.id(csv->text("id")), d.products.id(csv->text("var1")),
                                 d.events.id(csv->text("var2"))});
    }
    return d;
  }();
  return data;
}

CountTable caers_table(Counting counting) {
  const Caers& d = caers();
  return count_pairs(d.rows, d.products.size(), d.events.size(), counting);
}

std::vector<MgpsPoint> points_of(const CountTable& table) {
  std::vector<MgpsPoint> points;
  for (const PairCount& p : table.pairs) points.push_back(MgpsPoint{p.n, p.e, 1});
  return points;
}

TEST(MgpsCounts, CaersUniqueReportsAndSummedCounts) {
  ASSERT_EQ(caers().rows.size(), 20156u);
  const CountTable unique = caers_table(Counting::unique_reports);
  const CountTable summed = caers_table(Counting::summed);
  EXPECT_EQ(unique.pairs.size(), 17189u);
  ASSERT_EQ(summed.pairs.size(), unique.pairs.size());
  EXPECT_EQ(unique.total, 3356);
  EXPECT_EQ(summed.total, 20156);
  int differ = 0, at_least_3 = 0;
  for (std::size_t i = 0; i < unique.pairs.size(); ++i) {
    ASSERT_EQ(unique.pairs[i].var1, summed.pairs[i].var1);
    ASSERT_EQ(unique.pairs[i].var2, summed.pairs[i].var2);
    if (unique.pairs[i].n != summed.pairs[i].n) ++differ;
    if (unique.pairs[i].n >= 3) ++at_least_3;
  }
  EXPECT_EQ(differ, 195);
  EXPECT_EQ(at_least_3, 439);
}

TEST(MgpsCounts, UngroupedRowsCountAsGrouped) {
  // Report 0 lists pair (0,0) twice; rows of report 0 are split around report 1.
  const std::vector<ReportRow> rows = {{0, 0, 0}, {1, 0, 1}, {0, 0, 0}, {0, 1, 1}};
  const CountTable t = count_pairs(rows, 2, 2, Counting::unique_reports);
  ASSERT_EQ(t.pairs.size(), 3u);
  EXPECT_EQ(t.total, 2);
  EXPECT_EQ(t.pairs[0].n, 1);  // (0,0): one report, not two
  EXPECT_DOUBLE_EQ(t.pairs[0].e, 2.0 * 1.0 / 2.0);  // var1 0 in 2 reports, var2 0 in 1
  const CountTable s = count_pairs(rows, 2, 2, Counting::summed);
  EXPECT_EQ(s.pairs[0].n, 2);
  EXPECT_EQ(s.total, 4);
}

TEST(MgpsLikelihood, AutoHyperNegLLOnAllPairs) {
  const auto points = points_of(caers_table(Counting::unique_reports));
  const MgpsLikelihood lik(points);
  EXPECT_NEAR(lik.neg_log_likelihood(kAutoHyper), kAutoHyperNegLLUnsquashed,
              1e-9 * kAutoHyperNegLLUnsquashed);
}

TEST(MgpsLikelihood, GradientMatchesFiniteDifferences) {
  const auto points = points_of(caers_table(Counting::unique_reports));
  for (bool truncated : {true, false}) {
    const MgpsLikelihood lik(points, truncated);
    const std::array<double, 5> x = coordinates_of(MgpsPrior{0.7, 0.3, 4, 2.5, 0.3});
    std::array<double, 5> g{}, unused{};
    lik.neg_log_likelihood(x, g);
    for (std::size_t i = 0; i < 5; ++i) {
      const double h = 1e-4;
      auto xp = x, xm = x;
      xp[i] += h;
      xm[i] -= h;
      const double numeric =
          (lik.neg_log_likelihood(xp, unused) - lik.neg_log_likelihood(xm, unused)) / (2 * h);
      EXPECT_NEAR(g[i], numeric, 1e-5 * std::max(1.0, std::abs(numeric))) << "coordinate " << i << " truncated " << truncated;
    }
  }
}

TEST(MgpsScores, CalibrationPairsAtAutoHyper) {
  const Caers& d = caers();
  const CountTable table = caers_table(Counting::unique_reports);
  std::map<std::pair<std::string, std::string>, PairCount> by_label;
  for (const PairCount& p : table.pairs)
    by_label[{d.products.label(p.var1), d.events.label(p.var2)}] = p;
  const std::string text = testing::read_reference("mgps_caers_calibration_pairs.csv");
  auto csv = formats::NumericCsv::open(text, {"product", "event", "N", "E", "EBGM", "EB05", "EB95"});
  ASSERT_TRUE(csv) << csv.error().message;
  int pairs = 0;
  while (*csv->next()) {
    ++pairs;
    const std::pair<std::string, std::string> key{std::string(csv->text("product")),
                                                  std::string(csv->text("event"))};
    const std::string what = key.first + " / " + key.second;
    ASSERT_TRUE(by_label.count(key)) << what;
    const PairCount& p = by_label[key];
    EXPECT_EQ(p.n, *csv->number("N")) << what;
    EXPECT_NEAR(p.e, *csv->number("E"), 1e-12 * p.e) << what;
    const MgpsPoint point{p.n, p.e, 1};
    const EbScores s = eb_scores(kAutoHyper, std::span(&point, 1)).front();
    EXPECT_NEAR(s.ebgm, *csv->number("EBGM"), 1e-12 * s.ebgm) << what;
    EXPECT_NEAR(s.eb05, *csv->number("EB05"), 1e-9) << what;
    EXPECT_NEAR(s.eb95, *csv->number("EB95"), 1e-9) << what;
    EXPECT_DOUBLE_EQ(s.ebgm, ebgm(kAutoHyper, p.n, p.e)) << what;
    EXPECT_DOUBLE_EQ(s.eb05, posterior_quantile(kAutoHyper, p.n, p.e, 0.05)) << what;
  }
  EXPECT_EQ(pairs, 20);
}

TEST(MgpsScores, SummaryCountsAtAutoHyper) {
  const auto points = points_of(caers_table(Counting::unique_reports));
  const auto scores = eb_scores(kAutoHyper, points);
  int eb05_over_2 = 0, ebgm_over_3 = 0;
  for (const EbScores& s : scores) {
    eb05_over_2 += s.eb05 > 2;
    ebgm_over_3 += s.ebgm > 3;
    ASSERT_LT(s.eb05, s.ebgm);
    ASSERT_LT(s.ebgm, s.eb95);
  }
  EXPECT_EQ(eb05_over_2, 131);
  EXPECT_EQ(ebgm_over_3, 557);
}

TEST(MgpsFit, OwnFitIsAtLeastAsGoodAsAutoHyper) {
  const auto points = points_of(caers_table(Counting::unique_reports));
  for (Squashing squashing : {Squashing::off, Squashing::automatic}) {
    MgpsFitOptions options;
    options.squashing = squashing;
    auto fit = fit_mgps_prior(points, options);
    ASSERT_TRUE(fit) << fit.error();
    EXPECT_TRUE(fit->converged) << "gradient norm " << fit->gradient_norm;
    EXPECT_LE(fit->neg_log_likelihood, kAutoHyperNegLLUnsquashed + 0.01);
    EXPECT_EQ(fit->points, 17189u);
    EXPECT_EQ(fit->starts.size(), 5u);
    EXPECT_NEAR(fit->neg_log_likelihood, MgpsLikelihood(points).neg_log_likelihood(fit->prior),
                1e-9 * fit->neg_log_likelihood);
  }
}

TEST(MgpsFit, SquashedFitIsClose) {
  const auto points = points_of(caers_table(Counting::unique_reports));
  MgpsFitOptions options;
  options.squashing = Squashing::only;
  auto fit = fit_mgps_prior(points, options);
  ASSERT_TRUE(fit) << fit.error();
  EXPECT_LT(fit->squashed_points, fit->points / 4);
  EXPECT_LE(fit->neg_log_likelihood, kAutoHyperNegLLUnsquashed + 1.0);
}

TEST(MgpsFit, RefusesBadInputAndDegenerateFits) {
  EXPECT_FALSE(fit_mgps_prior({}));
  const std::vector<MgpsPoint> zero_n = {{0, 1, 1}, {2, 1, 1}};
  auto bad = fit_mgps_prior(zero_n);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("pair 1"), std::string::npos) << bad.error();
  // Every pair alike: nothing separates two components.
  const std::vector<MgpsPoint> alike(200, MgpsPoint{1, 0.5, 1});
  auto degenerate = fit_mgps_prior(alike);
  ASSERT_FALSE(degenerate);
  EXPECT_NE(degenerate.error().find("degenerate"), std::string::npos) << degenerate.error();
}

}  // namespace
}  // namespace riskloop::analytics
