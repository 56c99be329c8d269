// Where a risk file stands: GET /api/v1/risk-files/{id}/assessment (counts, the step and
// evaluation of every risk before and after control, the heat maps, completeness findings and
// signatures) and GET /api/v1/risk-files/{id}/gate?stage=... (every blocking reason of a gate).
// Both are derived from the stored items on each request; nothing here is stored.
#include "app/risk_files.hpp"
#include "core/risk/compiled_policy.hpp"
#include "formats/report/heat_map_svg.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

using risk::CompiledPolicy;

const nlohmann::json kText = {{"type", "string"}};
const nlohmann::json kCount = {{"type", "integer"}, {"format", "int64"}};

template <class E>
nlohmann::json enum_schema() {
  return schema_detail::value_schema<E>();
}

nlohmann::json nullable(nlohmann::json schema) {
  return {{"anyOf", {std::move(schema), {{"type", "null"}}}}};
}

nlohmann::json object_schema(nlohmann::json properties, std::string_view description = {}) {
  nlohmann::json required = nlohmann::json::array();
  for (auto it = properties.begin(); it != properties.end(); ++it) required.push_back(it.key());
  nlohmann::json out = {{"type", "object"},
                        {"properties", std::move(properties)},
                        {"required", std::move(required)},
                        {"additionalProperties", false}};
  if (!description.empty()) out["description"] = description;
  return out;
}

// --- findings (completeness and gates) ----------------------------------------------------

nlohmann::json finding_json(const risk::Finding& f) {
  return {{"code", name_of(f.code)},
          {"message", f.message},
          {"entity", f.entity},
          {"item_id", f.item_id}};
}

nlohmann::json finding_schema() {
  return object_schema(
      {{"code", enum_schema<risk::FindingCode>()},
       {"message", kText},
       {"entity", {{"type", "string"}, {"description", "record type, e.g. hazard"}}},
       {"item_id", kText}},
      "what blocks or is missing, on which record");
}

nlohmann::json findings_json(const std::vector<risk::Finding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : findings) out.push_back(finding_json(f));
  return out;
}

// --- evaluations and heat maps --------------------------------------------------------------

nlohmann::json evaluation_json(const CompiledPolicy& policy,
                               const std::optional<risk::Evaluation>& e) {
  if (!e) return nullptr;
  return {{"severity_rank", e->severity_rank},
          {"severity", policy.severity_level(e->severity_rank).name},
          {"probability_rank", e->probability_rank},
          {"probability", policy.probability_level(e->probability_rank).name},
          {"p", e->probability ? nlohmann::json(*e->probability) : nlohmann::json(nullptr)},
          {"acceptability", name_of(e->acceptability)},
          {"worst_case_probability", e->worst_case_probability},
          {"text", risk::describe(policy, *e)}};
}

nlohmann::json evaluation_schema() {
  return nullable(object_schema(
      {{"severity_rank", kCount},
       {"severity", {{"type", "string"}, {"description", "the policy's severity level name"}}},
       {"probability_rank", kCount},
       {"probability", {{"type", "string"}, {"description", "the policy's probability level"}}},
       {"p", nullable({{"type", "number"}, {"description", "P1 x P2; null when not estimable"}})},
       {"acceptability", enum_schema<risk::Acceptability>()},
       {"worst_case_probability", {{"type", "boolean"}}},
       {"text",
        {{"type", "string"},
         {"description",
          "for people: \"Serious x Remote (P = 0.000002 per use): acceptable\"; probabilities "
          "in plain decimal notation, at most 6 significant digits"}}}}));
}

std::string_view estimate_state_name(risk::EstimateState s) {
  switch (s) {
    case risk::EstimateState::missing:
      return "missing";
    case risk::EstimateState::invalid:
      return "invalid";
    case risk::EstimateState::evaluated:
      return "evaluated";
  }
  return "missing";
}

nlohmann::json heat_map_json(const CompiledPolicy& policy, const formats::HeatMapCounts& counts) {
  nlohmann::json severities = nlohmann::json::array(), probabilities = nlohmann::json::array();
  for (std::int64_t s = 1; s <= counts.severity_levels; ++s)
    severities.push_back(policy.severity_level(s).name);
  for (std::int64_t p = 1; p <= counts.probability_levels; ++p)
    probabilities.push_back(policy.probability_level(p).name);
  nlohmann::json cells = nlohmann::json::array();
  for (std::int64_t s = 1; s <= counts.severity_levels; ++s) {
    nlohmann::json row = nlohmann::json::array();
    for (std::int64_t p = 1; p <= counts.probability_levels; ++p) row.push_back(counts.at(s, p));
    cells.push_back(std::move(row));
  }
  return {{"severity_levels", std::move(severities)},
          {"probability_levels", std::move(probabilities)},
          {"cells", std::move(cells)},
          {"evaluated", counts.evaluated},
          {"not_evaluated", counts.not_evaluated},
          {"provisional", counts.provisional_total}};
}

