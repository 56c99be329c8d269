// Column layout for list commands.
#include "cli/table_output.hpp"

#include <algorithm>
#include <ostream>

#include "formats/text/unicode_text.hpp"

namespace riskloop::cli {
namespace {

// One line, at most Table::max_cell terminal columns, cut between characters.
std::string fit_cell(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (display_width(text) <= Table::max_cell) return text;
  return std::string(formats::prefix_of_width(text, Table::max_cell - 3)) + "...";
}

}  // namespace

std::size_t display_width(const std::string& text) { return formats::terminal_width(text); }

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (auto& cell : cells) cell = fit_cell(std::move(cell));
  rows_.push_back(std::move(cells));
}

namespace {

void print_row(std::ostream& out, const std::vector<std::size_t>& widths,
               const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    line += cells[i];
    const std::size_t width = display_width(cells[i]);
    if (i + 1 < cells.size()) line.append(widths[i] > width ? widths[i] - width + 2 : 2, ' ');
  }
  // No trailing blanks, also when the last cells are empty.
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << '\n';
}

std::vector<std::size_t> column_widths(const std::vector<std::string>& headers,
                                       const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(headers.size());
  for (std::size_t i = 0; i < headers.size(); ++i) widths[i] = display_width(headers[i]);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  return widths;
}

}  // namespace

void Table::print(std::ostream& out) const {
  const auto widths = column_widths(headers_, rows_);
  print_row(out, widths, headers_);
  for (const auto& row : rows_) print_row(out, widths, row);
}

void Table::flush(std::ostream& out) {
  if (!flushed_) {
    flushed_ = true;
    flushed_widths_ = column_widths(headers_, rows_);
    print_row(out, flushed_widths_, headers_);
  }
  for (const auto& row : rows_) print_row(out, flushed_widths_, row);
  rows_.clear();
}

}  // namespace riskloop::cli
