// Signed decisions on a risk file and moving it to another policy version:
//   POST/GET /api/v1/risk-files/{id}/gate-decisions         stage gates (passing moves the stage)
//   POST/GET /api/v1/risk-files/{id}/benefit-risk           7.4, for one risk not acceptable
//   POST/GET /api/v1/risk-files/{id}/overall-residual-risk  8
//   GET      /api/v1/risk-files/{id}/migration-preview?policy_id=&version=
//   POST     /api/v1/risk-files/{id}/policy-migration        (If-Match: the file's version)
// Each POST carries {"signature":{"password":...,"meaning":...}} in its body (signed_body.hpp);
// a wrong password is 401 naming /signature/password, and nothing is recorded.
#include <charconv>

#include "app/risk_files.hpp"
#include "core/risk/decisions.hpp"
#include "core/risk/migration_record.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"
#include "http/signed_body.hpp"

namespace riskloop::http {
namespace {

using app::RiskFiles;

// Decisions that bind the file's analysis when signed (content_digest).
template <class D>
concept BindsAnalysis = requires(const D& d) { d.content_digest; };

// A decision with the signatures made on it and, where it binds the analysis, whether the
// analysis changed since.
template <Record D>
nlohmann::json decision_json(const D& d, const app::FileAssessment& a) {
  auto out = formats::to_json(d);
  nlohmann::json signed_by = nlohmann::json::array();
  for (const auto& s : a.signatures)
    if (s.signed_entity == D::entity && s.signed_id == d.header.id)
      signed_by.push_back(formats::to_json(s));
  out["signatures"] = std::move(signed_by);
  if constexpr (BindsAnalysis<D>) out["changed_since_signed"] = a.changed_since(d);
  return out;
}

template <Record D>
nlohmann::json decision_schema() {
  auto s = record_schema<D>();
  s["properties"]["signatures"] = {{"type", "array"}, {"items", record_schema<Signature>()}};
  s["required"].push_back("signatures");
  if constexpr (BindsAnalysis<D>) {
    s["properties"]["changed_since_signed"] = {
        {"type", "boolean"},
        {"description", "the file's analysis differs from what was signed (content_digest)"}};
    s["required"].push_back("changed_since_signed");
  }
  return s;
}

// The decisions of one kind, oldest first, as one page (a file holds few).
template <Record D, std::vector<D> risk::RiskFileSnapshot::*Member>
Response list_decisions(Call& c) {
  const auto a = RL_HTTP_TRY(c.app().files().assess(c.principal, c.param(0)));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : a.snapshot.*Member) items.push_back(decision_json(d, a));
  return json_response(200, {{"items", std::move(items)}, {"next", nullptr}});
}

template <class Input, Record D,
          Result<D> (RiskFiles::*Decide)(const app::Principal&, const Id&, const Input&,
                                         const SignatureInput&)>
Response decide(Call& c) {
  const auto body = RL_HTTP_TRY(decode_signed<Input>(c));
  const auto d =
      RL_HTTP_TRY((c.app().files().*Decide)(c.principal, c.param(0), body.input, body.signature));
  return record_response(d, 201);
}

Result<std::int64_t> version_param(const Call& c) {
  const auto text = RL_TRY(query_param(c.request.query, "version"));
  if (!text) return fail(ErrorCode::validation, "is required", parameter_location("version"));
  std::int64_t v = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, v);
  if (ec != std::errc() || ptr != end || v < 1)
    return fail(ErrorCode::validation,
                "must be a policy version number (1, 2, ...), not \"" + *text + "\"",
                parameter_location("version"));
  return v;
}

Response migration_preview(Call& c) {
  const auto policy = RL_HTTP_TRY(query_param(c.request.query, "policy_id"));
  if (!policy || policy->empty())
    return problem(Error{ErrorCode::validation, "is required", parameter_location("policy_id")});
  const auto version = RL_HTTP_TRY(version_param(c));
  const auto changes =
      RL_HTTP_TRY(c.app().files().preview_migration(c.principal, c.param(0), *policy, version));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& ch : changes) items.push_back(formats::fields_to_json(ch));
  return json_response(200, {{"items", std::move(items)}, {"next", nullptr}});
}

nlohmann::json migrated_estimate_schema() {
  schema_detail::Properties p{.all_required = true};
  risk::MigratedEstimate sample{};
  risk::MigratedEstimate::fields(p, sample);
  auto out = p.object();
  out["description"] = "an estimate whose evaluation would change; nothing is applied";
  return out;
}

Response migrate(Call& c) {
  risk::PolicyMigrationInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  const auto m =
      RL_HTTP_TRY(c.app().files().migrate_policy(c.principal, c.param(0), in, c.if_match));
  return record_response(m, 201);
}

}  // namespace

