// The JSON API of a declared record type, generated from its declaration:
//
//   GET    /api/v1/<path>        a keyset page; filters, sort and cursor as app/record_query.hpp
//   POST   /api/v1/<path>        create (201, Location, ETag)
//   GET    /api/v1/<path>/{id}   one record (ETag = version)
//   PUT    /api/v1/<path>/{id}   replace every field (If-Match)
//   PATCH  /api/v1/<path>/{id}   change the fields sent (If-Match)
//   DELETE /api/v1/<path>/{id}   where the declaration allows it (If-Match)
//
// with their OpenAPI descriptions. `Service` is the app's service for T (app::RecordService<T>),
// reached through `service_of(app)`.
#pragma once

#include <string>

#include "app/app.hpp"
#include "app/record_query.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"

namespace riskloop::http {

// A query string as decoded name/value pairs, in order; malformed percent-encoding is an error
// naming the parameter.
[[nodiscard]] Result<app::QueryParams> query_pairs(std::string_view query);

namespace record_routes_detail {

// "operational_risk" -> "OperationalRisk"
std::string camel_case(std::string_view snake);

// The texts a route table views (they must outlive it): built once per type.
template <DeclaredRecord T>
struct Names {
  static const Names& get() {
    static const Names names;
    return names;
  }
  std::string collection = "/api/v1/" + std::string(T::declaration.path);
  std::string item = collection + "/{id}";
  std::string schema = camel_case(T::entity);
  std::string input_schema = schema + "Input";
  std::string list_id = "list" + camel_case(std::string(T::entity) + "s");
  std::string create_id = "create" + schema;
  std::string get_id = "get" + schema;
  std::string replace_id = "replace" + schema;
  std::string patch_id = "patch" + schema;
  std::string delete_id = "delete" + schema;
  std::string plural = std::string(T::declaration.plural);
  std::string list_summary = "List " + plural + " (filter, sort, page)";
  std::string create_summary = "Add " + std::string(T::declaration.title);
  std::string get_summary = "One " + std::string(T::declaration.title);
  std::string replace_summary = "Replace every field of " + std::string(T::declaration.title);
  std::string patch_summary = "Change some fields of " + std::string(T::declaration.title);
  std::string delete_summary = "Delete " + std::string(T::declaration.title);
  std::string filters =
      "Filters on " + app::detail::query_fields_list(T::declaration.indexes) +
      ": `field=value`, `field=a,b` (one of), `field.lt|le|gt|ge=value`, `field.prefix=text`, "
      "`field.null=true|false`; `sort=field` or `sort=-field`; `after` = the `next` of the "
      "previous page; `limit`.";
};

template <DeclaredRecord T, auto service_of>
struct Handlers {
  static Response list(Call& c) {
    const auto pairs = RL_HTTP_TRY(query_pairs(c.request.query));
    const int max = std::max(1, c.app().options().max_page_size);
    auto query = app::parse_query<T>(pairs, std::min(100, max), max);
    if (!query) {
      auto e = query.error();
      e.location = parameter_location(e.location);
      return problem(e);
    }
    const auto page = RL_HTTP_TRY(service_of(c.app()).find(c.principal, std::move(*query)));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& rec : page.items) items.push_back(formats::to_json(rec));
    return json_response(200, {{"items", std::move(items)},
                               {"next", page.next ? nlohmann::json(app::encode_cursor(*page.next))
                                                  : nlohmann::json(nullptr)}});
  }

  static Response create(Call& c) {
    T in{};
    RL_HTTP_CHECK(decode_body(c, in));
    const auto rec = RL_HTTP_TRY(service_of(c.app()).create(c.principal, in));
    return record_response(rec, 201, Names<T>::get().collection + "/" + rec.header.id);
  }

  static Response get(Call& c) {
    return record_response(RL_HTTP_TRY(service_of(c.app()).get(c.principal, c.param(0))));
  }

  static Response replace(Call& c) {
    T in{};
    RL_HTTP_CHECK(decode_body(c, in));
    return record_response(
        RL_HTTP_TRY(service_of(c.app()).update(c.principal, c.param(0), in, c.if_match)));
  }

  static Response patch(Call& c) {
    auto&& service = service_of(c.app());
    RL_HTTP_CHECK(service.may_change(c.principal));
    auto in = RL_HTTP_TRY(service.get(c.principal, c.param(0)));
    RL_HTTP_CHECK(decode_body(c, in));
    return record_response(RL_HTTP_TRY(service.update(c.principal, c.param(0), in, c.if_match)));
  }

  static Response remove(Call& c) {
    RL_HTTP_CHECK(service_of(c.app()).remove(c.principal, c.param(0), c.if_match));
    return no_content();
  }
};

}  // namespace record_routes_detail

// Adds the routes of T; `service_of(app)` gives its app::RecordService<T> (by reference or value).
template <DeclaredRecord T, auto service_of>
void add_record_routes(RouteTable& routes) {
  using namespace record_routes_detail;
  using H = Handlers<T, service_of>;
  const auto& n = Names<T>::get();
  const SchemaRef record{n.schema, &record_schema<T>};
  const SchemaRef input{n.input_schema, &input_schema<T>};
  const std::string_view tag = n.plural;
  routes.add({.method = Method::get,
              .pattern = n.collection,
              .operation_id = n.list_id,
              .summary = n.list_summary,
              .tag = tag,
              .handler = &H::list,
              .response_description = n.filters,
              .response = record,
              .list = true,
              .query = {{"after", "cursor: the `next` value of the previous page"},
                        {"limit", "page size, 1 to the server's maximum (default 100)", "integer"},
                        {"sort", "an indexed field, `-` first for descending order"}}});
  routes.add({.method = Method::post,
              .pattern = n.collection,
              .operation_id = n.create_id,
              .summary = n.create_summary,
              .tag = tag,
              .handler = &H::create,
              .exec = Exec::write_pool,
              .body = input,
              .status = 201,
              .response_description = "Created",
              .response = record});
  routes.add({.method = Method::get,
              .pattern = n.item,
              .operation_id = n.get_id,
              .summary = n.get_summary,
              .tag = tag,
              .handler = &H::get,
              .response_description = "The record; ETag is its version",
              .response = record});
  routes.add({.method = Method::put,
              .pattern = n.item,
              .operation_id = n.replace_id,
              .summary = n.replace_summary,
              .tag = tag,
              .handler = &H::replace,
              .exec = Exec::write_pool,
              .body = input,
              .response_description = "The record after the change",
              .response = record,
              .if_match = true});
  routes.add({.method = Method::patch,
              .pattern = n.item,
              .operation_id = n.patch_id,
              .summary = n.patch_summary,
              .tag = tag,
              .handler = &H::patch,
              .exec = Exec::write_pool,
              .body = input,
              .response_description = "The record after the change",
              .response = record,
              .if_match = true});
  if constexpr (T::declaration.permissions.removable)
    routes.add({.method = Method::del,
                .pattern = n.item,
                .operation_id = n.delete_id,
                .summary = n.delete_summary,
                .tag = tag,
                .handler = &H::remove,
                .exec = Exec::write_pool,
                .status = 204,
                .response_description = "Deleted",
                .if_match = true});
}

// The routes of every declared record type of app/record_types.hpp.
void add_declared_record_routes(RouteTable& routes);

}  // namespace riskloop::http
