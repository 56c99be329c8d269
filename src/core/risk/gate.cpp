// The stage gate check: file-level rules, completeness, control rules and release rules.
#include "core/risk/gate.hpp"

#include "core/risk/completeness.hpp"
#include "core/risk/file_index.hpp"
#include "core/risk/input_rules.hpp"
#include "core/risk/step.hpp"

namespace riskloop::risk {
namespace {

std::string quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

void check_policy(const RiskFileSnapshot& s, const CompiledPolicy& policy,
                  std::vector<Finding>& out) {
  const auto& p = policy.policy();
  const auto& f = s.file;
  if (p.policy_id != f.policy_id || p.policy_version != f.policy_version)
    out.push_back({FindingCode::policy_mismatch, RiskFile::entity, f.header.id,
                   "the file pins policy " + quoted(f.policy_id) + " version " +
                       std::to_string(f.policy_version) + " but was checked against " +
                       quoted(p.policy_id) + " version " + std::to_string(p.policy_version)});
  if (p.status != PolicyStatus::approved)
    out.push_back({FindingCode::policy_not_approved, RiskFile::entity, f.header.id,
                   "policy " + quoted(p.name) + " version " + std::to_string(p.policy_version) +
                       " is a draft; risks can be accepted only against an approved policy"});
}

void check_plan_and_reviews(const RiskFileSnapshot& s, Timestamp now, std::vector<Finding>& out) {
  for (auto section : missing_plan_sections(s.file))
    out.push_back({FindingCode::plan_section_missing, RiskFile::entity, s.file.header.id,
                   "the risk management plan has no " + std::string(plan_section_label(section))});
  for (const auto& r : s.reviews) {
    if (r.status != ReviewStatus::open) continue;
    const bool in_progress = r.held_at.has_value();
    const bool due = !r.scheduled_for || *r.scheduled_for <= now;
    if (in_progress || due)
      out.push_back({FindingCode::review_open, Review::entity, r.header.id,
                     in_progress ? "a risk management review was held but is not concluded"
                                 : "a risk management review is due and not concluded"});
  }
  if (s.file.next_review_due && *s.file.next_review_due < now)
    out.push_back(
        {FindingCode::review_overdue, RiskFile::entity, s.file.header.id,
         "the next risk management review was due " + format_timestamp(*s.file.next_review_due)});
}

// The 7.1 order and the 7.5 review, for the controls that count at this gate.
void check_controls(const RiskFileIndex& index, Stage stage, std::vector<Finding>& out) {
  const auto& s = index.snapshot();
  // Highest option (lowest value) used on each risk.
  std::vector<ControlOption> best(s.situation_harms.size(), ControlOption::information_for_safety);
  for (std::size_t p = 0; p < s.situation_harms.size(); ++p)
    for (auto c : index.controls_of_pair(p))
      if (s.controls[c].option < best[p]) best[p] = s.controls[c].option;

  for (std::size_t c = 0; c < s.controls.size(); ++c) {
    const auto& control = s.controls[c];
    if (!index.counts_control(c)) continue;  // retired
    const auto pairs = index.pairs_of_control(c);
    bool counted = at_or_before(control.stage, stage);
    for (auto p : pairs) counted = counted || at_or_before(s.situation_harms[p].stage, stage);
    if (!counted) continue;

    if (control.option != ControlOption::inherent_safety &&
        !has_content(control.option_justification)) {
      for (auto p : pairs) {
        if (!index.counts_pair(p) || best[p] < control.option)
          continue;  // a higher option is used on this risk
        out.push_back({FindingCode::control_option_not_justified, RiskControl::entity,
                       control.header.id,
                       "control " + quoted(control.title) + " is " +
                           std::string(option_label(control.option)) +
                           " but does not say why no higher option (7.1) was used for " +
                           index.pair_name(p)});
        break;
      }
    }
    if (!control.new_risks_reviewed)
      out.push_back({FindingCode::control_new_risks_not_reviewed, RiskControl::entity,
                     control.header.id,
                     "control " + quoted(control.title) +
                         " has not been reviewed for hazards or risk changes it introduces (7.5)"});
  }
}

void check_release(const RiskFileSnapshot& s, std::vector<Finding>& out) {
  const OverallResidualRisk* overall = nullptr;
  for (const auto& o : s.overall_residual_risks)
    if (!overall || overall->decided_at <= o.decided_at) overall = &o;
  if (!overall)
    out.push_back({FindingCode::overall_residual_missing, RiskFile::entity, s.file.header.id,
                   "the overall residual risk has not been evaluated (ISO 14971 8)"});
  else if (overall->conclusion != OverallConclusion::acceptable)
    out.push_back({FindingCode::overall_residual_not_acceptable, OverallResidualRisk::entity,
                   overall->header.id,
                   "the latest evaluation found the overall residual risk not acceptable"});

  const Review* last = nullptr;
  for (const auto& r : s.reviews)
    if (r.status == ReviewStatus::closed && r.held_at && (!last || *last->held_at <= *r.held_at))
      last = &r;
  if (!last) {
    out.push_back({FindingCode::release_review_missing, RiskFile::entity, s.file.header.id,
                   "no concluded risk management review before release (ISO 14971 9)"});
  } else if (!last->confirms_release()) {
    std::string missing;
    const auto add = [&missing](bool ok, std::string_view what) {
      if (ok) return;
      if (!missing.empty()) missing += ", ";
      missing += what;
    };
    add(last->plan_followed, "the plan was followed");
    add(last->overall_residual_acceptable, "the overall residual risk is acceptable");
    add(last->post_production_methods_in_place, "post-production methods are in place");
    out.push_back({FindingCode::release_review_incomplete, Review::entity, last->header.id,
                   "the latest risk management review does not confirm: " + missing});
  }
}

}  // namespace

std::vector<BlockingReason> check_gate(const RiskFileSnapshot& snapshot,
                                       const CompiledPolicy& policy, Stage stage, Timestamp now) {
  std::vector<Finding> out;
  check_policy(snapshot, policy, out);
  check_plan_and_reviews(snapshot, now, out);

  const RiskFileIndex index(snapshot);
  const auto assessments = assess_risks(index, policy);
  auto findings = check_completeness(index, policy, assessments, stage);
  out.insert(out.end(), std::make_move_iterator(findings.begin()),
             std::make_move_iterator(findings.end()));

  check_controls(index, stage, out);
  if (stage == Stage::post_launch) check_release(snapshot, out);
  return out;
}

Status check_gate_decision(const GateDecisionInput& decision,
                           std::span<const BlockingReason> reasons) {
  RL_CHECK(validate(decision));
  if (decision.outcome == GateOutcome::passed && !reasons.empty())
    return fail(ErrorCode::conflict,
                "cannot pass the " + std::string(name_of(decision.stage)) +
                    " gate: " + std::to_string(reasons.size()) + " blocking reason" +
                    (reasons.size() == 1 ? " remains" : "s remain"),
                "/outcome");
  return {};
}

}  // namespace riskloop::risk
