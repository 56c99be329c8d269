// Rules for signed risk decisions.
#include "core/risk/decisions.hpp"

#include "core/risk/input_rules.hpp"

namespace riskloop::risk {

Status validate(const BenefitRiskInput& in) {
  RL_CHECK(check_id("/situation_harm_id", in.situation_harm_id));
  RL_CHECK(check_long_text("/benefits", in.benefits, true));
  RL_CHECK(check_long_text("/data_reviewed", in.data_reviewed, true));
  RL_CHECK(check_long_text("/why_no_further_control", in.why_no_further_control));
  if (in.outcome == BenefitRiskOutcome::accepted && !has_content(in.why_no_further_control))
    return fail(ErrorCode::validation,
                "is required when outcome is accepted: say why the risk cannot be reduced further",
                "/why_no_further_control");
  RL_CHECK(check_long_text("/rationale", in.rationale, true));
  return {};
}

Status validate(const OverallResidualRiskInput& in) {
  RL_CHECK(check_long_text("/method", in.method, true));
  RL_CHECK(check_long_text("/benefits", in.benefits, true));
  RL_CHECK(check_long_text("/significant_residual_risks", in.significant_residual_risks));
  RL_CHECK(check_long_text("/disclosure_reference", in.disclosure_reference));
  if (in.conclusion == OverallConclusion::acceptable &&
      has_content(in.significant_residual_risks) && !has_content(in.disclosure_reference))
    return fail(ErrorCode::validation,
                "is required when significant residual risks are listed: say where the "
                "accompanying documentation discloses them",
                "/disclosure_reference");
  RL_CHECK(check_long_text("/rationale", in.rationale, true));
  return {};
}

Status validate(const GateDecisionInput& in) {
  return check_long_text("/rationale", in.rationale, true);
}

}  // namespace riskloop::risk
