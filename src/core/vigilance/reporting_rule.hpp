// Vigilance reporting rules as data: for each jurisdiction and class of event, what starts the
// clock and how long a manufacturer has to report (EU MDR Art 87, 21 CFR 803, NMPA Order No. 1,
// ...), with the citation beside the value. Loaded from a versioned table
// (`riskloop reporting-rules import`), edited by admins, never compiled into code; a rule that no
// longer applies is taken out of force, not deleted. Holidays (core/vigilance/holiday.hpp) make
// working days countable per country.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/record_declaration.hpp"
#include "core/vigilance/jurisdiction.hpp"

namespace riskloop::vigilance {

enum class DeadlineUnit {
  hours,
  calendar_days,
  working_days,        // Monday to Friday, less the jurisdiction's holidays
  months,              // a maximum interval, e.g. periodic summaries
  days_before_action,  // e.g. a field safety notice before the action is taken
  no_fixed_period,     // "as soon as possible", trend reports: the wording says what applies
};

inline constexpr FieldLimit kReportingRuleLimits[] = {
    {.field = "jurisdiction", .required = true, .max_length = 2},
    {.field = "regulation", .required = true, .max_length = 300},
    {.field = "event_class", .required = true, .max_length = 500},
    {.field = "clock_start", .required = true, .max_length = 500},
    {.field = "deadline_value", .min = 0, .max = 3650},
    {.field = "deadline_wording", .max_length = 300},
    {.field = "citation", .required = true, .max_length = 300},
    {.field = "rule_set", .required = true, .max_length = 120},
};
// A rule set holds one rule per jurisdiction and event class: importing the same table twice at
// once cannot store a rule twice.
inline constexpr IndexDecl kReportingRuleIndexes[] = {
    {.first = "rule_set", .second = "jurisdiction", .third = "event_class", .unique = true},
    {.first = "jurisdiction"}, {.first = "in_force"}, {.first = "deadline_unit"}};
inline constexpr std::string_view kReportingRuleColumns[] = {
    "jurisdiction", "event_class", "deadline_value", "deadline_unit", "citation", "in_force"};

struct ReportingRule {
  static constexpr std::string_view entity = "reporting_rule";
  static constexpr std::string_view table = "reporting_rules";
  static constexpr Scope scope = Scope::organization;
  static constexpr RecordDeclaration declaration{
      .path = "reporting-rules",
      .title = "reporting rule",
      .plural = "reporting rules",
      .limits = kReportingRuleLimits,
      .indexes = kReportingRuleIndexes,
      .list_columns = kReportingRuleColumns,
      .permissions = {.create = Permission::manage_members,
                      .update = Permission::manage_members,
                      .removable = false},  // reports name the rule they followed
  };

  RecordHeader header;
  std::string jurisdiction;  // "EU", or an ISO 3166-1 alpha-2 code
  std::string regulation;    // the instrument that sets the duty
  std::string event_class;   // the reportable event, as the instrument words it
  std::string clock_start;   // what starts the clock, usually the manufacturer's awareness
  std::optional<std::int64_t> deadline_value;
  DeadlineUnit deadline_unit = DeadlineUnit::no_fixed_period;
  std::string deadline_wording;  // the instrument's words where there is no number
  std::string citation;          // article or section, e.g. "MDR Art 87(3)"
  bool verified = false;         // checked against the primary text
  std::string rule_set;          // the table this rule came from, e.g. "reporting_deadlines.csv 2026-11"
  bool in_force = true;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("jurisdiction", s.jurisdiction);
    v("regulation", s.regulation);
    v("event_class", s.event_class);
    v("clock_start", s.clock_start);
    v("deadline_value", s.deadline_value);
    v("deadline_unit", s.deadline_unit);
    v("deadline_wording", s.deadline_wording);
    v("citation", s.citation);
    v("verified", s.verified);
    v("rule_set", s.rule_set);
    v("in_force", s.in_force);
  }
};

// Beyond the declared limits: a jurisdiction code; a period in hours, days or months has its
// number; "no fixed period" has none, and says in words what applies.
inline Status validate(const ReportingRule& r) {
  RL_CHECK(check_jurisdiction(r.jurisdiction, "/jurisdiction"));
  const bool counted = r.deadline_unit != DeadlineUnit::no_fixed_period;
  if (counted && !r.deadline_value)
    return fail(ErrorCode::validation, "is required for a period in hours, days or months",
                "/deadline_value");
  if (!counted && r.deadline_value)
    return fail(ErrorCode::validation,
                "must be empty when there is no fixed period (say what applies in the wording)",
                "/deadline_value");
  if (!counted && r.deadline_wording.find_first_not_of(" \t") == std::string::npos)
    return fail(ErrorCode::validation,
                "is required when there is no fixed period, e.g. \"as soon as possible\"",
                "/deadline_wording");
  return {};
}

}  // namespace riskloop::vigilance

namespace riskloop {

template <>
struct EnumNames<vigilance::DeadlineUnit> {
  static constexpr std::array<std::string_view, 6> names = {
      "hours", "calendar_days", "working_days", "months", "days_before_action", "no_fixed_period"};
};

}  // namespace riskloop
