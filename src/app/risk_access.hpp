// Reading a risk file as a whole: access checks (tenant, partner shares), the snapshot of every
// item in one transaction, and the policy version the file pins.
#pragma once

#include "app/principal.hpp"
#include "core/risk/compiled_policy.hpp"
#include "core/risk/snapshot.hpp"
#include "store/tx.hpp"

namespace riskloop::app {

// Whether a partner may see the product (shared with them); everyone else sees all products.
Result<bool> product_visible(store::Tx& tx, const Principal& who, const Id& product_id);

// The file if the principal may see it; not_found otherwise (also for other tenants' files).
Result<risk::RiskFile> visible_file(store::Tx& tx, const Principal& who, const Id& file_id);

// Every item of the file.
Result<risk::RiskFileSnapshot> load_snapshot(store::Tx& tx, const Id& org, const risk::RiskFile& file);

// SHA-256 (hex) of the file's analysis: its pinned policy version and every hazard, situation,
// harm, link, risk, control, introduced hazard, residual estimate and benefit-risk decision, each
// by its canonical payload. A signed gate decision or overall evaluation keeps it (Part 11): a
// different value today means the analysis changed after that signature. The file's own record
// (its stage moves when a gate passes), reviews and the decisions themselves are not part of it.
std::string analysis_digest(const risk::RiskFileSnapshot& snapshot);

// The policy version (policy_id, version) of the organization, compiled for evaluation.
Result<risk::RiskPolicy> find_policy_version(store::Tx& tx, const Id& org, const Id& policy_id,
                                             std::int64_t version);
Result<risk::CompiledPolicy> pinned_policy(store::Tx& tx, const Id& org, const risk::RiskFile& file);

}  // namespace riskloop::app
