// The columns of the hazard sheet (docs/formats/hazard-sheet.md section 2), in export order.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace riskloop::formats {

// The record a column describes.
enum class SheetGroup : std::uint8_t { hazard, situation, harm, risk, residual, control };

// What a cell of the column holds.
enum class CellKind : std::uint8_t {
  ref,          // 1-100 characters, one line: the identity of a record within the sheet
  title,        // one line, 1-200 characters
  statement,    // one line, 1-1,000 characters: a hazardous situation or a harm
  text,         // up to 10 000 characters, several lines
  short_text,   // one line, up to 100 characters
  probability,  // a number in [0, 1]
  severity,     // a severity rank of the policy, or a level name
  boolean,      // true / false
  enumeration,  // one of the names of a core enum
};

// Every column, in export order; the enumerator is the column's position.
enum class HazardColumn : std::uint8_t {
  hazard_ref,
  hazard,
  hazard_description,
  hazard_category,
  condition,
  hazard_mission,
  hazard_stage,
  situation_ref,
  hazardous_situation,
  sequence_of_events,
  p1,
  p1_source,
  p1_rationale,
  situation_mission,
  situation_stage,
  harm_ref,
  harm,
  harm_description,
  severity,
  severity_rationale,
  harm_mission,
  harm_stage,
  risk_ref,
  p2,
  probability_not_estimable,
  consequences,
  source,
  rationale,
  risk_mission,
  risk_stage,
  residual_p1,
  residual_p2,
  residual_severity,
  residual_probability_not_estimable,
  residual_source,
  residual_rationale,
  residual_consequences,
  residual_severity_control_ref,
  control_ref,
  control,
  control_description,
  control_option,
  option_justification,
  implementation_reference,
  implementation_verification,
  implementation_evidence,
  effectiveness_verification,
  effectiveness_evidence,
  new_risks_reviewed,
  control_mission,
  control_stage,
};

inline constexpr std::size_t kHazardColumnCount = 51;

struct SheetColumn {
  HazardColumn id;
  std::string_view name;  // header text
  SheetGroup group;
  CellKind kind;
};

// All columns, indexed by HazardColumn.
const std::array<SheetColumn, kHazardColumnCount>& hazard_sheet_columns();

inline const SheetColumn& column_info(HazardColumn c) {
  return hazard_sheet_columns()[static_cast<std::size_t>(c)];
}
inline std::string_view column_name(HazardColumn c) {
  return column_info(c).name;
}

// The column called `header` (case-insensitive, surrounding spaces ignored), if any.
std::optional<HazardColumn> find_hazard_column(std::string_view header);

// The ref column of a group (risk: risk_ref; residual: none).
std::optional<HazardColumn> ref_column(SheetGroup group);
// The title column of a group (hazard, hazardous_situation, harm, control); none for the rest.
std::optional<HazardColumn> title_column(SheetGroup group);

}  // namespace riskloop::formats
