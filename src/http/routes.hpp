// Each resource file adds its operations to the API's route table (api.cpp puts them together).
#pragma once

#include "http/router.hpp"

namespace riskloop::http {

void add_auth_routes(RouteTable& routes);     // auth_routes.cpp
void add_account_routes(RouteTable& routes);  // account_routes.cpp
void add_product_routes(RouteTable& routes);  // product_routes.cpp
void add_journal_routes(RouteTable& routes);  // journal_routes.cpp
void add_service_routes(RouteTable& routes);  // service_routes.cpp: /healthz, OpenAPI document

}  // namespace riskloop::http
