// Test data: the sample risk file with every decision a report shows (benefit-risk, overall
// residual risk, review, gate decision), signatures on them, gate findings and a journal head hash.
// Shared by the HTML and the PDF report tests.
#pragma once

#include <string>
#include <vector>

#include "core/risk/file_index.hpp"
#include "core/risk/gate.hpp"
#include "formats/report/rmr_html.hpp"
#include "sample_risk_file.hpp"

namespace riskloop::formats::testdata {

inline const std::string kHash = "9f2c4e6b1a0d8e7f5c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5";
inline const std::string kAttributeBreaker = "\"><img src=x onerror=alert(1)>";

// The sample file with every decision a report shows, and signatures on them.
struct ReportFixture {
  SampleFile sample;
  risk::CompiledPolicy policy = testdata::compiled_policy();
  std::vector<risk::RiskAssessment> assessments;
  std::vector<SignatureLine> signatures;
  std::vector<StageGateFindings> gates;

  ReportFixture() {
    auto& s = sample.s;
    risk::BenefitRisk b;
    b.header.id = "BR1";
    b.situation_harm_id = "R4";
    b.outcome = risk::BenefitRiskOutcome::accepted;
    b.benefits = "Restores blood flow " + kScript;
    b.data_reviewed = "Registry";
    b.why_no_further_control = "State of the art";
    b.rationale = "Benefit outweighs";
    b.decided_by = "user-2";
    b.decided_at = testdata::day(3);
    s.benefit_risks.push_back(b);

    risk::OverallResidualRisk o;
    o.header.id = "OR1";
    o.method = "Per plan 4.4 e";
    o.benefits = "Clinical evaluation CE-7";
    o.conclusion = risk::OverallConclusion::acceptable;
    o.significant_residual_risks = "Burn";
    o.disclosure_reference = "IFU 5.2";
    o.rationale = "All risks acceptable or accepted";
    o.decided_by = "user-1";
    o.decided_at = testdata::day(4);
    s.overall_residual_risks.push_back(o);
    auto older = o;
    older.header.id = "OR0";
    older.conclusion = risk::OverallConclusion::not_acceptable;
    older.decided_at = testdata::day(2);
    s.overall_residual_risks.push_back(older);

    risk::Review r;
    r.header.id = "RV1";
    r.status = risk::ReviewStatus::closed;
    r.held_at = testdata::day(5);
    r.attendees = {"A. Risk (risk manager)", kAttributeBreaker};
    r.conclusions = "Ready for release.\nNo open actions.";
    r.plan_followed = r.overall_residual_acceptable = r.post_production_methods_in_place = true;
    s.reviews.push_back(r);

    risk::GateDecision g;
    g.header.id = "G1";
    g.stage = risk::Stage::design;
    g.outcome = risk::GateOutcome::passed;
    g.rationale = "Design review DR-3";
    g.decided_at = testdata::day(1);
    s.gate_decisions.push_back(g);

    signatures = {
        {"Dr. Ann Smith", testdata::day(4) + std::chrono::hours(13) + std::chrono::minutes(5),
         "approval", "overall_residual_risk", "OR1", 2, "sha256:0a1b2c"},
        {kAttributeBreaker, testdata::day(4) + std::chrono::hours(14), "review",
         "overall_residual_risk", "OR1"},
        {"Bob Jones", testdata::day(5), "responsibility", "risk_review", "RV1"},
    };
    assessments = risk::assess_risks(risk::RiskFileIndex(s), policy);
    for (auto stage : {risk::Stage::design, risk::Stage::post_launch})
      gates.push_back({stage, risk::check_gate(s, policy, stage, testdata::day(6))});
  }

  RmrData data() const {
    return {.snapshot = sample.s,
            .policy = policy,
            .assessments = assessments,
            .gate_findings = gates,
            .signatures = signatures,
            .journal_head_hash = kHash,
            .generated_at = testdata::day(6) + std::chrono::hours(9),
            .product_name = "Stent <XL>",
            .organization_name = "MedCo & Partners"};
  }
};

}  // namespace riskloop::formats::testdata
