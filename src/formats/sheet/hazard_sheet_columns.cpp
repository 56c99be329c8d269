// The hazard sheet's column table.
#include "formats/sheet/hazard_sheet_columns.hpp"

#include "core/text_rules.hpp"

namespace riskloop::formats {
namespace {

using C = HazardColumn;
using G = SheetGroup;
using K = CellKind;

constexpr std::array<SheetColumn, kHazardColumnCount> kColumns = {{
    {C::hazard_ref, "hazard_ref", G::hazard, K::ref},
    {C::hazard, "hazard", G::hazard, K::title},
    {C::hazard_description, "hazard_description", G::hazard, K::text},
    {C::hazard_category, "hazard_category", G::hazard, K::short_text},
    {C::condition, "condition", G::hazard, K::enumeration},
    {C::hazard_mission, "hazard_mission", G::hazard, K::enumeration},
    {C::hazard_stage, "hazard_stage", G::hazard, K::enumeration},

    {C::situation_ref, "situation_ref", G::situation, K::ref},
    {C::hazardous_situation, "hazardous_situation", G::situation, K::statement},
    {C::sequence_of_events, "sequence_of_events", G::situation, K::text},
    {C::p1, "p1", G::situation, K::probability},
    {C::p1_source, "p1_source", G::situation, K::enumeration},
    {C::p1_rationale, "p1_rationale", G::situation, K::text},
    {C::situation_mission, "situation_mission", G::situation, K::enumeration},
    {C::situation_stage, "situation_stage", G::situation, K::enumeration},

    {C::harm_ref, "harm_ref", G::harm, K::ref},
    {C::harm, "harm", G::harm, K::statement},
    {C::harm_description, "harm_description", G::harm, K::text},
    {C::severity, "severity", G::harm, K::severity},
    {C::severity_rationale, "severity_rationale", G::harm, K::text},
    {C::harm_mission, "harm_mission", G::harm, K::enumeration},
    {C::harm_stage, "harm_stage", G::harm, K::enumeration},

    {C::risk_ref, "risk_ref", G::risk, K::ref},
    {C::p2, "p2", G::risk, K::probability},
    {C::probability_not_estimable, "probability_not_estimable", G::risk, K::boolean},
    {C::consequences, "consequences", G::risk, K::text},
    {C::source, "source", G::risk, K::enumeration},
    {C::rationale, "rationale", G::risk, K::text},
    {C::risk_mission, "risk_mission", G::risk, K::enumeration},
    {C::risk_stage, "risk_stage", G::risk, K::enumeration},

    {C::residual_p1, "residual_p1", G::residual, K::probability},
    {C::residual_p2, "residual_p2", G::residual, K::probability},
    {C::residual_severity, "residual_severity", G::residual, K::severity},
    {C::residual_probability_not_estimable, "residual_probability_not_estimable", G::residual,
     K::boolean},
    {C::residual_source, "residual_source", G::residual, K::enumeration},
    {C::residual_rationale, "residual_rationale", G::residual, K::text},
    {C::residual_consequences, "residual_consequences", G::residual, K::text},
    {C::residual_severity_control_ref, "residual_severity_control_ref", G::residual, K::ref},

    {C::control_ref, "control_ref", G::control, K::ref},
    {C::control, "control", G::control, K::title},
    {C::control_description, "control_description", G::control, K::text},
    {C::control_option, "control_option", G::control, K::enumeration},
    {C::option_justification, "option_justification", G::control, K::text},
    {C::implementation_reference, "implementation_reference", G::control, K::text},
    {C::implementation_verification, "implementation_verification", G::control, K::enumeration},
    {C::implementation_evidence, "implementation_evidence", G::control, K::text},
    {C::effectiveness_verification, "effectiveness_verification", G::control, K::enumeration},
    {C::effectiveness_evidence, "effectiveness_evidence", G::control, K::text},
    {C::new_risks_reviewed, "new_risks_reviewed", G::control, K::boolean},
    {C::control_mission, "control_mission", G::control, K::enumeration},
    {C::control_stage, "control_stage", G::control, K::enumeration},
}};

constexpr bool positions_match() {
  for (std::size_t i = 0; i < kColumns.size(); ++i)
    if (static_cast<std::size_t>(kColumns[i].id) != i) return false;
  return true;
}
static_assert(positions_match(), "kColumns must be in HazardColumn order");

}  // namespace

const std::array<SheetColumn, kHazardColumnCount>& hazard_sheet_columns() {
  return kColumns;
}

std::optional<HazardColumn> find_hazard_column(std::string_view header) {
  header = trim_blanks(header);
  for (const auto& c : kColumns)
    if (equals_ignoring_case(c.name, header)) return c.id;
  return std::nullopt;
}

std::optional<HazardColumn> ref_column(SheetGroup group) {
  switch (group) {
    case G::hazard:
      return C::hazard_ref;
    case G::situation:
      return C::situation_ref;
    case G::harm:
      return C::harm_ref;
    case G::risk:
      return C::risk_ref;
    case G::control:
      return C::control_ref;
    case G::residual:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<HazardColumn> title_column(SheetGroup group) {
  switch (group) {
    case G::hazard:
      return C::hazard;
    case G::situation:
      return C::hazardous_situation;
    case G::harm:
      return C::harm;
    case G::control:
      return C::control;
    case G::risk:
    case G::residual:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace riskloop::formats
