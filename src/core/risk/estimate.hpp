// Risk estimation (ISO 14971 5.5) and evaluation against the policy (6): P = P1 x P2 gives a
// probability level, which with the severity level selects a cell of the acceptability matrix.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/risk/compiled_policy.hpp"

namespace riskloop::risk {

enum class EstimateSource { expert, literature, bench_test, clinical_data, field_data };

// One estimate of one hazardous situation -> harm pair.
struct Estimate {
  // False when the probability of harm cannot be estimated (5.5); p1 and p2 are then ignored and
  // the risk is evaluated on severity alone at the worst probability level.
  bool probability_estimable = true;
  double p1 = 0.0;  // the sequence of events leads to the hazardous situation
  double p2 = 0.0;  // the hazardous situation leads to the harm
  std::int64_t severity_rank = 0;
  EstimateSource source = EstimateSource::expert;
  std::string rationale;
};

struct Evaluation {
  std::int64_t severity_rank = 0;
  std::int64_t probability_rank = 0;
  std::optional<double> probability;  // P1 x P2; empty when not estimable
  Acceptability acceptability = Acceptability::unacceptable;
  // Probability not estimable: probability_rank is the policy's highest level, by rule.
  bool worst_case_probability = false;

  bool acceptable() const { return acceptability == Acceptability::acceptable; }
  friend bool operator==(const Evaluation&, const Evaluation&) = default;
};

// Field checks that need no policy: p1 and p2 finite in [0, 1] when estimable (locations "/p1",
// "/p2"), severity_rank >= 1, rationale at most 10 000 characters.
Status validate(const Estimate& estimate);

// Evaluates `estimate` against `policy`. Fails with a validation error naming the field when a
// probability is out of range or not finite, or the severity rank is not one of the policy's.
// The rationale is not looked at, so this stays cheap enough to re-evaluate whole files.
[[nodiscard]] Result<Evaluation> evaluate(const CompiledPolicy& policy, const Estimate& estimate);

// For people: "Serious x Remote (P = 2e-06 per use): acceptable", or with "probability not
// estimable, evaluated at the worst level" in place of P.
std::string describe(const CompiledPolicy& policy, const Evaluation& evaluation);

}  // namespace riskloop::risk

namespace riskloop {

template <>
struct EnumNames<risk::EstimateSource> {
  static constexpr std::array<std::string_view, 5> names = {"expert", "literature", "bench_test",
                                                            "clinical_data", "field_data"};
};

}  // namespace riskloop
