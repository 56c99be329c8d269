// The whole API in one table: the server routes by it and the OpenAPI document describes it.
#include "http/record_routes.hpp"
#include "http/routes.hpp"

namespace riskloop::http {

RouteTable api_routes() {
  RouteTable routes;
  add_service_routes(routes);
  add_auth_routes(routes);
  add_account_routes(routes);
  add_product_routes(routes);
  add_journal_routes(routes);
  add_risk_policy_routes(routes);
  add_risk_file_routes(routes);  // before the item routes: /reviews/due is not a review id
  add_risk_assessment_routes(routes);
  add_risk_decision_routes(routes);
  add_risk_item_routes(routes);
  add_risk_exchange_routes(routes);
  add_vigilance_routes(routes);  // before the declared routes: /reporting-rules/due is not an id
  add_declared_record_routes(routes);  // every declared record type: operational risks, ...
  add_measurement_routes(routes);
  add_udi_routes(routes);
  return routes;
}

}  // namespace riskloop::http
