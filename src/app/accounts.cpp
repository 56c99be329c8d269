// Organizations, members, tokens and partner shares.
#include "app/accounts.hpp"

#include <algorithm>

#include "app/auth.hpp"
#include "app/recorder.hpp"
#include "core/product.hpp"
#include "core/text_rules.hpp"
#include "formats/digest/sha256.hpp"

namespace riskloop::app {

namespace {

int page_limit(const Page& page, const AppOptions& o) {
  return std::clamp(page.limit, 1, o.max_page_size);
}

// Creates the user (when the e-mail is new) and the membership, inside the caller's transaction.
// An account that belongs to another organization is invited instead, unless `direct` (a local
// operator, who has the database anyway).
Result<Member> add_member_in(Recorder& rec, IdSource& ids, const NewMemberInput& in,
                             const std::string& password_hash, bool direct) {
  auto& tx = rec.tx();
  Member m;
  if (const auto existing = RL_TRY(tx.user_id_by_email(in.email))) {
    m.user = RL_TRY(tx.get_global<User>(*existing));
    if (RL_TRY(tx.membership_id(rec.who().org_id, *existing)))
      return fail(ErrorCode::conflict, in.email + " is already a member of this organization",
                  "/email");
    if (!direct && !RL_TRY(tx.user_org_ids(*existing)).empty()) {
      for (const auto& [org, id] : RL_TRY(tx.pending_invitations(*existing)))
        if (org == rec.who().org_id)
          return fail(ErrorCode::conflict,
                      in.email + " is already invited to this organization; the invitation " +
                          id + " waits for their answer",
                      "/email");
      Invitation inv;
      inv.user_id = *existing;
      inv.email = m.user.email;
      inv.role = in.role;
      inv.invited_by = rec.who().email.empty() ? rec.who().actor : rec.who().email;
      RL_CHECK(rec.create(inv, ids.next_id()));
      m.invitation = std::move(inv);
      return m;
    }
  } else {
    if (password_hash.empty())
      return fail(ErrorCode::validation, "is required for a new user", "/password");
    m.user.email = in.email;
    m.user.display_name = in.display_name;
    m.user.password_hash = password_hash;
    RL_CHECK(rec.create(m.user, ids.next_id()));
    m.new_user = true;
  }
  m.membership.user_id = m.user.header.id;
  m.membership.role = in.role;
  RL_CHECK(rec.create(m.membership, ids.next_id()));
  return m;
}

// Someone else's account may be changed only by a local operator, or by an admin of its only
// organization: an admin of one tenant must not be able to take over (set the password of,
// disable) an account that another organization relies on.
Status may_change_account(store::Tx& tx, const Principal& who, const Id& user_id,
                          std::string_view what) {
  if (who.local_operator || user_id == who.user_id) return {};
  for (const auto& org : RL_TRY(tx.user_org_ids(user_id)))
    if (org != who.org_id)
      return fail(ErrorCode::forbidden,
                  "this account also belongs to another organization, so only its owner may "
                  "change its " + std::string(what));
  return {};
}

// Hashes the password of a member who will be created; "" when the e-mail already exists.
Result<std::string> password_for_new_member(AppContext& ctx, const NewMemberInput& in) {
  RL_CHECK(check_email("/email", in.email));
  bool exists = false;
  RL_CHECK(ctx.store.read([&](store::Tx& tx) -> Status {
    exists = RL_TRY(tx.user_id_by_email(in.email)).has_value();
    return {};
  }));
  if (exists) return std::string();
  RL_CHECK(check_display_name("/display_name", in.display_name));
  RL_CHECK(check_password("/password", in.password));
  return hash_password(in.password, ctx.options.password_cost);
}

Status forbid_partner(const Principal& who, std::string_view what) {
  if (!who.local_operator && who.role == Role::partner)
    return fail(ErrorCode::forbidden, "partners may not " + std::string(what));
  return {};
}

}  // namespace

Result<Accounts::Bootstrap> Accounts::bootstrap(const Principal& op, const OrganizationInput& org,
                                                const NewMemberInput& admin) {
  if (!op.local_operator)
    return fail(ErrorCode::forbidden, "only a local operator can set up an installation");
  RL_CHECK(validate(org));
  auto hash = RL_TRY(password_for_new_member(ctx_, admin));
  Bootstrap out;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    if (RL_TRY(tx.org_id_by_slug(org.slug)))
      return fail(ErrorCode::conflict, "an organization with slug \"" + org.slug + "\" exists",
                  "/slug");
    out.organization.name = org.name;
    out.organization.slug = org.slug;
    // The recorder reads the principal's organization at each write: the admin's membership
    // belongs to the organization just created.
    Principal in_org = op;
    Recorder rec(tx, in_org, ctx_.clock.now());
    RL_CHECK(rec.create(out.organization, ctx_.ids.next_id()));
    in_org.org_id = out.organization.header.id;
    NewMemberInput first = admin;
    first.role = Role::admin;
    const auto admin_member = RL_TRY(add_member_in(rec, ctx_.ids, first, hash, true));
    out.admin = admin_member.user;
    out.new_admin = admin_member.new_user;
    return {};
  }));
  return out;
}

