// A spreadsheet as plain text cells: what the CSV and XLSX readers produce and the writers take.
// It knows nothing of risk files; the hazard sheet gives the columns their meaning.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace riskloop::formats {

// One row of data. `number` is the row as the spreadsheet shows it (the header is row 1).
// Cells are in column order; a row may have fewer cells than the header (the rest are empty).
struct SheetRow {
  std::int64_t number = 0;
  std::vector<std::string> cells;
};

// The header names and the data rows, in order.
struct RiskSheet {
  std::vector<std::string> columns;
  std::vector<SheetRow> rows;
};

// A problem found while reading or checking a sheet. `column` is a header name, or empty when
// the problem concerns a whole row.
struct SheetIssue {
  std::int64_t row = 0;
  std::string column;
  std::string message;

  // `row 17, column "severity": "5x" is not one of 1..5`, or `row 17: ...` without a column.
  std::string describe() const;
  // The location part alone: `row 17, column "severity"`.
  std::string location() const;
};

// What a reader returns: the cells it could read and the rows it could not. A row named in
// `problems` is absent from or incomplete in `sheet`.
struct ParsedSheet {
  RiskSheet sheet;
  std::vector<SheetIssue> problems;
};

// Shows a cell value in a message: quoted, cut to 60 characters.
std::string quote_cell(std::string_view value);

}  // namespace riskloop::formats
