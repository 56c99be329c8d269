// Control charts, capability and Nelson rules against qcc 2.7 and the reference rules (section 5).
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "analytics/spc_capability.hpp"
#include "analytics/spc_charts.hpp"
#include "analytics/spc_constants.hpp"
#include "analytics/spc_rules.hpp"
#include "reference_table.hpp"

namespace riskloop::analytics {
namespace {

using testing::near_relative;
using testing::ReferenceCsv;
using testing::shared_data;

std::vector<std::vector<double>> subgroups_25x5() {
  const ReferenceCsv in(shared_data("spc_subgroups_25x5.csv"));
  std::vector<std::vector<double>> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::vector<double> g;
    for (int j = 1; j <= 5; ++j) g.push_back(in.number(i, "x" + std::to_string(j)));
    out.push_back(g);
  }
  return out;
}

// Compares every point and column of `chart` with the reference rows of `name`.
void expect_chart(const ControlChart& chart, const std::string& name) {
  const ReferenceCsv ref(shared_data("spc_control_limits.csv"));
  std::size_t k = 0;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    if (ref.text(i, "chart") != name) continue;
    ASSERT_LT(k, chart.points.size()) << name;
    const ChartPoint& p = chart.points[k++];
    const std::string where = name + " sample " + ref.text(i, "sample");
    EXPECT_EQ(p.sample, static_cast<std::int64_t>(ref.number(i, "sample"))) << where;
    EXPECT_TRUE(near_relative(p.size, ref.number(i, "size"), 1e-15)) << where;
    EXPECT_TRUE(near_relative(p.statistic, ref.number(i, "statistic"), 1e-12)) << where;
    EXPECT_TRUE(near_relative(p.center, ref.number(i, "center"), 1e-12)) << where;
    EXPECT_TRUE(near_relative(chart.std_dev, ref.number(i, "std_dev"), 1e-12)) << where;
    EXPECT_TRUE(near_relative(p.lcl, ref.number(i, "LCL"), 1e-12)) << where << " " << p.lcl;
    EXPECT_TRUE(near_relative(p.ucl, ref.number(i, "UCL"), 1e-12)) << where << " " << p.ucl;
    EXPECT_EQ(p.beyond_limits, ref.text(i, "beyond_limits") == "TRUE") << where;
    if (ref.text(i, "violating_run7") != "NA") {
      EXPECT_EQ(p.violating_run, ref.text(i, "violating_run7") == "TRUE") << where;
    }
  }
  EXPECT_GT(k, 0u) << name;
  EXPECT_EQ(k, chart.points.size()) << name;
}

TEST(SpcCharts, XbarRMatchesQcc) {
  const auto g = subgroups_25x5();
  const auto c = xbar_r_charts(g);
  ASSERT_TRUE(c.has_value()) << c.error().message;
  expect_chart(c->means, "xbar_R (std.dev=UWAVE-R)");
  expect_chart(c->spread, "R");
}

TEST(SpcCharts, XbarSMatchesQcc) {
  const auto g = subgroups_25x5();
  const auto c = xbar_s_charts(g);
  ASSERT_TRUE(c.has_value()) << c.error().message;
  expect_chart(c->means, "xbar_S (std.dev=UWAVE-SD)");
  expect_chart(c->spread, "S");
}

TEST(SpcCharts, IndividualsAndMovingRangeMatchReference) {
  const ReferenceCsv in(shared_data("spc_individuals.csv"));
  std::vector<double> x;
  for (std::size_t i = 0; i < in.size(); ++i) x.push_back(in.number(i, "value"));
  const auto c = individuals_charts(x);
  ASSERT_TRUE(c.has_value()) << c.error().message;
  expect_chart(c->individuals, "I (xbar.one std.dev=MR)");
  expect_chart(c->moving_range, "MR (own formula)");
}

TEST(SpcCharts, PChartWithVariableSizesMatchesQcc) {
  const ReferenceCsv in(shared_data("spc_p_input.csv"));
  std::vector<std::int64_t> d, n;
  for (std::size_t i = 0; i < in.size(); ++i) {
    d.push_back(static_cast<std::int64_t>(in.number(i, "defectives")));
    n.push_back(static_cast<std::int64_t>(in.number(i, "size")));
  }
  const auto c = p_chart(d, n);
  ASSERT_TRUE(c.has_value());
  expect_chart(*c, "p");
  n[3] = 0;
  const auto bad = p_chart(d, n);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().location, "sample 4");
}

