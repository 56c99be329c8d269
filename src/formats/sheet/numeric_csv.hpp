// A CSV file of counts, measurements and labels, read row by row by name of column: the input of
// the analytics commands (`riskloop stats ...`). Bad input stops at the first bad cell, naming its
// row (as a spreadsheet shows it: the header is row 1) and column.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {

class NumericCsv {
 public:
  // Reads `text` (UTF-8 CSV as read_csv accepts it, any number of rows) and its header. Fails
  // (validation) naming the first of `required` that the header lacks, or a column named twice.
  // `text` must outlive the reader.
  [[nodiscard]] static Result<NumericCsv> open(std::string_view text,
                                               const std::vector<std::string>& required);
  NumericCsv(NumericCsv&&) noexcept;
  NumericCsv& operator=(NumericCsv&&) noexcept;
  ~NumericCsv();

  // Moves to the next data row: true when there is one. Fails (malformed) on an unreadable row,
  // e.g. an unclosed quote. Rows whose cells are all empty are skipped.
  [[nodiscard]] Result<bool> next();
  std::int64_t row() const;  // the current row's number

  bool has_column(std::string_view column) const;
  // The current row's cell, trimmed of spaces; empty for a missing cell or an unknown column.
  std::string_view text(std::string_view column) const;
  // The cell as a finite number ("1.5", "-2", "3e4"). Fails (validation) for an empty or
  // non-numeric cell, with location `row 7, column "N"`.
  [[nodiscard]] Result<double> number(std::string_view column) const;
  // The cell as a whole number >= 0 ("12"; "12.0" is refused). Fails as number() does.
  [[nodiscard]] Result<std::int64_t> count(std::string_view column) const;
  // The cell's text, refusing an empty one.
  [[nodiscard]] Result<std::string_view> label(std::string_view column) const;

 private:
  struct State;
  explicit NumericCsv(std::unique_ptr<State> state);
  [[nodiscard]] Error bad_cell(std::string_view column, std::string message) const;
  std::unique_ptr<State> state_;
};

}  // namespace riskloop::formats
