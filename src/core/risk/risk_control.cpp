// Rules for risk controls and their links.
#include "core/risk/risk_control.hpp"

#include "core/risk/input_rules.hpp"

namespace riskloop::risk {
namespace {

Status check_verification(std::string_view result_field, VerificationResult result,
                          std::string_view evidence_field, const std::string& evidence) {
  RL_CHECK(check_long_text(evidence_field, evidence));
  if (result != VerificationResult::pending && !has_content(evidence))
    return fail(ErrorCode::validation,
                "is required when " + std::string(result_field.substr(1)) + " is " +
                    std::string(name_of(result)),
                std::string(evidence_field));
  return {};
}

}  // namespace

Status validate(const RiskControlInput& in) {
  RL_CHECK(check_title("/title", in.title));
  RL_CHECK(check_long_text("/description", in.description));
  RL_CHECK(check_long_text("/option_justification", in.option_justification));
  RL_CHECK(check_long_text("/implementation_reference", in.implementation_reference));
  RL_CHECK(check_verification("/implementation_verification", in.implementation_verification,
                              "/implementation_evidence", in.implementation_evidence));
  RL_CHECK(check_verification("/effectiveness_verification", in.effectiveness_verification,
                              "/effectiveness_evidence", in.effectiveness_evidence));
  if (in.effectiveness_verification == VerificationResult::pass &&
      in.implementation_verification != VerificationResult::pass)
    return fail(ErrorCode::validation,
                "cannot be pass while implementation_verification is " +
                    std::string(name_of(in.implementation_verification)),
                "/effectiveness_verification");
  return {};
}

Status validate(const ControlLinkInput& in) {
  RL_CHECK(check_id("/control_id", in.control_id));
  RL_CHECK(check_id("/situation_harm_id", in.situation_harm_id));
  return {};
}

Status validate(const IntroducedHazardInput& in) {
  RL_CHECK(check_id("/control_id", in.control_id));
  RL_CHECK(check_id("/hazard_id", in.hazard_id));
  RL_CHECK(check_long_text("/note", in.note));
  return {};
}

std::string_view option_label(ControlOption option) {
  switch (option) {
    case ControlOption::inherent_safety:
      return "inherent safety by design";
    case ControlOption::protective_measure:
      return "protective measure";
    case ControlOption::information_for_safety:
      return "information for safety";
  }
  return "control";
}

}  // namespace riskloop::risk
