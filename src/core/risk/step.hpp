// The step a risk has reached in the 1+2+3+4 frame (identified -> evaluated -> controlled ->
// residual accepted), always derived from the data, never entered by a person.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"
#include "core/risk/compiled_policy.hpp"
#include "core/risk/estimate.hpp"
#include "core/risk/file_index.hpp"

namespace riskloop::risk {

enum class Step { identified, evaluated, controlled, residual_accepted };

// What the step of one hazardous situation -> harm pair depends on.
struct StepInputs {
  std::optional<Evaluation> initial;   // empty: no initial estimate that can be evaluated
  std::size_t controls = 0;            // controls linked to the risk
  std::size_t verified_controls = 0;   // of which implementation and effectiveness both passed
  std::optional<Evaluation> residual;  // empty: no residual estimate that can be evaluated
  bool benefit_risk_accepted = false;  // the counting benefit-risk decision accepts the risk
};

// The rules (ISO 14971 5.5, 6, 7.1-7.4):
//  - no initial evaluation: identified;
//  - initial evaluation acceptable: residual_accepted (no control required, clause 6);
//  - otherwise (investigate or unacceptable), with no control: residual_accepted only through an
//    accepting benefit-risk decision (control judged impracticable, 7.1 -> 7.4), else evaluated;
//  - with controls: evaluated until every linked control is verified (implementation and
//    effectiveness) and a residual estimate exists; then controlled, and residual_accepted once
//    the residual is acceptable or an accepting benefit-risk decision exists.
// So a risk that is not acceptable never reaches residual_accepted without verified controls and
// an acceptable residual, or a benefit-risk decision accepting it.
Step derive_step(const StepInputs& inputs);

enum class EstimateState : std::uint8_t { missing, invalid, evaluated };

struct RiskAssessment {
  std::size_t pair = 0;  // position in snapshot.situation_harms
  Step step = Step::identified;
  EstimateState initial_state = EstimateState::missing;
  EstimateState residual_state = EstimateState::missing;
  std::optional<Evaluation> initial;
  std::optional<Evaluation> residual;
  std::uint32_t controls = 0;
  std::uint32_t verified_controls = 0;
  bool benefit_risk_accepted = false;
  // A residual estimate exists while a control linked to the risk is not verified (implementation
  // and effectiveness passed): the estimate relies on controls not yet shown to work, so it is
  // provisional on the heat map, in the report and at the gates.
  bool residual_provisional = false;
  // Retired, or reached only through retired items (RiskFileIndex::counts_pair): shown, but left
  // out of heat maps, completeness and gates.
  bool retired = false;

  // The evaluation that decides acceptance now: the residual once controls exist, else the initial.
  const std::optional<Evaluation>& current() const { return controls > 0 ? residual : initial; }
};

// Evaluates every pair of the indexed snapshot against `policy`; result i is for pair i. An
// estimate the policy cannot evaluate (severity rank not in the policy, probability out of range)
// is `invalid` and counts as absent. Linear in the size of the file.
std::vector<RiskAssessment> assess_risks(const RiskFileIndex& index, const CompiledPolicy& policy);

// "identified", "evaluated", "controlled", "residual accepted".
std::string_view step_label(Step step);

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::Step> {
  static constexpr std::array<std::string_view, 4> names = {"identified", "evaluated", "controlled",
                                                            "residual_accepted"};
};

}  // namespace riskloop
