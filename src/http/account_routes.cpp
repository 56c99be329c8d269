// Organizations, users (members of the current organization), memberships, API tokens and
// partner shares. Authorization is the application's; here is only the HTTP shape.
#include "app/accounts.hpp"
#include "app/auth.hpp"
#include "core/accounts.hpp"
#include "http/json_schema.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

const std::vector<QueryParamSpec> kPageParams = {
    {"after", "cursor: the `next` value of the previous page"},
    {"limit", "page size, 1 to the server's maximum (default 100)", "integer"},
};

// A member: the user, with their membership of the current organization nested.
nlohmann::json member_json(const app::Member& m) {
  auto out = formats::to_json(m.user);
  out["membership"] = formats::to_json(m.membership);
  return out;
}

nlohmann::json member_schema() {
  auto s = record_schema<User>();
  s["properties"]["membership"] = record_schema<Membership>();
  s["required"].push_back("membership");
  return s;
}

nlohmann::json new_token_schema() {
  auto s = record_schema<ApiToken>();
  s["properties"]["secret"] = {
      {"type", "string"}, {"description", "the bearer token; shown this once and never stored"}};
  s["required"].push_back("secret");
  return s;
}

Response member_response(const app::Member& m, int status = 200) {
  auto r = json_response(status, member_json(m));
  r.headers.push_back({"ETag", etag(m.user.header.version)});
  if (status == 201) r.headers.push_back({"Location", "/api/v1/users/" + m.user.header.id});
  return r;
}

// --- organizations ------------------------------------------------------------------------

Response list_organizations(Call& c) {
  const auto orgs = RL_HTTP_TRY(c.app().accounts().organizations(c.principal));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : orgs) items.push_back(formats::to_json(o));
  // A person belongs to few organizations: one page holds them all.
  return json_response(200, {{"items", std::move(items)}, {"next", nullptr}});
}

Response create_organization(Call& c) {
  OrganizationInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  const auto org = RL_HTTP_TRY(c.app().accounts().create_organization(c.principal, in));
  return record_response(org, 201, "/api/v1/organizations/" + org.header.id);
}

Response get_organization(Call& c) {
  return record_response(RL_HTTP_TRY(c.app().accounts().organization(c.principal, c.param(0))));
}

// --- users --------------------------------------------------------------------------------

Response list_users(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto members = RL_HTTP_TRY(c.app().accounts().members(c.principal, page));
  // Pages follow membership ids (the application's cursor for members).
  return page_response(members, page.limit, member_json,
                       [](const app::Member& m) { return m.membership.header.id; });
}

Response add_user(Call& c) {
  NewMemberInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  const auto added = RL_HTTP_TRY(c.app().accounts().add_member(c.principal, in));
  // An account of another organization is invited: 202, it joins when its owner accepts.
  if (added.invitation)
    return record_response(*added.invitation, 202);
  return member_response(added, 201);
}

Response get_user(Call& c) {
  return member_response(RL_HTTP_TRY(c.app().accounts().member(c.principal, c.param(0))));
}

Response update_user(Call& c) {
  const auto id = c.param(0);
  RL_HTTP_CHECK(app::Accounts::may_change_user(c.principal, id));
  auto member = RL_HTTP_TRY(c.app().accounts().member(c.principal, id));
  UserUpdateInput in{member.user.display_name, member.user.status, member.user.language};
  RL_HTTP_CHECK(decode_body(c, in));
  member.user = RL_HTTP_TRY(c.app().accounts().update_user(c.principal, id, in, c.if_match));
  return member_response(member);
}

Response change_password(Call& c) {
  PasswordChangeInput in;
  RL_HTTP_CHECK(require_member(c, "new_password"));
  RL_HTTP_CHECK(decode_body(c, in));
  RL_HTTP_CHECK(c.app().accounts().change_password(c.principal, c.param(0), in));
  return no_content();
}

// --- invitations --------------------------------------------------------------------------

Response list_invitations(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto items = RL_HTTP_TRY(c.app().accounts().invitations(c.principal, page));
  return page_response(
      items, page.limit, [](const Invitation& i) { return formats::to_json(i); },
      [](const Invitation& i) { return i.header.id; });
}