Result<std::vector<Organization>> Accounts::organizations(const Principal& who) {
  std::vector<Organization> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    if (who.local_operator) {
      out = RL_TRY(tx.list_global<Organization>({.limit = ctx_.options.max_page_size}));
      return {};
    }
    for (const auto& id : RL_TRY(tx.user_org_ids(who.user_id)))
      out.push_back(RL_TRY(tx.get_global<Organization>(id)));
    return {};
  }));
  return out;
}

Result<Organization> Accounts::organization(const Principal& who, const Id& id) {
  const auto mine = RL_TRY(organizations(who));
  for (const auto& o : mine)
    if (o.header.id == id) return o;
  return fail(ErrorCode::not_found, "organization " + id + " does not exist");
}

Result<Organization> Accounts::organization_by_slug(const Principal& who, const std::string& slug) {
  const auto mine = RL_TRY(organizations(who));
  for (const auto& o : mine)
    if (o.slug == slug) return o;
  return fail(ErrorCode::not_found, "organization \"" + slug + "\" does not exist");
}

Result<Organization> Accounts::create_organization(const Principal& who,
                                                   const OrganizationInput& in) {
  RL_CHECK(require(who, Permission::manage_members, "create organizations"));
  RL_CHECK(validate(in));
  Organization org;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    if (RL_TRY(tx.org_id_by_slug(in.slug)))
      return fail(ErrorCode::conflict, "an organization with slug \"" + in.slug + "\" exists",
                  "/slug");
    org.name = in.name;
    org.slug = in.slug;
    Principal in_org = who;
    Recorder rec(tx, in_org, ctx_.clock.now());
    RL_CHECK(rec.create(org, ctx_.ids.next_id()));
    if (!who.user_id.empty()) {
      in_org.org_id = org.header.id;
      Membership m;
      m.user_id = who.user_id;
      m.role = Role::admin;
      RL_CHECK(rec.create(m, ctx_.ids.next_id()));
    }
    return {};
  }));
  return org;
}

Result<std::vector<Member>> Accounts::members(const Principal& who, const Page& page) {
  RL_CHECK(forbid_partner(who, "list the organization's members"));
  std::vector<Member> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    // Pages follow membership ids; each membership brings its user.
    const auto ms = RL_TRY(tx.list<Membership>(
        who.org_id, {.after_id = page.after, .limit = page_limit(page, ctx_.options)}));
    for (const auto& m : ms) out.push_back({RL_TRY(tx.get_global<User>(m.user_id)), m});
    return {};
  }));
  return out;
}

Result<Member> Accounts::member(const Principal& who, const Id& user_id) {
  if (user_id != who.user_id) RL_CHECK(forbid_partner(who, "see other members"));
  Member out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    const auto ms = RL_TRY(tx.list<Membership>(who.org_id, {.where = {{"user_id", user_id}}, .limit = 1}));
    if (ms.empty()) return fail(ErrorCode::not_found, "user " + user_id + " does not exist");
    out = {RL_TRY(tx.get_global<User>(user_id)), ms.front()};
    return {};
  }));
  return out;
}

