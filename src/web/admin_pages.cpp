// stub
#include "web/screen_routes.hpp"

namespace riskloop::web {

void add_admin_routes(http::RouteTable&) {}

}  // namespace riskloop::web
