// /api/v1/risk-files: the risk management file of a product (scope, intended use, plan, pinned
// policy version), and the reviews that are due across the organization's files. The pinned
// policy moves only by a policy migration, the stage only by gate decisions (risk_decision_routes).
#include "app/risk_files.hpp"
#include "core/field_copy.hpp"
#include "core/risk/risk_file.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

using risk::RiskFile;
using risk::RiskFileInput;

Response list_files(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto product = RL_HTTP_TRY(query_param(c.request.query, "product_id"));
  const auto files =
      RL_HTTP_TRY(c.app().files().list(c.principal, page, product.value_or(std::string())));
  return page_response(
      files, page.limit, [](const RiskFile& f) { return formats::to_json(f); },
      [](const RiskFile& f) { return f.header.id; });
}

Response create_file(Call& c) {
  RiskFileInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  const auto f = RL_HTTP_TRY(c.app().files().create(c.principal, in));
  return record_response(f, 201, "/api/v1/risk-files/" + f.header.id);
}

Response get_file(Call& c) {
  return record_response(RL_HTTP_TRY(c.app().files().get(c.principal, c.param(0))));
}

Response replace_file(Call& c) {
  RiskFileInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(
      RL_HTTP_TRY(c.app().files().update(c.principal, c.param(0), in, c.if_match)));
}

Response patch_file(Call& c) {
  const auto id = c.param(0);
  RL_HTTP_CHECK(app::RiskFiles::may_change(c.principal));
  auto in = input_of<RiskFileInput>(RL_HTTP_TRY(c.app().files().get(c.principal, id)));
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(RL_HTTP_TRY(c.app().files().update(c.principal, id, in, c.if_match)));
}

nlohmann::json due_json(const app::DueItem& d) {
  return {{"risk_file_id", d.risk_file_id},
          {"title", d.title},
          {"reason", d.reason},
          {"due", d.due ? nlohmann::json(format_timestamp(*d.due)) : nlohmann::json(nullptr)}};
}

nlohmann::json due_schema() {
  const nlohmann::json text = {{"type", "string"}};
  return {
      {"type", "object"},
      {"description", "a review that is overdue, or open and due"},
      {"properties",
       {{"risk_file_id", text},
        {"title", text},
        {"reason", text},
        {"due", {{"anyOf", {{{"type", "string"}, {"format", "date-time"}}, {{"type", "null"}}}}}}}},
      {"required", {"risk_file_id", "title", "reason", "due"}},
      {"additionalProperties", false}};
}

Response due_reviews(Call& c) {
  const auto due = RL_HTTP_TRY(c.app().files().due(c.principal));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : due) items.push_back(due_json(d));
  // The application lists every due review at once: one page holds them all.
  return json_response(200, {{"items", std::move(items)}, {"next", nullptr}});
}

}  // namespace

void add_risk_file_routes(RouteTable& routes) {
  constexpr SchemaRef kFile = record_ref<RiskFile>("RiskFile");
  constexpr SchemaRef kInput = input_ref<RiskFileInput>("RiskFileInput");
  routes.add(
      {.method = Method::get,
       .pattern = "/api/v1/risk-files",
       .operation_id = "listRiskFiles",
       .summary = "Risk files of the organization (partners: of the products shared with them)",
       .tag = "risk files",
       .handler = &list_files,
       .response_description = "A page of risk files in creation order",
       .response = kFile,
       .list = true,
       .query = {{"product_id", "only the files of this product"},
                 {"after", "cursor: the `next` value of the previous page"},
                 {"limit", "page size, 1 to the server's maximum (default 100)", "integer"}}});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/risk-files",
              .operation_id = "createRiskFile",
              .summary = "Create the risk file of a product, pinning a policy version",
              .tag = "risk files",
              .handler = &create_file,
              .exec = Exec::write_pool,
              .body = kInput,
              .status = 201,
              .response_description = "Created",
              .response = kFile});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/risk-files/{id}",
              .operation_id = "getRiskFile",
              .summary = "One risk file",
              .tag = "risk files",
              .handler = &get_file,
              .response_description = "The risk file; ETag is its version",
              .response = kFile});
  routes.add({.method = Method::put,
              .pattern = "/api/v1/risk-files/{id}",
              .operation_id = "replaceRiskFile",
              .summary = "Replace the plan and description fields (product and pinned policy "
                         "must stay as they are)",
              .tag = "risk files",
              .handler = &replace_file,
              .exec = Exec::write_pool,
              .body = kInput,
              .response_description = "The risk file after the change",
              .response = kFile,
              .if_match = true});
  routes.add({.method = Method::patch,
              .pattern = "/api/v1/risk-files/{id}",
              .operation_id = "patchRiskFile",
              .summary = "Change some plan and description fields",
              .tag = "risk files",
              .handler = &patch_file,
              .exec = Exec::write_pool,
              .body = kInput,
              .response_description = "The risk file after the change",
              .response = kFile,
              .if_match = true});
  // Before the review routes: "due" is not a review id.
  routes.add({.method = Method::get,
              .pattern = "/api/v1/reviews/due",
              .operation_id = "dueReviews",
              .summary = "Risk management reviews overdue or due now, across the files",
              .tag = "risk files",
              .handler = &due_reviews,
              .response_description = "Every due review (one page)",
              .response = {"DueReview", &due_schema},
              .list = true});
}

}  // namespace riskloop::http
