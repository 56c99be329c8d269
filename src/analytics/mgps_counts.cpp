// Count tables for MGPS. Rows are walked report by report; within a report the distinct pairs,
// var1 values and var2 values are found by sorting the (small) report.
#include "analytics/mgps_counts.hpp"

#include <algorithm>
#include <memory>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <unordered_map>
#include <unordered_set>

namespace riskloop::analytics {
namespace {

constexpr std::size_t kDenseLimit = std::size_t{1} << 25;

// Pair counter: dense array for moderate var1 x var2, hash map beyond.
class PairCounter {
 public:
  PairCounter(std::size_t var1_count, std::size_t var2_count)
      : var2_count_(var2_count), dense_(var1_count * var2_count <= kDenseLimit) {
    if (dense_) counts_.assign(var1_count * var2_count, 0);
  }
  void add(std::uint32_t v1, std::uint32_t v2) {
    const std::uint64_t key = std::uint64_t{v1} * var2_count_ + v2;
    if (dense_)
      ++counts_[key];
    else
      ++sparse_[key];
  }
  void merge(const PairCounter& other) {
    for (std::size_t k = 0; k < counts_.size(); ++k) counts_[k] += other.counts_[k];
    for (const auto& [key, n] : other.sparse_) sparse_[key] += n;
  }
  std::vector<PairCount> pairs() const {
    std::vector<PairCount> out;
    auto emit = [&](std::uint64_t key, std::uint64_t n) {
      out.push_back(PairCount{static_cast<std::uint32_t>(key / var2_count_),
                              static_cast<std::uint32_t>(key % var2_count_),
                              static_cast<double>(n), 0});
    };
    if (dense_) {
      for (std::size_t k = 0; k < counts_.size(); ++k)
        if (counts_[k] != 0) emit(k, counts_[k]);
    } else {
      std::vector<std::pair<std::uint64_t, std::uint64_t>> sorted(sparse_.begin(), sparse_.end());
      std::sort(sorted.begin(), sorted.end());
      for (const auto& [key, n] : sorted) emit(key, n);
    }
    return out;
  }

 private:
  std::size_t var2_count_;
  bool dense_;
  std::vector<std::uint32_t> counts_;
  std::unordered_map<std::uint64_t, std::uint64_t> sparse_;
};

// True when every report's rows are contiguous.
bool grouped_by_report(std::span<const ReportRow> rows) {
  std::uint32_t max_id = 0;
  for (const ReportRow& r : rows) max_id = std::max(max_id, r.report);
  const bool dense = std::uint64_t{max_id} <= 4 * std::uint64_t{rows.size()} + 1024;
  std::vector<bool> seen_dense(dense ? std::size_t{max_id} + 1 : 0);
  std::unordered_set<std::uint32_t> seen_sparse;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].report == rows[i - 1].report) continue;
    const std::uint32_t id = rows[i].report;
    if (dense) {
      if (seen_dense[id]) return false;
      seen_dense[id] = true;
    } else if (!seen_sparse.insert(id).second) {
      return false;
    }
  }
  return true;
}

}  // namespace