void add_risk_decision_routes(RouteTable& routes) {
  constexpr std::string_view tag = "risk decisions";
  using risk::BenefitRisk;
  using risk::GateDecision;
  using risk::OverallResidualRisk;
  using Snapshot = risk::RiskFileSnapshot;

  routes.add({.method = Method::post,
              .pattern = "/api/v1/risk-files/{id}/gate-decisions",
              .operation_id = "decideGate",
              .summary = "Sign a gate decision; `passed` only when nothing blocks the gate, and "
                         "it moves the file to that stage",
              .tag = tag,
              .handler = &decide<risk::GateDecisionInput, GateDecision, &RiskFiles::decide_gate>,
              .exec = Exec::write_pool,
              .body = input_ref<Signed<risk::GateDecisionInput>>("SignedGateDecision"),
              .status = 201,
              .response_description = "The decision, signed",
              .response = record_ref<GateDecision>("GateDecision")});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/risk-files/{id}/gate-decisions",
              .operation_id = "listGateDecisions",
              .summary = "The file's gate decisions with their signatures",
              .tag = tag,
              .handler = &list_decisions<GateDecision, &Snapshot::gate_decisions>,
              .response_description = "Every gate decision (one page)",
              .response = {"SignedGateDecisionRecord", &decision_schema<GateDecision>},
              .list = true});
  routes.add(
      {.method = Method::post,
       .pattern = "/api/v1/risk-files/{id}/benefit-risk",
       .operation_id = "decideBenefitRisk",
       .summary = "Sign a benefit-risk decision (7.4) for a risk that is not acceptable",
       .tag = tag,
       .handler = &decide<risk::BenefitRiskInput, BenefitRisk, &RiskFiles::decide_benefit_risk>,
       .exec = Exec::write_pool,
       .body = input_ref<Signed<risk::BenefitRiskInput>>("SignedBenefitRisk"),
       .status = 201,
       .response_description = "The decision, signed",
       .response = record_ref<BenefitRisk>("BenefitRisk")});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/risk-files/{id}/benefit-risk",
              .operation_id = "listBenefitRisk",
              .summary = "The file's benefit-risk decisions with their signatures",
              .tag = tag,
              .handler = &list_decisions<BenefitRisk, &Snapshot::benefit_risks>,
              .response_description = "Every benefit-risk decision (one page)",
              .response = {"SignedBenefitRiskRecord", &decision_schema<BenefitRisk>},
              .list = true});
  routes.add(
      {.method = Method::post,
       .pattern = "/api/v1/risk-files/{id}/overall-residual-risk",
       .operation_id = "decideOverallResidualRisk",
       .summary = "Sign the evaluation of the overall residual risk (8)",
       .tag = tag,
       .handler = &decide<risk::OverallResidualRiskInput, OverallResidualRisk,
                          &RiskFiles::decide_overall_residual>,
       .exec = Exec::write_pool,
       .body = input_ref<Signed<risk::OverallResidualRiskInput>>("SignedOverallResidualRisk"),
       .status = 201,
       .response_description = "The evaluation, signed",
       .response = record_ref<OverallResidualRisk>("OverallResidualRisk")});
  routes.add(
      {.method = Method::get,
       .pattern = "/api/v1/risk-files/{id}/overall-residual-risk",
       .operation_id = "listOverallResidualRisk",
       .summary = "The file's overall residual risk evaluations with their signatures",
       .tag = tag,
       .handler = &list_decisions<OverallResidualRisk, &Snapshot::overall_residual_risks>,
       .response_description = "Every evaluation (one page); the latest counts",
       .response = {"SignedOverallResidualRiskRecord", &decision_schema<OverallResidualRisk>},
       .list = true});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/risk-files/{id}/migration-preview",
              .operation_id = "previewPolicyMigration",
              .summary = "What moving the file to another policy version would change",
              .tag = tag,
              .handler = &migration_preview,
              .response_description = "Every estimate whose evaluation would change (one page)",
              .response = {"MigratedEstimate", &migrated_estimate_schema},
              .list = true,
              .query = {{"policy_id", "the target policy (required)"},
                        {"version", "the target policy version (required)", "integer"}}});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/risk-files/{id}/policy-migration",
              .operation_id = "migratePolicy",
              .summary = "Move the file to an approved policy version, re-rating severities by "
                         "level name and recording every change",
              .tag = tag,
              .handler = &migrate,
              .exec = Exec::write_pool,
              .body = input_ref<risk::PolicyMigrationInput>("PolicyMigrationInput"),
              .status = 201,
              .response_description = "The migration record",
              .response = record_ref<risk::PolicyMigration>("PolicyMigration"),
              .if_match = true});
}

}  // namespace riskloop::http