Response withdraw_invitation(Call& c) {
  return record_response(
      RL_HTTP_TRY(c.app().accounts().withdraw_invitation(c.principal, c.param(0))));
}

nlohmann::json received_invitation_json(const app::ReceivedInvitation& r) {
  auto out = formats::to_json(r.invitation);
  out["organization"] = formats::to_json(r.organization);
  return out;
}

nlohmann::json received_invitation_schema() {
  auto s = record_schema<Invitation>();
  s["properties"]["organization"] = record_schema<Organization>();
  s["required"].push_back("organization");
  return s;
}

Response my_invitations(Call& c) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : RL_HTTP_TRY(c.app().accounts().my_invitations(c.principal)))
    items.push_back(received_invitation_json(r));
  // A person has few pending invitations: one page holds them all.
  return json_response(200, {{"items", std::move(items)}, {"next", nullptr}});
}

Response accept_invitation(Call& c) {
  return record_response(
      RL_HTTP_TRY(c.app().accounts().respond_to_invitation(c.principal, c.param(0), true)));
}

Response decline_invitation(Call& c) {
  return record_response(
      RL_HTTP_TRY(c.app().accounts().respond_to_invitation(c.principal, c.param(0), false)));
}

// --- security events ----------------------------------------------------------------------

Response list_security_events(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto events =
      RL_HTTP_TRY(c.app().auth().security_events(c.principal, page.after, page.limit));
  return page_response(
      events, page.limit, [](const SecurityEvent& e) { return formats::to_json(e); },
      [](const SecurityEvent& e) { return e.header.id; });
}

// --- memberships --------------------------------------------------------------------------

Response list_memberships(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto members = RL_HTTP_TRY(c.app().accounts().members(c.principal, page));
  return page_response(
      members, page.limit, [](const app::Member& m) { return formats::to_json(m.membership); },
      [](const app::Member& m) { return m.membership.header.id; });
}

Response set_role(Call& c) {
  // A role is the whole of a membership's changeable state, so the member is required: an empty
  // PATCH must not silently reset it to a default.
  RL_HTTP_CHECK(require_member(c, "role"));
  RoleInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(
      RL_HTTP_TRY(c.app().accounts().set_role(c.principal, c.param(0), in.role, c.if_match)));
}

Response remove_membership(Call& c) {
  RL_HTTP_CHECK(c.app().accounts().remove_member(c.principal, c.param(0), c.if_match));
  return no_content();
}

// --- tokens -------------------------------------------------------------------------------

Response list_tokens(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto tokens = RL_HTTP_TRY(c.app().accounts().tokens(c.principal, page));
  return page_response(
      tokens, page.limit, [](const ApiToken& t) { return formats::to_json(t); },
      [](const ApiToken& t) { return t.header.id; });
}

Response create_token(Call& c) {
  TokenInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  const auto created = RL_HTTP_TRY(c.app().accounts().create_token(c.principal, in));
  auto body = formats::to_json(created.token);
  body["secret"] = created.secret;
  auto r = json_response(201, body);
  r.headers.push_back({"ETag", etag(created.token.header.version)});
  return r;
}

Response revoke_token(Call& c) {
  // The revoked token stays listed (with revoked_at), so the answer is its new state.
  return record_response(RL_HTTP_TRY(c.app().accounts().revoke_token(c.principal, c.param(0))));
}

// --- shares -------------------------------------------------------------------------------

Response list_shares(Call& c) {
  const auto page = RL_HTTP_TRY(page_from_query(c));
  const auto shares = RL_HTTP_TRY(c.app().accounts().shares(c.principal, page));
  return page_response(
      shares, page.limit, [](const Share& s) { return formats::to_json(s); },
      [](const Share& s) { return s.header.id; });
}

Response create_share(Call& c) {
  ShareInput in;
  RL_HTTP_CHECK(decode_body(c, in));
  return record_response(RL_HTTP_TRY(c.app().accounts().share(c.principal, in)), 201);
}

Response remove_share(Call& c) {
  RL_HTTP_CHECK(c.app().accounts().unshare(c.principal, c.param(0)));
  return no_content();
}

}  // namespace

