// The journaled record of moving a risk file to another policy version: every estimate whose
// evaluation changed, as the person saw it when they decided.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/record.hpp"
#include "core/risk/policy.hpp"
#include "core/risk/policy_migration.hpp"

namespace riskloop::risk {

struct MigratedEstimate {
  Id id;                        // situation_harm or residual_estimate id
  EstimateKind kind = EstimateKind::initial;
  std::string description;      // "Serious x Remote: acceptable -> Serious x Occasional: investigate"
  std::int64_t old_severity_rank = 0;
  std::optional<std::int64_t> new_severity_rank;
  std::int64_t old_probability_rank = 0;
  std::int64_t new_probability_rank = 0;
  Acceptability old_acceptability = Acceptability::unacceptable;
  std::optional<Acceptability> new_acceptability;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("id", s.id);
    v("kind", s.kind);
    v("description", s.description);
    v("old_severity_rank", s.old_severity_rank);
    v("new_severity_rank", s.new_severity_rank);
    v("old_probability_rank", s.old_probability_rank);
    v("new_probability_rank", s.new_probability_rank);
    v("old_acceptability", s.old_acceptability);
    v("new_acceptability", s.new_acceptability);
  }
};

struct PolicyMigration {
  static constexpr std::string_view entity = "policy_migration";
  static constexpr std::string_view table = "policy_migrations";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  Id from_policy_id;
  std::int64_t from_policy_version = 0;
  Id to_policy_id;
  std::int64_t to_policy_version = 0;
  std::vector<MigratedEstimate> changes;
  std::string rationale;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("from_policy_id", s.from_policy_id);
    v("from_policy_version", s.from_policy_version);
    v("to_policy_id", s.to_policy_id);
    v("to_policy_version", s.to_policy_version);
    v("changes", s.changes);
    v("rationale", s.rationale);
  }
};

struct PolicyMigrationInput {
  Id to_policy_id;
  std::int64_t to_policy_version = 0;
  std::string rationale;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("to_policy_id", s.to_policy_id);
    v("to_policy_version", s.to_policy_version);
    v("rationale", s.rationale);
  }
};

}  // namespace riskloop::risk
