// /api/v1/measurement-imports and /api/v1/process-measurements: process measurement files
// imported in journaled batches, their progress, paged lists and inclusion proofs.
#include <cctype>

#include <nlohmann/json.hpp>

#include "app/measurements.hpp"
#include "formats/json/canonical_json.hpp"
#include "formats/digest/sha256.hpp"
#include "http/idempotency.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

nlohmann::json measurement_json(const ProcessMeasurement& m) {
  nlohmann::json out = nlohmann::json::object();
  formats::detail::ApiWriter w{out};
  visit_bulk_row<ProcessMeasurement>(w, m);
  return out;
}

nlohmann::json measurement_schema() {
  schema_detail::Properties p{.all_required = true};
  ProcessMeasurement sample{};
  visit_bulk_row<ProcessMeasurement>(p, sample);
  return p.object();
}

nlohmann::json proof_schema() {
  schema_detail::Properties p{.all_required = true};
  app::BulkProof sample{};
  app::BulkProof::fields(p, sample);
  return p.object();
}


Response run_import(Call& c) {
  if (auto refused = require_csv(c)) return *refused;
  const auto name = RL_HTTP_TRY(query_param(c.request.query, "name")).value_or("upload.csv");
  const auto outcome = RL_HTTP_TRY(
      c.app().measurements().import_csv(c.principal, name, c.request.body));
  if (!outcome.ok()) {
    nlohmann::json issues = nlohmann::json::array();
    for (const auto& i : outcome.issues)
      issues.push_back({{"row", i.row}, {"column", i.column}, {"message", i.message}});
    return json_response(422, {{"rows_read", outcome.rows_read},
                               {"issues", std::move(issues)},
                               {"written", false}});
  }
  const auto& result = *outcome.result;
  // 200 for a file imported completely before (nothing written), 201 when this call wrote.
  return record_response(result.run, result.already_complete ? 200 : 201,
                         "/api/v1/measurement-imports/" + result.run.header.id);
}

// Answers kept for a retry under the same Idempotency-Key: the run (200, 201) and a refused file.
bool import_answered(const Response& r) {
  return r.status == 200 || r.status == 201 ||
         (r.status == 422 && r.content_type != kProblemContentType);
}

// An Idempotency-Key makes a retry return the first answer (http/idempotency.hpp); without one
// the file's SHA-256 still keeps a second upload from writing anything twice.
Response import_measurements(Call& c) {
  return with_idempotency_key(c, &run_import, &import_answered);
}

Response get_import(Call& c) {
  return record_response(RL_HTTP_TRY(c.app().measurements().run(c.principal, c.param(0))));
}

Response list_measurements(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  app::MeasurementQuery q{.after = page.after, .limit = page.limit};
  q.lot = RL_HTTP_TRY(query_param(c.request.query, "lot")).value_or("");
  q.characteristic = RL_HTTP_TRY(query_param(c.request.query, "characteristic")).value_or("");
  q.product_id = RL_HTTP_TRY(query_param(c.request.query, "product_id")).value_or("");
  const auto rows = RL_HTTP_TRY(c.app().measurements().list(c.principal, q));
  return page_response(rows, page.limit, &measurement_json,
                       [](const ProcessMeasurement& m) { return m.id; });
}

Response get_proof(Call& c) {
  const auto proof = RL_HTTP_TRY(c.app().measurements().proof(c.principal, c.param(0)));
  return json_response(200, formats::fields_to_json(proof));
}

}  // namespace

void add_measurement_routes(RouteTable& routes) {
  constexpr std::string_view tag = "process measurements";
  constexpr SchemaRef kRun = record_ref<ImportRun>("ImportRun");
  routes.add(
      {.method = Method::post,
       .pattern = "/api/v1/measurement-imports",
       .operation_id = "importProcessMeasurements",
       .summary = "Import a process measurement CSV file (docs/formats/measurements.md) sent as "
                  "the raw body (Content-Type text/csv) in journaled batches. Every row is "
                  "checked first; a bad file writes nothing (422 with every bad row). Sending "
                  "the same file again continues an interrupted import or, once complete, "
                  "writes nothing (200). An Idempotency-Key header makes a retry return the "
                  "first answer",
       .tag = tag,
       .handler = &import_measurements,
       .exec = Exec::write_pool,
       .status = 201,
       .response_description = "The import run with its progress",
       .response = kRun,
       .query = {{"name", "the file's name, kept in the batch entries (default upload.csv)"}},
       .large_body = true,
       .idempotent = true});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/measurement-imports/{id}",
              .operation_id = "getMeasurementImport",
              .summary = "An import run and its progress",
              .tag = tag,
              .handler = &get_import,
              .response_description = "The import run",
              .response = kRun});
  routes.add(
      {.method = Method::get,
       .pattern = "/api/v1/process-measurements",
       .operation_id = "listProcessMeasurements",
       .summary = "Process measurements, a page at a time, optionally of one lot, "
                  "characteristic or product",
       .tag = tag,
       .handler = &list_measurements,
       .response_description = "A page of measurements in id order",
       .response = {"ProcessMeasurement", &measurement_schema},
       .list = true,
       .query = {{"after", "cursor: the `next` value of the previous page"},
                 {"limit", "page size, 1 to the server's maximum (default 100)", "integer"},
                 {"lot", "only this lot"},
                 {"characteristic", "only this characteristic"},
                 {"product_id", "only this product"}}});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/process-measurements/{id}/proof",
              .operation_id = "proveProcessMeasurement",
              .summary = "The Merkle inclusion proof of one measurement in its batch's journal "
                         "entry (docs/journal.md section 7)",
              .tag = tag,
              .handler = &get_proof,
              .response_description = "The proof; `verified` says whether it holds",
              .response = {"BulkProof", &proof_schema}});
}

}  // namespace riskloop::http
