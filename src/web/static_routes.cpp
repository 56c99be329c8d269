// /static/<name>: the embedded CSS, JavaScript and htmx. A URL carrying the current content hash
// (?v=..., as static_url writes it) is cached for a year; any other is revalidated by ETag.
#include "http/problem.hpp"
#include "web/assets.hpp"
#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

Response static_file(Call& c) {
  const auto name = c.param(0);
  const auto* f = find_static_file(name);
  if (!f) return http::problem(Error{ErrorCode::not_found, "no static file " + name, {}});
  Response r;
  r.headers.push_back({"ETag", f->etag});
  r.headers.push_back({"Cache-Control", query(c, "v") == f->version
                                            ? "public, max-age=31536000, immutable"
                                            : "no-cache"});
  if (c.request.if_none_match == f->etag) {
    r.status = 304;
    return r;
  }
  r.content_type = f->content_type;
  r.body = std::string(f->content);
  return r;
}

// Browsers ask for /favicon.ico whatever the page says (error pages, the API in a tab).
Response favicon(Call& c) {
  (void)c;
  const auto* f = find_static_file("favicon.svg");
  if (!f) return http::problem(Error{ErrorCode::not_found, "no favicon", {}});
  Response r;
  r.headers.push_back({"Cache-Control", "public, max-age=86400"});
  r.content_type = f->content_type;
  r.body = std::string(f->content);
  return r;
}

}  // namespace

void add_static_routes(http::RouteTable& routes) {
  routes.add({.method = http::Method::get,
              .pattern = "/static/{name}",
              .operation_id = "webStatic",
              .summary = "Static file of the web UI",
              .tag = "web",
              .handler = &static_file,
              .access = http::Access::open});
  routes.add({.method = http::Method::get,
              .pattern = "/favicon.ico",
              .operation_id = "webFavicon",
              .summary = "The web UI's icon",
              .tag = "web",
              .handler = &favicon,
              .access = http::Access::open});
}

}  // namespace riskloop::web
