// The process measurement file (docs/formats/measurements.md): CSV with a header row naming the
// columns, in any order, matched without regard to case:
//
//   product_id, lot, characteristic, value, unit, measured_at   required, non-empty
//   station, operator                                           optional, may be empty
//
// value is a finite decimal number ("12.5", "-0.003", "1e-3"); measured_at is a UTC time
// "2026-11-25T09:00:00Z" or "2026-11-25T09:00:00.123Z".
#pragma once

#include <string_view>
#include <vector>

#include "core/process_measurement.hpp"
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {

struct MeasurementSheet {
  std::vector<ProcessMeasurement> rows;  // in file order, source_row set; ids and org unset
  std::vector<SheetIssue> issues;        // every bad row and column; rows is partial if any
  std::int64_t rows_read = 0;
  bool ok() const { return issues.empty(); }
};

// Reads and checks every row; never fails, every problem is an issue with its row and column,
// at most limits.max_issues of them from reading and as many from checking (then one issue at
// row 0 counts the rest). A file over `limits` is one issue at row 0 naming the line and column.
MeasurementSheet read_measurement_csv(std::string_view text, const SheetLimits& limits = {});

}  // namespace riskloop::formats
