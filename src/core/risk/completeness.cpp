// The completeness rules of ISO 14971 7.6 over an indexed risk file.
#include "core/risk/completeness.hpp"

namespace riskloop::risk {
namespace {

bool counts(Stage stage, const std::optional<Stage>& up_to) {
  return !up_to || at_or_before(stage, *up_to);
}

std::string quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// Whether one of `pairs` counts (a situation or harm whose risks are all retired leads nowhere).
bool any_counted(std::span<const std::size_t> pairs, const RiskFileIndex& index) {
  for (auto p : pairs)
    if (index.counts_pair(p)) return true;
  return false;
}

std::string error_text(const Error& e) {
  return e.location.empty() ? e.message : e.location.substr(1) + " " + e.message;
}

void check_risk(const RiskFileIndex& index, const CompiledPolicy& policy, const RiskAssessment& a,
                std::vector<Finding>& out) {
  const auto& s = index.snapshot();
  const auto& pair = s.situation_harms[a.pair];
  const auto add = [&](FindingCode code, std::string message) {
    out.push_back({code, SituationHarm::entity, pair.header.id, std::move(message)});
  };

  const auto sit = index.situation_of_pair(a.pair);
  const auto harm = index.harm_of_pair(a.pair);
  if (sit == RiskFileIndex::npos || harm == RiskFileIndex::npos) return;  // a broken link

  if (a.initial_state == EstimateState::missing) {
    add(FindingCode::risk_not_estimated,
        index.pair_name(a.pair) + " is not estimated: missing " +
            missing_estimate_parts(s.situations[sit], pair, s.harms[harm]));
  } else if (a.initial_state == EstimateState::invalid) {
    // Rare: evaluate again for the reason rather than keep an error for every risk.
    const auto e = initial_estimate(s.situations[sit], pair, s.harms[harm], false);
    const auto ev = evaluate(policy, *e);
    add(FindingCode::estimate_invalid, "the initial estimate of " + index.pair_name(a.pair) +
                                           " cannot be evaluated: " + error_text(ev.error()));
  }
  if (a.residual_state == EstimateState::invalid) {
    const auto& r = s.residual_estimates[index.residual_of_pair(a.pair)];
    const auto ev = evaluate(policy, to_estimate(r, false));
    out.push_back({FindingCode::estimate_invalid, ResidualEstimate::entity, r.header.id,
                   "the residual estimate of " + index.pair_name(a.pair) +
                       " cannot be evaluated: " + error_text(ev.error())});
  }
  if (a.residual_provisional && a.residual_state == EstimateState::evaluated) {
    const auto& r = s.residual_estimates[index.residual_of_pair(a.pair)];
    std::string unverified;
    for (auto c : index.controls_of_pair(a.pair)) {
      const auto& control = s.controls[c];
      if (control.verified()) continue;
      unverified += (unverified.empty() ? "" : ", ") + quoted(control.title) + " (implementation " +
                    std::string(name_of(control.implementation_verification)) +
                    ", effectiveness " + std::string(name_of(control.effectiveness_verification)) +
                    ")";
    }
    out.push_back({FindingCode::residual_provisional, ResidualEstimate::entity, r.header.id,
                   "the residual estimate of " + index.pair_name(a.pair) + " (" +
                       describe(policy, *a.residual) +
                       ") is provisional: it relies on controls whose verification has not "
                       "passed: " + unverified});
  }
  if (!a.initial || a.step == Step::residual_accepted) return;

  if (a.step == Step::evaluated) {
    if (a.controls == 0) {
      add(FindingCode::risk_not_controlled,
          index.pair_name(a.pair) + " (" + describe(policy, *a.initial) + ")" +
              " has no risk control and no benefit-risk decision accepting it");
    } else if (a.residual_state == EstimateState::missing) {
      add(FindingCode::residual_not_estimated,
          index.pair_name(a.pair) + " has risk controls but no residual estimate");
    }
    // Unverified controls are reported on the controls themselves.
  } else if (a.step == Step::controlled) {
    const auto b = index.benefit_risk_of_pair(a.pair);
    add(FindingCode::unacceptable_residual_without_benefit_risk,
        index.pair_name(a.pair) + ": residual risk " + describe(policy, *a.residual) +
            (b == RiskFileIndex::npos ? " has no benefit-risk decision accepting it"
                                      : " was not accepted by its benefit-risk decision"));
  }
}

void check_control(const RiskControl& c, std::vector<Finding>& out) {
  if (c.implementation_verification != VerificationResult::pass)
    out.push_back({FindingCode::control_implementation_not_verified, RiskControl::entity,
                   c.header.id,
                   "control " + quoted(c.title) + ": verification of implementation is " +
                       std::string(name_of(c.implementation_verification))});
  if (c.effectiveness_verification != VerificationResult::pass)
    out.push_back({FindingCode::control_effectiveness_not_verified, RiskControl::entity,
                   c.header.id,
                   "control " + quoted(c.title) + ": verification of effectiveness is " +
                       std::string(name_of(c.effectiveness_verification))});
}

}  // namespace

std::vector<Finding> check_completeness(const RiskFileIndex& index, const CompiledPolicy& policy,
                                        std::span<const RiskAssessment> assessments,
                                        std::optional<Stage> up_to) {
  const auto& s = index.snapshot();
  std::vector<Finding> out;

  for (const auto& link : index.broken_links())
    out.push_back({FindingCode::broken_link, link.entity, Id(link.link_id),
                   std::string(link.entity) + " " + quoted(link.link_id) + ": " +
                       std::string(link.field) + " " + quoted(link.target_id) +
                       " is not in this risk file"});

  for (std::size_t h = 0; h < s.hazards.size(); ++h)
    if (index.counts_hazard(h) && counts(s.hazards[h].stage, up_to) &&
        index.situations_of_hazard(h).empty())
      out.push_back({FindingCode::hazard_without_situation, Hazard::entity, s.hazards[h].header.id,
                     "hazard " + quoted(s.hazards[h].title) + " leads to no hazardous situation"});
  for (std::size_t i = 0; i < s.situations.size(); ++i)
    if (index.counts_situation(i) && counts(s.situations[i].stage, up_to) &&
        !any_counted(index.pairs_of_situation(i), index))
      out.push_back({FindingCode::situation_without_harm, HazardousSituation::entity,
                     s.situations[i].header.id,
                     "hazardous situation " + quoted(s.situations[i].title) +
                         " leads to no harm, so its risk is not evaluated"});
  for (std::size_t i = 0; i < s.harms.size(); ++i)
    if (index.counts_harm(i) && counts(s.harms[i].stage, up_to) &&
        !any_counted(index.pairs_of_harm(i), index))
      out.push_back({FindingCode::harm_without_situation, Harm::entity, s.harms[i].header.id,
                     "harm " + quoted(s.harms[i].title) + " is reached by no hazardous situation"});

  // Controls count by their own stage or through a counted risk.
  std::vector<bool> control_counts(s.controls.size(), !up_to.has_value());
  for (const auto& a : assessments) {
    if (a.retired || !counts(s.situation_harms[a.pair].stage, up_to)) continue;
    check_risk(index, policy, a, out);
    for (auto c : index.controls_of_pair(a.pair)) control_counts[c] = true;
  }
  for (std::size_t c = 0; c < s.controls.size(); ++c)
    if (index.counts_control(c) && (control_counts[c] || counts(s.controls[c].stage, up_to)))
      check_control(s.controls[c], out);
  return out;
}

std::vector<Finding> check_completeness(const RiskFileSnapshot& snapshot,
                                        const CompiledPolicy& policy) {
  const RiskFileIndex index(snapshot);
  const auto assessments = assess_risks(index, policy);
  return check_completeness(index, policy, assessments);
}

}  // namespace riskloop::risk
