// Administration of the organization (admins only): its members with their roles, adding a member,
// changing a role, deactivating an account, and API tokens (created with the secret shown once,
// listed by prefix, revoked).
#include <charconv>
#include <map>

#include "app/accounts.hpp"
#include "app/auth.hpp"
#include "core/accounts.hpp"
#include "web/form_input.hpp"
#include "web/labels.hpp"
#include "web/page.hpp"
#include "web/screen_routes.hpp"

namespace riskloop::web {
namespace {

constexpr int kAll = 500;

// Every admin screen: others get 403 and no form.
Status may_manage(const Call& c) {
  if (can(c, Permission::manage_members)) return {};
  return fail(ErrorCode::forbidden, "only administrators of the organization may open this page");
}

std::optional<std::int64_t> version_field(const Call& c) {
  const auto& v = c.form.get("version");
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return out;
}

Data admin_data(Call& c, std::string_view section) {
  auto d = base_data(c, "admin");
  d.set("section_" + std::string(section), flag(true));
  return d;
}

Data error_of(const FieldErrors& errors, const char* key) {
  const auto it = errors.find(key);
  return it == errors.end() ? flag(false) : Data(it->second);
}

// --- members ----------------------------------------------------------------------------------

struct MemberForm {
  const FieldErrors* errors = nullptr;  // of the add-member form
  const char* flash = nullptr;          // what the last action did
};

Response users_page(Call& c, const MemberForm& form, int status) {
  auto d = admin_data(c, "users");
  const auto members = RL_WEB_TRY(c, c.app().accounts().members(c.principal, {.limit = kAll}));
  List rows;
  for (const auto& m : members) {
    Data r;
    r.set("user_id", m.user.header.id);
    r.set("user_version", std::to_string(m.user.header.version));
    r.set("membership_id", m.membership.header.id);
    r.set("membership_version", std::to_string(m.membership.header.version));
    r.set("name", m.user.display_name);
    r.set("email", m.user.email);
    r.set("role", label_of(m.membership.role));
    r.set("roles", enum_options(m.membership.role));
    r.set("active", flag(m.user.status == UserStatus::active));
    r.set("status", label_of(m.user.status));
    r.set("status_badge", std::string(m.user.status == UserStatus::active ? "ok" : "neutral"));
    r.set("is_self", flag(m.user.header.id == c.principal.user_id));
    rows.push_back(r);
  }
  d.set("members", rows);
  List invited;
  for (const auto& i : RL_WEB_TRY(c, c.app().accounts().invitations(c.principal, {.limit = kAll}))) {
    if (i.status != InvitationStatus::pending) continue;
    Data r;
    r.set("id", i.header.id);
    r.set("email", i.email);
    r.set("role", label_of(i.role));
    r.set("invited_by", i.invited_by);
    invited.push_back(r);
  }
  d.set("has_invitations", flag(!invited.empty()));
  d.set("invitations", invited);
  if (form.flash) d.set("flash", std::string(form.flash));
  // Failed password re-checks: the most recent ten, newest first, named by member.
  const auto events = RL_WEB_TRY(c, c.app().auth().security_events(c.principal, "", kAll));
  std::map<Id, std::string> names;
  for (const auto& m : members) names[m.user.header.id] = m.user.display_name + " (" + m.user.email + ")";
  List alerts;
  for (auto it = events.rbegin(); it != events.rend() && alerts.size() < 10; ++it) {
    Data a;
    const auto name = names.find(it->user_id);
    a.set("who", name == names.end() ? it->user_id : name->second);
    a.set("purpose", it->purpose);
    a.set("at", display_time(it->header.created_at));
    a.set("locked", flag(it->locked));
    alerts.push_back(a);
  }
  d.set("has_alerts", flag(!alerts.empty()));
  d.set("alerts", alerts);
  FieldErrors none;
  const auto& errors = form.errors ? *form.errors : none;
  const bool failed = form.errors != nullptr;
  d.set("new_email", failed ? c.form.get("email") : std::string());
  d.set("new_name", failed ? c.form.get("display_name") : std::string());
  const auto role = failed ? enum_from_name<Role>(c.form.get("role")) : std::nullopt;
  d.set("new_roles", enum_options(role.value_or(Role::engineer)));
  d.set("email_error", error_of(errors, "email"));
  d.set("name_error", error_of(errors, "display_name"));
  d.set("password_error", error_of(errors, "password"));
  d.set("role_error", error_of(errors, "role"));
  d.set("form_error", error_of(errors, ""));
  d.set("form_open", flag(failed));
  return page(c, "admin_users", "Users", d, status);
}

Response admin_home(Call& c) {
  RL_WEB_CHECK(c, may_manage(c));
  return redirect(c, "/admin/users");
}

Response users(Call& c) {
  RL_WEB_CHECK(c, may_manage(c));
  return users_page(c, {}, 200);
}

Response add_member(Call& c) {
  RL_WEB_CHECK(c, may_manage(c));
  NewMemberInput in;
  in.email = c.form.get("email");
  in.display_name = c.form.get("display_name");
  in.password = c.form.get("password");
  FieldErrors errors;
  if (const auto r = enum_from_name<Role>(c.form.get("role")))
    in.role = *r;
  else
    errors.emplace("role", "must be one of " + allowed_names<Role>());
  if (errors.empty()) {
    auto added = c.app().accounts().add_member(c.principal, in);
    if (added && added->invitation)
      return users_page(c,
                        {.flash = "This account belongs to another organization too: it has been "
                                  "invited and joins when its owner accepts."},
                        200);
    if (added) return redirect(c, "/admin/users");
    const auto& e = added.error();
    if (e.code == ErrorCode::forbidden || e.code == ErrorCode::not_found)
      return error_response(c, e);
    std::string_view loc = e.location;
    if (!loc.empty() && loc.front() == '/') loc.remove_prefix(1);
    const std::string key(loc.substr(0, loc.find('/')));
    errors.emplace(key == "email" || key == "display_name" || key == "password" || key == "role"
                       ? key
                       : std::string(),
                   e.message);
  }
  return users_page(c, {.errors = &errors}, 422);
}

Response change_role(Call& c) {
  RL_WEB_CHECK(c, may_manage(c));
  const auto role = enum_from_name<Role>(c.form.get("role"));
  if (!role)
    return error_response(c, Error{ErrorCode::validation,
                                   "role must be one of " + allowed_names<Role>(), "/role"});
  RL_WEB_CHECK(c, c.app().accounts().set_role(c.principal, c.param(0), *role, version_field(c)));
  return redirect(c, "/admin/users");
}

Response set_status(Call& c, UserStatus status) {
  RL_WEB_CHECK(c, may_manage(c));
  const auto member = RL_WEB_TRY(c, c.app().accounts().member(c.principal, c.param(0)));
  const UserUpdateInput in{
      .display_name = member.user.display_name, .status = status, .language = member.user.language};
  RL_WEB_CHECK(c, c.app().accounts().update_user(c.principal, member.user.header.id, in,
                                               version_field(c)));
  return redirect(c, "/admin/users");
}

Response deactivate(Call& c) {
  return set_status(c, UserStatus::disabled);
}

Response reactivate(Call& c) {
  return set_status(c, UserStatus::active);
}

Response withdraw_invitation(Call& c) {
  RL_WEB_CHECK(c, may_manage(c));
  RL_WEB_CHECK(c, c.app().accounts().withdraw_invitation(c.principal, c.param(0)));
  return redirect(c, "/admin/users");
}

// --- API tokens -------------------------------------------------------------------------------

struct TokenForm {
  const FieldErrors* errors = nullptr;
  const app::NewToken* created = nullptr;  // its secret is shown on this answer only
};

Response tokens_page(Call& c, const TokenForm& form, int status) {
  auto d = admin_data(c, "tokens");
  std::map<std::string, std::string, std::less<>> names;
  if (auto members = c.app().accounts().members(c.principal, {.limit = kAll}))
    for (const auto& m : *members)
      names[m.user.header.id] = m.user.display_name.empty() ? m.user.email : m.user.display_name;
  const auto tokens = RL_WEB_TRY(c, c.app().accounts().tokens(c.principal, {.limit = kAll}));
  const auto now = c.app().clock().now();
  List rows;
  for (const auto& t : tokens) {
    Data r;
    r.set("id", t.header.id);
    r.set("name", t.name);
    r.set("prefix", t.prefix);
    const auto owner = names.find(t.user_id);
    r.set("owner", owner == names.end() ? t.user_id : owner->second);
    r.set("created", display_time(t.header.created_at));
    r.set("expires", t.expires_at ? display_time(t.expires_at) : std::string("never"));
    const bool revoked = t.revoked_at.has_value();
    const bool expired = !revoked && t.expires_at && *t.expires_at <= now;
    r.set("state", std::string(revoked ? "revoked" : expired ? "expired" : "active"));
    r.set("state_badge", std::string(revoked || expired ? "neutral" : "ok"));
    r.set("revocable", flag(!revoked && !expired));
    rows.push_back(r);
  }
  d.set("tokens", rows);
  d.set("no_tokens", flag(tokens.empty()));
  FieldErrors none;
  const auto& errors = form.errors ? *form.errors : none;
  d.set("token_name", form.errors ? c.form.get("name") : std::string());
  d.set("token_days",
        form.errors ? c.form.get("expires_in_days") : std::to_string(kMaxTokenDays));
  d.set("max_token_days", std::to_string(kMaxTokenDays));
  d.set("name_error", error_of(errors, "name"));
  d.set("days_error", error_of(errors, "expires_in_days"));
  d.set("form_error", error_of(errors, ""));
  d.set("created", flag(false));
  if (form.created) {
    Data n;
    n.set("name", form.created->token.name);
    n.set("secret", form.created->secret);
    d.set("created", n);
  }
  return page(c, "admin_tokens", "API tokens", d, status);
}

Response tokens(Call& c) {
  RL_WEB_CHECK(c, may_manage(c));
  return tokens_page(c, {}, 200);
}

Response create_token(Call& c) {
  RL_WEB_CHECK(c, may_manage(c));
  TokenInput in;
  in.name = c.form.get("name");
  FieldErrors errors;
  const auto days = form_detail::trimmed(c.form.get("expires_in_days"));
  if (!days.empty()) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(days.data(), days.data() + days.size(), n);
    if (ec != std::errc() || end != days.data() + days.size())
      errors.emplace("expires_in_days",
                     "must be a whole number of days, 1 to " + std::to_string(kMaxTokenDays));
    else
      in.expires_in_days = n;
  }
  if (errors.empty()) {
    auto created = c.app().accounts().create_token(c.principal, in);
    // Answered directly, never redirected: the secret must not end up in a URL or a later page.
    if (created) return tokens_page(c, {.created = &*created}, 201);
    const auto& e = created.error();
    if (e.code == ErrorCode::forbidden) return error_response(c, e);
    errors.emplace(e.location == "/name"              ? "name"
                   : e.location == "/expires_in_days" ? "expires_in_days"
                                                      : "",
                   e.message);
  }
  return tokens_page(c, {.errors = &errors}, 422);
}

Response revoke_token(Call& c) {
  RL_WEB_CHECK(c, may_manage(c));
  RL_WEB_CHECK(c, c.app().accounts().revoke_token(c.principal, c.param(0)));
  return redirect(c, "/admin/tokens");
}

}  // namespace

