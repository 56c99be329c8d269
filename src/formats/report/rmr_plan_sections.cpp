// Report sections 1-3: the plan (4.4), the device and its use (5.1-5.3), the policy (4.2, 4.4 d/e).
#include "core/enum_names.hpp"
#include "core/risk/input_rules.hpp"
#include "core/risk/probability.hpp"
#include "core/risk/risk_file.hpp"
#include "formats/report/rmr_writer.hpp"

namespace riskloop::formats::rmr {
namespace {

constexpr risk::PlanSection kPlanSections[] = {
    risk::PlanSection::scope,
    risk::PlanSection::responsibilities,
    risk::PlanSection::review_requirements,
    risk::PlanSection::acceptability_criteria,
    risk::PlanSection::overall_residual_method,
    risk::PlanSection::verification_activities,
    risk::PlanSection::production_information,
};

void text_or_missing(ReportWriter& w, std::string_view text, std::string_view missing) {
  if (risk::has_content(text)) {
    w.multiline(text);
  } else {
    w.paragraph(missing, Tone::missing);
  }
}

void write_plan(ReportWriter& w) {
  const auto& file = w.file().file;
  w.open_section("plan", "1 Risk management plan (ISO 14971 4.4)");
  w.open_table("plan", {{"Plan section", 1}, {"Content", 3}});
  for (auto section : kPlanSections) {
    w.open_row();
    w.cell(risk::plan_section_label(section));
    const auto& text = risk::plan_section_text(file, section);
    if (risk::has_content(text)) {
      w.multiline_cell(text);
    } else {
      w.missing_cell("Not written.");
    }
    w.close_row();
  }
  w.close_table();
  w.close_section();
}

void write_device(ReportWriter& w) {
  const auto& file = w.file().file;
  w.open_section("device", "2 Device, intended use and safety characteristics (ISO 14971 5.1-5.3)");
  w.subheading("Device description (5.1)");
  if (risk::has_content(file.device_description) ||
      !risk::has_content(w.data().product_description)) {
    text_or_missing(w, file.device_description, "No device description.");
  } else {
    w.paragraph("From the product record:", Tone::note);
    w.multiline(w.data().product_description);
  }
  w.subheading("Persons performing the risk analysis (5.1)");
  if (file.analysts.empty()) {
    w.paragraph("None recorded.", Tone::missing);
  } else {
    w.bullet_list("analysts", file.analysts);
  }
  w.subheading("Intended use (5.2)");
  text_or_missing(w, file.intended_use, "No intended use recorded.");
  w.subheading("Reasonably foreseeable misuse (5.2)");
  text_or_missing(w, file.reasonably_foreseeable_misuse, "No foreseeable misuse recorded.");
  w.subheading("Characteristics related to safety (5.3)");
  if (file.safety_characteristics.empty()) {
    w.paragraph("None recorded.", Tone::missing);
  } else {
    w.open_table("safety-characteristics",
                 {{"Characteristic", 1}, {"Description", 2}, {"Limits", 1.5}});
    for (const auto& c : file.safety_characteristics) {
      w.open_row();
      w.cell(c.name);
      w.multiline_cell(c.description);
      w.multiline_cell(c.limits);
      w.close_row();
    }
    w.close_table();
  }
  w.close_section();
}

std::string probability_range(const risk::ProbabilityLevel& level, bool last) {
  return risk::format_probability(level.min) +
         (last ? " \xE2\x89\xA4 P \xE2\x89\xA4 " : " \xE2\x89\xA4 P < ") +
         risk::format_probability(level.max);
}

void write_policy(ReportWriter& w) {
  const auto& compiled = w.policy();
  const auto& policy = compiled.policy();
  w.open_section("policy", "3 Risk acceptability criteria (ISO 14971 4.2, 4.4 d, 4.4 e)");
  w.paragraph(policy.name + ", version " + std::to_string(policy.policy_version) + ", " +
              std::string(name_of(policy.status)) +
              (policy.approved_at ? " on " + utc_text(*policy.approved_at) : std::string()) +
              ". Probabilities are counted " +
              (policy.probability_basis == risk::ProbabilityBasis::per_use ? "per use."
                                                                           : "per device-year."));
  w.subheading("Severity levels");
  w.open_table("severity-levels", {{"Rank", 0.5}, {"Level", 1.2}, {"Description", 4}});
  for (const auto& level : policy.severity_levels) {
    w.open_row();
    w.number_cell(level.rank);
    w.cell(level.name);
    w.multiline_cell(level.description);
    w.close_row();
  }
  w.close_table();
  w.subheading("Probability levels");
  w.open_table("probability-levels",
               {{"Rank", 0.5}, {"Level", 1.2}, {"Range of P", 1.6}, {"Description", 3}});
  for (std::size_t i = 0; i < policy.probability_levels.size(); ++i) {
    const auto& level = policy.probability_levels[i];
    w.open_row();
    w.number_cell(level.rank);
    w.cell(level.name);
    w.cell(probability_range(level, i + 1 == policy.probability_levels.size()));
    w.multiline_cell(level.description);
    w.close_row();
  }
  w.close_table();
  w.subheading("Acceptability matrix");
  std::vector<Column> columns = {{"Probability \\ Severity", 1.4}};
  for (std::int64_t s = 1; s <= compiled.severity_count(); ++s)
    columns.emplace_back(compiled.severity_level(s).name);
  w.open_table("acceptability-matrix", columns);
  for (std::int64_t p = compiled.probability_count(); p >= 1; --p) {
    w.open_row();
    w.row_header_cell(compiled.probability_level(p).name);
    for (std::int64_t s = 1; s <= compiled.severity_count(); ++s) {
      const auto a = compiled.acceptability(s, p);
      w.verdict_cell(name_of(a), a);
    }
    w.close_row();
  }
  w.close_table();
  w.subheading("When the probability of harm cannot be estimated (4.4 d)");
  w.multiline(policy.not_estimable_criteria);
  w.subheading("Method and criteria for the overall residual risk (4.4 e)");
  w.multiline(policy.overall_residual_criteria);
  w.close_section();
}

}  // namespace

void write_plan_sections(ReportWriter& w) {
  write_plan(w);
  write_device(w);
  write_policy(w);
}

}  // namespace riskloop::formats::rmr