Result<Member> Accounts::member_by_email(const Principal& who, const std::string& email) {
  std::optional<Id> id;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    id = RL_TRY(tx.user_id_by_email(email));
    return {};
  }));
  if (!id) return fail(ErrorCode::not_found, "no member with e-mail " + email, "/email");
  return member(who, *id);
}

Result<Member> Accounts::add_member(const Principal& who, const NewMemberInput& in) {
  RL_CHECK(require(who, Permission::manage_members, "add members"));
  const auto hash = RL_TRY(password_for_new_member(ctx_, in));
  Member out;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    Recorder rec(tx, who, ctx_.clock.now());
    out = RL_TRY(add_member_in(rec, ctx_.ids, in, hash, who.local_operator));
    return {};
  }));
  return out;
}

Status Accounts::may_change_user(const Principal& who, const Id& user_id) {
  if (user_id == who.user_id) return {};
  return require(who, Permission::manage_members, "change other users");
}

Result<User> Accounts::update_user(const Principal& who, const Id& user_id,
                                   const UserUpdateInput& in,
                                   std::optional<std::int64_t> expected_version) {
  RL_CHECK(may_change_user(who, user_id));
  const bool self = user_id == who.user_id;
  RL_CHECK(validate(in));
  User user;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    if (!RL_TRY(tx.membership_id(who.org_id, user_id)))
      return fail(ErrorCode::not_found, "user " + user_id + " does not exist");
    RL_CHECK(may_change_account(tx, who, user_id, "name and status"));
    user = RL_TRY(tx.get_global<User>(user_id));
    RL_CHECK(check_version("user", user_id, user.header.version, expected_version));
    if (self && in.status != user.status && !who.local_operator)
      return fail(ErrorCode::forbidden, "you may not change your own account status", "/status");
    if (user.display_name == in.display_name && user.status == in.status &&
        user.language == in.language)
      return {};  // nothing changed: no new version, no empty journal entry
    user.display_name = in.display_name;
    user.status = in.status;
    user.language = in.language;
    Recorder rec(tx, who, ctx_.clock.now());
    RL_CHECK(rec.update(user));
    if (user.status == UserStatus::disabled) RL_CHECK(tx.delete_user_sessions(user_id));
    return {};
  }));
  return user;
}

Status Accounts::change_password(const Principal& who, const Id& user_id,
                                 const PasswordChangeInput& in) {
  const bool self = user_id == who.user_id;
  if (!self) RL_CHECK(require(who, Permission::manage_members, "change other users' passwords"));
  RL_CHECK(check_password("/new_password", in.new_password));
  if (self) {
    // Counted with logins: the form must not be a way around the login throttle.
    auto confirmed = Auth(ctx_).confirm_password(who, in.current_password, "password change",
                                                 "/current_password");
    if (!confirmed && confirmed.error().code == ErrorCode::unauthenticated)
      return fail(ErrorCode::validation, "is not your current password", "/current_password");
    RL_CHECK(confirmed);
  }
  const auto hash = RL_TRY(hash_password(in.new_password, ctx_.options.password_cost));
  return ctx_.store.transaction([&](store::Tx& tx) -> Status {
    if (!who.local_operator && !RL_TRY(tx.membership_id(who.org_id, user_id)))
      return fail(ErrorCode::not_found, "user " + user_id + " does not exist");
    RL_CHECK(may_change_account(tx, who, user_id, "password"));
    auto user = RL_TRY(tx.get_global<User>(user_id));
    user.password_hash = hash;
    Recorder rec(tx, who, ctx_.clock.now());
    RL_CHECK(rec.update(user));
    // What the old password opened ends with it: other sessions, and the account's API tokens in
    // every organization (a token made by whoever knew the old password would outlive it).
    for (const auto& org : RL_TRY(tx.user_org_ids(user_id)))
      for (auto& t : RL_TRY(tx.list_all<ApiToken>(org, {{"user_id", user_id}}))) {
        if (t.revoked_at) continue;
        t.revoked_at = rec.now();
        RL_CHECK(rec.update(t));
      }
    return tx.delete_user_sessions(user_id);
  });
}

