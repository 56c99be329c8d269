// Policy migration diff: exactly the estimates whose evaluation would change, nothing applied.
#include <gtest/gtest.h>

#include "core/risk/policy_migration.hpp"
#include "risk_file_builder.hpp"

namespace riskloop::risk {
namespace {

using fixtures::compiled;

FileEstimate fe(std::string id, double p, std::int64_t severity) {
  Estimate e;
  e.p1 = p;
  e.p2 = 1.0;
  e.severity_rank = severity;
  return {std::move(id), EstimateKind::initial, e};
}

std::vector<std::string> ids(const std::vector<EstimateChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.id);
  return out;
}

void set_cell(RiskPolicy& p, std::int64_t s, std::int64_t q, Acceptability a) {
  for (auto& cell : p.acceptability_matrix)
    if (cell.severity_rank == s && cell.probability_rank == q) cell.acceptability = a;
}

// One estimate in every cell of the 5 x 5, named "s<severity>p<probability rank>".
std::vector<FileEstimate> every_cell() {
  const double mid[] = {5e-7, 5e-6, 5e-5, 5e-4, 5e-3};
  std::vector<FileEstimate> out;
  for (std::int64_t s = 1; s <= 5; ++s)
    for (std::int64_t q = 1; q <= 5; ++q)
      out.push_back(fe("s" + std::to_string(s) + "p" + std::to_string(q), mid[q - 1], s));
  return out;
}

TEST(PolicyMigration, SamePolicyChangesNothing) {
  const auto p = fixtures::default_compiled();
  const auto diff = diff_policy_migration(every_cell(), p, p);
  ASSERT_TRUE(diff);
  EXPECT_TRUE(diff->empty());
}

TEST(PolicyMigration, ListsExactlyTheChangedCells) {
  auto next = fixtures::approved_default_policy();
  next.policy_version = 2;
  set_cell(next, 3, 3, Acceptability::acceptable);    // Serious x Occasional: investigate -> ok
  set_cell(next, 5, 2, Acceptability::unacceptable);  // Catastrophic x Remote: stricter
  const auto diff =
      diff_policy_migration(every_cell(), fixtures::default_compiled(), compiled(next));
  ASSERT_TRUE(diff);
  ASSERT_EQ(ids(*diff), (std::vector<std::string>{"s3p3", "s5p2"}));
  const auto& c = (*diff)[0];
  EXPECT_EQ(c.kind, EstimateKind::initial);
  EXPECT_EQ(c.old_acceptability, Acceptability::investigate);
  EXPECT_EQ(c.new_acceptability, Acceptability::acceptable);
  EXPECT_TRUE(c.acceptability_changed());
  EXPECT_FALSE(c.severity_changed());
  EXPECT_FALSE(c.probability_changed());
  EXPECT_EQ(describe(fixtures::default_compiled(), compiled(next), c),
            "Serious x Occasional: investigate -> Serious x Occasional: acceptable");
}

TEST(PolicyMigration, MovedBoundaryListsOnlyEstimatesThatCrossIt) {
  auto next = fixtures::approved_default_policy();
  next.probability_levels[1].max = 2e-5;  // Remote now up to 2e-5
  next.probability_levels[2].min = 2e-5;
  const std::vector<FileEstimate> estimates = {
      fe("below", 9e-6, 3),       // Remote in both
      fe("crossing", 1.5e-5, 3),  // Occasional -> Remote
      fe("at-new", 2e-5, 3),      // Occasional in both (boundary belongs to the upper level)
      fe("at-old", 1e-5, 1),      // Occasional -> Remote, but Negligible stays acceptable
  };
  const auto diff = diff_policy_migration(estimates, fixtures::default_compiled(), compiled(next));
  ASSERT_TRUE(diff);
  ASSERT_EQ(ids(*diff), (std::vector<std::string>{"crossing", "at-old"}));
  EXPECT_EQ((*diff)[0].old_probability_rank, 3);
  EXPECT_EQ((*diff)[0].new_probability_rank, 2);
  EXPECT_EQ((*diff)[0].old_acceptability, Acceptability::investigate);
  EXPECT_EQ((*diff)[0].new_acceptability, Acceptability::acceptable);
  EXPECT_TRUE((*diff)[1].probability_changed());
  EXPECT_FALSE((*diff)[1].acceptability_changed());
}

// Severity is matched by name: a level inserted below "Serious" moves its rank.
TEST(PolicyMigration, SeverityFollowsTheLevelName) {
  auto next = fixtures::approved_default_policy();
  next.severity_levels.insert(next.severity_levels.begin() + 2,
                              SeverityLevel{3, "Moderate", "Reversible, needs treatment"});
  for (std::size_t i = 0; i < next.severity_levels.size(); ++i)
    next.severity_levels[i].rank = static_cast<std::int64_t>(i + 1);
  next.acceptability_matrix.clear();
  for (std::int64_t s = 1; s <= 6; ++s)
    for (std::int64_t q = 1; q <= 5; ++q)
      next.acceptability_matrix.push_back(
          {s, q, s + q >= 8 ? Acceptability::unacceptable : Acceptability::acceptable});
  ASSERT_TRUE(validate(next)) << validate(next).error().location;

  const std::vector<FileEstimate> estimates = {fe("minor", 5e-6, 2), fe("serious", 5e-6, 3)};
  const auto diff = diff_policy_migration(estimates, fixtures::default_compiled(), compiled(next));
  ASSERT_TRUE(diff);
  ASSERT_EQ(ids(*diff), (std::vector<std::string>{"serious"}));
  EXPECT_EQ((*diff)[0].old_severity_rank, 3);
  EXPECT_EQ((*diff)[0].new_severity_rank, 4);
  EXPECT_TRUE((*diff)[0].severity_changed());
}

TEST(PolicyMigration, SeverityMissingFromTheNewPolicyMustBeRatedAgain) {
  auto next = fixtures::approved_default_policy();
  next.severity_levels[3].name = "Severe";  // "Critical" renamed
  const std::vector<FileEstimate> estimates = {fe("critical", 5e-7, 4), fe("serious", 5e-7, 3)};
  const auto diff = diff_policy_migration(estimates, fixtures::default_compiled(), compiled(next));
  ASSERT_TRUE(diff);
  ASSERT_EQ(ids(*diff), (std::vector<std::string>{"critical"}));
  EXPECT_FALSE((*diff)[0].new_severity_rank);
  EXPECT_FALSE((*diff)[0].new_acceptability);
  EXPECT_EQ(describe(fixtures::default_compiled(), compiled(next), (*diff)[0]),
            "Critical x Improbable: acceptable -> severity \"Critical\" not in the new policy x "
            "Improbable: to be rated again");
}

TEST(PolicyMigration, NotEstimableStaysAtTheWorstLevel) {
  auto next = fixtures::approved_default_policy();
  next.probability_levels[4].max = 1e-2;
  next.probability_levels.push_back({6, "Very frequent", 1e-2, 1.0, ""});
  for (std::int64_t s = 1; s <= 5; ++s)
    next.acceptability_matrix.push_back({s, 6, Acceptability::unacceptable});
  auto worst = fe("unknown", 0.0, 1);
  worst.estimate.probability_estimable = false;
  const auto diff =
      diff_policy_migration(std::vector{worst}, fixtures::default_compiled(), compiled(next));
  ASSERT_TRUE(diff);
  ASSERT_EQ(diff->size(), 1u);
  EXPECT_EQ((*diff)[0].old_probability_rank, 5);
  EXPECT_EQ((*diff)[0].new_probability_rank, 6);
  EXPECT_EQ((*diff)[0].old_acceptability, Acceptability::investigate);
  EXPECT_EQ((*diff)[0].new_acceptability, Acceptability::unacceptable);
}

TEST(PolicyMigration, AnEstimateTheOldPolicyCannotEvaluateIsAnError) {
  const std::vector<FileEstimate> estimates = {fe("fine", 1e-6, 1), fe("broken", 1e-6, 8)};
  const auto diff =
      diff_policy_migration(estimates, fixtures::default_compiled(), fixtures::default_compiled());
  ASSERT_FALSE(diff);
  EXPECT_EQ(diff.error().location, "/1/severity_rank");
  EXPECT_NE(diff.error().message.find("initial estimate \"broken\""), std::string::npos);
}

TEST(PolicyMigration, CollectsInitialAndResidualEstimatesOfAFile) {
  fixtures::FileBuilder b;
  b.chain("a", 0.01, 0.1, 3);
  b.chain("incomplete", 0.01, 0.1, 3);
  b.s.situation_harms.back().p2.reset();
  b.control("c");
  b.apply("c", "a");
  b.residual("a-after", "a", 1e-4, 0.1, 3);
  const auto estimates = file_estimates(b.s);
  ASSERT_EQ(estimates.size(), 2u);
  EXPECT_EQ(estimates[0].id, "a");
  EXPECT_EQ(estimates[0].kind, EstimateKind::initial);
  EXPECT_EQ(estimates[0].estimate.p1, 0.01);
  EXPECT_EQ(estimates[1].id, "a-after");
  EXPECT_EQ(estimates[1].kind, EstimateKind::residual);
  EXPECT_EQ(estimates[1].estimate.rationale, "after controls");
}

}  // namespace
}  // namespace riskloop::risk
