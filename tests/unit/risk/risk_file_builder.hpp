// Test helper: builds risk file snapshots in a few lines, with an approved default policy.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

#include "core/risk/compiled_policy.hpp"
#include "core/risk/snapshot.hpp"

namespace riskloop::risk::fixtures {

inline Timestamp at_day(int day) {
  return Timestamp{} + std::chrono::days(20000 + day);  // 2024-10-04 + day
}

// The default policy, approved, as id "policy-1" version 1.
inline RiskPolicy approved_default_policy() {
  auto p = default_policy();
  p.header.id = "policy-1";
  p.policy_id = "policy-1";
  p.policy_version = 1;
  p.status = PolicyStatus::approved;
  p.approved_at = at_day(0);
  p.approved_by = "user-risk-manager";
  return p;
}

inline CompiledPolicy compiled(const RiskPolicy& p) {
  auto c = CompiledPolicy::compile(p);
  if (!c) ADD_FAILURE() << c.error().location << " " << c.error().message;
  return *c;
}

inline CompiledPolicy default_compiled() {
  return compiled(approved_default_policy());
}

template <class T>
T& find(std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.header.id == id; });
  if (it == items.end()) throw std::logic_error("no item " + std::string(id));
  return *it;
}

// Every function adds one record and returns its id. Records are created verified and reviewed
// where that applies, so a test changes exactly the property it is about.
class FileBuilder {
 public:
  RiskFileSnapshot s;

  FileBuilder() {
    auto& f = s.file;
    f.header.id = "file-1";
    f.product_id = "product-1";
    f.title = "Coronary stent system";
    f.plan_scope = "Stent and delivery system, design to end of life";
    f.plan_responsibilities = "Risk manager owns the file; design lead estimates";
    f.plan_review_requirements = "Review before release and every 12 months";
    f.plan_acceptability_criteria = "Policy policy-1 version 1";
    f.plan_overall_residual_method = "Benefit comparison with clinical evaluation";
    f.plan_verification_activities = "Design verification reports per control";
    f.plan_production_information = "Complaints, registry and literature review";
    f.policy_id = "policy-1";
    f.policy_version = 1;
  }

  std::string hazard(std::string id, Stage stage = Stage::design) {
    Hazard h;
    h.header.id = id;
    h.title = "Hazard " + id;
    h.stage = stage;
    s.hazards.push_back(h);
    return id;
  }

  std::string situation(std::string id, std::optional<double> p1, Stage stage = Stage::design) {
    HazardousSituation x;
    x.header.id = id;
    x.title = "Situation " + id;
    x.p1 = p1;
    x.stage = stage;
    s.situations.push_back(x);
    return id;
  }

  std::string harm(std::string id, std::optional<std::int64_t> severity,
                   Stage stage = Stage::design) {
    Harm h;
    h.header.id = id;
    h.title = "Harm " + id;
    h.severity_rank = severity;
    h.stage = stage;
    s.harms.push_back(h);
    return id;
  }

  std::string link(std::string hazard_id, std::string situation_id) {
    HazardSituationLink l;
    l.header.id = "hs-" + hazard_id + "-" + situation_id;
    l.hazard_id = hazard_id;
    l.situation_id = situation_id;
    s.hazard_situations.push_back(l);
    return l.header.id;
  }

  std::string risk(std::string id, std::string situation_id, std::string harm_id,
                   std::optional<double> p2, Stage stage = Stage::design) {
    SituationHarm p;
    p.header.id = id;
    p.situation_id = situation_id;
    p.harm_id = harm_id;
    p.p2 = p2;
    p.stage = stage;
    s.situation_harms.push_back(p);
    return id;
  }

  // A whole chain hazard -> situation -> harm with one risk "<id>".
  std::string chain(const std::string& id, double p1, double p2, std::int64_t severity,
                    Stage stage = Stage::design) {
    hazard("hz-" + id, stage);
    situation("sit-" + id, p1, stage);
    harm("harm-" + id, severity, stage);
    link("hz-" + id, "sit-" + id);
    return risk(id, "sit-" + id, "harm-" + id, p2, stage);
  }

  std::string control(std::string id, ControlOption option = ControlOption::inherent_safety,
                      Stage stage = Stage::design) {
    RiskControl c;
    c.header.id = id;
    c.title = "Control " + id;
    c.option = option;
    c.implementation_verification = VerificationResult::pass;
    c.implementation_evidence = "VR-" + id;
    c.effectiveness_verification = VerificationResult::pass;
    c.effectiveness_evidence = "VE-" + id;
    c.new_risks_reviewed = true;
    c.stage = stage;
    s.controls.push_back(c);
    return id;
  }

  std::string apply(std::string control_id, std::string pair_id) {
    ControlLink l;
    l.header.id = "cl-" + control_id + "-" + pair_id;
    l.control_id = control_id;
    l.situation_harm_id = pair_id;
    s.control_links.push_back(l);
    return l.header.id;
  }

  std::string residual(std::string id, std::string pair_id, double p1, double p2,
                       std::int64_t severity, int updated_day = 1) {
    ResidualEstimate r;
    r.header.id = id;
    r.header.updated_at = at_day(updated_day);
    r.situation_harm_id = pair_id;
    r.p1 = p1;
    r.p2 = p2;
    r.severity_rank = severity;
    r.rationale = "after controls";
    s.residual_estimates.push_back(r);
    return id;
  }

  std::string benefit_risk(std::string id, std::string pair_id, BenefitRiskOutcome outcome,
                           int day = 2) {
    BenefitRisk b;
    b.header.id = id;
    b.situation_harm_id = pair_id;
    b.outcome = outcome;
    b.benefits = "restores blood flow";
    b.data_reviewed = "registry data";
    b.rationale = "benefit outweighs";
    b.decided_at = at_day(day);
    s.benefit_risks.push_back(b);
    return id;
  }

  // What the release gate needs besides the risks: an acceptable overall residual risk and a
  // concluded review confirming release.
  void release_ready(int day = 3) {
    OverallResidualRisk o;
    o.header.id = "overall-1";
    o.conclusion = OverallConclusion::acceptable;
    o.decided_at = at_day(day);
    s.overall_residual_risks.push_back(o);
    Review r;
    r.header.id = "review-1";
    r.status = ReviewStatus::closed;
    r.held_at = at_day(day);
    r.attendees = {"A. Risk (risk manager)"};
    r.conclusions = "Ready for release";
    r.plan_followed = r.overall_residual_acceptable = r.post_production_methods_in_place = true;
    s.reviews.push_back(r);
  }
};

}  // namespace riskloop::risk::fixtures
