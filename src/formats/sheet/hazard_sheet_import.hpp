// Import of a hazard sheet (docs/formats/hazard-sheet.md section 4): every bad cell and row
// reported, and the good rows turned into records ready to be written in one transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "core/risk/analysis_chain.hpp"
#include "core/risk/compiled_policy.hpp"
#include "core/risk/residual_estimate.hpp"
#include "core/risk/risk_control.hpp"
#include "core/time.hpp"
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {

// The records a sheet asks to create, each with its id, `risk_file_id` and version 1 set;
// organization and timestamps are left for the application to fill. Every link names records of
// this set. In the order of the rows that define them.
struct HazardSheetRecords {
  std::vector<risk::Hazard> hazards;
  std::vector<risk::HazardousSituation> situations;
  std::vector<risk::Harm> harms;
  std::vector<risk::HazardSituationLink> hazard_situations;
  std::vector<risk::SituationHarm> situation_harms;
  std::vector<risk::RiskControl> controls;
  std::vector<risk::ControlLink> control_links;
  std::vector<risk::ResidualEstimate> residual_estimates;

  std::size_t size() const {
    return hazards.size() + situations.size() + harms.size() + hazard_situations.size() +
           situation_harms.size() + controls.size() + control_links.size() +
           residual_estimates.size();
  }
};

struct ImportReport {
  std::size_t rows_read = 0;      // data rows with any content
  std::size_t rows_accepted = 0;  // of which without any issue
  // Every problem, by row (then in column order); issue.describe() gives the message for people.
  std::vector<SheetIssue> issues;
  std::vector<std::int64_t> rejected_rows;   // ascending, no repeats
  std::vector<std::string> ignored_columns;  // header names that are not hazard sheet columns
  // Built from the accepted rows only. A caller that imports all or nothing writes these only
  // when ok(); a partial import writes them regardless.
  HazardSheetRecords records;

  bool ok() const { return issues.empty(); }
};

// Gives the id of a new record: `entity` is the record's Record::entity ("hazard", "harm",
// "control_link", ...), `ref` its ref in the sheet, empty for link records and residual
// estimates (and for risks without a risk_ref). Called once per record, in record order.
using RecordIdFor = std::function<Id(std::string_view entity, std::string_view ref)>;

// Ids from `source`, whatever the ref.
RecordIdFor ids_from(IdSource& source);

struct SheetImportOptions {
  Id risk_file_id;  // set on every record
};

// Checks every row of `sheet` (reader problems included) against the hazard sheet's rules and
// `policy` (the file's pinned policy: severities are its ranks), never stopping at the first
// problem, and builds the records of the accepted rows. Linear in the size of the sheet.
// A header with a repeated column or no hazard sheet column at all is reported at row 1 and
// rejects every row.
ImportReport validate_rows(const ParsedSheet& sheet, const risk::CompiledPolicy& policy,
                           const RecordIdFor& ids, const SheetImportOptions& options = {});

}  // namespace riskloop::formats
