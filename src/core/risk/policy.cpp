// Validation of risk policies and the default 5 x 5 policy.
#include "core/risk/policy.hpp"

#include <cmath>

#include "core/risk/probability.hpp"
#include "core/text_rules.hpp"

namespace riskloop::risk {
namespace {

constexpr std::size_t kMaxLevels = 20;

std::string at(std::string_view list, std::size_t index, std::string_view field = {}) {
  std::string out = "/" + std::string(list) + "/" + std::to_string(index);
  if (!field.empty()) out += "/" + std::string(field);
  return out;
}

// Rank order, names and descriptions: the rules both scales share.
template <class Level>
Status check_scale(std::string_view list, const std::vector<Level>& levels) {
  if (levels.empty() || levels.size() > kMaxLevels)
    return fail(ErrorCode::validation,
                "must list 1 to " + std::to_string(kMaxLevels) + " levels (has " +
                    std::to_string(levels.size()) + ")",
                "/" + std::string(list));
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const auto& level = levels[i];
    const auto expected = static_cast<std::int64_t>(i + 1);
    if (level.rank != expected)
      return fail(ErrorCode::validation,
                  "must be " + std::to_string(expected) + ", got " + std::to_string(level.rank) +
                      ": ranks run 1.." + std::to_string(levels.size()) + " in list order",
                  at(list, i, "rank"));
    RL_CHECK(check_text(at(list, i, "name"), level.name, {.min_length = 1, .max_length = 100}));
    for (std::size_t k = 0; k < i; ++k)
      if (levels[k].name == level.name)
        return fail(ErrorCode::validation,
                    "repeats the name \"" + level.name + "\" of " + at(list, k),
                    at(list, i, "name"));
    RL_CHECK(check_text(at(list, i, "description"), level.description,
                        {.max_length = 2000, .multiline = true}));
  }
  return {};
}

Status check_ranges(const std::vector<ProbabilityLevel>& levels) {
  constexpr std::string_view list = "probability_levels";
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const auto& level = levels[i];
    RL_CHECK(check_probability(at(list, i, "min"), level.min));
    if (i == 0 && level.min != 0.0)
      return fail(ErrorCode::validation,
                  "must be 0: the first level starts at probability 0, got " +
                      format_probability(level.min),
                  at(list, i, "min"));
    if (i > 0 && level.min != levels[i - 1].max)
      return fail(ErrorCode::validation,
                  "must equal the max of the level before it (" +
                      format_probability(levels[i - 1].max) + ") so that ranges neither " +
                      (level.min > levels[i - 1].max ? "leave a gap" : "overlap") + ", got " +
                      format_probability(level.min),
                  at(list, i, "min"));
    RL_CHECK(check_probability(at(list, i, "max"), level.max));
    if (level.max <= level.min)
      return fail(ErrorCode::validation,
                  "must be greater than min (" + format_probability(level.min) + "), got " +
                      format_probability(level.max),
                  at(list, i, "max"));
    if (i + 1 == levels.size() && level.max != 1.0)
      return fail(
          ErrorCode::validation,
          "must be 1: the last level ends at probability 1, got " + format_probability(level.max),
          at(list, i, "max"));
  }
  return {};
}

Status check_matrix(const std::vector<MatrixCell>& cells, std::size_t severities,
                    std::size_t probabilities) {
  constexpr std::string_view list = "acceptability_matrix";
  // Position of the cell seen for each (severity, probability), or -1.
  std::vector<std::ptrdiff_t> seen(severities * probabilities, -1);
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const auto& cell = cells[k];
    if (cell.severity_rank < 1 || cell.severity_rank > static_cast<std::int64_t>(severities))
      return fail(ErrorCode::validation,
                  "is not one of the severity ranks 1.." + std::to_string(severities) + ", got " +
                      std::to_string(cell.severity_rank),
                  at(list, k, "severity_rank"));
    if (cell.probability_rank < 1 ||
        cell.probability_rank > static_cast<std::int64_t>(probabilities))
      return fail(ErrorCode::validation,
                  "is not one of the probability ranks 1.." + std::to_string(probabilities) +
                      ", got " + std::to_string(cell.probability_rank),
                  at(list, k, "probability_rank"));
    auto& slot = seen[static_cast<std::size_t>(cell.severity_rank - 1) * probabilities +
                      static_cast<std::size_t>(cell.probability_rank - 1)];
    if (slot >= 0)
      return fail(ErrorCode::validation,
                  "repeats the cell for severity " + std::to_string(cell.severity_rank) +
                      " x probability " + std::to_string(cell.probability_rank) + " of " +
                      at(list, static_cast<std::size_t>(slot)),
                  at(list, k));
    slot = static_cast<std::ptrdiff_t>(k);
  }
  for (std::size_t s = 0; s < severities; ++s)
    for (std::size_t p = 0; p < probabilities; ++p)
      if (seen[s * probabilities + p] < 0)
        return fail(ErrorCode::validation,
                    "has no cell for severity " + std::to_string(s + 1) + " x probability " +
                        std::to_string(p + 1) + ": every pair needs exactly one cell",
                    "/" + std::string(list));
  return {};
}

