// Stage gates: every blocking reason is listed with its item, and disappears when fixed.
#include <gtest/gtest.h>

#include "core/risk/gate.hpp"
#include "risk_file_builder.hpp"

namespace riskloop::risk {
namespace {

using fixtures::at_day;
using fixtures::FileBuilder;
using Listed = std::vector<std::pair<FindingCode, std::string>>;

const Timestamp kNow = at_day(100);

Listed gate(const FileBuilder& b, Stage stage, const CompiledPolicy& policy) {
  Listed out;
  for (const auto& r : check_gate(b.s, policy, stage, kNow)) {
    EXPECT_FALSE(r.message.empty());
    EXPECT_FALSE(r.entity.empty());
    out.emplace_back(r.code, r.item_id);
  }
  return out;
}

Listed gate(const FileBuilder& b, Stage stage = Stage::design) {
  return gate(b, stage, fixtures::default_compiled());
}

// Ready for release: one acceptable risk, one controlled to acceptable, one accepted through
// benefit-risk, overall residual risk acceptable, concluded release review, next review ahead.
FileBuilder releasable_file() {
  FileBuilder b;
  b.chain("low", 1e-3, 1e-3, 3);
  b.chain("high", 0.01, 0.1, 4);
  b.control("guard");
  b.apply("guard", "high");
  b.residual("high-after", "high", 1e-6, 0.1, 4);
  b.chain("inherent", 0.5, 0.01, 5);
  b.control("warning", ControlOption::information_for_safety);
  fixtures::find(b.s.controls, "warning").option_justification =
      "No design or protective measure can remove the residual thrombosis risk";
  b.apply("warning", "inherent");
  b.residual("inherent-after", "inherent", 0.5, 0.001, 5);  // 5e-4: still unacceptable
  b.benefit_risk("br", "inherent", BenefitRiskOutcome::accepted);
  b.release_ready();
  b.s.file.next_review_due = at_day(400);
  return b;
}

TEST(Gate, AReleasableFilePassesEveryGate) {
  const auto b = releasable_file();
  EXPECT_EQ(gate(b, Stage::design), Listed{});
  EXPECT_EQ(gate(b, Stage::manufacturing), Listed{});
  EXPECT_EQ(gate(b, Stage::post_launch), Listed{});
}

TEST(Gate, MissingPlanSectionsBlockUntilWritten) {
  auto b = releasable_file();
  b.s.file.plan_review_requirements.clear();
  b.s.file.plan_verification_activities = "   ";
  const auto reasons = check_gate(b.s, fixtures::default_compiled(), Stage::design, kNow);
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0].code, FindingCode::plan_section_missing);
  EXPECT_EQ(reasons[0].item_id, "file-1");
  EXPECT_EQ(reasons[0].message, "the risk management plan has no 4.4 c) review requirements");
  EXPECT_NE(reasons[1].message.find("4.4 f)"), std::string::npos);

  b.s.file.plan_review_requirements = "Before release, then yearly";
  b.s.file.plan_verification_activities = "Per control, in the design verification plan";
  EXPECT_EQ(gate(b), Listed{});
}

TEST(Gate, UnevaluatedSituationsBlock) {
  auto b = releasable_file();
  b.hazard("hz-new");
  b.situation("sit-new", 0.1);
  b.link("hz-new", "sit-new");
  EXPECT_EQ(gate(b), (Listed{{FindingCode::situation_without_harm, "sit-new"}}));

  b.harm("harm-new", 2);
  b.risk("new", "sit-new", "harm-new", std::nullopt);
  EXPECT_EQ(gate(b), (Listed{{FindingCode::risk_not_estimated, "new"}}));

  b.s.situation_harms.back().p2 = 1e-5;  // 1e-6 Minor x Remote: acceptable
  EXPECT_EQ(gate(b), Listed{});
}

TEST(Gate, ControlsWithoutPassingVerificationBlock) {
  auto b = releasable_file();
  fixtures::find(b.s.controls, "guard").implementation_verification = VerificationResult::pending;
  fixtures::find(b.s.controls, "guard").effectiveness_verification = VerificationResult::pending;
  // The residual estimate relying on the guard is provisional: a blocking reason of its own.
  EXPECT_EQ(gate(b), (Listed{{FindingCode::residual_provisional, "high-after"},
                             {FindingCode::control_implementation_not_verified, "guard"},
                             {FindingCode::control_effectiveness_not_verified, "guard"}}));
  fixtures::find(b.s.controls, "guard").implementation_verification = VerificationResult::pass;
  EXPECT_EQ(gate(b), (Listed{{FindingCode::residual_provisional, "high-after"},
                             {FindingCode::control_effectiveness_not_verified, "guard"}}));
  fixtures::find(b.s.controls, "guard").effectiveness_verification = VerificationResult::fail;
  EXPECT_EQ(gate(b), (Listed{{FindingCode::residual_provisional, "high-after"},
                             {FindingCode::control_effectiveness_not_verified, "guard"}}));
  fixtures::find(b.s.controls, "guard").effectiveness_verification = VerificationResult::pass;
  EXPECT_EQ(gate(b), Listed{});
}