namespace {

// The counts of one run of whole reports.
struct Partial {
  Partial(std::size_t var1_count, std::size_t var2_count)
      : counter(var1_count, var2_count), var1_margin(var1_count, 0), var2_margin(var2_count, 0) {}
  PairCounter counter;
  std::vector<double> var1_margin, var2_margin;
  double total = 0;
};

void count_summed(std::span<const ReportRow> rows, Partial& out) {
  for (const ReportRow& r : rows) {
    out.counter.add(r.var1, r.var2);
    out.var1_margin[r.var1] += 1;
    out.var2_margin[r.var2] += 1;
  }
  out.total += static_cast<double>(rows.size());
}

// `rows` grouped by report.
void count_unique(std::span<const ReportRow> rows, Partial& out) {
  std::vector<std::uint64_t> pairs;
  std::vector<std::uint32_t> values;
  auto distinct = [](auto& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  for (std::size_t begin = 0; begin < rows.size();) {
    std::size_t end = begin + 1;
    while (end < rows.size() && rows[end].report == rows[begin].report) ++end;
    out.total += 1;
    if (end - begin == 1) {  // the common case: one row, nothing to deduplicate
      out.counter.add(rows[begin].var1, rows[begin].var2);
      out.var1_margin[rows[begin].var1] += 1;
      out.var2_margin[rows[begin].var2] += 1;
    } else {
      pairs.clear();
      for (std::size_t i = begin; i < end; ++i)
        pairs.push_back(std::uint64_t{rows[i].var1} << 32 | rows[i].var2);
      distinct(pairs);
      for (std::uint64_t p : pairs)
        out.counter.add(static_cast<std::uint32_t>(p >> 32), static_cast<std::uint32_t>(p));
      values.clear();
      for (std::uint64_t p : pairs) values.push_back(static_cast<std::uint32_t>(p >> 32));
      distinct(values);
      for (std::uint32_t v : values) out.var1_margin[v] += 1;
      values.clear();
      for (std::uint64_t p : pairs) values.push_back(static_cast<std::uint32_t>(p));
      distinct(values);
      for (std::uint32_t v : values) out.var2_margin[v] += 1;
    }
    begin = end;
  }
}

}  // namespace

CountTable count_pairs(std::span<const ReportRow> input, std::size_t var1_count,
                       std::size_t var2_count, Counting counting) {
  std::vector<ReportRow> sorted;
  std::span<const ReportRow> rows = input;
  if (counting == Counting::unique_reports && !grouped_by_report(input)) {
    sorted.assign(input.begin(), input.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const ReportRow& x, const ReportRow& y) { return x.report < y.report; });
    rows = sorted;
  }
  // Large inputs are split at report boundaries into one run per worker (at most 4, each with its
  // own dense counter), counted in parallel and added up.
  const bool dense = var1_count * var2_count <= kDenseLimit;
  std::size_t parts = 1;
  if (dense && rows.size() >= 1'000'000)
    parts = std::clamp<std::size_t>(static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
                                    1, 4);
  std::vector<std::size_t> cuts{0};
  for (std::size_t k = 1; k < parts; ++k) {
    std::size_t cut = std::max(cuts.back(), rows.size() * k / parts);
    while (cut > 0 && cut < rows.size() && rows[cut].report == rows[cut - 1].report) ++cut;
    cuts.push_back(cut);
  }
  cuts.push_back(rows.size());
  std::vector<std::unique_ptr<Partial>> partials(parts);
  tbb::parallel_for(std::size_t{0}, parts, [&](std::size_t k) {
    partials[k] = std::make_unique<Partial>(var1_count, var2_count);
    const auto run = rows.subspan(cuts[k], cuts[k + 1] - cuts[k]);
    if (counting == Counting::summed)
      count_summed(run, *partials[k]);
    else
      count_unique(run, *partials[k]);
  });
  Partial& all = *partials[0];
  for (std::size_t k = 1; k < parts; ++k) {
    all.counter.merge(partials[k]->counter);
    for (std::size_t i = 0; i < var1_count; ++i) all.var1_margin[i] += partials[k]->var1_margin[i];
    for (std::size_t i = 0; i < var2_count; ++i) all.var2_margin[i] += partials[k]->var2_margin[i];
    all.total += partials[k]->total;
  }

  CountTable table;
  table.pairs = all.counter.pairs();
  table.var1_margin = std::move(all.var1_margin);
  table.var2_margin = std::move(all.var2_margin);
  table.total = all.total;
  for (PairCount& p : table.pairs)
    p.e = table.var1_margin[p.var1] * table.var2_margin[p.var2] / table.total;
  return table;
}

std::uint32_t LabelIndex::id(std::string_view label) {
  if (auto it = ids_.find(label); it != ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(labels_.size());
  labels_.emplace_back(label);
  ids_.emplace(labels_.back(), id);
  return id;
}

}  // namespace riskloop::analytics
