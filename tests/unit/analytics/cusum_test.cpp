// CUSUM statistics and ARLs against the reference vectors (section 4).
#include <gtest/gtest.h>

#include "analytics/sequential_cusum.hpp"
#include "reference_table.hpp"

namespace riskloop::analytics {
namespace {

using testing::near_relative;
using testing::ReferenceCsv;
using testing::shared_data;

TEST(CusumArl, NormalMatchesSpcPackage) {
  const ReferenceCsv ref(shared_data("cusum_normal_arl.csv"));
  ASSERT_EQ(ref.size(), 7u);
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const double k = ref.number(i, "k");
    const double h = ref.number(i, "h");
    const double mu = ref.number(i, "mu_shift_sd");
    const auto one = normal_cusum_arl_upper(k, h, mu);
    const auto two = normal_cusum_arl_two_sided(k, h, mu);
    ASSERT_TRUE(one.has_value() && two.has_value());
    EXPECT_TRUE(near_relative(*one, ref.number(i, "spc_arl_one_sided"), 1e-6))
        << "mu=" << mu << ": " << *one;
    EXPECT_TRUE(near_relative(*two, ref.number(i, "spc_arl_two_sided"), 1e-6))
        << "mu=" << mu << ": " << *two;
  }
}

TEST(CusumArl, PlainMarkovChainIsTheBrookEvansValue) {
  // Without extrapolation, 2000 states give the reference's plain m=2000 chain.
  const ReferenceCsv ref(shared_data("cusum_normal_arl.csv"));
  const auto plain = normal_cusum_arl_upper(0.5, 4, 1.0, {.states = 2000, .extrapolate = false});
  ASSERT_TRUE(plain.has_value());
  EXPECT_TRUE(near_relative(*plain, ref.number(3, "arl_one_sided_upper_m2000"), 1e-9)) << *plain;
}

TEST(CusumArl, PoissonExactMatchesReference) {
  const ReferenceCsv ref(shared_data("cusum_poisson_arl.csv"));
  ASSERT_EQ(ref.size(), 10u);
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const auto kref = poisson_cusum_reference_value(ref.number(i, "lambda0"), ref.number(i, "lambda1"));
    ASSERT_TRUE(kref.has_value());
    EXPECT_TRUE(near_relative(*kref, ref.number(i, "k_exact"), 1e-12));
    const auto arl = poisson_cusum_arl(ref.number(i, "k"), ref.number(i, "h"), ref.number(i, "lambda_true"));
    ASSERT_TRUE(arl.has_value()) << arl.error().message;
    EXPECT_TRUE(near_relative(*arl, ref.number(i, "arl"), 1e-10)) << "row " << i << ": " << *arl;
  }
}

TEST(CusumArl, RejectsIrrationalReferenceValue) {
  const auto arl = poisson_cusum_arl(4.932606924752863, 6, 4);
  ASSERT_FALSE(arl.has_value());
  EXPECT_NE(arl.error().message.find("fractions"), std::string::npos);
  EXPECT_FALSE(poisson_cusum_arl(5, 6, 0).has_value());
  EXPECT_FALSE(normal_cusum_arl_upper(0.5, -1, 0).has_value());
}

TEST(Cusum, RiskAdjustedMatchesSteinerSeries) {
  const ReferenceCsv ref(shared_data("cusum_risk_adjusted_bernoulli.csv"));
  ASSERT_EQ(ref.size(), 200u);
  std::vector<double> risk;
  std::vector<int> outcome;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    risk.push_back(ref.number(i, "predicted_risk"));
    outcome.push_back(static_cast<int>(ref.number(i, "outcome")));
  }
  const auto path = risk_adjusted_cusum(risk, outcome, 2.0, 4.5);
  ASSERT_TRUE(path.has_value());
  std::optional<std::size_t> expected_alarm;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    EXPECT_TRUE(near_relative(path->weight[i], ref.number(i, "weight_W"), 1e-12)) << i;
    EXPECT_NEAR(path->statistic[i], ref.number(i, "cusum_S"), 1e-12) << i;
    if (!expected_alarm && ref.number(i, "cusum_S") >= 4.5) expected_alarm = i + 1;
  }
  ASSERT_TRUE(expected_alarm.has_value());
  EXPECT_EQ(path->first_alarm, expected_alarm);
  EXPECT_EQ(*path->first_alarm, 131u);
}

TEST(Cusum, BernoulliIsRiskAdjustedWithConstantRisk) {
  // With p_t = p0 and R_A = odds(p1)/odds(p0) the two charts coincide.
  const double p0 = 0.05, p1 = 0.1;
  const double ra = (p1 / (1 - p1)) / (p0 / (1 - p0));
  const std::vector<int> y{0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0};
  const std::vector<double> p(y.size(), p0);
  const auto b = bernoulli_cusum(y, p0, p1, 2.0);
  const auto r = risk_adjusted_cusum(p, y, ra, 2.0);
  ASSERT_TRUE(b.has_value() && r.has_value());
  for (std::size_t i = 0; i < y.size(); ++i) EXPECT_NEAR(b->statistic[i], r->statistic[i], 1e-12);
  EXPECT_EQ(b->first_alarm, r->first_alarm);
  ASSERT_TRUE(b->first_alarm.has_value());
  const std::vector<int> bad{0, 2};
  const auto e = bernoulli_cusum(bad, p0, p1, 2.0);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().location, "case 2");
}

TEST(Cusum, PoissonPathAndAlarms) {
  const std::vector<std::int64_t> x{4, 6, 7, 3, 8, 9, 2};
  const auto path = poisson_cusum(x, 5.0, 6.0);
  ASSERT_TRUE(path.has_value());
  const std::vector<double> s{0, 1, 3, 1, 4, 8, 5};
  for (std::size_t i = 0; i < x.size(); ++i) EXPECT_DOUBLE_EQ(path->statistic[i], s[i]);
  EXPECT_EQ(path->first_alarm, 6u);
  EXPECT_EQ(path->alarms, std::vector<std::size_t>{6});
  const std::vector<std::int64_t> bad{1, -1};
  const auto e = poisson_cusum(bad, 5, 6);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().location, "period 2");
}

}  // namespace
}  // namespace riskloop::analytics
