// Logging in and out, changing one's password and switching organization. The session is the
// API's (rl_session cookie, HttpOnly, SameSite=Strict); nothing of a password is ever logged.
#include <chrono>

#include "app/auth.hpp"
#include "core/accounts.hpp"
#include "http/problem.hpp"
#include "http/request_auth.hpp"
#include "web/assets.hpp"
#include "web/labels.hpp"
#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

// Only paths of this site (never "//host", "/\\host", a scheme or control characters), so a login
// link can neither send people away nor inject headers; anything else goes to the home page.
std::string safe_next(std::string_view next) {
  if (!http::is_local_path(next) || next.substr(0, 6) == "/login") return "/dashboard";
  return std::string(next);
}

Data login_data() {
  Data d;
  d.set("css_url", static_url("app.css"));
  d.set("favicon_url", static_url("favicon.svg"));
  d.set("js_url", static_url("app.js"));
  d.set("htmx_url", static_url("htmx.min.js"));
  return d;
}

// The login page with its CSRF token: the browser's live token when it has one (several open
// login tabs keep working), else a new one set in the token cookie.
Response login_page(Call& c, Data d, int status = 200) {
  const bool secure = c.service.options.secure_cookies;
  std::string token(http::login_csrf_token(c.request, secure));
  const bool fresh = token.size() < 32;
  if (fresh) token = app::random_secret("");
  d.set("csrf", token);
  auto r = page(c, "login", "Log in", d, status);
  if (fresh) r.headers.push_back({"Set-Cookie", http::login_csrf_cookie(token, secure)});
  return r;
}

Response login_form(Call& c) {
  auto d = login_data();
  d.set("next", safe_next(query(c, "next")));
  if (query(c, "expired") == "1") d.set("expired", flag(true));
  return login_page(c, d);
}

Response login(Call& c) {
  LoginInput in{.email = c.form.get("email"),
                .password = c.form.get("password"),
                .organization = c.form.get("organization")};
  const auto next = safe_next(c.form.get("next"));
  const auto failed = [&](const std::string& message, int status) {
    auto d = login_data();
    d.set("next", next);
    d.set("email", in.email);
    d.set("organization", in.organization);
    d.set("error", message);
    return login_page(c, d, status);
  };
  // Login CSRF: the form must come from our own login page, which set the token cookie.
  const auto expected = http::login_csrf_token(c.request, c.service.options.secure_cookies);
  const auto& sent = c.form.get("_csrf");
  if (expected.empty() || sent.empty() || !http::constant_time_equal(sent, expected))
    return failed("This login form has expired or did not come from this site; log in again.",
                  403);
  auto result = c.app().auth().login(in, c.request.peer_address);
  if (!result)
    return failed(result.error().code == ErrorCode::unauthenticated
                      ? std::string("The e-mail or password is wrong, or the account is locked.")
                      : http::shown_error(result.error(), c.request.request_id).message,
                  http_status(result.error().code));
  Response r;
  r.status = 303;
  r.content_type = http::kHtmlContentType;
  r.headers.push_back({"Location", next});
  const auto max_age =
      std::chrono::duration_cast<std::chrono::seconds>(result->expires_at - c.app().clock().now());
  r.headers.push_back({"Set-Cookie", http::session_cookie(result->session_secret, max_age,
                                                          c.service.options.secure_cookies)});
  r.headers.push_back(
      {"Set-Cookie", http::cleared_login_csrf_cookie(c.service.options.secure_cookies)});
  return r;
}

Response logout(Call& c) {
  RL_WEB_CHECK(c, c.app().auth().logout(c.principal));
  Response r;
  r.status = 303;
  r.content_type = http::kHtmlContentType;
  r.headers.push_back({"Location", "/login"});
  r.headers.push_back({"Set-Cookie", http::cleared_session_cookie(c.service.options.secure_cookies)});
  return r;
}

Response home(Call& c) {
  return redirect(c, "/dashboard");
}

