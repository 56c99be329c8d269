// /api/v1/auth: logging in and out (session cookie + CSRF token), who am I, switching
// organization. Request bodies here hold passwords: nothing of them is ever logged.
#include <chrono>

#include "core/accounts.hpp"
#include "http/json_schema.hpp"
#include "http/request_auth.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

struct SwitchOrganizationInput {
  Id organization_id;
  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("organization_id", s.organization_id);
  }
};

// Who is logged in, where, as what; the CSRF token only for cookie sessions (the UI needs it
// after a page reload; bearer clients need none).
Result<nlohmann::json> session_view(app::App& app, const app::Principal& who) {
  const auto org = RL_TRY(app.accounts().organization(who, who.org_id));
  nlohmann::json out = {
      {"user", {{"id", who.user_id}, {"email", who.email}, {"display_name", who.display_name}}},
      {"organization", formats::to_json(org)},
      {"role", name_of(who.role)},
      {"csrf_token", nullptr},
  };
  if (!who.csrf_token.empty()) out["csrf_token"] = who.csrf_token;
  return out;
}

nlohmann::json session_schema() {
  return {{"type", "object"},
          {"properties",
           {{"user",
             {{"type", "object"},
              {"properties",
               {{"id", {{"type", "string"}}},
                {"email", {{"type", "string"}}},
                {"display_name", {{"type", "string"}}}}}}},
            {"organization", record_schema<Organization>()},
            {"role", schema_detail::value_schema<Role>()},
            {"csrf_token",
             {{"anyOf", {{{"type", "string"}}, {{"type", "null"}}}},
              {"description", "send it as X-CSRF-Token on every cookie-authenticated write"}}}}},
          {"required", {"user", "organization", "role", "csrf_token"}}};
}

Response login(Call& c) {
  LoginInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  const auto result = RL_HTTP_TRY(c.app().auth().login(in, c.request.peer_address));
  auto r = json_response(200, RL_HTTP_TRY(session_view(c.app(), result.principal)));
  const auto max_age =
      std::chrono::duration_cast<std::chrono::seconds>(result.expires_at - c.app().clock().now());
  r.headers.push_back({"Set-Cookie", session_cookie(result.session_secret, max_age,
                                                    c.service.options.secure_cookies)});
  return r;
}

Response logout(Call& c) {
  RL_HTTP_CHECK(c.app().auth().logout(c.principal));
  auto r = no_content();
  r.headers.push_back({"Set-Cookie", cleared_session_cookie(c.service.options.secure_cookies)});
  return r;
}

Response whoami(Call& c) {
  return json_response(200, RL_HTTP_TRY(session_view(c.app(), c.principal)));
}

Response switch_organization(Call& c) {
  SwitchOrganizationInput in;
  RL_HTTP_CHECK(require_member(c, "organization_id"));
  RL_HTTP_CHECK(decode_body(c, in));
  const auto next =
      RL_HTTP_TRY(c.app().auth().switch_organization(c.principal, in.organization_id));
  return json_response(200, RL_HTTP_TRY(session_view(c.app(), next)));
}

}  // namespace

void add_auth_routes(RouteTable& routes) {
  constexpr SchemaRef kSession{"Session", &session_schema};
  routes.add({.method = Method::post,
              .pattern = "/api/v1/auth/login",
              .operation_id = "login",
              .summary = "Log in with e-mail and password; sets the rl_session cookie",
              .tag = "auth",
              .handler = &login,
              .access = Access::open,
              .exec = Exec::write_pool,
              .body = input_ref<LoginInput>("LoginInput"),
              .response_description = "Logged in; the rl_session cookie is set",
              .response = kSession});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/auth/logout",
              .operation_id = "logout",
              .summary = "End the current session and clear its cookie",
              .tag = "auth",
              .handler = &logout,
              .exec = Exec::write_pool,
              .status = 204,
              .response_description = "Logged out"});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/auth/whoami",
              .operation_id = "whoami",
              .summary = "The authenticated user, organization and role",
              .tag = "auth",
              .handler = &whoami,
              .response_description = "The caller",
              .response = kSession});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/auth/switch-organization",
              .operation_id = "switchOrganization",
              .summary = "Move the session to another organization the user belongs to",
              .tag = "auth",
              .handler = &switch_organization,
              .exec = Exec::write_pool,
              .body = input_ref<SwitchOrganizationInput>("SwitchOrganizationInput"),
              .response_description = "The session in its new organization",
              .response = kSession});
}

}  // namespace riskloop::http