Result<Membership> Accounts::set_role(const Principal& who, const Id& membership_id, Role role,
                                      std::optional<std::int64_t> expected_version) {
  RL_CHECK(require(who, Permission::manage_members, "change roles"));
  Membership m;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    m = RL_TRY(tx.get<Membership>(who.org_id, membership_id));
    RL_CHECK(check_version("membership", membership_id, m.header.version, expected_version));
    if (m.user_id == who.user_id && role != Role::admin)
      return fail(ErrorCode::conflict, "you may not take away your own admin role", "/role");
    m.role = role;
    Recorder rec(tx, who, ctx_.clock.now());
    return rec.update(m);
  }));
  return m;
}

Status Accounts::remove_member(const Principal& who, const Id& membership_id,
                               std::optional<std::int64_t> expected_version) {
  RL_CHECK(require(who, Permission::manage_members, "remove members"));
  return ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto m = RL_TRY(tx.get<Membership>(who.org_id, membership_id));
    RL_CHECK(check_version("membership", membership_id, m.header.version, expected_version));
    if (m.user_id == who.user_id)
      return fail(ErrorCode::conflict, "you may not remove yourself from the organization");
    Recorder rec(tx, who, ctx_.clock.now());
    return rec.remove(m);
  });
}

Result<std::vector<Invitation>> Accounts::invitations(const Principal& who, const Page& page) {
  RL_CHECK(require(who, Permission::manage_members, "see the organization's invitations"));
  std::vector<Invitation> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    out = RL_TRY(tx.list<Invitation>(
        who.org_id, {.after_id = page.after, .limit = page_limit(page, ctx_.options)}));
    return {};
  }));
  return out;
}

Result<std::vector<ReceivedInvitation>> Accounts::my_invitations(const Principal& who) {
  std::vector<ReceivedInvitation> out;
  if (who.user_id.empty()) return out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    for (const auto& [org, id] : RL_TRY(tx.pending_invitations(who.user_id)))
      out.push_back({RL_TRY(tx.get<Invitation>(org, id)), RL_TRY(tx.get_global<Organization>(org))});
    return {};
  }));
  return out;
}

namespace {

// A pending invitation addressed to `user_id` (any organization); not_found for everyone else's.
Result<Invitation> pending_invitation(store::Tx& tx, const Id& id, const Id& user_id) {
  const auto org = RL_TRY(tx.invitation_org(id));
  if (!org) return fail(ErrorCode::not_found, "invitation " + id + " does not exist");
  auto inv = RL_TRY(tx.get<Invitation>(*org, id));
  if (inv.user_id != user_id)
    return fail(ErrorCode::not_found, "invitation " + id + " does not exist");
  if (inv.status != InvitationStatus::pending)
    return fail(ErrorCode::conflict, "invitation " + id + " is already " +
                                         std::string(name_of(inv.status)));
  return inv;
}

}  // namespace

Result<Invitation> Accounts::respond_to_invitation(const Principal& who, const Id& invitation_id,
                                                   bool accept) {
  if (who.user_id.empty())
    return fail(ErrorCode::validation, "only the invited person can answer an invitation (--as)");
  Invitation inv;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    inv = RL_TRY(pending_invitation(tx, invitation_id, who.user_id));
    // Journaled in the inviting organization, by the invitee.
    Principal in_org = who;
    in_org.org_id = inv.header.org_id;
    Recorder rec(tx, in_org, ctx_.clock.now());
    if (accept) {
      if (RL_TRY(tx.membership_id(inv.header.org_id, who.user_id)))
        return fail(ErrorCode::conflict, "you are already a member of this organization");
      Membership m;
      m.user_id = who.user_id;
      m.role = inv.role;
      RL_CHECK(rec.create(m, ctx_.ids.next_id()));
    }
    inv.status = accept ? InvitationStatus::accepted : InvitationStatus::declined;
    return rec.update(inv);
  }));
  return inv;
}

Result<Invitation> Accounts::withdraw_invitation(const Principal& who, const Id& invitation_id) {
  RL_CHECK(require(who, Permission::manage_members, "withdraw invitations"));
  Invitation inv;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    inv = RL_TRY(tx.get<Invitation>(who.org_id, invitation_id));
    if (inv.status != InvitationStatus::pending)
      return fail(ErrorCode::conflict, "invitation " + invitation_id + " is already " +
                                           std::string(name_of(inv.status)));
    inv.status = InvitationStatus::withdrawn;
    Recorder rec(tx, who, ctx_.clock.now());
    return rec.update(inv);
  }));
  return inv;
}