nlohmann::json heat_map_schema() {
  const nlohmann::json names = {{"type", "array"}, {"items", kText}};
  return object_schema(
      {{"severity_levels", names},
       {"probability_levels", names},
       {"cells",
        {{"type", "array"},
         {"description", "cells[severity rank - 1][probability rank - 1]: risks in the cell"},
         {"items", {{"type", "array"}, {"items", kCount}}}}},
       {"evaluated", kCount},
       {"not_evaluated", kCount},
       {"provisional",
        {{"type", "integer"},
         {"description",
          "risks placed by a residual estimate that relies on controls not yet verified"}}}});
}

// --- the assessment -----------------------------------------------------------------------

nlohmann::json counts_json(const risk::RiskFileSnapshot& s) {
  return {{"hazards", s.hazards.size()},
          {"hazardous_situations", s.situations.size()},
          {"harms", s.harms.size()},
          {"hazard_situation_links", s.hazard_situations.size()},
          {"risks", s.situation_harms.size()},
          {"controls", s.controls.size()},
          {"control_links", s.control_links.size()},
          {"introduced_hazards", s.introduced_hazards.size()},
          {"residual_estimates", s.residual_estimates.size()},
          {"benefit_risks", s.benefit_risks.size()},
          {"overall_residual_risks", s.overall_residual_risks.size()},
          {"reviews", s.reviews.size()},
          {"gate_decisions", s.gate_decisions.size()}};
}

nlohmann::json risk_json(const CompiledPolicy& policy, const risk::RiskFileSnapshot& s,
                         const risk::RiskAssessment& a) {
  const auto& pair = s.situation_harms[a.pair];
  return {{"situation_harm_id", pair.header.id},
          {"ref", pair.ref},
          {"retired", a.retired},
          {"situation_id", pair.situation_id},
          {"harm_id", pair.harm_id},
          {"step", name_of(a.step)},
          {"controls", a.controls},
          {"verified_controls", a.verified_controls},
          {"benefit_risk_accepted", a.benefit_risk_accepted},
          {"initial_state", estimate_state_name(a.initial_state)},
          {"initial", evaluation_json(policy, a.initial)},
          {"residual_state", estimate_state_name(a.residual_state)},
          {"residual", evaluation_json(policy, a.residual)},
          {"residual_provisional", a.residual_provisional}};
}

nlohmann::json assessment_json(const app::FileAssessment& a) {
  const auto& s = a.snapshot;
  nlohmann::json steps = nlohmann::json::object();
  for (auto name : EnumNames<risk::Step>::names) steps[std::string(name)] = 0;
  nlohmann::json risks = nlohmann::json::array();
  nlohmann::json heat = nullptr;
  nlohmann::json policy = nullptr;
  if (a.policy) {
    policy = {{"id", a.policy->header.id},
              {"policy_id", a.policy->policy_id},
              {"policy_version", a.policy->policy_version},
              {"name", a.policy->name},
              {"status", name_of(a.policy->status)}};
    if (auto compiled = CompiledPolicy::compile(*a.policy)) {
      for (const auto& r : a.risks) {
        if (!r.retired)  // counted like the heat maps: retired risks are listed, not counted
          steps[std::string(name_of(r.step))] = steps[std::string(name_of(r.step))].get<int>() + 1;
        risks.push_back(risk_json(*compiled, s, r));
      }
      heat = {{"initial",
               heat_map_json(*compiled, formats::count_heat_map(*compiled, a.risks,
                                                                formats::HeatMapPhase::initial))},
              {"current",
               heat_map_json(*compiled, formats::count_heat_map(*compiled, a.risks,
                                                                formats::HeatMapPhase::current))}};
    }
  }
  nlohmann::json signatures = nlohmann::json::array();
  for (const auto& sig : a.signatures) signatures.push_back(formats::to_json(sig));
  return {{"risk_file_id", s.file.header.id},   {"stage", name_of(s.file.stage)},
          {"policy", std::move(policy)},        {"counts", counts_json(s)},
          {"steps", std::move(steps)},          {"risks", std::move(risks)},
          {"heat_map", std::move(heat)},        {"completeness", findings_json(a.completeness)},
          {"signatures", std::move(signatures)}};
}

