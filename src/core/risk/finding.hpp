// A finding about a risk file: what is missing or wrong, on which record. Completeness checks
// report findings; a gate's blocking reasons are findings.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/record.hpp"

namespace riskloop::risk {

// Stable codes: programs and tests match on these, people read the message.
enum class FindingCode {
  broken_link,                          // a link names a record that is not in the file
  hazard_without_situation,             // 5.4: no hazardous situation traced from the hazard
  situation_without_harm,               // 5.4/5.5: no harm linked, so no risk can be estimated
  harm_without_situation,               // a harm no hazardous situation leads to
  risk_not_estimated,                   // 5.5: P1, P2 or severity missing
  estimate_invalid,                     // the policy cannot evaluate the estimate
  risk_not_controlled,                  // 6/7.1: not acceptable, no control and no benefit-risk
  control_implementation_not_verified,  // 7.2
  control_effectiveness_not_verified,   // 7.2
  residual_not_estimated,               // 7.3: controls in place but no residual estimate
  residual_provisional,  // 7.2/7.3: the residual estimate relies on controls not verified
  unacceptable_residual_without_benefit_risk,  // 7.3/7.4
  control_option_not_justified,                // 7.1: lower option used without saying why
  control_new_risks_not_reviewed,              // 7.5
  plan_section_missing,                        // 4.4 a-g
  review_open,                      // 9: a review is due or in progress and not concluded
  review_overdue,                   // the file's next review date has passed
  release_review_missing,           // 9: no concluded review confirming release
  release_review_incomplete,        // 9: the last review did not confirm everything
  overall_residual_missing,         // 8: no overall residual risk evaluation
  overall_residual_not_acceptable,  // 8: the latest evaluation found it not acceptable
  policy_mismatch,                  // the policy given is not the version the file pins
  policy_not_approved,              // the pinned policy version is still a draft
};

struct Finding {
  FindingCode code = FindingCode::broken_link;
  std::string_view entity;  // Record::entity of the offending item, e.g. "situation_harm"
  Id item_id;
  std::string message;
};

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::FindingCode> {
  static constexpr std::array<std::string_view, 23> names = {
      "broken_link",
      "hazard_without_situation",
      "situation_without_harm",
      "harm_without_situation",
      "risk_not_estimated",
      "estimate_invalid",
      "risk_not_controlled",
      "control_implementation_not_verified",
      "control_effectiveness_not_verified",
      "residual_not_estimated",
      "residual_provisional",
      "unacceptable_residual_without_benefit_risk",
      "control_option_not_justified",
      "control_new_risks_not_reviewed",
      "plan_section_missing",
      "review_open",
      "review_overdue",
      "release_review_missing",
      "release_review_incomplete",
      "overall_residual_missing",
      "overall_residual_not_acceptable",
      "policy_mismatch",
      "policy_not_approved",
  };
};

}  // namespace riskloop
