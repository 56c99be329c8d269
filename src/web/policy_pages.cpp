// stub
#include "web/screen_routes.hpp"

namespace riskloop::web {

void add_policy_routes(http::RouteTable&) {}

}  // namespace riskloop::web
