// Labels and display forms.
#include "web/labels.hpp"

#include <cctype>

namespace riskloop::web {

std::string words(std::string_view name) {
  std::string out(name);
  for (auto& c : out)
    if (c == '_') c = ' ';
  return out;
}

std::string display_time(Timestamp t) {
  auto s = format_timestamp(t);  // 2026-01-31T12:00:05.123Z
  if (s.size() >= 19) s = s.substr(0, 10) + " " + s.substr(11, 8) + " UTC";
  return s;
}

std::string display_time(const std::optional<Timestamp>& t) {
  return t ? display_time(*t) : std::string();
}

std::string date_value(const std::optional<Timestamp>& t) {
  return t ? format_timestamp(*t).substr(0, 10) : std::string();
}

FieldHint field_hint(std::string_view field) {
  struct Entry {
    std::string_view name;
    std::string_view label;
    bool multiline;
    std::string_view help;
  };
  static constexpr Entry kHints[] = {
      {"title", "Title", false, ""},
      {"name", "Name", false, ""},
      {"description", "Description", true, ""},
      {"family", "Family", false, ""},
      {"model", "Model", false, ""},
      {"category", "Category", false, "e.g. energy, biological, chemical, operational"},
      {"condition", "Condition", false, ""},
      {"mission", "Mission", false, ""},
      {"stage", "Stage", false, ""},
      {"sequence_of_events", "Sequence of events", true, ""},
      {"p1", "P1 (probability of the situation)", false, "a number from 0 to 1, e.g. 1e-3"},
      {"p1_source", "Source of P1", false, ""},
      {"p1_rationale", "Rationale for P1", true, ""},
      {"severity_rank", "Severity (rank)", false, ""},
      {"severity_rationale", "Rationale for the severity", true, ""},
      {"p2", "P2 (probability of the harm)", false, "a number from 0 to 1"},
      {"probability_not_estimable", "Probability cannot be estimated", false, ""},
      {"consequences", "Possible consequences", true, "required when not estimable"},
      {"source", "Source of the estimate", false, ""},
      {"rationale", "Rationale", true, ""},
      {"option", "Control option", false, "in priority order (ISO 14971 7.1)"},
      {"option_justification", "Why no higher option", true, ""},
      {"implementation_reference", "Implementation reference", false,
       "drawing, specification or IFU section"},
      {"implementation_verification", "Implementation verified", false, ""},
      {"implementation_evidence", "Implementation evidence", false, "report reference"},
      {"effectiveness_verification", "Effectiveness verified", false, ""},
      {"effectiveness_evidence", "Effectiveness evidence", false, "report reference"},
      {"new_risks_reviewed", "Reviewed for new risks (7.5)", false, ""},
      {"situation_harm_id", "Risk", false, ""},
      {"p1_residual", "P1", false, ""},
      {"status", "Status", false, ""},
      {"scheduled_for", "Scheduled for", false, ""},
      {"held_at", "Held on", false, ""},
      {"attendees", "Attendees", true, "one per line, with their function"},
      {"conclusions", "Conclusions", true, ""},
      {"plan_followed", "The plan has been implemented", false, ""},
      {"overall_residual_acceptable", "The overall residual risk is acceptable", false, ""},
      {"post_production_methods_in_place", "Post-production methods are in place", false, ""},
      {"owner", "Owner", false, "the person accountable"},
      {"likelihood", "Likelihood (1-5)", false, ""},
      {"impact", "Impact (1-5)", false, ""},
      {"treatment", "Treatment", true, ""},
      {"due_date", "Due date", false, ""},
      {"affected_product_ids", "Affected products", true, "product ids, one per line"},
      {"benefits", "Benefits", true, ""},
      {"data_reviewed", "Data reviewed", true, ""},
      {"why_no_further_control", "Why no further control is practicable", true, ""},
      {"outcome", "Outcome", false, ""},
      {"method", "Method", true, ""},
      {"conclusion", "Conclusion", false, ""},
      {"significant_residual_risks", "Significant residual risks", true,
       "to disclose in the accompanying documentation"},
      {"disclosure_reference", "Disclosure reference", false, "IFU section or label"},
      {"device_description", "Device description (5.1)", true, ""},
      {"analysts", "Analysts (5.1)", true, "one per line"},
      {"intended_use", "Intended use (5.2)", true, ""},
      {"reasonably_foreseeable_misuse", "Reasonably foreseeable misuse (5.2)", true, ""},
      {"review_period_days", "Review period (days)", false, ""},
  };
  for (const auto& h : kHints)
    if (h.name == field) return {std::string(h.label), h.multiline, std::string(h.help)};
  // Plan sections and anything else: the name in words, several lines for plan texts.
  const bool plan = field.substr(0, 5) == "plan_";
  std::string label = words(plan ? field.substr(5) : field);
  if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return {label, plan, ""};
}

}  // namespace riskloop::web
