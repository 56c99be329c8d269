// /api/v1/operational-risks: the operational (enterprise) risk register of the organization:
// suppliers, regulatory change, capacity, cybersecurity, key people (outside ISO 14971).
#include "app/operational_risks.hpp"
#include "core/field_copy.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

using risk::OperationalRisk;
using risk::OperationalRiskInput;

Response list_risks(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto risks = RL_HTTP_TRY(c.app().operational_risks().list(c.principal, page));
  return page_response(
      risks, page.limit, [](const OperationalRisk& r) { return formats::to_json(r); },
      [](const OperationalRisk& r) { return r.header.id; });
}

Response create_risk(Call& c) {
  OperationalRiskInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  const auto r = RL_HTTP_TRY(c.app().operational_risks().create(c.principal, in));
  return record_response(r, 201, "/api/v1/operational-risks/" + r.header.id);
}

Response get_risk(Call& c) {
  return record_response(RL_HTTP_TRY(c.app().operational_risks().get(c.principal, c.param(0))));
}

Response replace_risk(Call& c) {
  OperationalRiskInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(
      RL_HTTP_TRY(c.app().operational_risks().update(c.principal, c.param(0), in, c.if_match)));
}

Response patch_risk(Call& c) {
  const auto id = c.param(0);
  auto& register_ = c.app().operational_risks();
  auto in = input_of<OperationalRiskInput>(RL_HTTP_TRY(register_.get(c.principal, id)));
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(RL_HTTP_TRY(register_.update(c.principal, id, in, c.if_match)));
}

Response delete_risk(Call& c) {
  RL_HTTP_CHECK(c.app().operational_risks().remove(c.principal, c.param(0), c.if_match));
  return no_content();
}

}  // namespace

void add_operational_risk_routes(RouteTable& routes) {
  constexpr SchemaRef kRisk = record_ref<OperationalRisk>("OperationalRisk");
  constexpr SchemaRef kInput = input_ref<OperationalRiskInput>("OperationalRiskInput");
  constexpr std::string_view tag = "operational risks";
  routes.add(
      {.method = Method::get,
       .pattern = "/api/v1/operational-risks",
       .operation_id = "listOperationalRisks",
       .summary = "The operational risk register",
       .tag = tag,
       .handler = &list_risks,
       .response_description = "A page of operational risks in creation order",
       .response = kRisk,
       .list = true,
       .query = {{"after", "cursor: the `next` value of the previous page"},
                 {"limit", "page size, 1 to the server's maximum (default 100)", "integer"}}});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/operational-risks",
              .operation_id = "createOperationalRisk",
              .summary = "Add an operational risk",
              .tag = tag,
              .handler = &create_risk,
              .exec = Exec::write_pool,
              .body = kInput,
              .status = 201,
              .response_description = "Created",
              .response = kRisk});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/operational-risks/{id}",
              .operation_id = "getOperationalRisk",
              .summary = "One operational risk",
              .tag = tag,
              .handler = &get_risk,
              .response_description = "The operational risk; ETag is its version",
              .response = kRisk});
  routes.add({.method = Method::put,
              .pattern = "/api/v1/operational-risks/{id}",
              .operation_id = "replaceOperationalRisk",
              .summary = "Replace every field of an operational risk",
              .tag = tag,
              .handler = &replace_risk,
              .exec = Exec::write_pool,
              .body = kInput,
              .response_description = "The operational risk after the change",
              .response = kRisk,
              .if_match = true});
  routes.add({.method = Method::patch,
              .pattern = "/api/v1/operational-risks/{id}",
              .operation_id = "patchOperationalRisk",
              .summary = "Change some fields of an operational risk",
              .tag = tag,
              .handler = &patch_risk,
              .exec = Exec::write_pool,
              .body = kInput,
              .response_description = "The operational risk after the change",
              .response = kRisk,
              .if_match = true});
  routes.add({.method = Method::del,
              .pattern = "/api/v1/operational-risks/{id}",
              .operation_id = "deleteOperationalRisk",
              .summary = "Delete an operational risk",
              .tag = tag,
              .handler = &delete_risk,
              .exec = Exec::write_pool,
              .status = 204,
              .response_description = "Deleted",
              .if_match = true});
}

}  // namespace riskloop::http
