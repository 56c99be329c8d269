// Completeness of risk control (ISO 14971 7.6): what is listed, and that fixing it clears it.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/risk/completeness.hpp"
#include "risk_file_builder.hpp"

namespace riskloop::risk {
namespace {

using fixtures::FileBuilder;

std::vector<std::pair<FindingCode, std::string>> codes(const std::vector<Finding>& findings) {
  std::vector<std::pair<FindingCode, std::string>> out;
  for (const auto& f : findings) out.emplace_back(f.code, f.item_id);
  return out;
}

using Listed = std::vector<std::pair<FindingCode, std::string>>;

// One acceptable risk and one unacceptable risk controlled to acceptable.
FileBuilder complete_file() {
  FileBuilder b;
  b.chain("low", 1e-3, 1e-3, 3);
  b.chain("high", 0.01, 0.1, 4);
  b.control("guard");
  b.apply("guard", "high");
  b.residual("high-after", "high", 1e-6, 0.1, 4);
  return b;
}

TEST(Completeness, ACompleteFileHasNoFindings) {
  const auto b = complete_file();
  EXPECT_TRUE(check_completeness(b.s, fixtures::default_compiled()).empty());
}

TEST(Completeness, ListsUnanalysedHazardsSituationsAndHarms) {
  auto b = complete_file();
  b.hazard("lonely-hazard");
  b.situation("lonely-situation", 0.1);
  b.harm("lonely-harm", 2);
  const auto findings = check_completeness(b.s, fixtures::default_compiled());
  EXPECT_EQ(codes(findings), (Listed{{FindingCode::hazard_without_situation, "lonely-hazard"},
                                     {FindingCode::situation_without_harm, "lonely-situation"},
                                     {FindingCode::harm_without_situation, "lonely-harm"}}));
  EXPECT_EQ(findings[1].entity, "hazardous_situation");
  EXPECT_EQ(findings[1].message,
            "hazardous situation \"Situation lonely-situation\" leads to no harm, so its risk is "
            "not evaluated");

  b.link("lonely-hazard", "lonely-situation");
  b.risk("now-linked", "lonely-situation", "lonely-harm", 1e-6);
  EXPECT_TRUE(check_completeness(b.s, fixtures::default_compiled()).empty());
}

TEST(Completeness, ListsRisksWithoutEstimateSayingWhatIsMissing) {
  auto b = complete_file();
  b.s.situation_harms[0].p2.reset();
  fixtures::find(b.s.harms, "harm-low").severity_rank.reset();
  const auto findings = check_completeness(b.s, fixtures::default_compiled());
  ASSERT_EQ(codes(findings), (Listed{{FindingCode::risk_not_estimated, "low"}}));
  EXPECT_EQ(findings[0].message,
            "risk \"Situation sit-low\" -> \"Harm harm-low\" is not estimated: missing P2, "
            "severity of the harm");
}

TEST(Completeness, ListsRisksNeedingControl) {
  auto b = complete_file();
  b.chain("uncontrolled", 0.5, 0.5, 5);  // Catastrophic x Frequent
  auto findings = check_completeness(b.s, fixtures::default_compiled());
  ASSERT_EQ(codes(findings), (Listed{{FindingCode::risk_not_controlled, "uncontrolled"}}));
  EXPECT_NE(findings[0].message.find("Catastrophic x Frequent (P = 0.25 per use): unacceptable"),
            std::string::npos)
      << findings[0].message;

  // "Investigate" needs control too.
  b.s.situation_harms.back().p2 = 1e-5;  // 5e-6: Catastrophic x Remote
  findings = check_completeness(b.s, fixtures::default_compiled());
  ASSERT_EQ(codes(findings), (Listed{{FindingCode::risk_not_controlled, "uncontrolled"}}));

  // A benefit-risk decision accepting it is the other way out.
  b.benefit_risk("br", "uncontrolled", BenefitRiskOutcome::accepted);
  EXPECT_TRUE(check_completeness(b.s, fixtures::default_compiled()).empty());
}

TEST(Completeness, ListsControlsWithoutPassingVerification) {
  auto b = complete_file();
  auto& guard = fixtures::find(b.s.controls, "guard");
  guard.implementation_verification = VerificationResult::fail;
  guard.effectiveness_verification = VerificationResult::pending;
  auto findings = check_completeness(b.s, fixtures::default_compiled());
  // The residual estimate relying on the guard is provisional until the guard is verified.
  ASSERT_EQ(codes(findings), (Listed{{FindingCode::residual_provisional, "high-after"},
                                     {FindingCode::control_implementation_not_verified, "guard"},
                                     {FindingCode::control_effectiveness_not_verified, "guard"}}));
  EXPECT_NE(findings[0].message.find(
                ") is provisional: it relies on controls whose verification has not passed: "
                "\"Control guard\" (implementation fail, effectiveness pending)"),
            std::string::npos)
      << findings[0].message;
  EXPECT_EQ(findings[1].message,
            "control \"Control guard\": verification of implementation is fail");

  guard.implementation_verification = VerificationResult::pass;
  findings = check_completeness(b.s, fixtures::default_compiled());
  ASSERT_EQ(codes(findings), (Listed{{FindingCode::residual_provisional, "high-after"},
                                     {FindingCode::control_effectiveness_not_verified, "guard"}}));
  guard.effectiveness_verification = VerificationResult::pass;
  EXPECT_TRUE(check_completeness(b.s, fixtures::default_compiled()).empty());
}

TEST(Completeness, ListsMissingAndUnacceptableResiduals) {
  auto b = complete_file();
  b.s.residual_estimates.clear();
  auto findings = check_completeness(b.s, fixtures::default_compiled());
  ASSERT_EQ(codes(findings), (Listed{{FindingCode::residual_not_estimated, "high"}}));
  EXPECT_EQ(findings[0].message,
            "risk \"Situation sit-high\" -> \"Harm harm-high\" has risk controls but no residual "
            "estimate");
  // Listed even while the control is still being verified: every open point at once.
  fixtures::find(b.s.controls, "guard").effectiveness_verification = VerificationResult::pending;
  findings = check_completeness(b.s, fixtures::default_compiled());
  ASSERT_EQ(codes(findings), (Listed{{FindingCode::residual_not_estimated, "high"},
                                     {FindingCode::control_effectiveness_not_verified, "guard"}}));
  fixtures::find(b.s.controls, "guard").effectiveness_verification = VerificationResult::pass;

  b.residual("high-after", "high", 0.01, 0.05, 4);  // 5e-4: Critical x Probable
  findings = check_completeness(b.s, fixtures::default_compiled());
  ASSERT_EQ(codes(findings),
            (Listed{{FindingCode::unacceptable_residual_without_benefit_risk, "high"}}));
  EXPECT_NE(findings[0].message.find("has no benefit-risk decision accepting it"),
            std::string::npos);

  b.benefit_risk("br", "high", BenefitRiskOutcome::rejected);
  findings = check_completeness(b.s, fixtures::default_compiled());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("was not accepted by its benefit-risk decision"),
            std::string::npos);