void add_admin_routes(http::RouteTable& routes) {
  using http::Access;
  using http::Exec;
  using http::Method;
  routes.add({.method = Method::get, .pattern = "/admin", .operation_id = "webAdmin",
              .tag = "web", .handler = &admin_home, .access = Access::page});
  routes.add({.method = Method::get, .pattern = "/admin/users", .operation_id = "webAdminUsers",
              .tag = "web", .handler = &users, .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/admin/users",
              .operation_id = "webAdminAddMember", .tag = "web", .handler = &add_member,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/admin/memberships/{id}/role",
              .operation_id = "webAdminChangeRole", .tag = "web", .handler = &change_role,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/admin/users/{id}/deactivate",
              .operation_id = "webAdminDeactivate", .tag = "web", .handler = &deactivate,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/admin/users/{id}/reactivate",
              .operation_id = "webAdminReactivate", .tag = "web", .handler = &reactivate,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/admin/invitations/{id}/withdraw",
              .operation_id = "webAdminWithdrawInvitation", .tag = "web",
              .handler = &withdraw_invitation, .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::get, .pattern = "/admin/tokens", .operation_id = "webAdminTokens",
              .tag = "web", .handler = &tokens, .access = Access::page});
  routes.add({.method = Method::post, .pattern = "/admin/tokens",
              .operation_id = "webAdminCreateToken", .tag = "web", .handler = &create_token,
              .access = Access::page, .exec = Exec::write_pool});
  routes.add({.method = Method::post, .pattern = "/admin/tokens/{id}/revoke",
              .operation_id = "webAdminRevokeToken", .tag = "web", .handler = &revoke_token,
              .access = Access::page, .exec = Exec::write_pool});
}

}  // namespace riskloop::web
