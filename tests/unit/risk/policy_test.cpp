// Risk policy: the default policy, and validation errors with their exact locations.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "core/risk/compiled_policy.hpp"
#include "core/risk/policy.hpp"
#include "risk_file_builder.hpp"

namespace riskloop::risk {
namespace {

using fixtures::approved_default_policy;

TEST(DefaultPolicy, IsValidFiveByFive) {
  const auto p = default_policy();
  ASSERT_TRUE(validate(p)) << validate(p).error().location;
  EXPECT_EQ(p.status, PolicyStatus::draft);
  ASSERT_EQ(p.severity_levels.size(), 5u);
  ASSERT_EQ(p.probability_levels.size(), 5u);
  EXPECT_EQ(p.acceptability_matrix.size(), 25u);
  EXPECT_EQ(p.severity_levels[0].name, "Negligible");
  EXPECT_EQ(p.severity_levels[4].name, "Catastrophic");
  EXPECT_EQ(p.probability_levels[0].name, "Improbable");
  EXPECT_EQ(p.probability_levels[1].min, 1e-6);
  EXPECT_EQ(p.probability_levels[1].max, 1e-5);
  EXPECT_EQ(p.probability_levels[4].name, "Frequent");
  EXPECT_EQ(p.probability_levels[4].min, 1e-3);
  EXPECT_EQ(p.probability_levels[4].max, 1.0);
  EXPECT_FALSE(p.not_estimable_criteria.empty());
  EXPECT_FALSE(p.overall_residual_criteria.empty());
}

// A reasonable matrix never gets more lenient as severity or probability grows, and has each of
// the three outcomes somewhere.
TEST(DefaultPolicy, MatrixIsMonotonicAndUsesAllOutcomes) {
  const auto policy = fixtures::default_compiled();
  int seen[3] = {0, 0, 0};
  for (std::int64_t s = 1; s <= 5; ++s)
    for (std::int64_t p = 1; p <= 5; ++p) {
      const auto a = policy.acceptability(s, p);
      ++seen[static_cast<int>(a)];
      if (s > 1) {
        EXPECT_GE(a, policy.acceptability(s - 1, p)) << s << "x" << p;
      }
      if (p > 1) {
        EXPECT_GE(a, policy.acceptability(s, p - 1)) << s << "x" << p;
      }
    }
  EXPECT_GT(seen[0], 0);
  EXPECT_GT(seen[1], 0);
  EXPECT_GT(seen[2], 0);
  EXPECT_EQ(policy.acceptability(1, 1), Acceptability::acceptable);
  EXPECT_EQ(policy.acceptability(5, 5), Acceptability::unacceptable);
  EXPECT_NE(policy.acceptability(5, 1), Acceptability::acceptable);  // death is never just fine
}

struct BadPolicyCase {
  const char* what;
  std::function<void(RiskPolicy&)> change;
  const char* location;
  const char* message_part;
};

class PolicyValidation : public ::testing::TestWithParam<BadPolicyCase> {};

TEST_P(PolicyValidation, ReportsTheExactLocation) {
  auto p = approved_default_policy();
  GetParam().change(p);
  const auto r = validate(p);
  ASSERT_FALSE(r) << GetParam().what;
  EXPECT_EQ(r.error().code, ErrorCode::validation);
  EXPECT_EQ(r.error().location, GetParam().location) << r.error().message;
  EXPECT_NE(r.error().message.find(GetParam().message_part), std::string::npos)
      << r.error().message;
  EXPECT_FALSE(CompiledPolicy::compile(p));
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

INSTANTIATE_TEST_SUITE_P(
    Cases, PolicyValidation,
    ::testing::Values(
        BadPolicyCase{"empty name", [](RiskPolicy& p) { p.name = ""; }, "/name", "empty"},
        BadPolicyCase{"no severity levels", [](RiskPolicy& p) { p.severity_levels.clear(); },
                      "/severity_levels", "1 to 20 levels (has 0)"},
        BadPolicyCase{"rank gap", [](RiskPolicy& p) { p.probability_levels[2].rank = 4; },
                      "/probability_levels/2/rank",
                      "must be 3, got 4: ranks run 1..5 in list order"},
        BadPolicyCase{"severity rank out of order",
                      [](RiskPolicy& p) { std::swap(p.severity_levels[0], p.severity_levels[1]); },
                      "/severity_levels/0/rank", "must be 1, got 2"},
        BadPolicyCase{"repeated name", [](RiskPolicy& p) { p.severity_levels[3].name = "Minor"; },
                      "/severity_levels/3/name",
                      "repeats the name \"Minor\" of /severity_levels/1"},
        BadPolicyCase{"first level not at 0",
                      [](RiskPolicy& p) { p.probability_levels[0].min = 1e-9; },
                      "/probability_levels/0/min", "must be 0"},
        BadPolicyCase{"gap between levels",
                      [](RiskPolicy& p) { p.probability_levels[2].min = 2e-5; },
                      "/probability_levels/2/min", "leave a gap"},
        BadPolicyCase{"overlapping levels",
                      [](RiskPolicy& p) { p.probability_levels[2].min = 5e-6; },
                      "/probability_levels/2/min", "overlap"},
        BadPolicyCase{"empty range",
                      [](RiskPolicy& p) {
                        p.probability_levels[2].max = 1e-5;
                        p.probability_levels[3].min = 1e-5;
                      },
                      "/probability_levels/2/max", "must be greater than min (0.00001)"},
        BadPolicyCase{"last level short of 1",
                      [](RiskPolicy& p) { p.probability_levels[4].max = 0.5; },
                      "/probability_levels/4/max", "must be 1"},
        BadPolicyCase{"max above 1", [](RiskPolicy& p) { p.probability_levels[3].max = 1.5; },
                      "/probability_levels/3/max", "between 0 and 1, got 1.5"},
        BadPolicyCase{"max not finite", [](RiskPolicy& p) { p.probability_levels[1].max = kNaN; },
                      "/probability_levels/1/max", "finite"},
        BadPolicyCase{"missing cell",
                      [](RiskPolicy& p) {
                        std::erase_if(p.acceptability_matrix, [](const MatrixCell& c) {
                          return c.severity_rank == 2 && c.probability_rank == 3;
                        });
                      },
                      "/acceptability_matrix", "has no cell for severity 2 x probability 3"},
        BadPolicyCase{"repeated cell",
                      [](RiskPolicy& p) { p.acceptability_matrix[7] = p.acceptability_matrix[2]; },
                      "/acceptability_matrix/7",
                      "repeats the cell for severity 1 x probability 3 of /acceptability_matrix/2"},
        BadPolicyCase{"cell severity out of range",
                      [](RiskPolicy& p) { p.acceptability_matrix[24].severity_rank = 6; },
                      "/acceptability_matrix/24/severity_rank",
                      "is not one of the severity ranks 1..5, got 6"},
        BadPolicyCase{"cell probability out of range",
                      [](RiskPolicy& p) { p.acceptability_matrix[0].probability_rank = 0; },
                      "/acceptability_matrix/0/probability_rank", "ranks 1..5, got 0"},
        BadPolicyCase{"no criteria for inestimable probability",
                      [](RiskPolicy& p) { p.not_estimable_criteria.clear(); },
                      "/not_estimable_criteria", "empty"},
        BadPolicyCase{"no overall residual criteria",
                      [](RiskPolicy& p) { p.overall_residual_criteria.clear(); },
                      "/overall_residual_criteria", "empty"},
        BadPolicyCase{"version 0", [](RiskPolicy& p) { p.policy_version = 0; }, "/policy_version",
                      "1 or more"},
        BadPolicyCase{"approved without time", [](RiskPolicy& p) { p.approved_at.reset(); },
                      "/approved_at", "required when status is approved"},
        BadPolicyCase{"approved without approver", [](RiskPolicy& p) { p.approved_by.clear(); },
                      "/approved_by", "required when status is approved"}));

TEST(PolicyValidation, AcceptsOtherScaleSizesAndBases) {
  RiskPolicyInput in;
  in.name = "Three by two";
  in.probability_basis = ProbabilityBasis::per_device_year;
  in.severity_levels = {{1, "Low", ""}, {2, "Medium", ""}, {3, "High", ""}};
  in.probability_levels = {{1, "Unlikely", 0.0, 0.01, ""}, {2, "Likely", 0.01, 1.0, ""}};
  for (std::int64_t s = 1; s <= 3; ++s)
    for (std::int64_t q = 1; q <= 2; ++q)
      in.acceptability_matrix.push_back(
          {s, q, s + q > 3 ? Acceptability::unacceptable : Acceptability::acceptable});
  in.overall_residual_criteria = "x";
  in.not_estimable_criteria = "y";
  EXPECT_TRUE(validate(in));

  in.acceptability_matrix.pop_back();
  const auto r = validate(in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/acceptability_matrix");
  EXPECT_NE(r.error().message.find("severity 3 x probability 2"), std::string::npos);
}

TEST(CompiledPolicy, LooksUpLevelsAndNames) {
  const auto policy = fixtures::default_compiled();
  EXPECT_EQ(policy.severity_count(), 5);
  EXPECT_EQ(policy.probability_count(), 5);
  EXPECT_EQ(policy.severity_rank_named("Critical"), 4);
  EXPECT_FALSE(policy.severity_rank_named("critical"));
  EXPECT_EQ(policy.probability_level(3).name, "Occasional");
  EXPECT_FALSE(policy.has_severity(0));
  EXPECT_FALSE(policy.has_severity(6));
}

}  // namespace
}  // namespace riskloop::risk
