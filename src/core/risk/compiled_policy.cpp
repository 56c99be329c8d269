// Lookup tables built from a validated policy.
#include "core/risk/compiled_policy.hpp"

namespace riskloop::risk {
namespace {

// Relative slack below a level boundary that still counts as on it (see probability_rank).
constexpr double kBoundarySlack = 1e-12;

}  // namespace

Result<CompiledPolicy> CompiledPolicy::compile(const RiskPolicy& policy) {
  RL_CHECK(validate(policy));
  return CompiledPolicy(policy);
}

CompiledPolicy::CompiledPolicy(RiskPolicy policy)
    : policy_(std::move(policy)),
      severity_count_(policy_.severity_levels.size()),
      probability_count_(policy_.probability_levels.size()),
      matrix_(severity_count_ * probability_count_, Acceptability::unacceptable) {
  lower_bounds_.reserve(probability_count_);
  for (const auto& level : policy_.probability_levels)
    lower_bounds_.push_back(level.min * (1.0 - kBoundarySlack));
  for (const auto& cell : policy_.acceptability_matrix)
    matrix_[static_cast<std::size_t>(cell.severity_rank - 1) * probability_count_ +
            static_cast<std::size_t>(cell.probability_rank - 1)] = cell.acceptability;
}

std::int64_t CompiledPolicy::probability_rank(double p) const {
  // Scales are short (at most 20 levels): a backward scan beats a binary search here.
  for (std::size_t i = probability_count_; i > 1; --i)
    if (p >= lower_bounds_[i - 1]) return static_cast<std::int64_t>(i);
  return 1;
}

std::optional<std::int64_t> CompiledPolicy::severity_rank_named(std::string_view name) const {
  for (const auto& level : policy_.severity_levels)
    if (level.name == name) return level.rank;
  return std::nullopt;
}

}  // namespace riskloop::risk
