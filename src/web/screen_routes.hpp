// Each screen file adds its routes (web_routes.cpp puts them together).
#pragma once

#include "http/router.hpp"

namespace riskloop::web {

void add_static_routes(http::RouteTable& routes);     // static_routes.cpp
void add_login_routes(http::RouteTable& routes);      // login_pages.cpp
void add_dashboard_routes(http::RouteTable& routes);  // dashboard_page.cpp
void add_product_routes(http::RouteTable& routes);    // product_pages.cpp
void add_risk_file_routes(http::RouteTable& routes);  // risk_file_page.cpp
void add_item_routes(http::RouteTable& routes);       // item_routes.cpp
void add_analysis_routes(http::RouteTable& routes);   // analysis_tabs.cpp
void add_control_routes(http::RouteTable& routes);    // controls_tab.cpp
void add_decision_routes(http::RouteTable& routes);   // decision_tabs.cpp
void add_report_routes(http::RouteTable& routes);     // report_routes.cpp
void add_import_routes(http::RouteTable& routes);     // import_pages.cpp
void add_declared_record_pages(http::RouteTable& routes);  // declared_pages.cpp: operational risks, suppliers, ...
void add_policy_routes(http::RouteTable& routes);     // policy_pages.cpp
void add_journal_routes(http::RouteTable& routes);    // journal_pages.cpp
void add_admin_routes(http::RouteTable& routes);      // admin_pages.cpp

}  // namespace riskloop::web
