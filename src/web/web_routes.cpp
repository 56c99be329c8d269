// The web UI's route table.
#include "web/web_routes.hpp"

#include "web/screen_routes.hpp"

namespace riskloop::web {

void add_web_routes(http::RouteTable& routes) {
  add_static_routes(routes);
  add_login_routes(routes);
  add_dashboard_routes(routes);
  add_product_routes(routes);
  add_risk_file_routes(routes);
  add_item_routes(routes);
  add_analysis_routes(routes);
  add_control_routes(routes);
  add_decision_routes(routes);
  add_report_routes(routes);
  add_import_routes(routes);
  add_declared_record_pages(routes);
  add_policy_routes(routes);
  add_journal_routes(routes);
  add_admin_routes(routes);
}

}  // namespace riskloop::web