// The account page: the password form and the invitations waiting for the person's answer.
Data account_data(Call& c) {
  auto d = base_data(c);
  List rows;
  if (auto mine = c.app().accounts().my_invitations(c.principal)) {
    for (const auto& r : *mine) {
      Data e;
      e.set("id", r.invitation.header.id);
      e.set("org_name", r.organization.name);
      e.set("role", words(name_of(r.invitation.role)));
      e.set("invited_by", r.invitation.invited_by);
      rows.push_back(e);
    }
  }
  d.set("has_invitations", flag(!rows.empty()));
  d.set("invitations", rows);
  return d;
}

Response password_form(Call& c) {
  return page(c, "password", "Change password", account_data(c));
}

Response answer_invitation(Call& c, bool accept) {
  const auto inv =
      RL_WEB_TRY(c, c.app().accounts().respond_to_invitation(c.principal, c.param(0), accept));
  auto d = account_data(c);
  d.set("flash", std::string(accept ? "You joined the organization as " +
                                          words(name_of(inv.role)) +
                                          "; switch to it with the organization menu."
                                    : "You declined the invitation."));
  return page(c, "password", "Change password", d);
}

Response accept_invitation(Call& c) {
  return answer_invitation(c, true);
}

Response decline_invitation(Call& c) {
  return answer_invitation(c, false);
}

Response change_password(Call& c) {
  const PasswordChangeInput in{.current_password = c.form.get("current_password"),
                               .new_password = c.form.get("new_password")};
  auto d = account_data(c);
  const auto done = c.app().accounts().change_password(c.principal, c.principal.user_id, in);
  if (!done) {
    const auto& e = done.error();
    if (e.location == "/current_password" || e.code == ErrorCode::unauthenticated)
      d.set("current_error", e.message);
    else if (e.location == "/new_password")
      d.set("new_error", e.message);
    else
      d.set("error", e.message);
    return page(c, "password", "Change password", d, http_status(e.code));
  }
  d.set("done", flag(true));
  return page(c, "password", "Change password", d);
}

Response switch_organization(Call& c) {
  RL_WEB_TRY(c, c.app().auth().switch_organization(c.principal, c.form.get("organization_id")));
  return redirect(c, "/dashboard");
}

// The language menu of every page: the user's choice is kept on their account (journaled), "" to
// follow the browser again; then back to the page the menu was on.
Response choose_language(Call& c) {
  const auto language = c.form.get("language");
  auto member = RL_WEB_TRY(c, c.app().accounts().member(c.principal, c.principal.user_id));
  const UserUpdateInput in{.display_name = member.user.display_name,
                           .status = member.user.status,
                           .language = language};
  RL_WEB_TRY(c, c.app().accounts().update_user(c.principal, c.principal.user_id, in, std::nullopt));
  // Only a path of this site: never a redirect elsewhere ("//host" or "/\\host").
  std::string back = c.form.get("return_to");
  if (back.empty() || back[0] != '/' || (back.size() > 1 && (back[1] == '/' || back[1] == '\\')))
    back = "/dashboard";
  return redirect(c, back);
}

}  // namespace

void add_login_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::get, .pattern = "/", .operation_id = "webHome", .tag = "web",
              .handler = &home, .access = Access::page});
  routes.add({.method = Method::get, .pattern = "/login", .operation_id = "webLoginForm",
              .tag = "web", .handler = &login_form, .access = Access::open});
  routes.add({.method = Method::post, .pattern = "/login", .operation_id = "webLogin",
              .tag = "web", .handler = &login, .access = Access::open, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/logout", .operation_id = "webLogout",
              .tag = "web", .handler = &logout, .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::get, .pattern = "/account/password",
              .operation_id = "webPasswordForm", .tag = "web", .handler = &password_form,
              .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/account/password",
              .operation_id = "webChangePassword", .tag = "web", .handler = &change_password,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/account/invitations/{id}/accept",
              .operation_id = "webAcceptInvitation", .tag = "web", .handler = &accept_invitation,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/account/invitations/{id}/decline",
              .operation_id = "webDeclineInvitation", .tag = "web",
              .handler = &decline_invitation, .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/account/language",
              .operation_id = "webChooseLanguage", .tag = "web", .handler = &choose_language,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/account/organization",
              .operation_id = "webSwitchOrganization", .tag = "web",
              .handler = &switch_organization, .access = Access::page, .exec = Exec::write_pool});
}

}  // namespace riskloop::web
