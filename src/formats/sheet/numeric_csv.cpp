#include "formats/sheet/numeric_csv.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "formats/sheet/csv_table.hpp"

namespace riskloop::formats {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Analytics input is not a spreadsheet grid: a MAUDE-sized report list has millions of rows.
SheetLimits numeric_limits() {
  SheetLimits limits;
  limits.max_rows = std::numeric_limits<std::size_t>::max();
  limits.max_cells = std::numeric_limits<std::size_t>::max();
  limits.max_text_bytes = std::numeric_limits<std::size_t>::max();
  limits.max_issues = 1;
  return limits;
}

}  // namespace

struct NumericCsv::State {
  State(std::string_view text) : reader(text, numeric_limits(), problems) {}
  std::vector<SheetIssue> problems;
  CsvRecordReader reader;
  std::vector<std::pair<std::string, std::size_t>> columns;  // header name -> cell index
  SheetRow current;
};

NumericCsv::NumericCsv(std::unique_ptr<State> state) : state_(std::move(state)) {}
NumericCsv::NumericCsv(NumericCsv&&) noexcept = default;
NumericCsv& NumericCsv::operator=(NumericCsv&&) noexcept = default;
NumericCsv::~NumericCsv() = default;

Result<NumericCsv> NumericCsv::open(std::string_view text,
                                    const std::vector<std::string>& required) {
  auto state = std::make_unique<State>(text);
  RL_CHECK(state->reader.read_header());
  if (!state->problems.empty())
    return fail(ErrorCode::malformed, state->problems.front().describe(),
                state->problems.front().location());
  const auto& header = state->reader.header();
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name(trimmed(header[i]));
    if (name.empty()) continue;
    for (const auto& [seen, index] : state->columns)
      if (seen == name)
        return fail(ErrorCode::validation, "row 1: column \"" + name + "\" is named twice",
                    "row 1");
    state->columns.emplace_back(name, i);
  }
  NumericCsv csv(std::move(state));
  for (const auto& name : required)
    if (!csv.has_column(name))
      return fail(ErrorCode::validation, "row 1: the header has no column \"" + name + "\"",
                  "row 1");
  return csv;
}

Result<bool> NumericCsv::next() {
  for (;;) {
    const bool more = RL_TRY(state_->reader.next(state_->current));
    if (!state_->problems.empty())
      return fail(ErrorCode::malformed, state_->problems.front().describe(),
                  state_->problems.front().location());
    if (!more) return false;
    for (const auto& cell : state_->current.cells)
      if (!trimmed(cell).empty()) return true;
  }
}

std::int64_t NumericCsv::row() const { return state_->current.number; }

bool NumericCsv::has_column(std::string_view column) const {
  for (const auto& [name, index] : state_->columns)
    if (name == column) return true;
  return false;
}

std::string_view NumericCsv::text(std::string_view column) const {
  for (const auto& [name, index] : state_->columns)
    if (name == column)
      return index < state_->current.cells.size() ? trimmed(state_->current.cells[index])
                                                   : std::string_view{};
  return {};
}

Error NumericCsv::bad_cell(std::string_view column, std::string message) const {
  SheetIssue issue{row(), std::string(column), std::move(message)};
  return Error{ErrorCode::validation, issue.describe(), issue.location()};
}

Result<double> NumericCsv::number(std::string_view column) const {
  const auto cell = text(column);
  if (cell.empty()) return tl::unexpected(bad_cell(column, "is empty; a number is needed"));
  double value = 0;
  const char* begin = cell.data() + (cell.front() == '+' ? 1 : 0);
  const auto [end, ec] = std::from_chars(begin, cell.data() + cell.size(), value);
  if (ec != std::errc{} || end != cell.data() + cell.size() || !std::isfinite(value))
    return tl::unexpected(bad_cell(column, "\"" + std::string(cell) + "\" is not a number"));
  return value;
}

Result<std::int64_t> NumericCsv::count(std::string_view column) const {
  const auto cell = text(column);
  if (cell.empty()) return tl::unexpected(bad_cell(column, "is empty; a count is needed"));
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc{} || end != cell.data() + cell.size())
    return tl::unexpected(
        bad_cell(column, "\"" + std::string(cell) + "\" is not a whole number"));
  if (value < 0)
    return tl::unexpected(bad_cell(column, "\"" + std::string(cell) + "\" is negative"));
  return value;
}

Result<std::string_view> NumericCsv::label(std::string_view column) const {
  const auto cell = text(column);
  if (cell.empty()) return tl::unexpected(bad_cell(column, "is empty"));
  return cell;
}

}  // namespace riskloop::formats
