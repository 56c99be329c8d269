// Stage gates of the 1+2+3+4 frame: everything that blocks a risk file at the gate of a stage.
#pragma once

#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/risk/compiled_policy.hpp"
#include "core/risk/decisions.hpp"
#include "core/risk/finding.hpp"
#include "core/risk/frame.hpp"
#include "core/risk/snapshot.hpp"

namespace riskloop::risk {

using BlockingReason = Finding;

// The gate of a stage admits the product to that stage with everything up to it done: the design
// gate closes the design review, the manufacturing gate is design transfer, the post_launch gate
// is commercial release (and any later re-check). Items of `stage` and earlier stages count.
//
// Returns every blocking reason; empty means the gate passes. In this order:
//  1. policy_mismatch (the file pins another policy id or version), policy_not_approved;
//  2. plan_section_missing, one per empty 4.4 a)-g) section;
//  3. review_open for each open review that is in progress (held_at set) or due (scheduled_for
//     unset or not after `now`); review_overdue when the file's next_review_due is before `now`;
//  4. the completeness findings (completeness.hpp) for the stage;
//  5. per counted control: control_option_not_justified (7.1: a risk it applies to has no
//     control of a higher option, and it gives no justification), control_new_risks_not_reviewed
//     (7.5);
//  6. post_launch only: overall_residual_missing / overall_residual_not_acceptable (8, latest
//     decision), release_review_missing / release_review_incomplete (9, latest closed review).
// `policy` should be the version the file pins; linear in the size of the file.
std::vector<BlockingReason> check_gate(const RiskFileSnapshot& snapshot,
                                       const CompiledPolicy& policy, Stage stage, Timestamp now);

// A gate may be recorded as passed only with no blocking reason: conflict error otherwise
// ("cannot pass the manufacturing gate: 3 blocking reasons remain").
Status check_gate_decision(const GateDecisionInput& decision,
                           std::span<const BlockingReason> reasons);

}  // namespace riskloop::risk
