// A reference-vector CSV as a table for the analytics tests: cells by row and column name. The
// file is read by the project's CSV reader (formats::read_csv) and its cells by reference_value
// (reference_csv.hpp); a missing or unreadable file throws, so the test fails saying which file.
#pragma once

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "formats/sheet/csv_table.hpp"
#include "reference_csv.hpp"

namespace riskloop::analytics::testing {

inline std::string shared_data(const std::string& name) { return reference_path(name); }

class ReferenceCsv {
 public:
  explicit ReferenceCsv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("reference file missing: " + path);
    std::ostringstream text;
    text << in.rdbuf();
    auto sheet = formats::read_csv(text.str());
    if (!sheet || !sheet->problems.empty())
      throw std::runtime_error("reference file unreadable: " + path);
    for (std::size_t i = 0; i < sheet->sheet.columns.size(); ++i)
      columns_[sheet->sheet.columns[i]] = i;
    for (auto& row : sheet->sheet.rows) {
      row.cells.resize(columns_.size());
      rows_.push_back(std::move(row.cells));
    }
  }
  std::size_t size() const { return rows_.size(); }
  const std::string& text(std::size_t row, const std::string& column) const {
    const auto it = columns_.find(column);
    if (it == columns_.end()) throw std::runtime_error("no column " + column);
    return rows_.at(row).at(it->second);
  }
  // The cell as a double; NA (not defined) reads as NaN.
  double number(std::size_t row, const std::string& column) const {
    return reference_value(text(row, column)).value_or(std::numeric_limits<double>::quiet_NaN());
  }

 private:
  std::map<std::string, std::size_t> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// |actual − expected| <= tol·|expected| (or <= tol when expected is 0).
inline bool near_relative(double actual, double expected, double tol) {
  if (std::isnan(expected)) return std::isnan(actual);
  if (std::isinf(expected)) return actual == expected;
  const double scale = expected == 0 ? 1.0 : std::abs(expected);
  return std::abs(actual - expected) <= tol * scale;
}

}  // namespace riskloop::analytics::testing