nlohmann::json assessment_schema() {
  nlohmann::json counts = nlohmann::json::object();
  for (const auto* name :
       {"hazards", "hazardous_situations", "harms", "hazard_situation_links", "risks", "controls",
        "control_links", "introduced_hazards", "residual_estimates", "benefit_risks",
        "overall_residual_risks", "reviews", "gate_decisions"})
    counts[name] = kCount;
  nlohmann::json steps = nlohmann::json::object();
  for (auto name : EnumNames<risk::Step>::names) steps[std::string(name)] = kCount;
  const nlohmann::json state = {{"type", "string"}, {"enum", {"missing", "invalid", "evaluated"}}};
  const auto risk = object_schema({{"situation_harm_id", kText},
                                   {"ref", kText},
                                   {"retired",
                                    {{"type", "boolean"},
                                     {"description",
                                      "retired, or reached only through retired items: listed, "
                                      "left out of steps, heat maps, completeness and gates"}}},
                                   {"situation_id", kText},
                                   {"harm_id", kText},
                                   {"step", enum_schema<risk::Step>()},
                                   {"controls", kCount},
                                   {"verified_controls", kCount},
                                   {"benefit_risk_accepted", {{"type", "boolean"}}},
                                   {"initial_state", state},
                                   {"initial", evaluation_schema()},
                                   {"residual_state", state},
                                   {"residual", evaluation_schema()},
                                   {"residual_provisional",
                                    {{"type", "boolean"},
                                     {"description",
                                      "the residual estimate relies on a control whose "
                                      "verification has not passed"}}}});
  const auto policy = object_schema({{"id", kText},
                                     {"policy_id", kText},
                                     {"policy_version", kCount},
                                     {"name", kText},
                                     {"status", enum_schema<risk::PolicyStatus>()}});
  return object_schema(
      {{"risk_file_id", kText},
       {"stage", enum_schema<risk::Stage>()},
       {"policy", nullable(policy)},
       {"counts", object_schema(counts, "records of each kind in the file")},
       {"steps", object_schema(steps, "risks per step of the 1+2+3+4 frame")},
       {"risks", {{"type", "array"}, {"items", risk}}},
       {"heat_map",
        nullable(object_schema({{"initial", heat_map_schema()}, {"current", heat_map_schema()}},
                               "risks per matrix cell before and after risk control"))},
       {"completeness", {{"type", "array"}, {"items", finding_schema()}}},
       {"signatures", {{"type", "array"}, {"items", record_schema<Signature>()}}}},
      "the file as of now; risks, steps and heat maps are empty while the pinned policy is "
      "missing");
}

Response assessment(Call& c) {
  return json_response(
      200, assessment_json(RL_HTTP_TRY(c.app().files().assess(c.principal, c.param(0)))));
}

// --- gates ----------------------------------------------------------------------------------

// ?stage=design|manufacturing|post-launch (post_launch is accepted too).
Result<risk::Stage> stage_param(const Call& c) {
  auto text = RL_TRY(query_param(c.request.query, "stage"));
  if (!text)
    return fail(ErrorCode::validation, "is required: design, manufacturing or post-launch",
                parameter_location("stage"));
  std::string name = *text;
  for (auto& ch : name)
    if (ch == '-') ch = '_';
  const auto stage = enum_from_name<risk::Stage>(name);
  if (!stage)
    return fail(ErrorCode::validation,
                "\"" + *text + "\" is not one of design, manufacturing or post-launch",
                parameter_location("stage"));
  return *stage;
}

nlohmann::json gate_schema() {
  return object_schema({{"risk_file_id", kText},
                        {"stage", enum_schema<risk::Stage>()},
                        {"passes", {{"type", "boolean"}}},
                        {"reasons", {{"type", "array"}, {"items", finding_schema()}}}},
                       "the gate as of now: it passes when no reason blocks it");
}

Response gate(Call& c) {
  const auto stage = RL_HTTP_TRY(stage_param(c));
  const auto id = c.param(0);
  const auto reasons = RL_HTTP_TRY(c.app().files().check_gate(c.principal, id, stage));
  return json_response(200, {{"risk_file_id", id},
                             {"stage", name_of(stage)},
                             {"passes", reasons.empty()},
                             {"reasons", findings_json(reasons)}});
}

}  // namespace

void add_risk_assessment_routes(RouteTable& routes) {
  routes.add({.method = Method::get,
              .pattern = "/api/v1/risk-files/{id}/assessment",
              .operation_id = "assessRiskFile",
              .summary = "Steps, evaluations, heat maps, completeness and signatures of a file",
              .tag = "risk files",
              .handler = &assessment,
              .response_description = "The assessment as of now",
              .response = {"RiskFileAssessment", &assessment_schema}});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/risk-files/{id}/gate",
              .operation_id = "checkGate",
              .summary = "Every reason that blocks the gate of a stage",
              .tag = "risk files",
              .handler = &gate,
              .response_description = "The blocking reasons; `passes` when there are none",
              .response = {"GateCheck", &gate_schema},
              .query = {{"stage", "design, manufacturing or post-launch (required)"}}});
}

}  // namespace riskloop::http