Result<NewToken> Accounts::create_token(const Principal& who, const TokenInput& in) {
  RL_CHECK(require(who, Permission::manage_own_tokens, "create API tokens"));
  if (who.user_id.empty())
    return fail(ErrorCode::validation, "a token belongs to a user: name one (--as or --user)");
  RL_CHECK(validate(in));
  NewToken out;
  out.secret = random_secret("rl_");
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto now = ctx_.clock.now();
    auto& t = out.token;
    t.user_id = who.user_id;
    t.name = in.name;
    t.prefix = out.secret.substr(0, 10);
    t.token_hash = formats::sha256_hex(out.secret);
    if (in.expires_in_days) t.expires_at = now + std::chrono::days(*in.expires_in_days);
    Recorder rec(tx, who, now);
    return rec.create(t, ctx_.ids.next_id());
  }));
  return out;
}

Result<std::vector<ApiToken>> Accounts::tokens(const Principal& who, const Page& page) {
  std::vector<ApiToken> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    store::ListQuery q{.after_id = page.after, .limit = page_limit(page, ctx_.options)};
    if (!who.local_operator && who.role != Role::admin) q.where.push_back({"user_id", who.user_id});
    out = RL_TRY(tx.list<ApiToken>(who.org_id, q));
    return {};
  }));
  return out;
}

Result<ApiToken> Accounts::revoke_token(const Principal& who, const Id& token_id) {
  ApiToken t;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    t = RL_TRY(tx.get<ApiToken>(who.org_id, token_id));
    const bool own = t.user_id == who.user_id;
    if (!own) {
      // Someone else's token: admins may revoke it; for anyone else it does not exist.
      if (!who.local_operator && who.role != Role::admin)
        return fail(ErrorCode::not_found, "api_token " + token_id + " does not exist");
    }
    if (t.revoked_at) return fail(ErrorCode::conflict, "the token is already revoked");
    Recorder rec(tx, who, ctx_.clock.now());
    t.revoked_at = rec.now();
    return rec.update(t);
  }));
  return t;
}

Result<Share> Accounts::share(const Principal& who, const ShareInput& in) {
  RL_CHECK(require(who, Permission::manage_members, "share records with partners"));
  if (in.shared_entity != "product")
    return fail(ErrorCode::validation, "must be product", "/shared_entity");
  Share s;
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    if (!tx.get<Product>(who.org_id, in.shared_id))
      return fail(ErrorCode::not_found, "product " + in.shared_id + " does not exist", "/shared_id");
    const auto partner = RL_TRY(tx.list<Membership>(who.org_id, {.where = {{"user_id", in.user_id}}, .limit = 1}));
    if (partner.empty()) return fail(ErrorCode::not_found, "user " + in.user_id + " does not exist", "/user_id");
    if (partner.front().role != Role::partner)
      return fail(ErrorCode::validation, "is not a partner (other roles see everything already)", "/user_id");
    s.shared_entity = in.shared_entity;
    s.shared_id = in.shared_id;
    s.user_id = in.user_id;
    Recorder rec(tx, who, ctx_.clock.now());
    return rec.create(s, ctx_.ids.next_id());
  }));
  return s;
}

Result<std::vector<Share>> Accounts::shares(const Principal& who, const Page& page) {
  std::vector<Share> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    store::ListQuery q{.after_id = page.after, .limit = page_limit(page, ctx_.options)};
    if (!who.local_operator && who.role == Role::partner) q.where.push_back({"user_id", who.user_id});
    out = RL_TRY(tx.list<Share>(who.org_id, q));
    return {};
  }));
  return out;
}

Status Accounts::unshare(const Principal& who, const Id& share_id) {
  RL_CHECK(require(who, Permission::manage_members, "withdraw shares"));
  return ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto s = RL_TRY(tx.get<Share>(who.org_id, share_id));
    Recorder rec(tx, who, ctx_.clock.now());
    return rec.remove(s);
  });
}

}  // namespace riskloop::app
