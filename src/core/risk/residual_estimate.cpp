// Rules for residual estimates.
#include "core/risk/residual_estimate.hpp"

#include "core/risk/input_rules.hpp"

namespace riskloop::risk {

Status validate(const ResidualEstimateInput& in) {
  RL_CHECK(check_id("/situation_harm_id", in.situation_harm_id));
  Estimate e;
  e.probability_estimable = !in.probability_not_estimable;
  e.p1 = in.p1;
  e.p2 = in.p2;
  e.severity_rank = in.severity_rank;
  RL_CHECK(validate(e));
  RL_CHECK(check_long_text("/rationale", in.rationale, true));
  return {};
}

Estimate to_estimate(const ResidualEstimate& r, bool with_rationale) {
  Estimate e;
  e.probability_estimable = !r.probability_not_estimable;
  e.p1 = r.p1;
  e.p2 = r.p2;
  e.severity_rank = r.severity_rank;
  e.source = r.source;
  if (with_rationale) e.rationale = r.rationale;
  return e;
}

}  // namespace riskloop::risk
