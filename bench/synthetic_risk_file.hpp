// A generated risk file of any size for benchmarks: N situations, each from its own hazard,
// leading to `harms_per_situation` harms; the first risk of each situation is Frequent and has a
// verified control with an acceptable residual estimate, the others are acceptable as they are.
#pragma once

#include <string>

#include "core/risk/policy.hpp"
#include "core/risk/snapshot.hpp"

namespace riskloop::bench {

inline risk::RiskFileSnapshot synthetic_risk_file(int situations, int harms_per_situation,
                                                  const risk::RiskPolicy& policy) {
  risk::RiskFileSnapshot s;
  const Id file = "file-1";
  auto header = [&](const std::string& id) {
    RecordHeader h;
    h.id = id;
    h.org_id = "org-1";
    return h;
  };
  s.file.header = header(file);
  s.file.title = "Synthetic file";
  s.file.policy_id = policy.policy_id;
  s.file.policy_version = policy.policy_version;
  s.file.plan_scope = s.file.plan_responsibilities = s.file.plan_review_requirements =
      s.file.plan_acceptability_criteria = s.file.plan_overall_residual_method =
          s.file.plan_verification_activities = s.file.plan_production_information = "Defined";
  const int harms = std::max(1, situations * harms_per_situation / 10);
  for (int h = 0; h < harms; ++h) {
    risk::Harm m;
    m.header = header("harm-" + std::to_string(h));
    m.risk_file_id = file;
    m.title = "Harm " + std::to_string(h);
    m.severity_rank = 1 + h % 4;
    s.harms.push_back(std::move(m));
  }
  for (int i = 0; i < situations; ++i) {
    const auto n = std::to_string(i);
    risk::Hazard hz;
    hz.header = header("hz-" + n);
    hz.risk_file_id = file;
    hz.title = "Hazard " + n;
    s.hazards.push_back(hz);
    risk::HazardousSituation st;
    st.header = header("sit-" + n);
    st.risk_file_id = file;
    st.title = "Situation " + n;
    st.p1 = 0.01;
    s.situations.push_back(st);
    risk::HazardSituationLink l;
    l.header = header("hs-" + n);
    l.risk_file_id = file;
    l.hazard_id = hz.header.id;
    l.situation_id = st.header.id;
    s.hazard_situations.push_back(l);
    for (int k = 0; k < harms_per_situation; ++k) {
      const int harm = (i * harms_per_situation + k) % harms;
      risk::SituationHarm r;
      r.header = header("risk-" + n + "-" + std::to_string(k));
      r.risk_file_id = file;
      r.situation_id = st.header.id;
      r.harm_id = s.harms[harm].header.id;
      r.p2 = k == 0 ? 0.1 : 1e-5;
      s.situation_harms.push_back(r);
      if (k != 0) continue;
      risk::RiskControl c;
      c.header = header("ctl-" + n);
      c.risk_file_id = file;
      c.title = "Control " + n;
      c.implementation_verification = c.effectiveness_verification = risk::VerificationResult::pass;
      c.implementation_evidence = c.effectiveness_evidence = "TR";
      c.new_risks_reviewed = true;
      s.controls.push_back(c);
      risk::ControlLink cl;
      cl.header = header("cl-" + n);
      cl.risk_file_id = file;
      cl.control_id = c.header.id;
      cl.situation_harm_id = r.header.id;
      s.control_links.push_back(cl);
      risk::ResidualEstimate re;
      re.header = header("res-" + n);
      re.risk_file_id = file;
      re.situation_harm_id = r.header.id;
      re.p1 = 1e-6;
      re.p2 = 0.1;
      re.severity_rank = *s.harms[harm].severity_rank;
      re.rationale = "After the control";
      s.residual_estimates.push_back(re);
    }
  }
  return s;
}

}  // namespace riskloop::bench
