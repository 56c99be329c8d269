// Importing reporting rules and computing their due dates (app/reporting_rules.hpp).
#include "app/reporting_rules.hpp"

#include <algorithm>
#include <cctype>

#include "core/record_rules.hpp"
#include "core/vigilance/holiday.hpp"
#include "core/vigilance/reporting_deadline.hpp"
#include "formats/json/record_json.hpp"
#include "formats/sheet/numeric_csv.hpp"

namespace riskloop::app {
namespace {

using vigilance::DeadlineUnit;
using vigilance::ReportingRule;

// Far more than any jurisdiction table: a larger file is a mistake, not a rule set.
constexpr std::size_t kMaxRules = 10000;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Every page of the records that meet `where`.
template <class T>
Result<std::vector<T>> all_of(App& app, const Principal& who, std::vector<store::Condition> where) {
  std::vector<T> out;
  store::Query q{.where = std::move(where), .limit = store::kMaxPageRows};
  for (;;) {
    auto page = RL_TRY(app.records<T>().find(who, q));
    for (auto& r : page.items) out.push_back(std::move(r));
    if (!page.next) return out;
    q.after = page.next;
  }
}

// One row of the table as a rule; fails naming the row and column.
Result<ReportingRule> rule_of_row(const formats::NumericCsv& csv, const std::string& rule_set) {
  const std::string where = "row " + std::to_string(csv.row());
  ReportingRule r;
  r.jurisdiction = std::string(RL_TRY(csv.label("jurisdiction")));
  r.regulation = std::string(RL_TRY(csv.label("regulation")));
  r.event_class = std::string(RL_TRY(csv.label("event_class")));
  r.clock_start = std::string(RL_TRY(csv.label("clock_start")));
  r.citation = std::string(RL_TRY(csv.label("citation")));
  r.rule_set = rule_set;
  const std::string unit(csv.text("deadline_unit"));
  const std::string u = lower(unit);
  if (csv.text("deadline_value").empty()) {
    if (unit.empty())
      return fail(ErrorCode::validation,
                  where + ", column \"deadline_unit\": say what applies when there is no period, "
                          "e.g. \"as soon as possible\"",
                  where + ", column \"deadline_unit\"");
    r.deadline_unit = DeadlineUnit::no_fixed_period;
    r.deadline_wording = unit;
  } else {
    r.deadline_value = RL_TRY(csv.count("deadline_value"));
    if (u.starts_with("calendar day")) {
      r.deadline_unit = DeadlineUnit::calendar_days;
    } else if (u.starts_with("work day") || u.starts_with("working day") ||
               u.starts_with("business day")) {
      r.deadline_unit = DeadlineUnit::working_days;
    } else if (u.starts_with("hour")) {
      r.deadline_unit = DeadlineUnit::hours;
    } else if (u.starts_with("month")) {
      r.deadline_unit = DeadlineUnit::months;
    } else if (u.starts_with("days before")) {
      r.deadline_unit = DeadlineUnit::days_before_action;
    } else {
      return fail(ErrorCode::validation,
                  where + ", column \"deadline_unit\": \"" + unit +
                      "\" is not a unit riskloop counts (calendar days, work days, hours, months, "
                      "days before action)",
                  where + ", column \"deadline_unit\"");
    }
    // What the unit's text says beyond the unit stays beside it: "calendar days (48 hours)".
    if (const auto paren = unit.find('('); paren != std::string::npos)
      r.deadline_wording = unit.substr(paren);
  }
  const std::string verified = lower(csv.text("verified"));
  if (!verified.empty() && verified != "yes" && verified != "no")
    return fail(ErrorCode::validation,
                where + ", column \"verified\": must be yes or no, got \"" + verified + "\"",
                where + ", column \"verified\"");
  r.verified = verified == "yes";
  // The declared limits and the rule's own checks, so that no row fails once writing started.
  if (auto checked = validate_declared(r); !checked) {
    // The field's pointer ("/citation") names the table's column.
    const std::string_view field = std::string_view(checked.error().location).substr(
        checked.error().location.starts_with('/') ? 1 : 0);
    const std::string at = where + ", column \"" + std::string(field) + "\"";
    return fail(ErrorCode::validation, at + ": " + checked.error().message, at);
  }
  return r;
}

// One rule per jurisdiction and event class in a rule set (its unique index).
bool same_rule(const ReportingRule& a, const ReportingRule& b) {
  return a.jurisdiction == b.jurisdiction && a.event_class == b.event_class;
}

}  // namespace

nlohmann::json to_json(const RuleDue& d) {
  return {{"rule_id", d.rule.header.id},
          {"jurisdiction", d.rule.jurisdiction},
          {"event_class", d.rule.event_class},
          {"citation", d.rule.citation},
          {"deadline_value",
           d.rule.deadline_value ? nlohmann::json(*d.rule.deadline_value) : nlohmann::json()},
          {"deadline_unit", std::string(name_of(d.rule.deadline_unit))},
          {"due", d.due ? nlohmann::json(format_timestamp(*d.due)) : nlohmann::json()},
          {"why_no_due", d.why_no_due}};
}

Result<ReportingRuleImport> import_reporting_rules(App& app, const Principal& who,
                                                   std::string_view csv_text,
                                                   const std::string& rule_set, bool replace) {
  RL_CHECK(app.records<ReportingRule>().may_change(who));
  if (rule_set.find_first_not_of(" \t") == std::string::npos)
    return fail(ErrorCode::validation,
                "name the rule set, e.g. the table's file name and version", "--rule-set");
  auto csv = RL_TRY(formats::NumericCsv::open(
      csv_text, {"jurisdiction", "regulation", "event_class", "clock_start", "deadline_value",
                 "deadline_unit", "citation"}));
  std::vector<ReportingRule> rows;
  while (RL_TRY(csv.next())) {
    if (rows.size() == kMaxRules)
      return fail(ErrorCode::too_large,
                  "a rule set holds at most " + std::to_string(kMaxRules) + " rules; row " +
                      std::to_string(csv.row()) + " is one more",
                  "row " + std::to_string(csv.row()));
    auto rule = RL_TRY(rule_of_row(csv, rule_set));
    for (const auto& earlier : rows)
      if (same_rule(earlier, rule))
        return fail(ErrorCode::validation,
                    "row " + std::to_string(csv.row()) +
                        ": the same jurisdiction and event class as an earlier row",
                    "row " + std::to_string(csv.row()));
    rows.push_back(std::move(rule));
  }
  if (rows.empty()) return fail(ErrorCode::validation, "the table has no rules", "row 2");

  ReportingRuleImport out{.rule_set = rule_set};
  const auto existing = RL_TRY(all_of<ReportingRule>(
      app, who, {{.field = "rule_set", .values = {store::SqlValue{rule_set}}}}));
  auto service = app.records<ReportingRule>();
  for (const auto& rule : rows) {
    const auto match = std::find_if(existing.begin(), existing.end(),
                                    [&](const ReportingRule& e) { return same_rule(e, rule); });
    if (match == existing.end()) {
      RL_CHECK(service.create(who, rule));
      ++out.created;
      continue;
    }
    ReportingRule changed = rule;
    changed.in_force = match->in_force;
    changed.header = match->header;
    if (formats::canonical_payload(changed) == formats::canonical_payload(*match)) {
      ++out.unchanged;
      continue;
    }
    RL_CHECK(service.update(who, match->header.id, changed, match->header.version));
    ++out.updated;
  }
  if (replace) {
    const auto in_force = RL_TRY(all_of<ReportingRule>(
        app, who, {{.field = "in_force", .values = {store::SqlValue{true}}}}));
    for (auto rule : in_force) {
      if (rule.rule_set == rule_set) continue;
      const auto version = rule.header.version;
      rule.in_force = false;
      RL_CHECK(service.update(who, rule.header.id, rule, version));
      ++out.taken_out_of_force;
    }
  }
  return out;
}

Result<std::vector<RuleDue>> reports_due(App& app, const Principal& who,
                                         const std::string& jurisdiction, Timestamp awareness) {
  RL_CHECK(vigilance::check_jurisdiction(jurisdiction, "jurisdiction"));
  const auto rules = RL_TRY(all_of<ReportingRule>(
      app, who, {{.field = "jurisdiction", .values = {store::SqlValue{jurisdiction}}}}));
  vigilance::HolidayDates holidays;
  for (const auto& h : RL_TRY(all_of<vigilance::Holiday>(
           app, who, {{.field = "country", .values = {store::SqlValue{jurisdiction}}}})))
    if (const auto day = vigilance::parse_calendar_date(h.date)) holidays.insert(*day);
  std::vector<RuleDue> out;
  for (const auto& rule : rules) {
    if (!rule.in_force) continue;
    RuleDue d{.rule = rule};
    if (auto due = vigilance::report_due(awareness, rule.deadline_value, rule.deadline_unit,
                                         holidays))
      d.due = *due;
    else
      d.why_no_due = due.error().message;
    out.push_back(std::move(d));
  }
  std::stable_sort(out.begin(), out.end(), [](const RuleDue& a, const RuleDue& b) {
    if (a.due && b.due) return *a.due < *b.due;
    return a.due.has_value() && !b.due.has_value();
  });
  return out;
}

}  // namespace riskloop::app