TEST(Gate, UnacceptableResidualNeedsBenefitRisk) {
  auto b = releasable_file();
  b.s.benefit_risks.clear();
  EXPECT_EQ(gate(b),
            (Listed{{FindingCode::unacceptable_residual_without_benefit_risk, "inherent"}}));
  b.benefit_risk("br-again", "inherent", BenefitRiskOutcome::accepted);
  EXPECT_EQ(gate(b), Listed{});
}

TEST(Gate, UnacceptableRiskWithoutControlBlocks) {
  auto b = releasable_file();
  b.s.control_links.erase(b.s.control_links.begin());  // "high" loses its guard
  EXPECT_EQ(gate(b), (Listed{{FindingCode::risk_not_controlled, "high"}}));
}

TEST(Gate, OpenAndOverdueReviewsBlock) {
  auto b = releasable_file();
  Review planned;
  planned.header.id = "review-next";
  planned.scheduled_for = at_day(200);  // in the future: not blocking yet
  b.s.reviews.push_back(planned);
  EXPECT_EQ(gate(b), Listed{});

  b.s.reviews.back().scheduled_for = at_day(90);  // due
  EXPECT_EQ(gate(b), (Listed{{FindingCode::review_open, "review-next"}}));
  b.s.reviews.back().scheduled_for = at_day(200);
  b.s.reviews.back().held_at = at_day(99);  // held, not concluded
  EXPECT_EQ(gate(b), (Listed{{FindingCode::review_open, "review-next"}}));
  b.s.reviews.back().status = ReviewStatus::closed;
  b.s.reviews.back().conclusions = "ok";
  b.s.reviews.back().plan_followed = true;
  b.s.reviews.back().overall_residual_acceptable = true;
  b.s.reviews.back().post_production_methods_in_place = true;
  EXPECT_EQ(gate(b), Listed{});

  b.s.file.next_review_due = at_day(99);
  EXPECT_EQ(gate(b), (Listed{{FindingCode::review_overdue, "file-1"}}));
  b.s.file.next_review_due = at_day(100);  // due today is not overdue
  EXPECT_EQ(gate(b), Listed{});
}

TEST(Gate, OverallResidualRiskIsRequiredForRelease) {
  auto b = releasable_file();
  b.s.overall_residual_risks.clear();
  EXPECT_EQ(gate(b, Stage::manufacturing), Listed{});
  EXPECT_EQ(gate(b, Stage::post_launch),
            (Listed{{FindingCode::overall_residual_missing, "file-1"}}));

  OverallResidualRisk no;
  no.header.id = "overall-no";
  no.conclusion = OverallConclusion::not_acceptable;
  no.decided_at = at_day(5);
  b.s.overall_residual_risks.push_back(no);
  EXPECT_EQ(gate(b, Stage::post_launch),
            (Listed{{FindingCode::overall_residual_not_acceptable, "overall-no"}}));

  auto yes = no;
  yes.header.id = "overall-yes";
  yes.conclusion = OverallConclusion::acceptable;
  yes.decided_at = at_day(6);  // the latest counts
  b.s.overall_residual_risks.push_back(yes);
  EXPECT_EQ(gate(b, Stage::post_launch), Listed{});
}

TEST(Gate, ReleaseNeedsAReviewConfirmingClause9) {
  auto b = releasable_file();
  b.s.reviews.clear();
  EXPECT_EQ(gate(b, Stage::manufacturing), Listed{});
  EXPECT_EQ(gate(b, Stage::post_launch), (Listed{{FindingCode::release_review_missing, "file-1"}}));

  b.release_ready(7);
  b.s.overall_residual_risks.pop_back();
  b.s.reviews.back().post_production_methods_in_place = false;
  const auto reasons = check_gate(b.s, fixtures::default_compiled(), Stage::post_launch, kNow);
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0].code, FindingCode::release_review_incomplete);
  EXPECT_EQ(reasons[0].message,
            "the latest risk management review does not confirm: post-production methods are in "
            "place");
}

