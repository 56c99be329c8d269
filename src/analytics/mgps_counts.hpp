// Count tables for MGPS: from report rows (report id, var1, var2) to the observed count N and the
// expected count E of every (var1, var2) pair that occurs, under either counting convention.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace riskloop::analytics {

// How reports are counted (DuMouchel 1999 leaves it to the data; the two differ when a report
// lists a (var1, var2) combination more than once, e.g. two devices of the same product code):
//   unique_reports  N = distinct reports with the pair; the var1 margin, var2 margin and total
//                   are numbers of distinct reports (as openEBGM processRaw()).
//   summed          N = rows with the pair; margins and total are row counts.
// In both, E = n_var1 * n_var2 / n_total (independence of var1 and var2 across reports).
enum class Counting { unique_reports, summed };

// One row of a report database: dense ids, as LabelIndex assigns them.
struct ReportRow {
  std::uint32_t report = 0;
  std::uint32_t var1 = 0;
  std::uint32_t var2 = 0;
};

// One pair with N >= 1.
struct PairCount {
  std::uint32_t var1 = 0;
  std::uint32_t var2 = 0;
  double n = 0;  // observed count
  double e = 0;  // expected count
};

struct CountTable {
  std::vector<PairCount> pairs;     // sorted by (var1, var2); only pairs with N >= 1
  std::vector<double> var1_margin;  // per var1 id (0 when the id has no row)
  std::vector<double> var2_margin;  // per var2 id
  double total = 0;                 // reports (unique_reports) or rows (summed)
};

// Counts `rows` under `counting`. Ids must be below var1_count / var2_count (ids of reports are
// any uint32). Rows need not be grouped by report; grouped input is faster (no sort).
// Memory: a dense var1 x var2 counter when var1_count * var2_count <= 2^25, a hash map otherwise.
CountTable count_pairs(std::span<const ReportRow> rows, std::size_t var1_count,
                       std::size_t var2_count, Counting counting);

// Assigns dense ids 0, 1, 2, ... to labels in order of first appearance, and gives them back.
class LabelIndex {
 public:
  std::uint32_t id(std::string_view label);
  const std::string& label(std::uint32_t id) const { return labels_[id]; }
  std::size_t size() const { return labels_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
  std::vector<std::string> labels_;
};

}  // namespace riskloop::analytics
