// The process measurement file (docs/formats/measurements.md): CSV with a header row naming the
// columns, in any order, matched without regard to case:
//
//   product_id, lot, characteristic, value, unit, measured_at   required, non-empty
//   station, operator                                           optional, may be empty
//
// value is a finite decimal number ("12.5", "-0.003", "1e-3"); measured_at is a UTC time
// "2026-11-25T09:00:00Z" or "2026-11-25T09:00:00.123Z".
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "core/process_measurement.hpp"
#include "formats/sheet/csv_table.hpp"
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

// The reader behind read_measurement_csv, one row at a time, so that an import can check a
// million-row file and then write it batch by batch without holding it: the same rows, issues
// and limits. `text` must outlive it.
class MeasurementCsvReader {
 public:
  explicit MeasurementCsvReader(std::string_view text, const SheetLimits& limits = {});

  // Reads the next good row into `out` (source_row set; ids and org unset; its strings reused):
  // true when one was read, false at the end of the file. Bad rows are not given; their issues
  // are added to issues().
  bool next(ProcessMeasurement& out);
  // Every problem so far; complete once next() has returned false.
  const std::vector<SheetIssue>& issues() const { return issues_; }
  std::vector<SheetIssue>& issues() { return issues_; }
  // Data rows read so far, bad ones included.
  std::int64_t rows_read() const { return rows_read_; }
  // True when the file broke a limit: issues() is then that one issue alone.
  bool over_limit() const { return over_limit_; }

 private:
  static constexpr std::size_t kColumnCount = 8;
  void end();

  std::vector<SheetIssue> issues_;
  CsvRecordReader csv_;
  SheetBudget budget_;  // for the checks' own problems
  std::array<int, kColumnCount> at_{};
  bool check_rows_ = true;  // false when a required column is missing: the rows are only read
  bool done_ = false;
  bool over_limit_ = false;
  std::int64_t rows_read_ = 0;
  SheetRow row_;
};

}  // namespace riskloop::formats