TEST(SpcCharts, UChartWithVariableUnitsMatchesQcc) {
  const ReferenceCsv in(shared_data("spc_u_input.csv"));
  std::vector<std::int64_t> d;
  std::vector<double> u;
  for (std::size_t i = 0; i < in.size(); ++i) {
    d.push_back(static_cast<std::int64_t>(in.number(i, "defects")));
    u.push_back(in.number(i, "units"));
  }
  const auto c = u_chart(d, u);
  ASSERT_TRUE(c.has_value());
  expect_chart(*c, "u");
}

TEST(SpcConstantsTest, ExactConstantsAgreeWithTablesAndGoBeyondThem) {
  // Published 3-decimal d2 values and qcc's 7-decimal d3 values.
  for (int n = 2; n <= 25; ++n) {
    const auto d2 = spc_d2(n, SpcConstants::exact);
    const auto t2 = spc_d2(n, SpcConstants::qcc);
    ASSERT_TRUE(d2.has_value() && t2.has_value());
    EXPECT_NEAR(*d2, *t2, 0.0005 + 1e-12) << n;
  }
  for (int n = 2; n <= 50; n += 4) {
    const auto d3 = spc_d3(n, SpcConstants::exact);
    const auto t3 = spc_d3(n, SpcConstants::qcc);
    ASSERT_TRUE(d3.has_value() && t3.has_value());
    EXPECT_NEAR(*d3, *t3, 2e-5) << n;  // qcc's d3 table is itself off by up to ~1.2e-5
  }
  const double pi = 3.14159265358979323846;
  EXPECT_NEAR(*spc_d2(2, SpcConstants::exact), 2 / std::sqrt(pi), 1e-12);
  EXPECT_NEAR(*spc_d3(2, SpcConstants::exact), std::sqrt(2 - 4 / pi), 1e-10);
  // n = 6 by an independent 15-digit quadrature of the same integrals (mpmath).
  EXPECT_NEAR(*spc_d2(6, SpcConstants::exact), 2.53441272122294, 1e-11);
  EXPECT_NEAR(*spc_d3(6, SpcConstants::exact), 0.848039686117494, 1e-10);
  EXPECT_NEAR(*spc_d2(3, SpcConstants::exact), 3 / std::sqrt(pi), 1e-12);
  // Beyond the table: qcc mode says so, exact mode computes (d2 grows like √(2 ln n)).
  const auto beyond = spc_d2(30, SpcConstants::qcc);
  ASSERT_FALSE(beyond.has_value());
  EXPECT_NE(beyond.error().message.find("n = 25"), std::string::npos);
  const auto d2_100 = spc_d2(100, SpcConstants::exact);
  ASSERT_TRUE(d2_100.has_value());
  EXPECT_NEAR(*d2_100, 5.015, 0.001);  // tabulated d2(100) = 5.015
  EXPECT_NEAR(spc_c4(5), 0.9399856029866254, 1e-15);
}

