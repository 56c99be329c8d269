// The cells of the hazard sheet as values: checking one cell against its column's kind, its one
// canonical text, and reading typed values back from that text. Used by import and export alike,
// so what the export writes is exactly what the import reads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/risk/compiled_policy.hpp"
#include "core/risk/estimate.hpp"
#include "core/risk/frame.hpp"
#include "formats/sheet/hazard_sheet_columns.hpp"

namespace riskloop::formats {

// The canonical text of every column of one row; empty = the cell was empty (or white space).
using CanonicalRow = std::array<std::string, kHazardColumnCount>;

// True when `cell` holds something other than spaces, tabs and line breaks.
bool cell_has_content(std::string_view cell);

// Checks `raw` against the kind of `column` and returns its canonical text: refs, numbers, bools
// and enum names trimmed and normalised ("1E-6" -> "1e-06", "Serious" -> "3", "Yes" -> "true",
// "Protective measure" -> "protective_measure"); titles and texts unchanged. The error message
// says what was given and what is allowed, without the location. `raw` must have content.
[[nodiscard]] Result<std::string> canonical_cell(HazardColumn column, std::string_view raw,
                                                 const risk::CompiledPolicy& policy);

// Typed reads of canonical texts. An empty text gives the empty optional or the default.
std::optional<double> probability_cell(const std::string& canonical);
std::optional<std::int64_t> severity_cell(const std::string& canonical);
bool bool_cell(const std::string& canonical);  // empty = false
risk::Mission mission_cell(const std::string& canonical);
risk::Stage stage_cell(const std::string& canonical);
risk::EstimateSource source_cell(const std::string& canonical);

// Canonical texts of typed values, as the export writes them.
std::string probability_text(std::optional<double> p);
std::string severity_text(std::optional<std::int64_t> rank);
std::string bool_text(bool value);

}  // namespace riskloop::formats
