// The residual estimate of a risk after its controls (ISO 14971 7.3): a fresh P1, P2 and
// severity for one hazardous situation -> harm pair, since controls may lower any of the three.
// Every part is entered deliberately: nothing of an estimate comes from a default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/record.hpp"
#include "core/risk/estimate.hpp"

namespace riskloop::risk {

struct RiskControl;

// One per pair (the store refuses a second; it is revised instead). Where a snapshot holds
// several, the most recently updated one counts.
struct ResidualEstimate {
  static constexpr std::string_view entity = "residual_estimate";
  static constexpr std::string_view table = "residual_estimates";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  Id situation_harm_id;
  bool probability_not_estimable = false;
  double p1 = 0.0;  // 0 when the probability is not estimable
  double p2 = 0.0;
  std::int64_t severity_rank = 0;
  EstimateSource source = EstimateSource::expert;
  std::string rationale;
  // 5.5: the possible consequences, listed when the probability is not estimable.
  std::string consequences;
  // The control of the inherent-safety-by-design option, linked to this risk, that lowers the
  // severity below the initial one; empty when the severity is not lowered.
  Id severity_control_id;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("risk_file_id", s.risk_file_id);
    v("situation_harm_id", s.situation_harm_id);
    v("probability_not_estimable", s.probability_not_estimable);
    v("p1", s.p1);
    v("p2", s.p2);
    v("severity_rank", s.severity_rank);
    v("source", s.source);
    v("rationale", s.rationale);
    v("consequences", s.consequences, kAddedLater);
    v("severity_control_id", s.severity_control_id, kAddedLater);
  }
};

// What a person enters. P1, P2 and the severity have no default: absent is an error, never 0.
struct ResidualEstimateInput {
  Id situation_harm_id;
  bool probability_not_estimable = false;
  std::optional<double> p1;
  std::optional<double> p2;
  std::optional<std::int64_t> severity_rank;
  EstimateSource source = EstimateSource::expert;
  std::string rationale;
  std::string consequences;
  Id severity_control_id;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("situation_harm_id", s.situation_harm_id);
    v("probability_not_estimable", s.probability_not_estimable);
    v("p1", s.p1);
    v("p2", s.p2);
    v("severity_rank", s.severity_rank);
    v("source", s.source);
    v("rationale", s.rationale);
    v("consequences", s.consequences);
    v("severity_control_id", s.severity_control_id);
  }
};

// situation_harm_id required; severity_rank required; P1 and P2 required unless the probability
// is not estimable, when they must be absent and the consequences listed instead ("/p1 is
// required", "/consequences is required when probability_not_estimable is true"); then the checks
// of validate(const Estimate&), with a rationale required (a residual estimate must say why the
// controls changed the risk). Whether a lowered severity names its control is a rule across
// records, checked where the risk's initial severity and controls are known (check_severity_change).
Status validate(const ResidualEstimateInput& input);

// The record `input` states (header, file and id left as they are in `rec`). Call after validate.
void apply(const ResidualEstimateInput& input, ResidualEstimate& rec);
// The settable fields of `rec`: where a partial update starts.
ResidualEstimateInput input_of_record(const ResidualEstimate& rec);

// The estimate this record states (no copy of the rationale when `with_rationale` is false).
Estimate to_estimate(const ResidualEstimate& residual, bool with_rationale = true);

// A residual severity below the initial one (`initial_severity`, the harm's) is a claim that a
// control changed the harm itself, which only inherent safety by design can do (7.1 a): then
// severity_control_id must name `control`, a control of that option linked to the risk, and the
// rationale must say how. `control` is the record severity_control_id names (nullptr when empty
// or not found), `linked` whether it is linked to the estimate's risk. Errors at
// "/severity_control_id".
Status check_severity_change(const ResidualEstimate& residual,
                             std::optional<std::int64_t> initial_severity,
                             const RiskControl* control, bool linked);

}  // namespace riskloop::risk
