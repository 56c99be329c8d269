// Routes about the service itself: the health check for load balancers and the OpenAPI document.
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"
#include "store/store.hpp"

namespace riskloop::http {
namespace {

Response healthz(Call& c) {
  // A trivial read proves the store answers; it says nothing else about the installation, since
  // this route needs no authentication.
  const auto ok = c.app().store().read([](store::Tx& tx) -> Status {
    RL_CHECK(tx.journal_head());
    return {};
  });
  if (!ok) return problem(Error{ErrorCode::storage, "the store does not answer", {}});
  return json_response(200, {{"status", "ok"}});
}

Response openapi(Call& c) {
  Response r;
  r.body = c.service.openapi_json;
  return r;
}

nlohmann::json health_schema() {
  return {{"type", "object"},
          {"properties", {{"status", {{"const", "ok"}}}}},
          {"required", {"status"}}};
}

nlohmann::json openapi_schema() {
  return {{"type", "object"}, {"description", "an OpenAPI 3.1 document"}};
}

}  // namespace

void add_service_routes(RouteTable& routes) {
  routes.add({.method = Method::get,
              .pattern = "/healthz",
              .operation_id = "health",
              .summary = "Liveness and store check (no authentication)",
              .tag = "service",
              .handler = &healthz,
              .access = Access::open,
              .response_description = "The server and its store answer",
              .response = {"Health", &health_schema}});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/openapi.json",
              .operation_id = "openapi",
              .summary = "This API described as OpenAPI 3.1",
              .tag = "service",
              .handler = &openapi,
              .access = Access::open,
              .response_description = "The OpenAPI document",
              .response = {"OpenApiDocument", &openapi_schema}});
}

}  // namespace riskloop::http
