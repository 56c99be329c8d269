// A whole risk file as plain values, as read in one transaction: the input of the step, gate,
// completeness and migration functions.
#pragma once

#include <vector>

#include "core/risk/analysis_chain.hpp"
#include "core/risk/decisions.hpp"
#include "core/risk/residual_estimate.hpp"
#include "core/risk/review.hpp"
#include "core/risk/risk_control.hpp"
#include "core/risk/risk_file.hpp"

namespace riskloop::risk {

// Every record is assumed to belong to `file`; ids are unique within each list.
struct RiskFileSnapshot {
  RiskFile file;
  std::vector<Hazard> hazards;
  std::vector<HazardousSituation> situations;
  std::vector<Harm> harms;
  std::vector<HazardSituationLink> hazard_situations;
  std::vector<SituationHarm> situation_harms;  // the risks
  std::vector<RiskControl> controls;
  std::vector<ControlLink> control_links;
  std::vector<IntroducedHazard> introduced_hazards;
  std::vector<ResidualEstimate> residual_estimates;
  std::vector<BenefitRisk> benefit_risks;
  std::vector<OverallResidualRisk> overall_residual_risks;
  std::vector<Review> reviews;
  std::vector<GateDecision> gate_decisions;
};

}  // namespace riskloop::risk
