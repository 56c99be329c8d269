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

MeasurementCsvReader::MeasurementCsvReader(std::string_view text, const SheetLimits& limits)
    : csv_(text, limits, issues_), budget_(limits) {
  static_assert(kColumnCount == std::size_t(kColumns));
  at_.fill(-1);
  if (const auto header = csv_.read_header(); !header) {
    issues_ = {{0, {}, header.error().message}};
    over_limit_ = done_ = true;
    return;
  }
  const auto& columns = csv_.header();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto name = trim_blanks(columns[i]);
    bool known = false;
    for (int c = 0; c < kColumns; ++c)
      if (equals_ignoring_case(name, kNames[c])) {
        if (at_[c] >= 0)
          issues_.push_back({1, std::string(name), "the column is named twice"});
        at_[c] = int(i);
        known = true;
      }
    if (!known && !name.empty())
      issues_.push_back({1, std::string(name),
                         "is not a measurement column; allowed: " + allowed_columns()});
  }
  for (int c = 0; c < kRequired; ++c)
    if (at_[c] < 0) {
      issues_.push_back({1, std::string(kNames[c]), "the required column is missing"});
      check_rows_ = false;  // every row would repeat the header's problem
    }
}

void MeasurementCsvReader::end() {
  done_ = true;
  csv_.finish();
  budget_.finish_issues(issues_);
  if (rows_read_ == 0 && issues_.empty())
    issues_.push_back({2, "", "the file has no measurement rows"});
}

bool MeasurementCsvReader::next(ProcessMeasurement& m) {
  while (!done_) {
    const auto more = csv_.next(row_);
    if (!more) {
      issues_ = {{0, {}, more.error().message}};
      over_limit_ = done_ = true;
      return false;
    }
    if (!*more) {
      end();
      return false;
    }
    if (!check_rows_) continue;  // the CSV's own problems are still listed
    ++rows_read_;
    auto& cells = row_.cells;
    const auto cell = [&](int c) -> std::string_view {
      const int i = at_[c];
      if (i < 0 || std::size_t(i) >= cells.size()) return {};
      return trim_blanks(cells[std::size_t(i)]);
    };
    const std::size_t before = issues_.size();
    bool listed = true;
    const auto bad = [&](int c, std::string message) {
      listed = budget_.add_issue(issues_, {row_.number, std::string(kNames[c]), std::move(message)}) &&
               listed;
    };
    for (int c = 0; c < kRequired; ++c)
      if (cell(c).empty()) bad(c, "is empty; a value is required");
    m.source_row = row_.number;
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
    if (issues_.size() != before || !listed) continue;
    m.product_id.assign(cell(product_id));
    m.lot.assign(cell(lot));
    m.characteristic.assign(cell(characteristic));
    m.unit.assign(cell(unit));
    m.station.assign(cell(station));
    m.operator_name.assign(cell(operator_));
    return true;
  }
  return false;
}

MeasurementSheet read_measurement_csv(std::string_view text, const SheetLimits& limits) {
  MeasurementSheet out;
  MeasurementCsvReader reader(text, limits);
  ProcessMeasurement m;
  while (reader.next(m)) out.rows.push_back(m);
  out.rows_read = reader.rows_read();
  out.issues = std::move(reader.issues());
  if (reader.over_limit()) out.rows.clear();
  return out;
}

}  // namespace riskloop::formats
