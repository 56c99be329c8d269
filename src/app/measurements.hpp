// Process measurements for SPC: CSV import in journaled batches (app/bulk_import.hpp), import
// progress, paged lists and inclusion proofs. Importing needs write_products; reading needs read;
// partners have no access.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/bulk_import.hpp"
#include "core/process_measurement.hpp"
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::app {

struct MeasurementImport {
  std::vector<formats::SheetIssue> issues;  // every bad row; non-empty means nothing was written
  std::int64_t rows_read = 0;
  std::optional<BulkImportResult> result;   // set when the file was good
  bool ok() const { return issues.empty(); }
};

struct MeasurementQuery {
  std::string lot;             // "" = any
  std::string characteristic;  // "" = any
  std::string product_id;      // "" = any
  std::string after;           // cursor: last id of the previous page
  int limit = 100;
};

class Measurements {
 public:
  explicit Measurements(AppContext& ctx) : ctx_(ctx) {}

  // Checks every row (and that each product exists), then writes the file's rows in batches,
  // continuing an earlier run of the same file. An invalid file writes nothing.
  Result<MeasurementImport> import_csv(const Principal& who, const std::string& source_name,
                                       std::string_view content,
                                       const BulkImportOptions& options = {});
  // An import run of the organization.
  Result<ImportRun> run(const Principal& who, const Id& run_id);
  // A page in id order.
  Result<std::vector<ProcessMeasurement>> list(const Principal& who, const MeasurementQuery& q);
  // The inclusion proof of one measurement in its batch's journaled Merkle root.
  Result<BulkProof> proof(const Principal& who, const Id& id);

 private:
  AppContext& ctx_;
};

}  // namespace riskloop::app
