// A file of 100 000 risks: the gate and re-evaluation give the same answers at scale. Timings
// are reported as test properties for information; benchmarks live in bench/.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <chrono>

#include "core/risk/gate.hpp"
#include "core/risk/policy_migration.hpp"
#include "risk_file_builder.hpp"

namespace riskloop::risk {
namespace {

constexpr int kSituations = 20000;
constexpr int kHarmsPerSituation = 5;  // 100 000 risks
constexpr int kHarms = 10000;

// Every situation leads to five harms of the same severity (1 to 4). Its first risk, at P = 1e-3
// (Frequent), gets a verified control and an acceptable residual estimate; the other four are at
// P = 1e-7 (Improbable) and acceptable as they are.
fixtures::FileBuilder large_file() {
  fixtures::FileBuilder b;
  auto& s = b.s;
  s.hazards.reserve(kSituations);
  s.situations.reserve(kSituations);
  s.harms.reserve(kHarms);
  s.situation_harms.reserve(kSituations * kHarmsPerSituation);
  for (int h = 0; h < kHarms; ++h) b.harm("harm-" + std::to_string(h), 1 + (h / 5) % 4);
  for (int i = 0; i < kSituations; ++i) {
    const auto n = std::to_string(i);
    b.hazard("hz-" + n);
    b.situation("sit-" + n, 0.01);
    b.link("hz-" + n, "sit-" + n);
    for (int k = 0; k < kHarmsPerSituation; ++k) {
      const int harm = (i * kHarmsPerSituation + k) % kHarms;
      const auto id = "risk-" + n + "-" + std::to_string(k);
      b.risk(id, "sit-" + n, "harm-" + std::to_string(harm), k == 0 ? 0.1 : 1e-5);
      if (k == 0) {
        b.control("ctl-" + id);
        b.apply("ctl-" + id, id);
        b.residual("res-" + id, id, 1e-6, 0.1, 1 + (harm / 5) % 4);
      }
    }
  }
  return b;
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

TEST(Scale, GateOverAHundredThousandRisks) {
  auto b = large_file();
  ASSERT_EQ(b.s.situation_harms.size(), 100000u);
  b.release_ready();
  const auto policy = fixtures::default_compiled();
  const auto now = fixtures::at_day(50);

  auto start = std::chrono::steady_clock::now();
  auto reasons = check_gate(b.s, policy, Stage::post_launch, now);
  ::testing::Test::RecordProperty("gate_ms", std::to_string(ms_since(start)));
  EXPECT_TRUE(reasons.empty()) << reasons.size() << " reasons, first: "
                               << (reasons.empty() ? "" : reasons[0].message);

  // One fault among 100 000 risks is found, and only it.
  b.s.controls[12345].effectiveness_verification = VerificationResult::pending;
  b.s.situation_harms[54321].p2.reset();
  reasons = check_gate(b.s, policy, Stage::post_launch, now);
  // The risk, the residual estimate relying on the control (now provisional), the control.
  ASSERT_EQ(reasons.size(), 3u);
  std::set<std::pair<FindingCode, Id>> found;
  for (const auto& r : reasons) found.emplace(r.code, r.item_id);
  EXPECT_TRUE(found.contains({FindingCode::risk_not_estimated, b.s.situation_harms[54321].header.id}));
  EXPECT_TRUE(found.contains(
      {FindingCode::control_effectiveness_not_verified, b.s.controls[12345].header.id}));
  EXPECT_EQ(std::count_if(reasons.begin(), reasons.end(),
                          [](const auto& r) { return r.code == FindingCode::residual_provisional; }),
            1);
}

TEST(Scale, ReEvaluatingEveryEstimateAgainstAPolicy) {
  const auto b = large_file();
  const auto estimates = file_estimates(b.s);
  ASSERT_EQ(estimates.size(), 100000u + kSituations);
  const auto policy = fixtures::default_compiled();

  auto start = std::chrono::steady_clock::now();
  std::size_t unacceptable = 0;
  for (const auto& e : estimates) {
    const auto ev = evaluate(policy, e.estimate);
    ASSERT_TRUE(ev);
    unacceptable += ev->acceptability == Acceptability::unacceptable;
  }
  ::testing::Test::RecordProperty("evaluate_ms", std::to_string(ms_since(start)));
  // Initial estimates at Frequent with severity 3 or 4: half of the first risks.
  EXPECT_EQ(unacceptable, static_cast<std::size_t>(kSituations) / 2);

  auto stricter = fixtures::approved_default_policy();
  stricter.policy_version = 2;
  for (auto& cell : stricter.acceptability_matrix)
    if (cell.severity_rank == 2 && cell.probability_rank == 5)
      cell.acceptability = Acceptability::unacceptable;
  start = std::chrono::steady_clock::now();
  const auto diff = diff_policy_migration(estimates, policy, fixtures::compiled(stricter));
  ::testing::Test::RecordProperty("migration_diff_ms", std::to_string(ms_since(start)));
  ASSERT_TRUE(diff);
  EXPECT_EQ(diff->size(), static_cast<std::size_t>(kSituations) / 4);  // the Minor x Frequent ones
}

}  // namespace
}  // namespace riskloop::risk
