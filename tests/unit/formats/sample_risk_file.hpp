// Test data: a small risk file that uses every feature of the hazard sheet (many-to-many links,
// records outside full paths, residual estimates, several controls per risk, hostile text), and
// a generator of large files.
#pragma once

#include <chrono>
#include <string>

#include "core/risk/compiled_policy.hpp"
#include "core/risk/snapshot.hpp"

namespace riskloop::formats::testdata {

inline Timestamp day(int n) {
  return Timestamp{} + std::chrono::days(20000 + n);
}

inline risk::RiskPolicy approved_policy() {
  auto p = risk::default_policy();
  p.header.id = "policy-1";
  p.policy_id = "policy-1";
  p.status = risk::PolicyStatus::approved;
  p.approved_at = day(0);
  p.approved_by = "user-1";
  return p;
}

inline risk::CompiledPolicy compiled_policy() {
  return *risk::CompiledPolicy::compile(approved_policy());
}

// Text a spreadsheet or a browser could take for code.
inline const std::string kFormula = "=HYPERLINK(\"http://evil.example\",\"click\")";
inline const std::string kScript = "<script>alert(1)</script>";

class SampleFile {
 public:
  risk::RiskFileSnapshot s;

  SampleFile() {
    using namespace risk;
    auto& f = s.file;
    f.header.id = "file-1";
    f.product_id = "product-1";
    f.title = "Coronary stent system " + kScript;
    f.device_description = "Balloon-expandable stent, 2.5-4.0 mm";
    f.analysts = {"A. Analyst (design lead)", "B. Reviewer & Co"};
    f.intended_use = "Treatment of de novo coronary lesions";
    f.reasonably_foreseeable_misuse = "Use in peripheral vessels";
    f.safety_characteristics = {{"Radial strength", "Keeps the vessel open", ">= 0.1 N/mm"}};
    f.plan_scope = "Stent and delivery system, design to end of life";
    f.plan_responsibilities = "Risk manager owns the file";
    f.plan_review_requirements = "Before release and every 12 months";
    f.plan_acceptability_criteria = "Policy policy-1 version 1";
    f.plan_overall_residual_method = "Benefit comparison with the clinical evaluation";
    f.plan_verification_activities = "Verification report per control";
    f.plan_production_information = "Complaints, registry, literature";
    f.policy_id = "policy-1";
    f.policy_version = 1;

    hazard("H1", "Electrical energy: leakage current", "energy", HazardCondition::fault);
    s.hazards.back().description = "Line 1\r\nLine 2, with \"quotes\"";
    hazard("H2", kFormula, "information");
    hazard("H3", "-5 V rail drops", "energy");  // no situation
    s.hazards.back().stage = Stage::manufacturing;

    situation("S1", "Patient touches the device", 0.01);
    s.situations.back().sequence_of_events = "Insulation wears\nthen contact";
    s.situations.back().p1_source = EstimateSource::bench_test;
    s.situations.back().p1_rationale = "'=quoted already";
    situation("S2", "Clinician misreads the label " + kScript, std::nullopt);
    situation("S3", "@SUM(A1:A2) situation", 1.0 / 3.0);  // no hazard
    s.situations.back().sequence_of_events = "\tstarts with a tab";
    s.situations.back().mission = Mission::operational;

    harm("M1", "Burn", 3);
    harm("M2", "Ünïcödé harm ✓ 日本", 2);
    harm("M3", "Harm without situation", 5);
    harm("M4", "Harm without severity", std::nullopt);

    link("H1", "S1");
    link("H1", "S2");
    link("H2", "S2");  // S2 has two hazards

    pair("R1", "S1", "M1", 0.1);
    pair("R2", "S1", "M2", 1e-7);
    pair("R3", "S2", "M1", std::nullopt);
    s.situation_harms.back().probability_not_estimable = true;
    s.situation_harms.back().consequences = "Burn of unknown extent";
    pair("R4", "S3", "M2", 0.5);
    s.situation_harms.back().stage = Stage::post_launch;
    pair("R5", "S2", "M4", 0.2);

    control("C1", "Double insulation", ControlOption::inherent_safety, true);
    control("C2", "Warning in the IFU", ControlOption::information_for_safety, false);
    s.controls.back().option_justification = "Design change not feasible";
    s.controls.back().implementation_verification = VerificationResult::pass;
    s.controls.back().implementation_evidence = "IFU rev C";
    apply("C1", "R1");
    apply("C2", "R1");
    apply("C1", "R3");  // C1 reduces two risks

    residual("E1", "R1", 0.01, 0.001, 3, 1);
    residual("E0", "R1", 0.5, 0.5, 3, 0);  // older: not the one that counts
    residual("E3", "R3", 0.0, 0.0, 2, 1);
    s.residual_estimates.back().probability_not_estimable = true;
    s.residual_estimates.back().consequences = "Superficial burn";
    s.residual_estimates.back().source = EstimateSource::literature;
    // Severity 2 below M1's 3: the inherent-safety control C1 changed the harm.
    s.residual_estimates.back().severity_control_id = "C1";
  }

