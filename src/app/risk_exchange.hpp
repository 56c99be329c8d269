// Getting risk files in and out: hazard-sheet export (CSV, XLSX) and import, and the risk
// management report (HTML, PDF).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/accounts.hpp"
#include "formats/sheet/hazard_sheet_import.hpp"
#include "formats/report/rmr_html.hpp"

namespace riskloop::app {

enum class SheetFormat { csv, xlsx };

struct ImportOutcome {
  formats::ImportReport report;  // every bad row, with row, column and reason
  bool written = false;          // false for a dry run and for a refused all-or-nothing import
  std::size_t records_written = 0;
};

struct ImportRequest {
  SheetFormat format = SheetFormat::csv;
  std::string content;    // the uploaded file's bytes
  bool partial = false;   // write the good rows even when others are bad
  bool dry_run = false;   // report only
};

class RiskExchange {
 public:
  explicit RiskExchange(AppContext& ctx) : ctx_(ctx) {}

  // The hazard sheet of a file: CSV text or XLSX bytes.
  Result<std::string> export_sheet(const Principal& who, const Id& file_id, SheetFormat format);
  // Checks every row, then writes all records in one transaction (all good rows, or nothing
  // unless `partial`). The file's pinned policy rates the severities.
  Result<ImportOutcome> import_sheet(const Principal& who, const Id& file_id, const ImportRequest& in);

  // The risk management report (ISO 14971 clause 9) as self-contained HTML.
  Result<std::string> report_html(const Principal& who, const Id& file_id);
  // The same as an A4 PDF document (formats::render_rmr_pdf, fonts from
  // AppOptions::report_pdf); fails with not_found naming the font file when it cannot be read.
  Result<std::string> report_pdf(const Principal& who, const Id& file_id);

 private:
  // Reads what the report shows and renders it with `render`.
  Result<std::string> render_report(
      const Principal& who, const Id& file_id,
      const std::function<Result<std::string>(const formats::RmrData&)>& render);
  AppContext& ctx_;
};

}  // namespace riskloop::app