template <class Policy>
Status check_content(const Policy& p) {
  RL_CHECK(check_text("/name", p.name, {.min_length = 1, .max_length = 200}));
  RL_CHECK(check_scale("severity_levels", p.severity_levels));
  RL_CHECK(check_scale("probability_levels", p.probability_levels));
  RL_CHECK(check_ranges(p.probability_levels));
  RL_CHECK(
      check_matrix(p.acceptability_matrix, p.severity_levels.size(), p.probability_levels.size()));
  RL_CHECK(check_text("/overall_residual_criteria", p.overall_residual_criteria,
                      {.min_length = 1, .max_length = 10000, .multiline = true}));
  RL_CHECK(check_text("/not_estimable_criteria", p.not_estimable_criteria,
                      {.min_length = 1, .max_length = 10000, .multiline = true}));
  return {};
}

}  // namespace

Status validate(const RiskPolicyInput& policy) {
  return check_content(policy);
}

Status validate(const RiskPolicy& policy) {
  if (policy.policy_version < 1)
    return fail(ErrorCode::validation,
                "must be 1 or more, got " + std::to_string(policy.policy_version),
                "/policy_version");
  RL_CHECK(check_content(policy));
  if (policy.status == PolicyStatus::approved) {
    if (!policy.approved_at)
      return fail(ErrorCode::validation, "is required when status is approved", "/approved_at");
    if (policy.approved_by.empty())
      return fail(ErrorCode::validation, "is required when status is approved", "/approved_by");
  }
  return {};
}

RiskPolicy default_policy() {
  using A = Acceptability;
  RiskPolicy p;
  p.name = "Default 5 x 5 risk policy";
  p.probability_basis = ProbabilityBasis::per_use;
  p.severity_levels = {
      {1, "Negligible", "Inconvenience or temporary discomfort"},
      {2, "Minor", "Temporary injury or impairment not needing professional medical intervention"},
      {3, "Serious", "Injury or impairment needing professional medical intervention"},
      {4, "Critical", "Permanent impairment or life-threatening injury"},
      {5, "Catastrophic", "Death"},
  };
  p.probability_levels = {
      {1, "Improbable", 0.0, 1e-6, "Less than one in a million uses"},
      {2, "Remote", 1e-6, 1e-5, "One in a million to one in 100 000 uses"},
      {3, "Occasional", 1e-5, 1e-4, "One in 100 000 to one in 10 000 uses"},
      {4, "Probable", 1e-4, 1e-3, "One in 10 000 to one in 1 000 uses"},
      {5, "Frequent", 1e-3, 1.0, "One in 1 000 uses or more"},
  };
  // Rows: severity 1..5; columns: probability 1..5 (Improbable..Frequent). Death is never
  // acceptable outright; anything Probable or Frequent that needs medical care is unacceptable.
  constexpr A kMatrix[5][5] = {
      {A::acceptable, A::acceptable, A::acceptable, A::acceptable, A::investigate},
      {A::acceptable, A::acceptable, A::acceptable, A::investigate, A::investigate},
      {A::acceptable, A::acceptable, A::investigate, A::unacceptable, A::unacceptable},
      {A::acceptable, A::investigate, A::investigate, A::unacceptable, A::unacceptable},
      {A::investigate, A::investigate, A::unacceptable, A::unacceptable, A::unacceptable},
  };
  for (std::int64_t s = 1; s <= 5; ++s)
    for (std::int64_t q = 1; q <= 5; ++q)
      p.acceptability_matrix.push_back({s, q, kMatrix[s - 1][q - 1]});
  p.not_estimable_criteria =
      "When the probability of harm cannot be estimated, the risk is evaluated on severity alone "
      "at the most probable level (Frequent): it is acceptable only where that cell is "
      "acceptable; otherwise it is controlled and its possible consequences are listed.";
  p.overall_residual_criteria =
      "The overall residual risk is reviewed by the risk management team against the benefits of "
      "the device documented in the clinical evaluation, considering all residual risks together "
      "and comparable devices on the market. It is acceptable when every individual residual risk "
      "is acceptable or accepted through a benefit-risk decision, and the benefits outweigh the "
      "combined residual risk.";
  return p;
}

}  // namespace riskloop::risk
