// Derivation of the step state of each risk of a file.
#include "core/risk/step.hpp"

namespace riskloop::risk {

Step derive_step(const StepInputs& in) {
  if (!in.initial) return Step::identified;
  if (in.initial->acceptable()) return Step::residual_accepted;
  if (in.controls == 0) return in.benefit_risk_accepted ? Step::residual_accepted : Step::evaluated;
  if (in.verified_controls < in.controls || !in.residual) return Step::evaluated;
  if (in.residual->acceptable() || in.benefit_risk_accepted) return Step::residual_accepted;
  return Step::controlled;
}

std::vector<RiskAssessment> assess_risks(const RiskFileIndex& index, const CompiledPolicy& policy) {
  const auto& s = index.snapshot();
  std::vector<RiskAssessment> out(s.situation_harms.size());
  for (std::size_t p = 0; p < s.situation_harms.size(); ++p) {
    auto& a = out[p];
    a.pair = p;
    a.retired = !index.counts_pair(p);

    const auto sit = index.situation_of_pair(p);
    const auto harm = index.harm_of_pair(p);
    if (sit != RiskFileIndex::npos && harm != RiskFileIndex::npos) {
      if (const auto estimate =
              initial_estimate(s.situations[sit], s.situation_harms[p], s.harms[harm], false)) {
        auto ev = evaluate(policy, *estimate);
        a.initial_state = ev ? EstimateState::evaluated : EstimateState::invalid;
        if (ev) a.initial = *ev;
      }
    }

    const auto controls = index.controls_of_pair(p);
    a.controls = static_cast<std::uint32_t>(controls.size());
    for (auto c : controls)
      if (s.controls[c].verified()) ++a.verified_controls;

    if (const auto r = index.residual_of_pair(p); r != RiskFileIndex::npos) {
      auto ev = evaluate(policy, to_estimate(s.residual_estimates[r], false));
      a.residual_state = ev ? EstimateState::evaluated : EstimateState::invalid;
      if (ev) a.residual = *ev;
    }

    a.residual_provisional =
        a.residual_state != EstimateState::missing && a.verified_controls < a.controls;

    if (const auto b = index.benefit_risk_of_pair(p); b != RiskFileIndex::npos)
      a.benefit_risk_accepted = s.benefit_risks[b].outcome == BenefitRiskOutcome::accepted;

    a.step = derive_step(
        {a.initial, a.controls, a.verified_controls, a.residual, a.benefit_risk_accepted});
  }
  return out;
}

std::string_view step_label(Step step) {
  switch (step) {
    case Step::identified:
      return "identified";
    case Step::evaluated:
      return "evaluated";
    case Step::controlled:
      return "controlled";
    case Step::residual_accepted:
      return "residual accepted";
  }
  return "unknown";
}

}  // namespace riskloop::risk
