// Moving a risk file to another policy version: what would change, listed before anything is
// applied, so that a person decides (nothing changes an accepted estimate silently).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/risk/compiled_policy.hpp"
#include "core/risk/estimate.hpp"
#include "core/risk/snapshot.hpp"

namespace riskloop::risk {

enum class EstimateKind { initial, residual };

// An estimate of a file, named by the record that holds it: the situation -> harm pair for an
// initial estimate, the residual estimate record for a residual one.
struct FileEstimate {
  Id id;
  EstimateKind kind = EstimateKind::initial;
  Estimate estimate;
};

// Every complete estimate of `snapshot`: initial ones in pair order, then residual ones in
// record order. Pairs whose estimate is incomplete or whose ends are missing are left out.
std::vector<FileEstimate> file_estimates(const RiskFileSnapshot& snapshot);

// One estimate whose evaluation would differ under the new policy.
struct EstimateChange {
  Id id;
  EstimateKind kind = EstimateKind::initial;
  std::int64_t old_severity_rank = 0;
  // Severity levels are matched by name: the stored rank means the old policy's level of that
  // rank, and the new rank is the new policy's level of the same name. Empty when the new policy
  // has no level of that name: a person must rate the harm again.
  std::optional<std::int64_t> new_severity_rank;
  std::int64_t old_probability_rank = 0;
  std::int64_t new_probability_rank = 0;
  Acceptability old_acceptability = Acceptability::unacceptable;
  std::optional<Acceptability> new_acceptability;  // empty when the severity is unmapped

  bool severity_changed() const { return new_severity_rank != old_severity_rank; }
  bool probability_changed() const { return new_probability_rank != old_probability_rank; }
  bool acceptability_changed() const { return new_acceptability != old_acceptability; }
};

// Lists, in input order, every estimate whose severity level, probability level or acceptability
// differs between `from` and `to`; estimates that stay the same are not listed. Fails with a
// validation error when an estimate cannot be evaluated under `from` (location "/<index>/p1"
// etc., message naming the estimate). Applies nothing.
[[nodiscard]] Result<std::vector<EstimateChange>> diff_policy_migration(
    std::span<const FileEstimate> estimates, const CompiledPolicy& from, const CompiledPolicy& to);

// For people: "Serious x Remote: acceptable -> Serious x Occasional: investigate".
std::string describe(const CompiledPolicy& from, const CompiledPolicy& to,
                     const EstimateChange& change);

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::EstimateKind> {
  static constexpr std::array<std::string_view, 2> names = {"initial", "residual"};
};

}  // namespace riskloop
