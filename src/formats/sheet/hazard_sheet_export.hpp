// Export of a risk file's analysis chain as a hazard sheet (docs/formats/hazard-sheet.md).
#pragma once

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "core/risk/snapshot.hpp"
#include "formats/sheet/csv_table.hpp"
#include "formats/sheet/sheet_table.hpp"
#include "formats/xlsx/xlsx_table_writer.hpp"

namespace riskloop::formats {

// The sheet of `snapshot`: the header of every column, then one row per hazard -> situation ->
// harm -> control path, followed by rows for records outside any full path (section 1). Refs are
// record ids. Rows are numbered from 2. Duplicate links (same ends twice) give one row.
// Fails with a validation error when a link names a record the snapshot lacks, or when two risks
// join the same situation and harm (the sheet identifies a risk by its two ends).
[[nodiscard]] Result<RiskSheet> hazard_sheet_of(const risk::RiskFileSnapshot& snapshot);

// hazard_sheet_of, encoded as CSV.
[[nodiscard]] Result<std::string> write_csv(const risk::RiskFileSnapshot& snapshot,
                                            const CsvWriteOptions& options = {});

// hazard_sheet_of, written as an XLSX workbook at `path` (probabilities and severities as
// numbers, flags as booleans).
[[nodiscard]] Status write_xlsx(const risk::RiskFileSnapshot& snapshot,
                                const std::filesystem::path& path,
                                const XlsxWriteOptions& options = {});

}  // namespace riskloop::formats
