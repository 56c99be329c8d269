// Cell kinds of the hazard sheet: checks, canonical texts and typed reads.
#include "formats/sheet/hazard_sheet_cells.hpp"

#include <charconv>
#include <cmath>

#include "core/enum_names.hpp"
#include "core/risk/analysis_chain.hpp"
#include "core/risk/input_rules.hpp"
#include "core/risk/probability.hpp"
#include "core/risk/risk_control.hpp"
#include "core/text_rules.hpp"
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {
namespace {

using C = HazardColumn;

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

// Lower case, with spaces and hyphens as underscores: "Protective measure" -> "protective_measure".
std::string enum_key(std::string_view s) {
  std::string out(trim(s));
  for (auto& c : out) {
    if (c == ' ' || c == '-')
      c = '_';
    else if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

Error message_only(Error e) {
  e.location.clear();
  return e;
}

template <NamedEnum E>
Result<std::string> canonical_enum(std::string_view raw) {
  const auto key = enum_key(raw);
  if (const auto v = enum_from_name<E>(key)) return std::string(name_of(*v));
  if constexpr (std::is_same_v<E, risk::ControlOption>) {
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i) {
      const auto option = static_cast<E>(i);
      if (enum_key(risk::option_label(option)) == key) return std::string(name_of(option));
    }
  }
  return fail(ErrorCode::validation,
              quote_cell(trim(raw)) + " is not one of " + allowed_names<E>());
}

std::optional<double> parse_number(std::string_view text) {
  std::string buffer;
  if (text.find(',') != std::string_view::npos && text.find('.') == std::string_view::npos) {
    buffer.assign(text);
    for (auto& c : buffer)
      if (c == ',') c = '.';  // decimal comma, as spreadsheets in many locales write it
    text = buffer;
  }
  double value = 0.0;
  const auto* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, value);
  if (r.ec != std::errc() || r.ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

Result<std::string> canonical_probability(std::string_view raw) {
  const auto text = trim(raw);
  const auto value = parse_number(text);
  if (!value || *value < 0.0 || *value > 1.0)
    return fail(ErrorCode::validation,
                quote_cell(text) + " is not a probability between 0 and 1 (e.g. 0.001 or 1e-6)");
  return risk::format_probability(*value, risk::ProbabilityText::exact);
}

Result<std::string> canonical_severity(std::string_view raw, const risk::CompiledPolicy& policy) {
  const auto text = trim(raw);
  const auto n = policy.severity_count();
  if (const auto value = parse_number(text)) {
    const auto rank = static_cast<std::int64_t>(*value);
    if (static_cast<double>(rank) == *value && policy.has_severity(rank))
      return std::to_string(rank);
  }
  for (const auto& level : policy.policy().severity_levels)
    if (equal_ignoring_case(trim(level.name), text)) return std::to_string(level.rank);
  std::string names;
  const auto& levels = policy.policy().severity_levels;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (i > 0) names += (i + 1 == levels.size()) ? " or " : ", ";
    names += levels[i].name;
  }
  return fail(ErrorCode::validation, quote_cell(text) + " is not one of 1.." + std::to_string(n) +
                                         " or a severity name (" + names + ")");
}

Result<std::string> canonical_bool(std::string_view raw) {
  const auto key = enum_key(raw);
  if (key == "true" || key == "yes" || key == "y" || key == "1") return std::string("true");
  if (key == "false" || key == "no" || key == "n" || key == "0") return std::string("false");
  return fail(ErrorCode::validation, quote_cell(trim(raw)) + " is not true or false");
}

Result<std::string> canonical_enum_column(HazardColumn column, std::string_view raw) {
  switch (column) {
    case C::condition:
      return canonical_enum<risk::HazardCondition>(raw);
    case C::hazard_mission:
    case C::situation_mission:
    case C::harm_mission:
    case C::risk_mission:
    case C::control_mission:
      return canonical_enum<risk::Mission>(raw);
    case C::hazard_stage:
    case C::situation_stage:
    case C::harm_stage:
    case C::risk_stage:
    case C::control_stage:
      return canonical_enum<risk::Stage>(raw);
    case C::p1_source:
    case C::source:
    case C::residual_source:
      return canonical_enum<risk::EstimateSource>(raw);
    case C::control_option:
      return canonical_enum<risk::ControlOption>(raw);
    case C::implementation_verification:
    case C::effectiveness_verification:
      return canonical_enum<risk::VerificationResult>(raw);
    default:
      break;
  }
  return fail(ErrorCode::internal, "column is not an enumeration");
}

template <NamedEnum E>
E enum_cell(const std::string& canonical, E fallback) {
  if (canonical.empty()) return fallback;
  return enum_from_name<E>(canonical).value_or(fallback);
}

}  // namespace

bool cell_has_content(std::string_view cell) {
  return !trim(cell).empty();
}

Result<std::string> canonical_cell(HazardColumn column, std::string_view raw,
                                   const risk::CompiledPolicy& policy) {
  const auto& info = column_info(column);
  switch (info.kind) {
    case CellKind::ref: {
      const auto ref = trim(raw);
      if (auto ok = risk::check_id("", ref); !ok) return tl::unexpected(message_only(ok.error()));
      return std::string(ref);
    }
    case CellKind::title:
      if (auto ok = risk::check_title("", raw); !ok)
        return tl::unexpected(message_only(ok.error()));
      return std::string(raw);
    case CellKind::statement:
      if (auto ok = risk::check_statement("", raw); !ok)
        return tl::unexpected(message_only(ok.error()));
      return std::string(raw);
    case CellKind::text:
      if (auto ok = risk::check_long_text("", raw); !ok)
        return tl::unexpected(message_only(ok.error()));
      return std::string(raw);
    case CellKind::short_text:
      if (auto ok = check_text("", raw, {.max_length = 100}); !ok)
        return tl::unexpected(message_only(ok.error()));
      return std::string(raw);
    case CellKind::probability:
      return canonical_probability(raw);
    case CellKind::severity:
      return canonical_severity(raw, policy);
    case CellKind::boolean:
      return canonical_bool(raw);
    case CellKind::enumeration:
      return canonical_enum_column(column, raw);
  }
  return fail(ErrorCode::internal, "unknown cell kind");
}

std::optional<double> probability_cell(const std::string& canonical) {
  if (canonical.empty()) return std::nullopt;
  return parse_number(canonical);
}

std::optional<std::int64_t> severity_cell(const std::string& canonical) {
  if (canonical.empty()) return std::nullopt;
  std::int64_t rank = 0;
  const auto r = std::from_chars(canonical.data(), canonical.data() + canonical.size(), rank);
  if (r.ec != std::errc()) return std::nullopt;
  return rank;
}

bool bool_cell(const std::string& canonical) {
  return canonical == "true";
}

risk::Mission mission_cell(const std::string& canonical) {
  return enum_cell(canonical, risk::Mission::product_lifecycle);
}
risk::Stage stage_cell(const std::string& canonical) {
  return enum_cell(canonical, risk::Stage::design);
}
risk::EstimateSource source_cell(const std::string& canonical) {
  return enum_cell(canonical, risk::EstimateSource::expert);
}

std::string probability_text(std::optional<double> p) {
  return p ? risk::format_probability(*p, risk::ProbabilityText::exact) : std::string();
}
std::string severity_text(std::optional<std::int64_t> rank) {
  return rank ? std::to_string(*rank) : std::string();
}
std::string bool_text(bool value) {
  return value ? "true" : "false";
}

}  // namespace riskloop::formats
