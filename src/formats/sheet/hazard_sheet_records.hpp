// From the canonical cells of a defining row to the inputs of core records, and the record-level
// rules (the API's validate(), plus what a sheet must say when a group is present) as sheet issues.
#pragma once

#include <cstdint>
#include <vector>

#include "core/risk/analysis_chain.hpp"
#include "core/risk/residual_estimate.hpp"
#include "core/risk/risk_control.hpp"
#include "formats/sheet/hazard_sheet_cells.hpp"
#include "formats/sheet/hazard_sheet_columns.hpp"
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {

risk::HazardInput hazard_input(const CanonicalRow& row);
risk::HazardousSituationInput situation_input(const CanonicalRow& row);
risk::HarmInput harm_input(const CanonicalRow& row);
// Situation and harm ids are left empty.
risk::SituationHarmInput risk_input(const CanonicalRow& row);
// True when any residual column is filled.
bool has_residual(const CanonicalRow& row);
// The pair id is left empty.
risk::ResidualEstimateInput residual_input(const CanonicalRow& row);
risk::RiskControlInput control_input(const CanonicalRow& row);

// Problems of the record of `group` defined by `row`, at row `number`, each in the column the
// rule is about. For the risk group this covers its residual estimate too.
std::vector<SheetIssue> record_rule_issues(SheetGroup group, const CanonicalRow& row,
                                           std::int64_t number);

}  // namespace riskloop::formats
