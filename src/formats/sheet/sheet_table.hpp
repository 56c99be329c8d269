// A spreadsheet as plain text cells: what the CSV and XLSX readers produce and the writers take.
// It knows nothing of risk files; the hazard sheet gives the columns their meaning.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

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

  // `row 17, column "severity": "5x" is not one of 1..5`, or `row 17: ...` without a column, or
  // the message alone for row 0 (a note about the whole file).
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

// Caps on what a reader takes in, so that a small hostile file (a cell far to the right on every
// row, one long string referenced by every cell, a compressed bomb) fails quickly with an error
// naming the limit and the place instead of exhausting memory. Documented in docs/api.md.
struct SheetLimits {
  std::size_t max_rows = 1'048'576;          // rows read, header included (Excel's grid)
  std::size_t max_columns = 1'024;           // a non-empty cell further right is an error
  std::size_t max_cells = 10'000'000;        // cells held, empty ones left of a value included
  std::size_t max_cell_bytes = 131'072;      // one cell (Excel holds 32 767 characters)
  std::size_t max_text_bytes = 256u << 20;   // every cell's text together
  std::size_t max_issues = 1'000;            // problems listed; further ones are only counted
};

// Counts what a reader keeps against its SheetLimits. Each check fails with too_large, the
// message starting with the place (`sheet "Hazards", row 5, column XFD` or `line 7, column 3`)
// and naming the limit; the place is also the error's location.
class SheetBudget {
 public:
  explicit SheetBudget(SheetLimits limits) : limits_(limits) {}

  const SheetLimits& limits() const { return limits_; }
  // `where()` gives the place for a message; it is called only when a limit is broken.
  // One more row.
  template <class Place>
  [[nodiscard]] Status add_row(const Place& where) {
    return ++rows_ > limits_.max_rows ? too_many_rows(where()) : Status{};
  }
  // A value at 1-based `column` holding `bytes` of text, checked before it is copied.
  template <class Place>
  [[nodiscard]] Status add_cell_text(const Place& where, std::size_t column, std::size_t bytes) {
    text_bytes_ += bytes;
    if (column > limits_.max_columns || bytes > limits_.max_cell_bytes ||
        text_bytes_ > limits_.max_text_bytes)
      return cell_over(where(), column, bytes);
    return {};
  }
  // `count` more cells held (a row's width, empty cells included).
  template <class Place>
  [[nodiscard]] Status add_cells(const Place& where, std::size_t count) {
    cells_ += count;
    return cells_ > limits_.max_cells ? too_many_cells(where()) : Status{};
  }

  // Adds `issue` to `issues` while fewer than max_issues are listed; counts it otherwise. False
  // when it was only counted.
  bool add_issue(std::vector<SheetIssue>& issues, SheetIssue issue);
  // Appends "and K more problems ..." (at row 0) when issues were only counted.
  void finish_issues(std::vector<SheetIssue>& issues) const;

 private:
  Status too_many_rows(const std::string& where) const;
  Status cell_over(const std::string& where, std::size_t column, std::size_t bytes) const;
  Status too_many_cells(const std::string& where) const;

  SheetLimits limits_;
  std::size_t rows_ = 0;
  std::size_t cells_ = 0;
  std::size_t text_bytes_ = 0;
  std::size_t listed_issues_ = 0;
  std::size_t unlisted_issues_ = 0;
};

// 1048576 -> "1 048 576", as the messages write numbers.
std::string grouped_number(std::size_t n);

// Shows a cell value in a message: quoted, cut to 60 characters.
std::string quote_cell(std::string_view value);

}  // namespace riskloop::formats
