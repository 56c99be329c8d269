// A reference-vector CSV as a table (header row, `.` decimal, optional double quotes, no commas inside
// fields) for the analytics tests. A missing file throws, so the test fails saying which file.
#pragma once

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace riskloop::analytics::testing {

inline std::string shared_data(const std::string& name) {
  return std::string(RISKLOOP_SHARED_DATA_DIR) + "/reference/" + name;
}

class ReferenceCsv {
 public:
  explicit ReferenceCsv(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("reference file missing: " + path);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      std::vector<std::string> cells;
      std::stringstream ss(line);
      std::string cell;
      while (std::getline(ss, cell, ',')) {
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
          cell = cell.substr(1, cell.size() - 2);
        cells.push_back(cell);
      }
      if (!line.empty() && line.back() == ',') cells.emplace_back();
      if (header) {
        for (std::size_t i = 0; i < cells.size(); ++i) columns_[cells[i]] = i;
        header = false;
      } else {
        rows_.push_back(std::move(cells));
      }
    }
  }
  std::size_t size() const { return rows_.size(); }
  const std::string& text(std::size_t row, const std::string& column) const {
    const auto it = columns_.find(column);
    if (it == columns_.end()) throw std::runtime_error("no column " + column);
    return rows_.at(row).at(it->second);
  }
  double number(std::size_t row, const std::string& column) const {
    const std::string& t = text(row, column);
    if (t == "Inf") return std::numeric_limits<double>::infinity();
    if (t == "-Inf") return -std::numeric_limits<double>::infinity();
    if (t == "NaN" || t == "NA") return std::numeric_limits<double>::quiet_NaN();
    return std::stod(t);
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
