// Report sections 10-13 and 15: signed decisions (benefit-risk 7.4, overall residual risk 8,
// reviews 9, stage gates) and the list of electronic signatures (21 CFR 11.50).
#include <algorithm>

#include "core/enum_names.hpp"
#include "formats/report/rmr_writer.hpp"

namespace riskloop::formats::rmr {
namespace {

constexpr auto npos = risk::RiskFileIndex::npos;

void decided_cell(ReportWriter& w, const Id& by, Timestamp at) {
  std::vector<std::string> lines = {utc_text(at)};
  if (!by.empty()) lines.push_back("by " + by);
  w.lines_cell(lines);
}

void write_benefit_risk(ReportWriter& w) {
  const auto& s = w.file();
  w.open_section("benefit-risk", "10 Benefit-risk analyses (ISO 14971 7.4)");
  if (s.benefit_risks.empty()) {
    w.paragraph("No benefit-risk analysis was needed or recorded.");
    w.close_section();
    return;
  }
  w.open_table("benefit-risk", {{"Risk", 2},
                                {"Outcome", 0.9},
                                {"Benefits", 1.6},
                                {"Data reviewed", 1.4},
                                {"Why no further control", 1.6},
                                {"Rationale", 1.6},
                                {"Decided", 1.2},
                                {"Signatures", 2}});
  for (const auto& b : s.benefit_risks) {
    const auto pair = w.index().pair(b.situation_harm_id);
    w.open_row();
    w.cell(pair == npos ? b.situation_harm_id : risk_name(w, pair));
    w.cell(b.outcome == risk::BenefitRiskOutcome::accepted ? "accepted" : "rejected");
    w.multiline_cell(b.benefits);
    w.multiline_cell(b.data_reviewed);
    w.multiline_cell(b.why_no_further_control);
    w.multiline_cell(b.rationale);
    decided_cell(w, b.decided_by, b.decided_at);
    w.signatures_cell(risk::BenefitRisk::entity, b.header.id);
    w.close_row();
  }
  w.close_table();
  w.close_section();
}

// The analysis changed after `d` was signed (Part 11: the signature covers the file as it was).
template <class D>
bool changed_since(const ReportWriter& w, const D& d) {
  return !d.content_digest.empty() && d.content_digest != w.data().analysis_digest;
}

void write_overall(ReportWriter& w) {
  const auto& s = w.file();
  w.open_section("overall", "11 Overall residual risk (ISO 14971 8)");
  if (s.overall_residual_risks.empty()) {
    w.paragraph("The overall residual risk has not been evaluated.", Tone::missing);
    w.close_section();
    return;
  }
  const auto latest =
      std::max_element(s.overall_residual_risks.begin(), s.overall_residual_risks.end(),
                       [](const auto& a, const auto& b) { return a.decided_at < b.decided_at; });
  const bool acceptable = latest->conclusion == risk::OverallConclusion::acceptable;
  w.open_group("overall-conclusion");
  w.verdict_paragraph(std::string("Conclusion: the overall residual risk is ") +
                          (acceptable ? "acceptable" : "not acceptable") + " (decided " +
                          utc_text(latest->decided_at) + ").",
                      acceptable ? risk::Acceptability::acceptable
                                 : risk::Acceptability::unacceptable);
  w.open_table("overall-residual", {{"Aspect", 1}, {"Record", 4}});
  const auto row = [&](std::string_view aspect, const std::string& text) {
    w.open_row();
    w.cell(aspect);
    w.multiline_cell(text);
    w.close_row();
  };
  row("Method (4.4 e)", latest->method);
  row("Benefits weighed", latest->benefits);
  row("Significant residual risks", latest->significant_residual_risks);
  row("Disclosed in", latest->disclosure_reference);
  row("Rationale", latest->rationale);
  row("Decided by", latest->decided_by);
  w.close_table();
  if (changed_since(w, *latest))
    w.paragraph("The analysis of this file changed after this evaluation was signed: the "
                "signature covers the file as it was on " + utc_text(latest->decided_at) +
                    ", not as this report shows it.",
                Tone::missing);
  w.signature_block(risk::OverallResidualRisk::entity, latest->header.id);
  w.close_group();
  if (s.overall_residual_risks.size() > 1) {
    w.subheading("Earlier evaluations");
    w.open_table("overall-history",
                 {{"Decided", 1.2}, {"Conclusion", 1}, {"Rationale", 3}, {"Signatures", 2}});
    for (const auto& o : s.overall_residual_risks) {
      if (&o == &*latest) continue;
      w.open_row();
      decided_cell(w, o.decided_by, o.decided_at);
      w.cell(name_of(o.conclusion));
      w.multiline_cell(o.rationale);
      w.signatures_cell(risk::OverallResidualRisk::entity, o.header.id);
      w.close_row();
    }
    w.close_table();
  }
  w.close_section();
}

std::string_view yes_no(bool v) {
  return v ? "yes" : "no";
}

void write_reviews(ReportWriter& w) {
  const auto& s = w.file();
  w.open_section("reviews", "12 Risk management reviews (ISO 14971 9)");
  if (s.reviews.empty()) {
    w.paragraph("No risk management review has been held.", Tone::missing);
    w.close_section();
    return;
  }
  w.open_table("reviews", {{"Status", 0.7},
                           {"Held", 1.2},
                           {"Attendees", 1.6},
                           {"Plan implemented", 0.9},
                           {"Overall residual risk acceptable", 1},
                           {"Post-production methods in place", 1},
                           {"Conclusions", 2.5},
                           {"Signatures", 2}});
  for (const auto& r : s.reviews) {
    w.open_row();
    w.cell(r.status == risk::ReviewStatus::closed ? "closed" : "open");
    if (r.held_at) {
      w.cell(utc_text(*r.held_at));
    } else if (r.scheduled_for) {
      w.cell("scheduled for " + utc_text(*r.scheduled_for));
    } else {
      w.cell("not scheduled");
    }
    w.lines_cell(r.attendees);
    w.cell(yes_no(r.plan_followed));
    w.cell(yes_no(r.overall_residual_acceptable));
    w.cell(yes_no(r.post_production_methods_in_place));
    w.multiline_cell(r.conclusions);
    w.signatures_cell(risk::Review::entity, r.header.id);
    w.close_row();
  }
  w.close_table();
  w.close_section();
}

void write_gates(ReportWriter& w) {
  const auto& s = w.file();
  w.open_section("gates", "13 Stage gates");
  w.subheading("Gate decisions");
  if (s.gate_decisions.empty()) {
    w.paragraph("No gate decision has been recorded.");
  } else {
    w.open_table("gate-decisions", {{"Stage", 1.2},
                                    {"Outcome", 0.9},
                                    {"Blocking reasons at the time", 1},
                                    {"Rationale", 2.5},
                                    {"Decided", 1.3},
                                    {"Signatures", 2}});
    for (const auto& g : s.gate_decisions) {
      w.open_row();
      w.cell(stage_text(g.stage));
      w.cell(name_of(g.outcome));
      w.number_cell(g.blocking_reasons);
      w.multiline_cell(g.rationale);
      decided_cell(w, g.decided_by, g.decided_at);
      w.signatures_cell(risk::GateDecision::entity, g.header.id);
      w.close_row();
    }
    w.close_table();
    for (const auto& g : s.gate_decisions)
      if (g.outcome == risk::GateOutcome::passed && changed_since(w, g))
        w.paragraph("The analysis of this file changed after the " +
                        std::string(stage_text(g.stage)) + " gate was passed on " +
                        utc_text(g.decided_at) +
                        ": that signature covers the file as it was then.",
                    Tone::missing);
  }
  for (const auto& stage : w.data().gate_findings) {
    const auto n = stage.findings.size();
    w.subheading(
        std::string("Gate of the ") + std::string(stage_text(stage.stage)) + " stage today: " +
        (n == 0 ? std::string("no blocking reason")
                : std::to_string(n) + (n == 1 ? " blocking reason" : " blocking reasons")));
    if (n == 0) continue;
    w.open_table("gate-findings",
                 {{"Finding", 1.3}, {"Record", 1.5}, {"What is missing or wrong", 4}});
    for (const auto& f : stage.findings) {
      w.open_row();
      w.cell(name_of(f.code));
      w.cell(std::string(f.entity) + (f.item_id.empty() ? "" : " " + f.item_id));
      w.multiline_cell(f.message);
      w.close_row();
    }
    w.close_table();
  }
  w.close_section();
}

}  // namespace

void write_decision_sections(ReportWriter& w) {
  write_benefit_risk(w);
  write_overall(w);
  write_reviews(w);
  write_gates(w);
}

void write_signature_section(ReportWriter& w) {
  auto lines = w.data().signatures;
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.signed_at < b.signed_at; });
  w.open_section("signatures", "15 Electronic signatures (21 CFR 11.50)");
  if (lines.empty()) {
    w.paragraph("No record of this file has been signed.", Tone::missing);
    w.close_section();
    return;
  }
  w.open_table("signatures", {{"Printed name", 1.3},
                              {"Meaning", 0.9},
                              {"Date and time (UTC)", 1.3},
                              {"Signed record", 1.6},
                              {"Signed version and digest", 2.2}});
  for (const auto& s : lines) {
    w.open_row();
    w.cell(s.printed_name);
    w.cell(s.meaning);
    w.cell(utc_text(s.signed_at));
    w.cell(s.entity + " " + s.record_id);
    w.hash_cell((s.signed_version > 0 ? "version " + std::to_string(s.signed_version) + " " : "") +
                s.signed_digest);
    w.close_row();
  }
  w.close_table();
  w.close_section();
}

}  // namespace riskloop::formats::rmr
