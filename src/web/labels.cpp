// Labels and display forms.
#include "web/labels.hpp"

#include <cctype>

#include "web/message_catalogue.hpp"

namespace riskloop::web {

std::string words(std::string_view name) {
  std::string out(name);
  for (auto& c : out)
    if (c == '_') c = ' ';
  return tr(out);
}

std::string counted(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
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

FieldHint field_hint(std::string_view entity, std::string_view field) {
  // Texts edited over several lines; plan sections ("plan_...") are too.
  static constexpr std::string_view kMultiline[] = {
      "description", "sequence_of_events", "p1_rationale", "severity_rationale", "consequences",
      "rationale", "option_justification", "attendees", "conclusions", "treatment",
      "affected_product_ids", "benefits", "data_reviewed", "why_no_further_control", "method",
      "significant_residual_risks", "device_description", "analysts", "intended_use",
      "reasonably_foreseeable_misuse"};
  const bool plan = field.substr(0, 5) == "plan_";
  bool multiline = plan;
  for (const auto m : kMultiline) multiline = multiline || m == field;
  std::string label;
  if (plan && !has_field_label(entity, field)) {
    label = words(field.substr(5));
    if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  } else {
    label = field_label(entity, field);
  }
  return {std::move(label), multiline, field_help(entity, field)};
}

}  // namespace riskloop::web
