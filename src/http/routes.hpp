// Each resource file adds its operations to the API's route table (api.cpp puts them together).
#pragma once

#include "http/router.hpp"

namespace riskloop::http {

void add_auth_routes(RouteTable& routes);     // auth_routes.cpp
void add_account_routes(RouteTable& routes);  // account_routes.cpp
void add_product_routes(RouteTable& routes);  // product_routes.cpp
void add_journal_routes(RouteTable& routes);  // journal_routes.cpp
void add_service_routes(RouteTable& routes);  // service_routes.cpp: /healthz, OpenAPI document

// Risk management: policies, files and their items, decisions, exchange. (Declared record types,
// the operational risk register among them, come from record_routes.hpp.)
void add_risk_policy_routes(RouteTable& routes);       // risk_policy_routes.cpp
void add_risk_file_routes(RouteTable& routes);         // risk_file_routes.cpp, due reviews
void add_risk_assessment_routes(RouteTable& routes);   // risk_assessment_routes.cpp
void add_risk_decision_routes(RouteTable& routes);     // risk_decision_routes.cpp
void add_risk_item_routes(RouteTable& routes);         // risk_item_routes.cpp
void add_risk_exchange_routes(RouteTable& routes);     // risk_exchange_routes.cpp

// Bulk data: process measurement imports, lists and proofs.
void add_measurement_routes(RouteTable& routes);  // measurement_routes.cpp

// UDI carriers: parsing GS1 and HIBCC codes.
void add_udi_routes(RouteTable& routes);  // udi_routes.cpp
void add_vigilance_routes(RouteTable& routes);  // vigilance_routes.cpp

}  // namespace riskloop::http
