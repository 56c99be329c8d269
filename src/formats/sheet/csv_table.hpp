// CSV (RFC 4180) encoding of a sheet, safe to open in a spreadsheet: docs/formats/hazard-sheet.md
// section 5.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {

struct CsvWriteOptions {
  // Start with U+FEFF so spreadsheets read the file as UTF-8.
  bool byte_order_mark = true;
};

// Header then rows, CRLF after every record; a field is quoted when it holds a comma, semicolon,
// quote, CR or LF (the semicolon for spreadsheets whose list separator it is). Every cell goes through guard_formula first. Row numbers of `sheet` are not written.
std::string encode_csv(const RiskSheet& sheet, const CsvWriteOptions& options = {});

// Reads UTF-8 CSV with or without a byte order mark, CRLF, LF or CR line ends, and `;` as the
// separator when the first line holds `;` and no `,`. The first record is the header. Rows are
// numbered as a spreadsheet shows them (header = 1), whatever newlines quoted fields hold. Data
// cells go through unguard_formula. What cannot be read is listed in `problems` (an unclosed
// quote, a quote inside an unquoted field, text after a closing quote), at most
// limits.max_issues of them: the rows of further problems are left out and counted in a last
// problem at row 0. Fails (too_large, at `line 7, column 3`) only when the text breaks `limits`.
[[nodiscard]] Result<ParsedSheet> read_csv(std::string_view text, const SheetLimits& limits = {});

// The reader behind read_csv, one record at a time, so that a large file is never held as cells:
// the same rows, numbers, problems and limits. `text` and `problems` must outlive it.
class CsvRecordReader {
 public:
  CsvRecordReader(std::string_view text, const SheetLimits& limits,
                  std::vector<SheetIssue>& problems);
  ~CsvRecordReader();
  CsvRecordReader(const CsvRecordReader&) = delete;
  CsvRecordReader& operator=(const CsvRecordReader&) = delete;

  // Reads the header record (none in an empty text). Call once, first.
  [[nodiscard]] Status read_header();
  const std::vector<std::string>& header() const;
  // Reads the next data row into `row` (its strings are reused: no allocation per row once they
  // have grown): true when one was read, false at the end of the text. A row whose problem was
  // only counted is skipped, as read_csv leaves it out.
  [[nodiscard]] Result<bool> next(SheetRow& row);
  // Appends the note counting the problems that were not listed; call once, at the end.
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Formula-injection guard: a cell matching '*[=+-@\t\r] (any number of single quotes, then one of
// the characters a spreadsheet may take for a formula) gets one more leading single quote.
std::string guard_formula(std::string_view cell);
// The inverse: a cell matching '+[=+-@\t\r] loses one leading single quote; others are unchanged.
std::string unguard_formula(std::string_view cell);

}  // namespace riskloop::formats
