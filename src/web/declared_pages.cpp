// The list, record and form pages of every declared record type of app/record_types.hpp
// (web/record_pages.hpp); a type's own columns and widgets are its RecordPagesHooks.
#include "app/record_types.hpp"
#include "web/operational_risk_pages.hpp"
#include "web/product_owned_pages.hpp"
#include "web/record_pages.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {

void add_declared_record_pages(http::RouteTable& routes) {
  app::for_each_record_type([&]<class T>() {
    if constexpr (DeclaredRecord<T>)
      add_record_pages<T, [](app::App& a) { return a.records<T>(); }>(routes);
  });
}

}  // namespace riskloop::web
