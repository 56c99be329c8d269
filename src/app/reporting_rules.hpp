// Vigilance reporting rules as versioned data (core/vigilance/reporting_rule.hpp): importing a
// table of rules, and the due dates of the rules of one jurisdiction from an awareness instant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "core/vigilance/reporting_rule.hpp"

namespace riskloop::app {

struct ReportingRuleImport {
  std::string rule_set;
  int created = 0;
  int updated = 0;    // same jurisdiction and event class in this rule set, new values
  int unchanged = 0;  // already there as read: importing a table twice writes nothing
  int taken_out_of_force = 0;  // rules of other rule sets, with `replace`
};

// Imports a CSV table of rules (columns jurisdiction, regulation, event_class, clock_start,
// deadline_value, deadline_unit, citation; verified optional: yes/no) as rule set `rule_set`.
// Units: "calendar days", "work days"/"working days", "hours", "months ...", "days before
// action"; any unit text with an empty value is a rule without a fixed period, its text kept as
// the wording. Every row is read and checked before anything is written; the first bad one
// fails the import naming its row and column. With `replace`, the rules in force of other rule
// sets are taken out of force. Admins only.
Result<ReportingRuleImport> import_reporting_rules(App& app, const Principal& who,
                                                   std::string_view csv,
                                                   const std::string& rule_set, bool replace);

struct RuleDue {
  vigilance::ReportingRule rule;
  std::optional<Timestamp> due;  // absent when the rule has no period from awareness
  std::string why_no_due;
};

// {rule_id, jurisdiction, event_class, citation, deadline_value, deadline_unit, due (null when
// none), why_no_due}: the API's and the command line's form of one due report.
nlohmann::json to_json(const RuleDue& d);

// The rules in force of `jurisdiction`, each with its due instant from `awareness`, working days
// counted without the holidays recorded for that jurisdiction. Ordered by due instant, rules
// without one last.
Result<std::vector<RuleDue>> reports_due(App& app, const Principal& who,
                                         const std::string& jurisdiction, Timestamp awareness);

}  // namespace riskloop::app
