// /api/v1/operational-risks: the operational (enterprise) risk register of the organization:
// suppliers, regulatory change, capacity, cybersecurity, key people (outside ISO 14971). Every
// route comes from the record type's declaration.
#include "http/record_routes.hpp"
#include "http/routes.hpp"

namespace riskloop::http {

void add_operational_risk_routes(RouteTable& routes) {
  add_record_routes<risk::OperationalRisk,
                    [](app::App& app) -> app::OperationalRisks& { return app.operational_risks(); }>(
      routes);
}

}  // namespace riskloop::http
