// Rules for residual estimates.
#include "core/risk/residual_estimate.hpp"

#include "core/risk/input_rules.hpp"
#include "core/risk/risk_control.hpp"

namespace riskloop::risk {

Status validate(const ResidualEstimateInput& in) {
  if (in.situation_harm_id.empty())
    return fail(ErrorCode::validation, "is required: choose the risk this estimate is for",
                "/situation_harm_id");
  RL_CHECK(check_id("/situation_harm_id", in.situation_harm_id));
  if (in.probability_not_estimable) {
    constexpr std::string_view kWhy = " when probability_not_estimable is true";
    if (in.p1) return fail(ErrorCode::validation, "must be left out" + std::string(kWhy), "/p1");
    if (in.p2) return fail(ErrorCode::validation, "must be left out" + std::string(kWhy), "/p2");
  } else {
    constexpr std::string_view kWhat =
        "is required: enter the probability after the controls (0 to 1), or mark the "
        "probability not estimable and list the consequences";
    if (!in.p1) return fail(ErrorCode::validation, std::string(kWhat), "/p1");
    if (!in.p2) return fail(ErrorCode::validation, std::string(kWhat), "/p2");
  }
  if (!in.severity_rank)
    return fail(ErrorCode::validation, "is required: choose the severity after the controls",
                "/severity_rank");
  Estimate e;
  e.probability_estimable = !in.probability_not_estimable;
  e.p1 = in.p1.value_or(0.0);
  e.p2 = in.p2.value_or(0.0);
  e.severity_rank = *in.severity_rank;
  RL_CHECK(validate(e));
  RL_CHECK(check_long_text("/rationale", in.rationale, true));
  RL_CHECK(check_long_text("/consequences", in.consequences));
  if (in.probability_not_estimable && !has_content(in.consequences))
    return fail(ErrorCode::validation,
                "is required when probability_not_estimable is true: list the possible "
                "consequences (ISO 14971 5.5)",
                "/consequences");
  if (!in.severity_control_id.empty())
    RL_CHECK(check_id("/severity_control_id", in.severity_control_id));
  return {};
}

void apply(const ResidualEstimateInput& in, ResidualEstimate& rec) {
  rec.situation_harm_id = in.situation_harm_id;
  rec.probability_not_estimable = in.probability_not_estimable;
  rec.p1 = in.probability_not_estimable ? 0.0 : in.p1.value_or(0.0);
  rec.p2 = in.probability_not_estimable ? 0.0 : in.p2.value_or(0.0);
  rec.severity_rank = in.severity_rank.value_or(0);
  rec.source = in.source;
  rec.rationale = in.rationale;
  rec.consequences = in.consequences;
  rec.severity_control_id = in.severity_control_id;
}

ResidualEstimateInput input_of_record(const ResidualEstimate& r) {
  ResidualEstimateInput in;
  in.situation_harm_id = r.situation_harm_id;
  in.probability_not_estimable = r.probability_not_estimable;
  if (!r.probability_not_estimable) {
    in.p1 = r.p1;
    in.p2 = r.p2;
  }
  in.severity_rank = r.severity_rank;
  in.source = r.source;
  in.rationale = r.rationale;
  in.consequences = r.consequences;
  in.severity_control_id = r.severity_control_id;
  return in;
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

Status check_severity_change(const ResidualEstimate& r, std::optional<std::int64_t> initial,
                             const RiskControl* control, bool linked) {
  constexpr std::string_view where = "/severity_control_id";
  if (!initial || r.severity_rank >= *initial) return {};
  const std::string lowered = "the residual severity (" + std::to_string(r.severity_rank) +
                              ") is below the initial severity (" + std::to_string(*initial) +
                              "): ";
  if (r.severity_control_id.empty())
    return fail(ErrorCode::validation,
                lowered +
                    "name the inherent-safety-by-design control, linked to this risk, that "
                    "changed the harm, and say how in the rationale",
                std::string(where));
  if (!control)
    return fail(ErrorCode::validation,
                lowered + "risk control " + r.severity_control_id + " does not exist in this file",
                std::string(where));
  if (control->option != ControlOption::inherent_safety)
    return fail(ErrorCode::validation,
                lowered + "control \"" + control->title + "\" is " +
                    std::string(option_label(control->option)) +
                    "; only inherent safety by design can change the harm itself",
                std::string(where));
  if (!linked)
    return fail(ErrorCode::validation,
                lowered + "control \"" + control->title + "\" is not linked to this risk",
                std::string(where));
  return {};
}

}  // namespace riskloop::risk
