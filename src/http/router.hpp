// The route table: every API operation as method + path pattern + handler, with the description
// the OpenAPI document is generated from; and the request/response types handlers see.
//
// Handlers never touch sockets or Beast: the server hands them a RequestView (views into the
// parsed request) and serializes the Response they return. That keeps the resource files small
// and lets a handler run on either an io thread (reads) or the write pool (writes).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "http/form_body.hpp"
#include "http/server.hpp"

namespace riskloop::http {

enum class Method { get, head, post, put, patch, del, options, other };

std::string_view method_name(Method m);  // "GET", "DELETE", ...
Method method_from_name(std::string_view name);
// POST, PUT, PATCH and DELETE change state: they need a CSRF token when authenticated by cookie.
inline bool changes_state(Method m) {
  return m == Method::post || m == Method::put || m == Method::patch || m == Method::del;
}

struct Header {
  std::string_view name;  // always a literal
  std::string value;
};

struct Response {
  int status = 200;
  std::string body;
  std::string_view content_type = "application/json";  // always a literal
  std::vector<Header> headers;  // besides the ones every response gets (server.cpp)
};

// Who is calling: the principal, and whether a session cookie (not a bearer token) said so.
struct Caller {
  app::Principal principal;
  bool by_cookie = false;
};

// The parsed request as handlers see it. Every view points into the server's request object and
// is valid for the duration of the call.
struct RequestView {
  Method method = Method::get;
  std::string_view path;   // "/api/v1/products/0197..." (still percent-encoded)
  std::string_view query;  // after '?', without it; still percent-encoded
  std::string_view authorization;
  std::string_view cookie;
  std::string_view csrf_token;  // X-CSRF-Token
  std::string_view content_type;
  std::string_view if_match;
  bool has_if_match = false;
  std::string_view body;
  std::string_view peer_address;  // the client's IP address, for login throttling
  std::string_view idempotency_key;  // Idempotency-Key, for routes that honour it (imports)
  // The web UI's headers: htmx marks its requests (HX-Request: true) and names the page they
  // come from (HX-Current-URL); If-None-Match revalidates cached static files.
  std::string_view hx_request;
  std::string_view hx_current_url;
  std::string_view if_none_match;
  std::string_view accept_language;  // the pages' language when the user has chosen none
  // This request's id (X-Request-Id, or generated): for the server log's lines about it.
  std::string_view request_id;
  // Set by the server for routes that need authentication: the caller, authenticated from the
  // headers before the body was read (dispatch authenticates itself when it is null).
  const Result<Caller>* caller = nullptr;
};

enum class Access {
  open,           // no authentication (login, health, OpenAPI document)
  authenticated,  // session cookie or bearer token; CSRF token for cookie-authenticated writes
  // A web UI page or form: authenticated like `authenticated`, but without a valid session the
  // browser is sent to /login?next=... instead of getting 401, errors come as HTML, and the CSRF
  // token of a write may also come as the form field `_csrf`.
  page,
};

// Where the handler runs. Store reads are fast and run inline on the connection's io thread;
// writes block in the store's group commit, so they run on the write pool.
enum class Exec { io_thread, write_pool };

// A named JSON Schema for a request or response body (json_schema.hpp builds them from the
// types' field lists).
struct SchemaRef {
  std::string_view name;                // component name, e.g. "ProductInput"; empty: none
  nlohmann::json (*build)() = nullptr;  // the schema itself
};

struct QueryParamSpec {
  std::string_view name;
  std::string_view description;
  std::string_view type = "string";  // JSON Schema type
};

struct Call;
using Handler = Response (*)(Call&);

// What a resource file registers for one operation.
struct RouteSpec {
  Method method = Method::get;
  std::string_view pattern;  // "/api/v1/products/{id}"
  std::string_view operation_id;
  std::string_view summary;
  std::string_view tag;
  Handler handler = nullptr;
  Access access = Access::authenticated;
  Exec exec = Exec::io_thread;
  SchemaRef body{};  // request body (JSON); none when name is empty
  int status = 200;  // success status
  std::string_view response_description;
  SchemaRef response{};  // success body; none when name is empty (204)
  bool list = false;     // response is a page {"items":[response...],"next":...}
  std::vector<QueryParamSpec> query{};
  bool if_match = false;    // If-Match: "<version>" required (428 without it)
  bool large_body = false;  // ServerOptions::large_body_limit instead of body_limit
  bool idempotent = false;  // honours an Idempotency-Key header (with_idempotency_key)
  // The permission the route needs whatever record it names: a role without it gets 403 before
  // the handler reads anything (the application checks again for the records it touches).
  std::optional<Permission> permission{};
};

struct Route {
  RouteSpec spec;
  // Pattern split at '/'; a segment "{name}" matches any one non-empty segment.
  std::vector<std::string_view> segments;
  std::vector<std::string_view> param_names;
};

inline constexpr std::size_t kMaxPathParams = 4;

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this method (see path_known)
  bool path_known = false;       // some route has this path: 405, not 404
  std::string allow;             // "GET, PUT" when path_known and route is null
  std::array<std::string_view, kMaxPathParams> params{};  // raw (percent-encoded) values
};

class RouteTable {
 public:
  // Patterns are literals with static storage (they are viewed, not copied).
  void add(RouteSpec spec);
  [[nodiscard]] RouteMatch match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Everything a request may need, built once per server.
struct Service {
  app::App& app;
  ServerOptions options;
  RouteTable routes;
  std::string openapi_json;  // generated from `routes` at start-up
};

// One call of a handler.
struct Call {
  Service& service;
  const RequestView& request;
  const Route& route;
  std::array<std::string_view, kMaxPathParams> raw_params{};
  app::Principal principal;              // set for Access::authenticated routes
  nlohmann::json body;                   // parsed, for routes that declare a request body
  std::optional<std::int64_t> if_match;  // the version named by If-Match, when sent
  FormFields form;  // parsed, for requests with a form body to routes without a JSON body

  app::App& app() const { return service.app; }
  // Path parameter `i` (in pattern order), percent-decoded; already checked to decode.
  std::string param(std::size_t i) const;
  // Sent by htmx (HX-Request: true) rather than by a plain page load or form submission.
  bool htmx() const { return request.hx_request == "true"; }
};

// Runs the matched route: authentication, CSRF, content type, JSON parsing, then the handler.
// Never throws; every failure becomes a problem response. `actor` (optional) receives the
// authenticated principal's actor, for the request log.
Response dispatch(Service& service, const RouteMatch& match, const RequestView& request,
                  std::string* actor = nullptr);

// Percent-decoding of a path segment or query value ('+' is a space only in queries).
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);
// The decoded value of the first `name=` in a query string; nullopt if absent. A value that does
// not decode is reported as malformed, naming the parameter.
Result<std::optional<std::string>> query_param(std::string_view query, std::string_view name);

// The full API (every resource file's routes), in registration order.
RouteTable api_routes();
// The OpenAPI 3.1 document describing `routes` (openapi.cpp).
nlohmann::json openapi_document(const RouteTable& routes);

}  // namespace riskloop::http