  void hazard(std::string id, std::string title, std::string category,
              risk::HazardCondition condition = risk::HazardCondition::normal_use) {
    risk::Hazard h;
    h.header.id = std::move(id);
    h.risk_file_id = "file-1";
    h.title = std::move(title);
    h.category = std::move(category);
    h.condition = condition;
    s.hazards.push_back(h);
  }
  void situation(std::string id, std::string title, std::optional<double> p1) {
    risk::HazardousSituation x;
    x.header.id = std::move(id);
    x.risk_file_id = "file-1";
    x.title = std::move(title);
    x.p1 = p1;
    s.situations.push_back(x);
  }
  void harm(std::string id, std::string title, std::optional<std::int64_t> severity) {
    risk::Harm h;
    h.header.id = std::move(id);
    h.risk_file_id = "file-1";
    h.title = std::move(title);
    h.severity_rank = severity;
    h.severity_rationale = "per policy";
    s.harms.push_back(h);
  }
  void link(std::string hazard, std::string situation) {
    risk::HazardSituationLink l;
    l.header.id = "hs-" + hazard + "-" + situation;
    l.risk_file_id = "file-1";
    l.hazard_id = std::move(hazard);
    l.situation_id = std::move(situation);
    s.hazard_situations.push_back(l);
  }
  void pair(std::string id, std::string situation, std::string harm, std::optional<double> p2) {
    risk::SituationHarm p;
    p.header.id = std::move(id);
    p.risk_file_id = "file-1";
    p.situation_id = std::move(situation);
    p.harm_id = std::move(harm);
    p.p2 = p2;
    p.rationale = "estimated, see report, \"RA-1\"";
    s.situation_harms.push_back(p);
  }
  void control(std::string id, std::string title, risk::ControlOption option, bool verified) {
    risk::RiskControl c;
    c.header.id = std::move(id);
    c.risk_file_id = "file-1";
    c.title = std::move(title);
    c.option = option;
    if (verified) {
      c.implementation_verification = c.effectiveness_verification = risk::VerificationResult::pass;
      c.implementation_evidence = "VR-" + c.header.id;
      c.effectiveness_evidence = "VE-" + c.header.id;
      c.new_risks_reviewed = true;
    }
    s.controls.push_back(c);
  }
  void apply(std::string control, std::string pair) {
    risk::ControlLink l;
    l.header.id = "cl-" + control + "-" + pair;
    l.risk_file_id = "file-1";
    l.control_id = std::move(control);
    l.situation_harm_id = std::move(pair);
    s.control_links.push_back(l);
  }
  void residual(std::string id, std::string pair, double p1, double p2, std::int64_t severity,
                int updated) {
    risk::ResidualEstimate r;
    r.header.id = std::move(id);
    r.header.updated_at = day(updated);
    r.risk_file_id = "file-1";
    r.situation_harm_id = std::move(pair);
    r.p1 = p1;
    r.p2 = p2;
    r.severity_rank = severity;
    r.rationale = "after controls";
    s.residual_estimates.push_back(r);
  }
};

// `hazards` hazards, each with one situation leading to `harms_per_situation` harms (shared
// round-robin among `hazards` harms), every first risk controlled and re-estimated.
inline risk::RiskFileSnapshot large_file(int hazards, int harms_per_situation) {
  SampleFile b;
  b.s.hazards.clear();
  b.s.situations.clear();
  b.s.harms.clear();
  b.s.hazard_situations.clear();
  b.s.situation_harms.clear();
  b.s.controls.clear();
  b.s.control_links.clear();
  b.s.residual_estimates.clear();
  for (int i = 0; i < hazards; ++i) {
    const auto n = std::to_string(i);
    b.harm("M" + n, "Harm " + n, 1 + i % 5);
  }
  for (int i = 0; i < hazards; ++i) {
    const auto n = std::to_string(i);
    b.hazard("H" + n, "Hazard " + n + " <b>&</b>", "energy");
    b.situation("S" + n, "Situation " + n, 0.001 * (1 + i % 7));
    b.link("H" + n, "S" + n);
    for (int k = 0; k < harms_per_situation; ++k) {
      const auto id = "R" + n + "-" + std::to_string(k);
      b.pair(id, "S" + n, "M" + std::to_string((i + k) % hazards), k == 0 ? 0.5 : 1e-4);
      if (k == 0) {
        b.control("C" + n, "Control " + n, risk::ControlOption::protective_measure, i % 3 != 0);
        b.apply("C" + n, id);
        b.residual("E" + n, id, 1e-3, 1e-3, 1 + i % 5, 1);
      }
    }
  }
  return b.s;
}

}  // namespace riskloop::formats::testdata