TEST(SpcCapabilityTest, MatchesQccProcessCapability) {
  const ReferenceCsv ref(shared_data("spc_capability.csv"));
  const CapabilitySpec spec{.lsl = ref.number(0, "LSL"), .usl = ref.number(0, "USL"),
                            .target = ref.number(0, "target")};
  const auto g = subgroups_25x5();
  const auto study = capability_study(g, spec);
  ASSERT_TRUE(study.has_value()) << study.error().message;
  const std::map<std::string, std::optional<CapabilityIndex>> got{
      {"Cp", study->within.cp},   {"Cp_l", study->within.cpl},  {"Cp_u", study->within.cpu},
      {"Cp_k", study->within.cpk}, {"Cpm", study->within.cpm},  {"Pp", study->overall.cp},
      {"Pp_l", study->overall.cpl}, {"Pp_u", study->overall.cpu}, {"Pp_k", study->overall.cpk},
      {"Ppm", study->overall.cpm}};
  ASSERT_EQ(ref.size(), got.size());
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const std::string index = ref.text(i, "index");
    const auto& c = got.at(index);
    ASSERT_TRUE(c.has_value()) << index;
    EXPECT_TRUE(near_relative(c->value, ref.number(i, "value"), 1e-12)) << index;
    EXPECT_TRUE(near_relative(c->lower, ref.number(i, "lower95"), 1e-9)) << index << " " << c->lower;
    EXPECT_TRUE(near_relative(c->upper, ref.number(i, "upper95"), 1e-9)) << index << " " << c->upper;
    const Capability& cap = index.starts_with("Cp") ? study->within : study->overall;
    EXPECT_TRUE(near_relative(cap.sigma, ref.number(i, "sigma"), 1e-12)) << index;
    EXPECT_TRUE(near_relative(cap.center, ref.number(i, "center"), 1e-12)) << index;
  }
  // One-sided specification: Cp and Cpm are not defined.
  const auto upper_only = process_capability(125, 10, 0.2, {.usl = 10.6});
  ASSERT_TRUE(upper_only.has_value());
  EXPECT_FALSE(upper_only->cp.has_value());
  EXPECT_NEAR(upper_only->cpk->value, 1.0, 1e-12);
  EXPECT_FALSE(process_capability(125, 10, 0.2, {}).has_value());
  EXPECT_FALSE(process_capability(125, 10, 0.2, {.lsl = 11, .usl = 10}).has_value());
}

TEST(NelsonRules, MatchReferenceViolations) {
  const ReferenceCsv series(shared_data("nelson_series.csv"));
  const ReferenceCsv expected(shared_data("nelson_violations.csv"));
  std::map<std::string, std::vector<double>> values;
  std::map<std::string, std::pair<double, double>> params;
  for (std::size_t i = 0; i < series.size(); ++i) {
    values[series.text(i, "series")].push_back(series.number(i, "value"));
    params[series.text(i, "series")] = {series.number(i, "center"), series.number(i, "sigma")};
  }
  ASSERT_EQ(values.size(), 5u);
  std::map<std::string, NelsonViolations> got;
  for (const auto& [name, v] : values) {
    const auto r = nelson_rules(v, params[name].first, params[name].second);
    ASSERT_TRUE(r.has_value());
    got[name] = *r;
  }
  ASSERT_EQ(expected.size(), 40u);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::string name = expected.text(i, "series");
    const int rule = static_cast<int>(expected.number(i, "rule"));
    std::vector<std::size_t> want;
    std::istringstream in(expected.text(i, "indices"));
    for (std::size_t k; in >> k;) want.push_back(k);
    ASSERT_EQ(want.size(), static_cast<std::size_t>(expected.number(i, "n_violations")));
    EXPECT_EQ(got.at(name)[static_cast<std::size_t>(rule - 1)], want) << name << " rule " << rule;
  }
}

TEST(NelsonRules, EveryRuleOnConstructedSeries) {
  auto rule = [](const std::vector<double>& x, int r) {
    return (*nelson_rules(x, 0, 1))[static_cast<std::size_t>(r - 1)];
  };
  EXPECT_EQ(rule({0, 3.01, -3, -3.5}, 1), (std::vector<std::size_t>{2, 4}));
  EXPECT_EQ(rule(std::vector<double>(10, 0.5), 2), (std::vector<std::size_t>{9, 10}));
  EXPECT_TRUE(rule({0.5, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0.5, 0.5}, 2).empty());  // 0 breaks
  EXPECT_EQ(rule({0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.5}, 3), (std::vector<std::size_t>{6}));
  std::vector<double> alt;
  for (int i = 0; i < 15; ++i) alt.push_back(i % 2 ? 0.5 : -0.5);
  EXPECT_EQ(rule(alt, 4), (std::vector<std::size_t>{14, 15}));
  EXPECT_EQ(rule({2.1, 0, 2.5, -2.1, -2.2}, 5), (std::vector<std::size_t>{3, 5}));
  EXPECT_EQ(rule({1.1, 1.2, 0, 1.5, 1.01}, 6), (std::vector<std::size_t>{5}));
  EXPECT_EQ(rule(std::vector<double>(15, 0.99), 7), (std::vector<std::size_t>{15}));
  EXPECT_EQ(rule({1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5}, 8), (std::vector<std::size_t>{8}));
  EXPECT_FALSE(nelson_rules(std::vector<double>{1}, 0, 0).has_value());
}

}  // namespace
}  // namespace riskloop::analytics
