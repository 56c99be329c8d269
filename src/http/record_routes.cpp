// Query strings as pairs and schema names, for the generated routes (http/record_routes.hpp).
#include "http/record_routes.hpp"

#include <cctype>

#include "app/record_types.hpp"

namespace riskloop::http {

Result<app::QueryParams> query_pairs(std::string_view query) {
  app::QueryParams out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value)
      return fail(ErrorCode::malformed, "is not valid percent-encoding",
                  parameter_location(name ? std::string_view(*name) : pair.substr(0, eq)));
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

void add_declared_record_routes(RouteTable& routes) {
  app::for_each_record_type([&]<class T>() {
    if constexpr (DeclaredRecord<T>)
      add_record_routes<T, [](app::App& a) { return a.records<T>(); }>(routes);
  });
}

namespace record_routes_detail {

std::string camel_case(std::string_view snake) {
  std::string out;
  bool upper = true;
  for (const char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? char(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

}  // namespace record_routes_detail

}  // namespace riskloop::http