  b.benefit_risk("br2", "high", BenefitRiskOutcome::accepted, 9);
  EXPECT_TRUE(check_completeness(b.s, fixtures::default_compiled()).empty());
}

TEST(Completeness, ListsEstimatesThePolicyCannotEvaluate) {
  auto b = complete_file();
  fixtures::find(b.s.harms, "harm-low").severity_rank = 9;
  b.s.residual_estimates[0].p1 = 3.0;
  const auto findings = check_completeness(b.s, fixtures::default_compiled());
  // The invalid residual counts as absent, but is not reported a second time as missing.
  ASSERT_EQ(codes(findings), (Listed{{FindingCode::estimate_invalid, "low"},
                                     {FindingCode::estimate_invalid, "high-after"}}));
  EXPECT_NE(findings[0].message.find("severity_rank is not one of the policy's severity ranks"),
            std::string::npos)
      << findings[0].message;
  EXPECT_EQ(findings[1].entity, "residual_estimate");
}

TEST(Completeness, ListsBrokenLinks) {
  auto b = complete_file();
  b.apply("no-such-control", "high");
  b.link("hz-low", "no-such-situation");
  const auto findings = check_completeness(b.s, fixtures::default_compiled());
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].code, FindingCode::broken_link);
  EXPECT_EQ(findings[0].entity, "hazard_situation_link");
  EXPECT_EQ(findings[0].message,
            "hazard_situation_link \"hs-hz-low-no-such-situation\": situation_id "
            "\"no-such-situation\" is not in this risk file");
  EXPECT_EQ(findings[1].item_id, "cl-no-such-control-high");
}

TEST(Completeness, StageFilterCountsEarlierStagesAndTheirControls) {
  auto b = complete_file();
  b.chain("process", 0.5, 0.5, 5, Stage::manufacturing);  // uncontrolled, later stage
  // A manufacturing-stage control on a design risk counts at the design gate.
  b.control("late", ControlOption::inherent_safety, Stage::manufacturing);
  b.apply("late", "high");
  fixtures::find(b.s.controls, "late").effectiveness_verification = VerificationResult::pending;

  const auto policy = fixtures::default_compiled();
  const RiskFileIndex index(b.s);
  const auto a = assess_risks(index, policy);
  // The design risk's residual estimate relies on "late": provisional until it is verified.
  EXPECT_EQ(codes(check_completeness(index, policy, a, Stage::design)),
            (Listed{{FindingCode::residual_provisional, "high-after"},
                    {FindingCode::control_effectiveness_not_verified, "late"}}));
  EXPECT_EQ(codes(check_completeness(index, policy, a, Stage::manufacturing)),
            (Listed{{FindingCode::residual_provisional, "high-after"},
                    {FindingCode::risk_not_controlled, "process"},
                    {FindingCode::control_effectiveness_not_verified, "late"}}));
}

}  // namespace
}  // namespace riskloop::risk