TEST(Gate, ControlOptionOrderMustBeJustified) {
  auto b = releasable_file();
  b.chain("pinch", 0.01, 0.1, 3);
  b.control("label", ControlOption::information_for_safety);
  b.apply("label", "pinch");
  b.residual("pinch-after", "pinch", 1e-5, 0.1, 3);
  EXPECT_EQ(gate(b), (Listed{{FindingCode::control_option_not_justified, "label"}}));

  // A higher option on the same risk makes the label a supplement, not a substitute...
  b.control("shield", ControlOption::protective_measure);
  b.apply("shield", "pinch");
  // ...but then the protective measure must say why inherent safety was not used.
  EXPECT_EQ(gate(b), (Listed{{FindingCode::control_option_not_justified, "shield"}}));
  fixtures::find(b.s.controls, "shield").option_justification = "Geometry fixed by anatomy";
  EXPECT_EQ(gate(b), Listed{});

  // An inherently safe design needs no justification.
  b.s.controls.back().option = ControlOption::inherent_safety;
  b.s.controls.back().option_justification.clear();
  EXPECT_EQ(gate(b), Listed{});
}

TEST(Gate, ControlsMustBeReviewedForTheRisksTheyIntroduce) {
  auto b = releasable_file();
  fixtures::find(b.s.controls, "guard").new_risks_reviewed = false;
  EXPECT_EQ(gate(b), (Listed{{FindingCode::control_new_risks_not_reviewed, "guard"}}));

  // The introduced hazard is then analysed like any other.
  fixtures::find(b.s.controls, "guard").new_risks_reviewed = true;
  b.hazard("hz-from-guard");
  IntroducedHazard introduced;
  introduced.header.id = "ih-1";
  introduced.control_id = "guard";
  introduced.hazard_id = "hz-from-guard";
  b.s.introduced_hazards.push_back(introduced);
  EXPECT_EQ(gate(b), (Listed{{FindingCode::hazard_without_situation, "hz-from-guard"}}));
}

TEST(Gate, PolicyMustBeThePinnedApprovedVersion) {
  const auto b = releasable_file();
  auto other = fixtures::approved_default_policy();
  other.policy_version = 2;
  EXPECT_EQ(gate(b, Stage::design, fixtures::compiled(other)),
            (Listed{{FindingCode::policy_mismatch, "file-1"}}));
  auto draft = fixtures::approved_default_policy();
  draft.status = PolicyStatus::draft;
  EXPECT_EQ(gate(b, Stage::design, fixtures::compiled(draft)),
            (Listed{{FindingCode::policy_not_approved, "file-1"}}));
}

TEST(Gate, ItemsOfLaterStagesWaitForTheirGate) {
  auto b = releasable_file();
  b.chain("process", 0.5, 0.5, 5, Stage::manufacturing);
  b.situation("field", 0.5, Stage::post_launch);
  EXPECT_EQ(gate(b, Stage::design), Listed{});
  EXPECT_EQ(gate(b, Stage::manufacturing), (Listed{{FindingCode::risk_not_controlled, "process"}}));
  EXPECT_EQ(gate(b, Stage::post_launch), (Listed{{FindingCode::situation_without_harm, "field"},
                                                 {FindingCode::risk_not_controlled, "process"}}));
}

TEST(Gate, ListsEveryReasonAtOnce) {
  auto b = releasable_file();
  b.s.file.plan_scope.clear();
  b.s.overall_residual_risks.clear();
  b.s.benefit_risks.clear();
  fixtures::find(b.s.controls, "guard").effectiveness_verification = VerificationResult::pending;
  b.situation("orphan", 0.1);
  EXPECT_EQ(gate(b, Stage::post_launch),
            (Listed{{FindingCode::plan_section_missing, "file-1"},
                    {FindingCode::situation_without_harm, "orphan"},
                    {FindingCode::residual_provisional, "high-after"},
                    {FindingCode::unacceptable_residual_without_benefit_risk, "inherent"},
                    {FindingCode::control_effectiveness_not_verified, "guard"},
                    {FindingCode::overall_residual_missing, "file-1"}}));
}

TEST(GateDecision, CannotPassWithBlockingReasons) {
  GateDecisionInput d{Stage::manufacturing, GateOutcome::passed, "Design transfer complete"};
  EXPECT_TRUE(check_gate_decision(d, {}));
  const std::vector<BlockingReason> reasons(3);
  const auto r = check_gate_decision(d, reasons);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_EQ(r.error().message, "cannot pass the manufacturing gate: 3 blocking reasons remain");
  d.outcome = GateOutcome::rejected;
  EXPECT_TRUE(check_gate_decision(d, reasons));
}

}  // namespace
}  // namespace riskloop::risk
