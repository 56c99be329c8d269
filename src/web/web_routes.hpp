// The web UI: every page, form and htmx fragment, and the static files, added to the server's
// route table next to the JSON API (ServerOptions::extra_routes).
//
//   http::ServerOptions options;
//   options.extra_routes = web::add_web_routes;
#pragma once

#include "http/router.hpp"

namespace riskloop::web {

void add_web_routes(http::RouteTable& routes);

}  // namespace riskloop::web
