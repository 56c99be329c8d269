// Evaluation of risk estimates against a compiled policy.
#include "core/risk/estimate.hpp"

#include "core/risk/probability.hpp"
#include "core/text_rules.hpp"

namespace riskloop::risk {

Status validate(const Estimate& e) {
  if (e.probability_estimable) {
    RL_CHECK(check_probability("/p1", e.p1));
    RL_CHECK(check_probability("/p2", e.p2));
  }
  if (e.severity_rank < 1)
    return fail(ErrorCode::validation,
                "must be a severity rank of 1 or more, got " + std::to_string(e.severity_rank),
                "/severity_rank");
  RL_CHECK(check_text("/rationale", e.rationale, {.max_length = 10000, .multiline = true}));
  return {};
}

Result<Evaluation> evaluate(const CompiledPolicy& policy, const Estimate& e) {
  if (!policy.has_severity(e.severity_rank))
    return fail(ErrorCode::validation,
                "is not one of the policy's severity ranks 1.." +
                    std::to_string(policy.severity_count()) + ", got " +
                    std::to_string(e.severity_rank),
                "/severity_rank");
  Evaluation out;
  out.severity_rank = e.severity_rank;
  if (e.probability_estimable) {
    RL_CHECK(check_probability("/p1", e.p1));
    RL_CHECK(check_probability("/p2", e.p2));
    const double p = e.p1 * e.p2;
    out.probability = p;
    out.probability_rank = policy.probability_rank(p);
  } else {
    out.probability_rank = policy.probability_count();
    out.worst_case_probability = true;
  }
  out.acceptability = policy.acceptability(out.severity_rank, out.probability_rank);
  return out;
}

std::string describe(const CompiledPolicy& policy, const Evaluation& ev) {
  std::string out = policy.severity_level(ev.severity_rank).name + " x " +
                    policy.probability_level(ev.probability_rank).name + " (";
  if (ev.worst_case_probability || !ev.probability) {
    out += "probability not estimable, evaluated at the worst level";
  } else {
    out += "P = " + format_probability(*ev.probability);
    out += policy.policy().probability_basis == ProbabilityBasis::per_use ? " per use"
                                                                          : " per device-year";
  }
  out += "): ";
  out += name_of(ev.acceptability);
  return out;
}

}  // namespace riskloop::risk
