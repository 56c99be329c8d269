// Messages about sheet cells, and the limits every sheet reader keeps to.
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {

std::string SheetIssue::location() const {
  if (row == 0) return {};
  std::string out = "row " + std::to_string(row);
  if (!column.empty()) out += ", column \"" + column + "\"";
  return out;
}

std::string SheetIssue::describe() const {
  return row == 0 ? message : location() + ": " + message;
}

std::string grouped_number(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

namespace {

Status over(const std::string& where, const std::string& what) {
  return fail(ErrorCode::too_large, where + ": " + what, where);
}

}  // namespace

Status SheetBudget::too_many_rows(const std::string& where) const {
  return over(where, "the sheet has more than " + grouped_number(limits_.max_rows) +
                         " rows, the most an import reads");
}

Status SheetBudget::cell_over(const std::string& where, std::size_t column,
                              std::size_t bytes) const {
  if (column > limits_.max_columns)
    return over(where, "a value past column " + grouped_number(limits_.max_columns) +
                           ", the last column an import reads");
  if (bytes > limits_.max_cell_bytes)
    return over(where, "the cell holds more than " + grouped_number(limits_.max_cell_bytes) +
                           " bytes, the most one cell may hold");
  return over(where, "the cells hold more than " + grouped_number(limits_.max_text_bytes) +
                         " bytes of text together, the most an import reads");
}

Status SheetBudget::too_many_cells(const std::string& where) const {
  return over(where, "the sheet has more than " + grouped_number(limits_.max_cells) +
                         " cells, the most an import reads");
}

bool SheetBudget::add_issue(std::vector<SheetIssue>& issues, SheetIssue issue) {
  if (listed_issues_ >= limits_.max_issues) {
    ++unlisted_issues_;
    return false;
  }
  ++listed_issues_;
  issues.push_back(std::move(issue));
  return true;
}

void SheetBudget::finish_issues(std::vector<SheetIssue>& issues) const {
  if (unlisted_issues_ == 0) return;
  issues.push_back({0, {},
                    "and " + grouped_number(unlisted_issues_) + " more problems (only the first " +
                        grouped_number(limits_.max_issues) +
                        " are listed; their rows were left out)"});
}

std::string quote_cell(std::string_view value) {
  constexpr std::size_t kShown = 60;
  std::size_t cut = value.size();
  std::size_t points = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (points++ == kShown) {
      cut = i;
      break;
    }
  }
  std::string out = "\"";
  for (std::size_t i = 0; i < cut; ++i) {
    const char c = value[i];
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else
      out += c;
  }
  if (cut < value.size()) out += "...";
  out += '"';
  return out;
}

}  // namespace riskloop::formats