void add_account_routes(RouteTable& routes) {
  constexpr SchemaRef kOrganization = record_ref<Organization>("Organization");
  constexpr SchemaRef kMember{"Member", &member_schema};
  constexpr SchemaRef kMembership = record_ref<Membership>("Membership");
  constexpr SchemaRef kToken = record_ref<ApiToken>("ApiToken");
  constexpr SchemaRef kShare = record_ref<Share>("Share");

  routes.add({.method = Method::get,
              .pattern = "/api/v1/organizations",
              .operation_id = "listOrganizations",
              .summary = "Organizations the caller belongs to",
              .tag = "organizations",
              .handler = &list_organizations,
              .response_description = "All of them, in one page",
              .response = kOrganization,
              .list = true});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/organizations",
              .operation_id = "createOrganization",
              .summary = "Create an organization (admins); the caller becomes its admin",
              .tag = "organizations",
              .handler = &create_organization,
              .exec = Exec::write_pool,
              .body = input_ref<OrganizationInput>("OrganizationInput"),
              .status = 201,
              .response_description = "Created",
              .response = kOrganization});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/organizations/{id}",
              .operation_id = "getOrganization",
              .summary = "One organization of the caller's",
              .tag = "organizations",
              .handler = &get_organization,
              .response_description = "The organization",
              .response = kOrganization});

  routes.add({.method = Method::get,
              .pattern = "/api/v1/users",
              .operation_id = "listUsers",
              .summary = "Members of the current organization",
              .tag = "users",
              .handler = &list_users,
              .response_description = "A page of members",
              .response = kMember,
              .list = true,
              .query = kPageParams});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/users",
              .operation_id = "addUser",
              .summary = "Add a member (admins); creates the user if the e-mail is new. An account "
                         "of another organization is invited instead: 202 with the invitation",
              .tag = "users",
              .handler = &add_user,
              .exec = Exec::write_pool,
              .body = input_ref<NewMemberInput>("NewMemberInput"),
              .status = 201,
              .response_description = "Added",
              .response = kMember});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/users/{id}",
              .operation_id = "getUser",
              .summary = "One member of the current organization",
              .tag = "users",
              .handler = &get_user,
              .response_description = "The member",
              .response = kMember});
  routes.add({.method = Method::patch,
              .pattern = "/api/v1/users/{id}",
              .operation_id = "updateUser",
              .summary = "Change display name or status (admins, of accounts in no other "
                         "organization; anyone their own name)",
              .tag = "users",
              .handler = &update_user,
              .exec = Exec::write_pool,
              .body = input_ref<UserUpdateInput>("UserUpdateInput"),
              .response_description = "The member after the change",
              .response = kMember,
              .if_match = true});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/users/{id}/password",
              .operation_id = "changePassword",
              .summary = "Change one's own password (current one required), or, for admins, that "
                         "of an account in no other organization",
              .tag = "users",
              .handler = &change_password,
              .exec = Exec::write_pool,
              .body = input_ref<PasswordChangeInput>("PasswordChangeInput"),
              .status = 204,
              .response_description = "Changed; the user's other sessions are ended"});

  constexpr SchemaRef kInvitation = record_ref<Invitation>("Invitation");
  routes.add({.method = Method::get,
              .pattern = "/api/v1/invitations",
              .operation_id = "listInvitations",
              .summary = "Invitations of the current organization to accounts of other ones (admins)",
              .tag = "invitations",
              .handler = &list_invitations,
              .response_description = "A page of invitations",
              .response = kInvitation,
              .list = true,
              .query = kPageParams});
  routes.add({.method = Method::del,
              .pattern = "/api/v1/invitations/{id}",
              .operation_id = "withdrawInvitation",
              .summary = "Withdraw a pending invitation (admins)",
              .tag = "invitations",
              .handler = &withdraw_invitation,
              .exec = Exec::write_pool,
              .response_description = "The withdrawn invitation",
              .response = kInvitation});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/me/invitations",
              .operation_id = "listMyInvitations",
              .summary = "The caller's pending invitations, from any organization",
              .tag = "invitations",
              .handler = &my_invitations,
              .response_description = "All of them, in one page",
              .response = {"ReceivedInvitation", &received_invitation_schema},
              .list = true});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/me/invitations/{id}/accept",
              .operation_id = "acceptInvitation",
              .summary = "Accept an invitation: become a member of the inviting organization",
              .tag = "invitations",
              .handler = &accept_invitation,
              .exec = Exec::write_pool,
              .response_description = "The accepted invitation",
              .response = kInvitation});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/me/invitations/{id}/decline",
              .operation_id = "declineInvitation",
              .summary = "Decline an invitation",
              .tag = "invitations",
              .handler = &decline_invitation,
              .exec = Exec::write_pool,
              .response_description = "The declined invitation",
              .response = kInvitation});

  routes.add({.method = Method::get,
              .pattern = "/api/v1/security-events",
              .operation_id = "listSecurityEvents",
              .summary = "Failed password re-checks (signatures, password changes, policy "
                         "migrations) and whether they locked the account (admins)",
              .tag = "users",
              .handler = &list_security_events,
              .response_description = "A page of events, oldest first",
              .response = record_ref<SecurityEvent>("SecurityEvent"),
              .list = true,
              .query = kPageParams});
  routes.add({.method = Method::get,
              .pattern = "/api/v1/memberships",
              .operation_id = "listMemberships",
              .summary = "Memberships of the current organization",
              .tag = "memberships",
              .handler = &list_memberships,
              .response_description = "A page of memberships",
              .response = kMembership,
              .list = true,
              .query = kPageParams});
  routes.add({.method = Method::patch,
              .pattern = "/api/v1/memberships/{id}",
              .operation_id = "setRole",
              .summary = "Change a member's role (admins)",
              .tag = "memberships",
              .handler = &set_role,
              .exec = Exec::write_pool,
              .body = input_ref<RoleInput>("RoleInput"),
              .response_description = "The membership after the change",
              .response = kMembership,
              .if_match = true});
  routes.add({.method = Method::del,
              .pattern = "/api/v1/memberships/{id}",
              .operation_id = "removeMembership",
              .summary = "Remove a member from the organization (admins)",
              .tag = "memberships",
              .handler = &remove_membership,
              .exec = Exec::write_pool,
              .status = 204,
              .response_description = "Removed",
              .if_match = true});

  routes.add({.method = Method::get,
              .pattern = "/api/v1/tokens",
              .operation_id = "listTokens",
              .summary = "API tokens: one's own, or all of the organization's (admins)",
              .tag = "tokens",
              .handler = &list_tokens,
              .response_description = "A page of tokens",
              .response = kToken,
              .list = true,
              .query = kPageParams});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/tokens",
              .operation_id = "createToken",
              .summary = "Create an API token for oneself; the secret is returned only here",
              .tag = "tokens",
              .handler = &create_token,
              .exec = Exec::write_pool,
              .body = input_ref<TokenInput>("TokenInput"),
              .status = 201,
              .response_description = "Created, with its secret",
              .response = {"NewApiToken", &new_token_schema}});
  routes.add({.method = Method::del,
              .pattern = "/api/v1/tokens/{id}",
              .operation_id = "revokeToken",
              .summary = "Revoke a token (one's own, or any of the organization's for admins)",
              .tag = "tokens",
              .handler = &revoke_token,
              .exec = Exec::write_pool,
              .response_description = "The revoked token",
              .response = kToken});

  routes.add({.method = Method::get,
              .pattern = "/api/v1/shares",
              .operation_id = "listShares",
              .summary = "Records shared with partners (partners: those shared with them)",
              .tag = "shares",
              .handler = &list_shares,
              .response_description = "A page of shares",
              .response = kShare,
              .list = true,
              .query = kPageParams});
  routes.add({.method = Method::post,
              .pattern = "/api/v1/shares",
              .operation_id = "createShare",
              .summary = "Share a product with a partner member (admins)",
              .tag = "shares",
              .handler = &create_share,
              .exec = Exec::write_pool,
              .body = input_ref<ShareInput>("ShareInput"),
              .status = 201,
              .response_description = "Shared",
              .response = kShare});
  routes.add({.method = Method::del,
              .pattern = "/api/v1/shares/{id}",
              .operation_id = "removeShare",
              .summary = "Withdraw a share (admins)",
              .tag = "shares",
              .handler = &remove_share,
              .exec = Exec::write_pool,
              .status = 204,
              .response_description = "Withdrawn"});
}

}  // namespace riskloop::http
