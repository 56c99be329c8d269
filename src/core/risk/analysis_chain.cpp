// Rules for the analysis chain and the assembly of initial estimates.
#include "core/risk/analysis_chain.hpp"

#include "core/risk/input_rules.hpp"
#include "core/risk/probability.hpp"
#include "core/text_rules.hpp"

namespace riskloop::risk {

Status validate(const HazardInput& in) {
  RL_CHECK(check_title("/title", in.title));
  RL_CHECK(check_long_text("/description", in.description));
  RL_CHECK(check_text("/category", in.category, {.max_length = 100}));
  return {};
}

Status validate(const HazardousSituationInput& in) {
  RL_CHECK(check_statement("/title", in.title));
  RL_CHECK(check_long_text("/sequence_of_events", in.sequence_of_events));
  if (in.p1) RL_CHECK(check_probability("/p1", *in.p1));
  RL_CHECK(check_long_text("/p1_rationale", in.p1_rationale));
  return {};
}

Status validate(const HarmInput& in) {
  RL_CHECK(check_statement("/title", in.title));
  RL_CHECK(check_long_text("/description", in.description));
  if (in.severity_rank && *in.severity_rank < 1)
    return fail(ErrorCode::validation,
                "must be a severity rank of 1 or more, got " + std::to_string(*in.severity_rank),
                "/severity_rank");
  RL_CHECK(check_long_text("/severity_rationale", in.severity_rationale));
  return {};
}

Status validate(const HazardSituationLinkInput& in) {
  RL_CHECK(check_id("/hazard_id", in.hazard_id));
  RL_CHECK(check_id("/situation_id", in.situation_id));
  return {};
}

Status validate(const SituationHarmInput& in) {
  RL_CHECK(check_id("/situation_id", in.situation_id));
  RL_CHECK(check_id("/harm_id", in.harm_id));
  if (in.probability_not_estimable) {
    if (in.p2)
      return fail(ErrorCode::validation, "must be empty when probability_not_estimable is true",
                  "/p2");
    RL_CHECK(check_long_text("/consequences", in.consequences, true));
  } else {
    if (in.p2) RL_CHECK(check_probability("/p2", *in.p2));
    RL_CHECK(check_long_text("/consequences", in.consequences));
  }
  RL_CHECK(check_long_text("/rationale", in.rationale));
  return {};
}

std::optional<Estimate> initial_estimate(const HazardousSituation& situation,
                                         const SituationHarm& pair, const Harm& harm,
                                         bool with_rationale) {
  if (!harm.severity_rank) return std::nullopt;
  Estimate e;
  e.severity_rank = *harm.severity_rank;
  e.source = pair.source;
  if (with_rationale) e.rationale = pair.rationale;
  if (pair.probability_not_estimable) {
    e.probability_estimable = false;
    return e;
  }
  if (!situation.p1 || !pair.p2) return std::nullopt;
  e.p1 = *situation.p1;
  e.p2 = *pair.p2;
  return e;
}

std::string missing_estimate_parts(const HazardousSituation& situation, const SituationHarm& pair,
                                   const Harm& harm) {
  std::string out;
  const auto add = [&out](std::string_view part) {
    if (!out.empty()) out += ", ";
    out += part;
  };
  if (!pair.probability_not_estimable) {
    if (!situation.p1) add("P1 of the hazardous situation");
    if (!pair.p2) add("P2");
  }
  if (!harm.severity_rank) add("severity of the harm");
  return out;
}

}  // namespace riskloop::risk
