// Derived step state: identified -> evaluated -> controlled -> residual_accepted.
#include <gtest/gtest.h>

#include "core/risk/file_index.hpp"
#include "core/risk/step.hpp"
#include "risk_file_builder.hpp"

namespace riskloop::risk {
namespace {

using fixtures::FileBuilder;

Evaluation rated(Acceptability a) {
  Evaluation e;
  e.severity_rank = 3;
  e.probability_rank = 3;
  e.acceptability = a;
  return e;
}

const Evaluation kAcceptable = rated(Acceptability::acceptable);
const Evaluation kInvestigate = rated(Acceptability::investigate);
const Evaluation kUnacceptable = rated(Acceptability::unacceptable);

TEST(DeriveStep, NoEstimateIsIdentified) {
  EXPECT_EQ(derive_step({}), Step::identified);
  // Controls and decisions do not make an unestimated risk evaluated.
  EXPECT_EQ(derive_step({std::nullopt, 1, 1, kAcceptable, true}), Step::identified);
}

TEST(DeriveStep, AcceptableInitialNeedsNoControl) {
  EXPECT_EQ(derive_step({kAcceptable, 0, 0, std::nullopt, false}), Step::residual_accepted);
}

TEST(DeriveStep, UnacceptableWithoutControlStaysEvaluated) {
  EXPECT_EQ(derive_step({kUnacceptable, 0, 0, std::nullopt, false}), Step::evaluated);
  // A residual estimate without any control does not count.
  EXPECT_EQ(derive_step({kUnacceptable, 0, 0, kAcceptable, false}), Step::evaluated);
  // "Investigate" is not acceptable as it stands.
  EXPECT_EQ(derive_step({kInvestigate, 0, 0, std::nullopt, false}), Step::evaluated);
}

TEST(DeriveStep, BenefitRiskAcceptsARiskThatCannotBeControlled) {
  EXPECT_EQ(derive_step({kUnacceptable, 0, 0, std::nullopt, true}), Step::residual_accepted);
}

TEST(DeriveStep, ControlsMustAllBeVerifiedAndResidualEstimated) {
  EXPECT_EQ(derive_step({kUnacceptable, 2, 1, kAcceptable, false}), Step::evaluated);
  EXPECT_EQ(derive_step({kUnacceptable, 2, 2, std::nullopt, false}), Step::evaluated);
  // Unverified controls cannot be papered over with a benefit-risk decision.
  EXPECT_EQ(derive_step({kUnacceptable, 2, 1, kUnacceptable, true}), Step::evaluated);
  EXPECT_EQ(derive_step({kUnacceptable, 2, 2, kUnacceptable, false}), Step::controlled);
  EXPECT_EQ(derive_step({kUnacceptable, 2, 2, kInvestigate, false}), Step::controlled);
  EXPECT_EQ(derive_step({kUnacceptable, 2, 2, kAcceptable, false}), Step::residual_accepted);
  EXPECT_EQ(derive_step({kUnacceptable, 2, 2, kUnacceptable, true}), Step::residual_accepted);
}

// Over every combination: a risk that is not acceptable reaches residual_accepted only with all
// its controls verified and an acceptable residual, or with an accepting benefit-risk decision.
TEST(DeriveStep, NotAcceptableNeverAcceptedWithoutControlsOrBenefitRisk) {
  const std::optional<Evaluation> evaluations[] = {std::nullopt, kAcceptable, kInvestigate,
                                                   kUnacceptable};
  int combinations = 0;
  for (const auto& initial : evaluations)
    for (std::size_t controls = 0; controls <= 2; ++controls)
      for (std::size_t verified = 0; verified <= controls; ++verified)
        for (const auto& residual : evaluations)
          for (bool br : {false, true}) {
            ++combinations;
            const auto step = derive_step({initial, controls, verified, residual, br});
            if (!initial) {
              EXPECT_EQ(step, Step::identified);
              continue;
            }
            if (initial->acceptable()) {
              EXPECT_EQ(step, Step::residual_accepted);
              continue;
            }
            EXPECT_NE(step, Step::identified);
            if (step == Step::residual_accepted) {
              const bool controlled_to_acceptable =
                  controls > 0 && verified == controls && residual && residual->acceptable();
              EXPECT_TRUE(controlled_to_acceptable || br);
            }
            if (step == Step::controlled || (step == Step::residual_accepted && controls > 0)) {
              EXPECT_EQ(verified, controls);
              EXPECT_TRUE(residual.has_value());
            }
          }
  EXPECT_EQ(combinations, 4 * 6 * 4 * 2);
}

// The same rules, derived from a whole file.
TEST(AssessRisks, DerivesStepsFromTheFile) {
  FileBuilder b;
  b.chain("acceptable", 1e-3, 1e-3, 3);  // 1e-6 Serious x Remote: acceptable
  b.chain("unestimated", 0.1, 0.1, 3);
  b.s.situation_harms.back().p2.reset();
  b.chain("uncontrolled", 0.01, 0.1, 3);  // 1e-3 Serious x Frequent: unacceptable
  b.chain("controlled", 0.01, 0.1, 3);
  b.control("c1");
  b.apply("c1", "controlled");
  b.residual("r1", "controlled", 1e-5, 0.1, 3);  // 1e-6: acceptable
  b.chain("pending", 0.01, 0.1, 3);
  b.control("c2");
  b.apply("c2", "pending");
  fixtures::find(b.s.controls, "c2").effectiveness_verification = VerificationResult::pending;
  b.residual("r2", "pending", 1e-5, 0.1, 3);
  b.chain("still-high", 0.01, 0.1, 3);
  b.control("c3");
  b.apply("c3", "still-high");
  b.residual("r3", "still-high", 0.01, 0.01, 3);  // 1e-4 Probable: unacceptable

  const auto policy = fixtures::default_compiled();
  const RiskFileIndex index(b.s);
  const auto a = assess_risks(index, policy);
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(a[0].step, Step::residual_accepted);
  EXPECT_EQ(a[1].step, Step::identified);
  EXPECT_EQ(a[1].initial_state, EstimateState::missing);
  EXPECT_EQ(a[2].step, Step::evaluated);
  EXPECT_EQ(a[3].step, Step::residual_accepted);
  EXPECT_EQ(a[4].step, Step::evaluated);
  EXPECT_EQ(a[4].controls, 1u);
  EXPECT_EQ(a[4].verified_controls, 0u);
  EXPECT_EQ(a[5].step, Step::controlled);
  EXPECT_EQ(a[5].current()->acceptability, Acceptability::unacceptable);

  // A later accepting benefit-risk decision moves it on; a later rejection takes that back.
  b.benefit_risk("br1", "still-high", BenefitRiskOutcome::accepted, 5);
  EXPECT_EQ(assess_risks(RiskFileIndex(b.s), policy)[5].step, Step::residual_accepted);
  b.benefit_risk("br2", "still-high", BenefitRiskOutcome::rejected, 6);
  EXPECT_EQ(assess_risks(RiskFileIndex(b.s), policy)[5].step, Step::controlled);
}

TEST(AssessRisks, TheLatestResidualEstimateCounts) {
  FileBuilder b;
  b.chain("p", 0.01, 0.1, 3);
  b.control("c");
  b.apply("c", "p");
  b.residual("new", "p", 1e-5, 0.1, 3, /*updated_day=*/9);  // acceptable
  b.residual("old", "p", 0.01, 0.1, 3, /*updated_day=*/1);  // unacceptable, but older
  const auto policy = fixtures::default_compiled();
  const RiskFileIndex index(b.s);
  EXPECT_EQ(b.s.residual_estimates[index.residual_of_pair(0)].header.id, "new");
  EXPECT_EQ(assess_risks(index, policy)[0].step, Step::residual_accepted);
}

TEST(AssessRisks, EstimateOutsideThePolicyIsInvalidNotEvaluated) {
  FileBuilder b;
  b.chain("p", 0.01, 0.1, 7);  // no severity 7 in a 5-level policy
  const auto policy = fixtures::default_compiled();
  const auto a = assess_risks(RiskFileIndex(b.s), policy);
  EXPECT_EQ(a[0].initial_state, EstimateState::invalid);
  EXPECT_EQ(a[0].step, Step::identified);
}

TEST(AssessRisks, NotEstimableIsEvaluatedOnSeverityAlone) {
  FileBuilder b;
  b.situation("s", std::nullopt);
  b.harm("h", 1);  // Negligible x Frequent: investigate
  b.risk("p", "s", "h", std::nullopt);
  b.s.situation_harms.back().probability_not_estimable = true;
  const auto a = assess_risks(RiskFileIndex(b.s), fixtures::default_compiled());
  ASSERT_TRUE(a[0].initial);
  EXPECT_TRUE(a[0].initial->worst_case_probability);
  EXPECT_EQ(a[0].initial->acceptability, Acceptability::investigate);
  EXPECT_EQ(a[0].step, Step::evaluated);
}

}  // namespace
}  // namespace riskloop::risk
