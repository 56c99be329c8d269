// The reporting-rule operations beyond the generated ones (docs/vigilance.md): importing a table
// of rules as a rule set (admins), and the due dates of a jurisdiction's rules from an awareness
// instant.
#include <nlohmann/json.hpp>

#include "app/reporting_rules.hpp"
#include "http/problem.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

nlohmann::json import_schema() {
  nlohmann::json p = nlohmann::json::object();
  p["rule_set"] = {{"type", "string"}};
  for (const char* n : {"created", "updated", "unchanged", "taken_out_of_force"})
    p[n] = {{"type", "integer"}};
  return {{"type", "object"}, {"properties", p}, {"required", {"rule_set", "created"}}};
}

nlohmann::json due_schema() {
  nlohmann::json item = {
      {"type", "object"},
      {"properties",
       {{"rule_id", {{"type", "string"}}},
        {"jurisdiction", {{"type", "string"}}},
        {"event_class", {{"type", "string"}}},
        {"citation", {{"type", "string"}}},
        {"deadline_value", {{"type", {"integer", "null"}}}},
        {"deadline_unit", {{"type", "string"}}},
        {"due", {{"type", {"string", "null"}}, {"format", "date-time"}}},
        {"why_no_due", {{"type", "string"}}}}}};
  return {{"type", "object"},
          {"properties", {{"items", {{"type", "array"}, {"items", item}}}}},
          {"required", {"items"}}};
}

Response import_rules(Call& c) {
  if (auto refused = require_csv(c)) return *refused;
  const auto rule_set = RL_HTTP_TRY(query_param(c.request.query, "rule_set")).value_or("");
  const auto replace = RL_HTTP_TRY(query_param(c.request.query, "replace")).value_or("false");
  if (replace != "true" && replace != "false")
    return problem(Error{ErrorCode::validation, "must be true or false", "?replace"});
  const auto r = RL_HTTP_TRY(app::import_reporting_rules(c.app(), c.principal, c.request.body,
                                                         rule_set, replace == "true"));
  return json_response(r.created + r.updated + r.taken_out_of_force > 0 ? 201 : 200,
                       {{"rule_set", r.rule_set},
                        {"created", r.created},
                        {"updated", r.updated},
                        {"unchanged", r.unchanged},
                        {"taken_out_of_force", r.taken_out_of_force}});
}

Response rules_due(Call& c) {
  const auto jurisdiction =
      RL_HTTP_TRY(query_param(c.request.query, "jurisdiction")).value_or("");
  const auto aware_text = RL_HTTP_TRY(query_param(c.request.query, "aware")).value_or("");
  const auto aware = parse_timestamp(aware_text);
  if (!aware)
    return problem(Error{ErrorCode::validation,
                         "must be an instant like 2026-12-04T09:30:00.000Z (UTC)", "?aware"});
  const auto dues = RL_HTTP_TRY(app::reports_due(c.app(), c.principal, jurisdiction, *aware));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : dues) items.push_back(app::to_json(d));
  return json_response(200, {{"items", std::move(items)}});
}

}  // namespace

void add_vigilance_routes(RouteTable& routes) {
  routes.add({.method = Method::post,
              .pattern = "/api/v1/reporting-rules/import",
              .operation_id = "importReportingRules",
              .summary = "Import a table of reporting rules (text/csv: jurisdiction, regulation, "
                         "event_class, clock_start, deadline_value, deadline_unit, citation; "
                         "verified optional) as one rule set. Every row is checked before any is "
                         "written; the same table again writes nothing (200)",
              .tag = "vigilance",
              .handler = &import_rules,
              .exec = Exec::write_pool,
              .status = 201,
              .response_description = "How many rules were added, changed and left unchanged",
              .response = {"ReportingRuleImport", &import_schema},
              .query = {{"rule_set", "name and version of the table (required)"},
                        {"replace", "true: take the rules of other rule sets out of force"}},
              .permission = Permission::manage_members});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/reporting-rules/due",
              .operation_id = "reportingRulesDue",
              .summary = "The rules in force of a jurisdiction, each with the instant its report "
                         "is due for an event one became aware of at `aware` (working days skip "
                         "the jurisdiction's holidays), earliest first",
              .tag = "vigilance",
              .handler = &rules_due,
              .response_description = "The rules and their due instants",
              .response = {"ReportingRulesDue", &due_schema},
              .query = {{"jurisdiction", "EU, or an ISO 3166 country code (required)"},
                        {"aware", "the awareness instant, e.g. 2026-12-04T09:30:00.000Z (required)"}},
              .permission = Permission::read});
}

}  // namespace riskloop::http
