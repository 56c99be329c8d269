// Report sections 4-9: heat maps, the analysis chain (5.4), estimation and evaluation (5.5, 6),
// and risk controls with their verification (7.1, 7.2, 7.5).
#include "core/enum_names.hpp"
#include "core/risk/item_refs.hpp"
#include "core/risk/probability.hpp"
#include "core/risk/risk_control.hpp"
#include "formats/report/rmr_writer.hpp"

namespace riskloop::formats::rmr {
namespace {

constexpr auto npos = risk::RiskFileIndex::npos;

std::string frame_text(risk::Mission mission, risk::Stage stage) {
  return std::string(stage_text(stage)) +
         (mission == risk::Mission::operational ? " (operational)" : "");
}

std::string probability_or_dash(const std::optional<double>& p) {
  return p ? risk::format_probability(*p) : "\xE2\x80\x94";
}

// An item's title, and for a retired item why it no longer counts (it stays in the report).
template <risk::ReferencedItem T>
std::string title_and_state(const T& item) {
  return risk::retired(item) ? item.title + " \xE2\x80\x94 RETIRED: " + item.retired_rationale
                             : item.title;
}

void write_matrix(ReportWriter& w) {
  w.open_section("matrix", "4 Risk matrix before and after risk control");
  w.paragraph(
      "Each cell gives the number of risks (hazardous situation \xE2\x86\x92 harm) at that "
      "severity and probability of harm, and the policy's verdict for the cell. After "
      "risk control, a risk with controls counts at its residual estimate, a risk "
      "without controls at its initial estimate; a controlled risk without a residual "
      "estimate is not evaluated. A residual estimate that relies on controls whose "
      "verification has not passed is provisional: its cell is marked (dashed border) and "
      "says how many risks it holds provisionally. Retired items, and risks reached only "
      "through retired items, are listed in the tables below, marked RETIRED with the reason, "
      "but not counted.",
      Tone::note);
  w.heat_map(HeatMapPhase::initial, "heat-map-initial", "Before risk control");
  w.heat_map(HeatMapPhase::current, "heat-map-residual", "After risk control");
  w.close_section();
}

void write_hazards(ReportWriter& w) {
  const auto& s = w.file();
  w.open_section("hazards", "5 Hazards (ISO 14971 5.4)");
  w.open_table("hazards", {{"Ref", 0.6},
                           {"Hazard", 2.2},
                           {"Category", 1.1},
                           {"Condition", 1},
                           {"Stage", 1.2},
                           {"Description", 2.5},
                           {"Hazardous situations", 0.9}});
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    const auto& hazard = s.hazards[h];
    w.open_row();
    w.cell(risk::ref_or_id(hazard));
    w.cell(title_and_state(hazard));
    w.cell(hazard.category);
    w.cell(hazard.condition == risk::HazardCondition::fault ? "fault condition" : "normal use");
    w.cell(frame_text(hazard.mission, hazard.stage));
    w.multiline_cell(hazard.description);
    w.number_cell(static_cast<std::int64_t>(w.index().situations_of_hazard(h).size()));
    w.close_row();
  }
  w.close_table();
  w.close_section();
}

void write_situations(ReportWriter& w) {
  const auto& s = w.file();
  w.open_section("situations", "6 Hazardous situations (ISO 14971 5.4)");
  w.open_table("situations", {{"Ref", 0.6},
                              {"Hazardous situation", 2.2},
                              {"Sequence of events", 2.2},
                              {"P1", 0.7},
                              {"P1 source and rationale", 1.8},
                              {"Stage", 1.1},
                              {"Harms", 0.6}});
  for (std::size_t i = 0; i < s.situations.size(); ++i) {
    const auto& x = s.situations[i];
    w.open_row();
    w.cell(risk::ref_or_id(x));
    w.cell(title_and_state(x));
    w.multiline_cell(x.sequence_of_events);
    w.cell(probability_or_dash(x.p1));
    w.multiline_cell(std::string(name_of(x.p1_source)) +
                     (x.p1_rationale.empty() ? "" : ": " + x.p1_rationale));
    w.cell(frame_text(x.mission, x.stage));
    w.number_cell(static_cast<std::int64_t>(w.index().pairs_of_situation(i).size()));
    w.close_row();
  }
  w.close_table();
  w.close_section();
}

void write_harms(ReportWriter& w) {
  const auto& s = w.file();
  w.open_section("harms", "7 Harms");
  w.open_table("harms", {{"Ref", 0.6},
                         {"Harm", 2},
                         {"Severity", 1.2},
                         {"Severity rationale", 2},
                         {"Description", 2.5},
                         {"Stage", 1.1}});
  for (const auto& harm : s.harms) {
    w.open_row();
    w.cell(risk::ref_or_id(harm));
    w.cell(title_and_state(harm));
    if (harm.severity_rank) {
      w.cell(severity_text(w.policy(), *harm.severity_rank));
    } else {
      w.missing_cell("not estimated");
    }
    w.multiline_cell(harm.severity_rationale);
    w.multiline_cell(harm.description);
    w.cell(frame_text(harm.mission, harm.stage));
    w.close_row();
  }
  w.close_table();
  w.close_section();
}

void evaluation_cell(ReportWriter& w, const std::optional<risk::Evaluation>& ev,
                     risk::EstimateState state, std::string_view missing) {
  if (ev) {
    w.verdict_cell(evaluation_text(w.policy(), *ev), ev->acceptability);
  } else if (state == risk::EstimateState::invalid) {
    w.missing_cell("estimate the policy cannot evaluate");
  } else {
    w.missing_cell(missing);
  }
}

void write_risks(ReportWriter& w) {
  const auto& s = w.file();
  const auto& index = w.index();
  w.open_section("risks", "8 Risk estimation and evaluation (ISO 14971 5.5, 6)");
  w.open_table("risks", {{"Ref", 0.6},
                         {"Risk (hazardous situation \xE2\x86\x92 harm)", 2.6},
                         {"P1", 0.7},
                         {"P2", 0.7},
                         {"Initial estimate and evaluation", 2.4},
                         {"Controls verified", 0.8},
                         {"Residual estimate and evaluation", 2.4},
                         {"Benefit-risk", 0.8},
                         {"Step", 1.2}});
  for (const auto& a : w.assessments()) {
    const auto& pair = s.situation_harms[a.pair];
    const auto sit = index.situation_of_pair(a.pair);
    w.open_row();
    w.cell(risk::ref_or_id(pair));
    if (risk::retired(pair))
      w.cell(risk_name(w, a.pair) + " \xE2\x80\x94 RETIRED: " + pair.retired_rationale);
    else if (a.retired)
      w.cell(risk_name(w, a.pair) + " \xE2\x80\x94 RETIRED with its hazard, situation or harm");
    else
      w.cell(risk_name(w, a.pair));
    if (pair.probability_not_estimable) {
      w.multiline_cell("not estimable; consequences: " + pair.consequences, 2);
    } else {
      w.cell(sit == npos ? "\xE2\x80\x94" : probability_or_dash(s.situations[sit].p1));
      w.cell(probability_or_dash(pair.p2));
    }
    evaluation_cell(w, a.initial, a.initial_state, "not estimated");
    w.cell(std::to_string(a.verified_controls) + " of " + std::to_string(a.controls));
    if (a.controls == 0 && !a.residual) {
      w.cell("no controls");
    } else if (a.residual && a.residual_provisional) {
      w.verdict_cell("PROVISIONAL, relies on controls not yet verified: " +
                         evaluation_text(w.policy(), *a.residual),
                     a.residual->acceptability);
    } else {
      evaluation_cell(w, a.residual, a.residual_state, "no residual estimate");
    }
    const auto b = index.benefit_risk_of_pair(a.pair);
    w.cell(b == npos ? "\xE2\x80\x94" : std::string(name_of(s.benefit_risks[b].outcome)));
    w.cell(risk::step_label(a.step));
    w.close_row();
  }
  w.close_table();
  w.close_section();
}

void verification(ReportWriter& w, risk::VerificationResult result, const std::string& evidence) {
  w.verification_cell(
      std::string(verification_text(result)) + (evidence.empty() ? "" : ": " + evidence),
      result == risk::VerificationResult::pass);
}

void write_controls(ReportWriter& w) {
  const auto& s = w.file();
  w.open_section("controls", "9 Risk controls and their verification (ISO 14971 7.1, 7.2, 7.5)");
  w.open_table("controls", {{"Ref", 0.6},
                            {"Control", 2.2},
                            {"Option (7.1)", 1.3},
                            {"Why no higher option", 1.6},
                            {"Implemented in", 1.3},
                            {"Implementation verified", 1.3},
                            {"Effectiveness verified", 1.3},
                            {"New risks reviewed (7.5)", 0.8},
                            {"Risks", 0.6},
                            {"Stage", 1.1}});
  for (std::size_t c = 0; c < s.controls.size(); ++c) {
    const auto& control = s.controls[c];
    w.open_row();
    w.cell(risk::ref_or_id(control));
    w.titled_cell(title_and_state(control), control.description);
    w.cell(risk::option_label(control.option));
    w.multiline_cell(control.option_justification);
    w.multiline_cell(control.implementation_reference);
    verification(w, control.implementation_verification, control.implementation_evidence);
    verification(w, control.effectiveness_verification, control.effectiveness_evidence);
    w.cell(control.new_risks_reviewed ? "yes" : "no");
    w.number_cell(static_cast<std::int64_t>(w.index().pairs_of_control(c).size()));
    w.cell(frame_text(control.mission, control.stage));
    w.close_row();
  }
  w.close_table();
  w.close_section();
}

}  // namespace

void write_analysis_sections(ReportWriter& w) {
  write_matrix(w);
  write_hazards(w);
  write_situations(w);
  write_harms(w);
  write_risks(w);
  write_controls(w);
}

}  // namespace riskloop::formats::rmr
