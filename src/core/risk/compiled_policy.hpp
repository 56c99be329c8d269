// A validated risk policy prepared for fast evaluation: probability-to-level lookup and a dense
// acceptability matrix.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/risk/policy.hpp"

namespace riskloop::risk {

class CompiledPolicy {
 public:
  // Validates `policy` (see validate(const RiskPolicy&)) and keeps a copy; the error is the
  // validation error.
  [[nodiscard]] static Result<CompiledPolicy> compile(const RiskPolicy& policy);

  const RiskPolicy& policy() const { return policy_; }
  std::int64_t severity_count() const { return static_cast<std::int64_t>(severity_count_); }
  std::int64_t probability_count() const { return static_cast<std::int64_t>(probability_count_); }
  bool has_severity(std::int64_t rank) const { return rank >= 1 && rank <= severity_count(); }

  // Rank of the level holding `p`, which must be in [0, 1] (checked by callers). A value less
  // than one part in 10^12 below a level's lower bound counts as on it: rounding in P1 x P2 must
  // never make a risk look less probable than the arithmetic says.
  std::int64_t probability_rank(double p) const;

  // Cell of the matrix; both ranks must be in range.
  Acceptability acceptability(std::int64_t severity_rank, std::int64_t probability_rank) const {
    return matrix_[static_cast<std::size_t>(severity_rank - 1) * probability_count_ +
                   static_cast<std::size_t>(probability_rank - 1)];
  }

  const SeverityLevel& severity_level(std::int64_t rank) const {
    return policy_.severity_levels[static_cast<std::size_t>(rank - 1)];
  }
  const ProbabilityLevel& probability_level(std::int64_t rank) const {
    return policy_.probability_levels[static_cast<std::size_t>(rank - 1)];
  }
  // Rank of the severity level called `name`, if any.
  std::optional<std::int64_t> severity_rank_named(std::string_view name) const;

 private:
  explicit CompiledPolicy(RiskPolicy policy);

  RiskPolicy policy_;
  std::size_t severity_count_ = 0;
  std::size_t probability_count_ = 0;
  std::vector<double> lower_bounds_;   // per probability level, tolerance applied
  std::vector<Acceptability> matrix_;  // severity-major
};

}  // namespace riskloop::risk
