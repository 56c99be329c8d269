// The residual estimate of a risk after its controls (ISO 14971 7.3): a fresh P1, P2 and
// severity for one hazardous situation -> harm pair, since controls may lower any of the three.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/record.hpp"
#include "core/risk/estimate.hpp"

namespace riskloop::risk {

// One per pair; where a snapshot holds several, the most recently updated one counts.
struct ResidualEstimate {
  static constexpr std::string_view entity = "residual_estimate";
  static constexpr std::string_view table = "residual_estimates";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  Id risk_file_id;
  Id situation_harm_id;
  bool probability_not_estimable = false;
  double p1 = 0.0;
  double p2 = 0.0;
  std::int64_t severity_rank = 0;
  EstimateSource source = EstimateSource::expert;
  std::string rationale;

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
  }
};

struct ResidualEstimateInput {
  Id situation_harm_id;
  bool probability_not_estimable = false;
  double p1 = 0.0;
  double p2 = 0.0;
  std::int64_t severity_rank = 0;
  EstimateSource source = EstimateSource::expert;
  std::string rationale;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("situation_harm_id", s.situation_harm_id);
    v("probability_not_estimable", s.probability_not_estimable);
    v("p1", s.p1);
    v("p2", s.p2);
    v("severity_rank", s.severity_rank);
    v("source", s.source);
    v("rationale", s.rationale);
  }
};

// situation_harm_id required; then the checks of validate(const Estimate&), with a rationale
// required (a residual estimate must say why the controls changed the risk).
Status validate(const ResidualEstimateInput& input);

// The estimate this record states (no copy of the rationale when `with_rationale` is false).
Estimate to_estimate(const ResidualEstimate& residual, bool with_rationale = true);

}  // namespace riskloop::risk
