// The risk management report (ISO 14971 clause 9) of one risk file as a self-contained HTML
// document, printable on A4 (docs/formats/risk-management-report.md).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "core/risk/compiled_policy.hpp"
#include "core/risk/finding.hpp"
#include "core/risk/frame.hpp"
#include "core/risk/snapshot.hpp"
#include "core/risk/step.hpp"
#include "core/time.hpp"

namespace riskloop::formats {

// One electronic signature as 21 CFR 11.50 requires it to be shown: printed name, date and time,
// and meaning, next to the record it signs.
struct SignatureLine {
  std::string printed_name;
  Timestamp signed_at{};
  std::string meaning;  // "approval", "review", "responsibility", "authorship"
  std::string entity;   // Record::entity of the signed record, e.g. "overall_residual_risk"
  Id record_id;
  std::int64_t signed_version = 0;  // the record version signed (0: not given)
  std::string signed_digest;        // digest binding the signature to that version (11.70)
};

// What the gate of one stage reports today (check_gate).
struct StageGateFindings {
  risk::Stage stage = risk::Stage::design;
  std::vector<risk::Finding> findings;
};

// Everything the report shows. The referenced values must outlive the call. Nothing is read from
// a clock or a store: the caller passes the generation time and the journal head.
struct RmrData {
  const risk::RiskFileSnapshot& snapshot;  // reviews, decisions and gate decisions included
  const risk::CompiledPolicy& policy;      // the version the file pins
  // assess_risks over `snapshot` with `policy`, one per risk; recomputed when the size differs.
  std::span<const risk::RiskAssessment> assessments;
  std::vector<StageGateFindings> gate_findings;
  std::vector<SignatureLine> signatures;
  std::string journal_head_hash;  // hash of the last journal entry when the report was made
  Timestamp generated_at{};
  std::string product_name;       // shown in the title block when given
  std::string organization_name;  // likewise
  std::string product_description;  // the device description when the file has none of its own
  // The file's analysis now (app::analysis_digest): a signed decision that bound another one
  // is reported as signed before a change.
  std::string analysis_digest;
};

// The report: title block, then 1 plan (4.4 a-g), 2 device, intended use, misuse and safety
// characteristics (5.1-5.3), 3 acceptability policy, 4 heat maps before and after risk control,
// 5 hazards, 6 hazardous situations, 7 harms, 8 risk estimation and evaluation, 9 risk controls
// and their verification, 10 benefit-risk, 11 overall residual risk, 12 reviews, 13 stage gates,
// 14 traceability (hazard -> situation -> harm -> initial estimate -> controls -> verification ->
// residual), 15 signatures, 16 record integrity (journal head hash).
// Every text is escaped; no scripts and no external resources (a Content-Security-Policy meta
// element forbids them too). Linear in the size of the file.
std::string render_rmr_html(const RmrData& data);

}  // namespace riskloop::formats
