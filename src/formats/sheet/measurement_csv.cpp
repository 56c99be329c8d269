// Reading the process measurement CSV file: columns by header name, every bad cell reported.
#include "formats/sheet/measurement_csv.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>

#include "core/text_rules.hpp"
#include "formats/sheet/csv_table.hpp"

namespace riskloop::formats {

namespace {

enum Column { product_id, lot, characteristic, value, unit, measured_at, station, operator_, kColumns };

constexpr std::array<std::string_view, kColumns> kNames = {
    "product_id", "lot", "characteristic", "value", "unit", "measured_at", "station", "operator"};
constexpr int kRequired = station;  // the columns before it are required

std::string allowed_columns() {
  std::string out;
  for (const auto name : kNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::optional<double> parse_number(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Seconds without a fraction read as .000.
std::optional<Timestamp> parse_time(std::string_view text) {
  if (text.size() == 20 && text.back() == 'Z')
    return parse_timestamp(std::string(text.substr(0, 19)) + ".000Z");
  return parse_timestamp(text);
}

}  // namespace

MeasurementSheet read_measurement_csv(std::string_view text, const SheetLimits& limits) {
  MeasurementSheet out;
  auto read = read_csv(text, limits);
  if (!read) {
    out.issues.push_back({0, {}, read.error().message});
    return out;
  }
  auto& parsed = *read;
  out.issues = std::move(parsed.problems);
  auto& sheet = parsed.sheet;
  SheetBudget budget(limits);  // for the checks' own problems

  std::array<int, kColumns> at;
  at.fill(-1);
  for (std::size_t i = 0; i < sheet.columns.size(); ++i) {
    const auto name = trim_blanks(sheet.columns[i]);
    bool known = false;
    for (int c = 0; c < kColumns; ++c)
      if (equals_ignoring_case(name, kNames[c])) {
        if (at[c] >= 0)
          out.issues.push_back({1, std::string(name), "the column is named twice"});
        at[c] = int(i);
        known = true;
      }
    if (!known && !name.empty())
      out.issues.push_back({1, std::string(name),
                            "is not a measurement column; allowed: " + allowed_columns()});
  }
  for (int c = 0; c < kRequired; ++c)
    if (at[c] < 0)
      out.issues.push_back({1, std::string(kNames[c]), "the required column is missing"});
  if (!out.issues.empty() && sheet.rows.empty()) return out;
  for (int c = 0; c < kRequired; ++c)
    if (at[c] < 0) return out;  // every row would repeat the header's problem

  out.rows.reserve(sheet.rows.size());
  for (auto& row : sheet.rows) {
    ++out.rows_read;
    const auto cell = [&](int c) -> std::string_view {
      const int i = at[c];
      if (i < 0 || std::size_t(i) >= row.cells.size()) return {};
      return trim_blanks(row.cells[std::size_t(i)]);
    };
    // Moves a cell's text out when it needs no trimming: a million-row file is held once, not
    // twice.
    const auto take = [&](int c) -> std::string {
      const auto trimmed = cell(c);
      if (trimmed.empty()) return {};
      auto& whole = row.cells[std::size_t(at[c])];
      return trimmed.size() == whole.size() ? std::move(whole) : std::string(trimmed);
    };
    const std::size_t before = out.issues.size();
    bool listed = true;
    const auto bad = [&](int c, std::string message) {
      listed = budget.add_issue(out.issues, {row.number, std::string(kNames[c]), std::move(message)}) && listed;
    };
    for (int c = 0; c < kRequired; ++c)
      if (cell(c).empty()) bad(c, "is empty; a value is required");
    ProcessMeasurement m;
    m.source_row = row.number;
    if (!cell(value).empty()) {
      if (const auto v = parse_number(cell(value)))
        m.value = *v;
      else
        bad(value, quote_cell(cell(value)) + " is not a finite decimal number such as 12.5");
    }
    if (!cell(measured_at).empty()) {
      if (const auto t = parse_time(cell(measured_at)))
        m.measured_at = *t;
      else
        bad(measured_at, quote_cell(cell(measured_at)) +
                             " is not a UTC time such as 2026-11-25T09:00:00Z");
    }
    if (out.issues.size() == before && listed) {
      m.product_id = take(product_id);
      m.lot = take(lot);
      m.characteristic = take(characteristic);
      m.unit = take(unit);
      m.station = take(station);
      m.operator_name = take(operator_);
      out.rows.push_back(std::move(m));
    }
    std::vector<std::string>().swap(row.cells);
  }
  budget.finish_issues(out.issues);
  if (out.rows_read == 0 && out.issues.empty())
    out.issues.push_back({2, "", "the file has no measurement rows"});
  return out;
}

}  // namespace riskloop::formats
