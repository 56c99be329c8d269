// Layout data and responses of the web UI.
#include "web/page.hpp"

#include "core/role.hpp"
#include "formats/report/html_escape.hpp"
#include "http/problem.hpp"
#include "http/request_language.hpp"
#include "web/assets.hpp"
#include "web/labels.hpp"
#include "web/message_catalogue.hpp"

namespace riskloop::web {

bool can(const Call& c, Permission p) {
  return allows(c.principal.role, p);
}

Data base_data(Call& c, std::string_view nav) {
  const auto& who = c.principal;
  Data d;
  d.set("user_name", who.display_name.empty() ? who.email : who.display_name);
  d.set("user_email", who.email);
  d.set("role", words(name_of(who.role)));
  const auto language = http::request_language();
  d.set("lang", std::string(language_tag(language)));
  // The language menu: the user's choice, or the browser's when they made none.
  const auto chosen = language_of_tag(who.language);
  d.set("lang_browser", flag(!chosen));
  d.set("lang_en", flag(chosen == Language::en));
  d.set("lang_zh", flag(chosen == Language::zh_hans));
  // Where the menu returns to: this page, when it can be loaded again (a GET).
  if (c.request.method == http::Method::get) {
    std::string here(c.request.path);
    if (!c.request.query.empty()) here.append("?").append(c.request.query);
    d.set("here", here);
  }
  d.set("csrf", who.csrf_token);
  d.set("can_write_risk", flag(can(c, Permission::write_risk)));
  d.set("can_sign", flag(can(c, Permission::sign_risk)));
  d.set("can_write_products", flag(can(c, Permission::write_products)));
  d.set("can_manage", flag(can(c, Permission::manage_members)));
  d.set("read_only", flag(!can(c, Permission::write_risk) && !can(c, Permission::write_products)));
  d.set("is_partner", flag(who.role == Role::partner));
  d.set("css_url", static_url("app.css"));
  d.set("favicon_url", static_url("favicon.svg"));
  d.set("js_url", static_url("app.js"));
  d.set("htmx_url", static_url("htmx.min.js"));
  if (!nav.empty()) d.set("nav_" + std::string(nav), flag(true));
  List orgs;
  if (auto list = c.app().accounts().organizations(who)) {
    for (const auto& o : *list) {
      Data e;
      e.set("id", o.header.id);
      e.set("name", o.name);
      e.set("current", flag(o.header.id == who.org_id));
      if (o.header.id == who.org_id) d.set("org_name", o.name);
      orgs.push_back(e);
    }
    d.set("several_orgs", flag(list->size() > 1));
  }
  d.set("orgs", orgs);
  return d;
}

Response html(std::string body, int status) {
  Response r;
  r.status = status;
  r.content_type = http::kHtmlContentType;
  r.body = std::move(body);
  return r;
}

Response page(Call& c, std::string_view tmpl, std::string_view title, Data data, int status) {
  (void)c;
  data.set("title", tr(title));
  return html(render_in_layout(tmpl, data), status);
}

Response fragment(std::string_view tmpl, const Data& data, int status) {
  return html(render_template(tmpl, data), status);
}

Response redirect(Call& c, const std::string& location) {
  Response r;
  r.content_type = http::kHtmlContentType;
  if (c.htmx()) {
    r.status = 200;
    r.headers.push_back({"HX-Redirect", location});
  } else {
    r.status = 303;
    r.headers.push_back({"Location", location});
  }
  return r;
}

Response error_response(Call& c, const Error& raw) {
  if (c.htmx() || c.principal.org_id.empty())
    return http::page_problem(raw, c.htmx(), c.request.request_id);
  // A server failure's cause (database message, path, exception) goes to the log only.
  const Error error = http::shown_error(raw, c.request.request_id);
  auto d = base_data(c);
  d.set("message", error.message);
  if (!error.location.empty()) d.set("location", error.location);
  const int status = http_status(error.code);
  d.set("heading", status == 403   ? tr("Not allowed")
                   : status == 404 ? tr("Not found")
                   : status == 409 ? tr("Conflict")
                   : status < 500  ? tr("Cannot do that")
                                   : tr("Something went wrong"));
  return page(c, "error", "Error", d, status);
}

std::string query(const Call& c, std::string_view name) {
  auto v = http::query_param(c.request.query, name);
  return v && *v ? std::move(**v) : std::string();
}

std::string flash_oob(std::string_view message) {
  return "<div id=\"flash\" hx-swap-oob=\"innerHTML\"><p class=\"alert alert-ok\" role=\"status\">" +
         formats::html_escaped(message) + "</p></div>";
}

}  // namespace riskloop::web
