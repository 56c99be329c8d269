// The organization's risk policy (ISO 14971 4.2, 4.4 d/e): severity and probability scales, the
// acceptability matrix and the criteria texts. Versioned; every risk file pins one version.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record.hpp"

namespace riskloop::risk {

enum class PolicyStatus { draft, approved };

// What the probability of harm is counted against; fixed for the whole probability scale.
enum class ProbabilityBasis { per_use, per_device_year };

// Outcome of one severity x probability cell.
enum class Acceptability {
  acceptable,    // no further risk control required (ISO 14971 6)
  investigate,   // reduce as far as possible / investigate further; not acceptable as it stands
  unacceptable,  // must be controlled, or accepted only through a benefit-risk decision (7.4)
};

// Rank 1 is the least severe.
struct SeverityLevel {
  std::int64_t rank = 0;
  std::string name;         // "Serious"
  std::string description;  // "injury needing professional medical intervention"

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("rank", s.rank);
    v("name", s.name);
    v("description", s.description);
  }
};

// Rank 1 is the least probable. The level holds probabilities p with min <= p < max; the last
// level also holds p == 1.
struct ProbabilityLevel {
  std::int64_t rank = 0;
  std::string name;  // "Remote"
  double min = 0.0;
  double max = 0.0;
  std::string description;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("rank", s.rank);
    v("name", s.name);
    v("min", s.min);
    v("max", s.max);
    v("description", s.description);
  }
};

struct MatrixCell {
  std::int64_t severity_rank = 0;
  std::int64_t probability_rank = 0;
  Acceptability acceptability = Acceptability::unacceptable;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("severity_rank", s.severity_rank);
    v("probability_rank", s.probability_rank);
    v("acceptability", s.acceptability);
  }
};

// One version of a policy. Versions of the same policy share `policy_id`; a risk file refers to
// (policy_id, policy_version). An approved version never changes: a revision is a new version.
struct RiskPolicy {
  static constexpr std::string_view entity = "risk_policy";
  static constexpr std::string_view table = "risk_policies";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id policy_id;                     // the policy across its versions
  std::int64_t policy_version = 1;  // 1, 2, ... within policy_id
  PolicyStatus status = PolicyStatus::draft;
  std::string name;
  ProbabilityBasis probability_basis = ProbabilityBasis::per_use;
  std::vector<SeverityLevel> severity_levels;        // in rank order 1..n
  std::vector<ProbabilityLevel> probability_levels;  // in rank order 1..m
  std::vector<MatrixCell> acceptability_matrix;      // exactly one cell per severity x probability
  std::string overall_residual_criteria;  // 4.4 e: method and criteria for overall residual risk
  std::string not_estimable_criteria;     // 4.4 d: criteria when probability cannot be estimated
  std::optional<Timestamp> approved_at;
  Id approved_by;  // user id; empty while draft

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("policy_id", s.policy_id);
    v("policy_version", s.policy_version);
    v("status", s.status);
    v("name", s.name);
    v("probability_basis", s.probability_basis);
    v("severity_levels", s.severity_levels);
    v("probability_levels", s.probability_levels);
    v("acceptability_matrix", s.acceptability_matrix);
    v("overall_residual_criteria", s.overall_residual_criteria);
    v("not_estimable_criteria", s.not_estimable_criteria);
    v("approved_at", s.approved_at);
    v("approved_by", s.approved_by);
  }
};

// The fields a person may set on a draft.
struct RiskPolicyInput {
  std::string name;
  ProbabilityBasis probability_basis = ProbabilityBasis::per_use;
  std::vector<SeverityLevel> severity_levels;
  std::vector<ProbabilityLevel> probability_levels;
  std::vector<MatrixCell> acceptability_matrix;
  std::string overall_residual_criteria;
  std::string not_estimable_criteria;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("name", s.name);
    v("probability_basis", s.probability_basis);
    v("severity_levels", s.severity_levels);
    v("probability_levels", s.probability_levels);
    v("acceptability_matrix", s.acceptability_matrix);
    v("overall_residual_criteria", s.overall_residual_criteria);
    v("not_estimable_criteria", s.not_estimable_criteria);
  }
};

// Checks everything a policy needs before it can evaluate a risk, and reports the first breach at
// its JSON pointer (e.g. "/probability_levels/2/max"):
//  - 1 to 20 levels per scale, ranks 1..n in list order, names non-empty and unique per scale;
//  - probability ranges: the first starts at 0, each starts where the previous one ends (no gap,
//    no overlap), each ends above its start, the last ends at 1;
//  - the matrix has exactly one cell for every severity x probability pair, ranks in range;
//  - both criteria texts are present.
// For a record also: policy_version >= 1, and an approved version names its approver and time.
Status validate(const RiskPolicyInput& policy);
Status validate(const RiskPolicy& policy);

// A 5 x 5 starting point (ISO/TR 24971-style example scales, per use): severity Negligible..
// Catastrophic, probability Improbable (< 1e-6) .. Frequent (>= 1e-3). Status draft, no ids: the
// organization reviews, adapts and approves it like any other version.
RiskPolicy default_policy();

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::PolicyStatus> {
  static constexpr std::array<std::string_view, 2> names = {"draft", "approved"};
};

template <>
struct EnumNames<risk::ProbabilityBasis> {
  static constexpr std::array<std::string_view, 2> names = {"per_use", "per_device_year"};
};

template <>
struct EnumNames<risk::Acceptability> {
  static constexpr std::array<std::string_view, 3> names = {"acceptable", "investigate",
                                                            "unacceptable"};
};

}  // namespace riskloop
