// Completeness of risk control (ISO 14971 7.6): every identified hazardous situation and harm
// analysed, every risk estimated and, where needed, controlled with verified controls.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/risk/compiled_policy.hpp"
#include "core/risk/file_index.hpp"
#include "core/risk/finding.hpp"
#include "core/risk/frame.hpp"
#include "core/risk/step.hpp"

namespace riskloop::risk {

// Lists, in this order: broken links; hazards without a situation; situations without a harm;
// harms without a situation; per risk (situation -> harm pair): not estimated, estimate invalid
// (initial or residual), residual estimate provisional (it relies on a linked control whose
// implementation or effectiveness has not passed verification), not acceptable without control or benefit-risk, controlled but no
// residual estimate, residual not acceptable without an accepting benefit-risk decision; per
// control: implementation or effectiveness not verified as passing.
//
// With `up_to`, only items of that stage or an earlier one count, plus every control linked to a
// counted risk (a risk is only as done as its controls). `assessments` must come from
// assess_risks(index, policy). Empty result: complete.
std::vector<Finding> check_completeness(const RiskFileIndex& index, const CompiledPolicy& policy,
                                        std::span<const RiskAssessment> assessments,
                                        std::optional<Stage> up_to = std::nullopt);

// Indexes and assesses `snapshot` first.
std::vector<Finding> check_completeness(const RiskFileSnapshot& snapshot,
                                        const CompiledPolicy& policy);

}  // namespace riskloop::risk
