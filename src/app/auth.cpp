// Authentication: passwords, sessions, API tokens, throttling of failed logins.
#include "app/auth.hpp"

#include <sodium.h>

#include "app/recorder.hpp"
#include "formats/digest/sha256.hpp"

namespace riskloop::app {

namespace {

// Same answer for an unknown e-mail and a wrong password, so the API can't be used to probe
// which accounts exist.
const char kBadLogin[] = "the e-mail address or password is wrong";

bool secure_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// A valid argon2id hash of a random password: checked against when the e-mail is unknown so that
// unknown accounts take as long to reject as known ones.
const std::string& decoy_hash(PasswordCost cost) {
  static const std::string interactive = hash_password(random_secret(""), PasswordCost::interactive).value_or("");
  static const std::string minimal = hash_password(random_secret(""), PasswordCost::minimal).value_or("");
  return cost == PasswordCost::minimal ? minimal : interactive;
}

}  // namespace

Result<std::string> hash_password(std::string_view password, PasswordCost cost) {
  char out[crypto_pwhash_STRBYTES];
  const bool minimal = cost == PasswordCost::minimal;
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return fail(ErrorCode::internal, "password hashing ran out of memory");
  return std::string(out);
}

bool password_matches(std::string_view stored_hash, std::string_view password) {
  const std::string hash(stored_hash);
  return !hash.empty() &&
         crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_secret(std::string_view prefix) {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(prefix) + text;
}

namespace {

// The principal of a user acting in an organization, read in the caller's transaction.
Result<Principal> principal_in(store::Tx& tx, const Id& user_id, const Id& org_id, std::string actor) {
  const auto user = tx.get_global<User>(user_id);
  if (!user) return fail(ErrorCode::unauthenticated, "the account no longer exists");
  if (user->status != UserStatus::active)
    return fail(ErrorCode::unauthenticated, "the account is disabled");
  const auto memberships =
      RL_TRY(tx.list<Membership>(org_id, {.where = {{"user_id", user_id}}, .limit = 1}));
  if (memberships.empty())
    return fail(ErrorCode::unauthenticated, "the account is no longer a member of this organization");
  Principal p;
  p.user_id = user_id;
  p.email = user->email;
  p.display_name = user->display_name;
  p.org_id = org_id;
  p.role = memberships.front().role;
  p.actor = std::move(actor);
  return p;
}

}  // namespace

Result<Principal> Auth::principal_for(const Id& user_id, const Id& org_id, std::string actor) {
  Principal p;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    p = RL_TRY(principal_in(tx, user_id, org_id, std::move(actor)));
    return {};
  }));
  return p;
}

Result<LoginResult> Auth::login(const LoginInput& in, std::string_view address) {
  const auto now = ctx_.clock.now();
  const auto& o = ctx_.options;
  const std::string account_key = "account:" + in.email;
  const std::string address_key = "address:" + std::string(address);

  std::optional<User> user;
  std::vector<Id> orgs;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    for (const auto& key : {account_key, address_key}) {
      const auto t = RL_TRY(tx.find_throttle(key));
      if (t && t->locked_until && *t->locked_until > now)
        return fail(ErrorCode::rate_limited, "too many failed logins; try again after " +
                                                 format_timestamp(*t->locked_until));
    }
    if (const auto id = RL_TRY(tx.user_id_by_email(in.email))) {
      user = RL_TRY(tx.get_global<User>(*id));
      orgs = RL_TRY(tx.user_org_ids(*id));
    }
    return {};
  }));

  // Always pay for one argon2id verification, known account or not.
  const bool ok = password_matches(user ? user->password_hash : decoy_hash(o.password_cost), in.password) && user;
  if (!ok) {
    RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
      for (const auto& [key, limit] : {std::pair{account_key, o.max_failures_per_account},
                                       std::pair{address_key, o.max_failures_per_address}}) {
        auto t = RL_TRY(tx.find_throttle(key)).value_or(store::Throttle{key, 0, now, {}});
        if (t.window_start + o.failure_window < now) t = {key, 0, now, {}};
        if (++t.failures >= limit) t.locked_until = now + o.lockout;
        RL_CHECK(tx.save_throttle(t));
      }
      return {};
    }));
    return fail(ErrorCode::unauthenticated, kBadLogin);
  }
  if (user->status != UserStatus::active)
    return fail(ErrorCode::unauthenticated, "the account is disabled");
  if (orgs.empty())
    return fail(ErrorCode::forbidden, "the account is not a member of any organization");

  Id org_id = orgs.front();
  if (!in.organization.empty()) {
    std::optional<Id> wanted;
    RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
      wanted = RL_TRY(tx.org_id_by_slug(in.organization));
      return {};
    }));
    if (!wanted || std::find(orgs.begin(), orgs.end(), *wanted) == orgs.end())
      return fail(ErrorCode::validation, "you are not a member of organization \"" + in.organization + "\"",
                  "/organization");
    org_id = *wanted;
  }

  LoginResult result;
  result.session_secret = random_secret("");
  result.expires_at = now + o.session_max_age;
  store::Session s{formats::sha256_hex(result.session_secret), user->header.id, org_id,
                   random_secret(""), now, result.expires_at, now, now};
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    RL_CHECK(tx.insert_session(s));
    return tx.clear_throttle(account_key);
  }));
  result.principal = RL_TRY(principal_for(user->header.id, org_id, "user:" + user->header.id));
  result.principal.session_hash = s.token_hash;
  result.principal.csrf_token = s.csrf_token;
  return result;
}

Status Auth::logout(const Principal& who) {
  if (who.session_hash.empty()) return fail(ErrorCode::validation, "not logged in with a session");
  return ctx_.store.transaction([&](store::Tx& tx) { return tx.delete_session(who.session_hash); });
}

Result<Principal> Auth::session(std::string_view secret) {
  const auto now = ctx_.clock.now();
  const auto hash = formats::sha256_hex(secret);
  std::optional<store::Session> s;
  Principal p;
  // One snapshot for the session and its user's membership: this runs on every page view.
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    s = RL_TRY(tx.find_session(hash));
    if (!s || !secure_equal(s->token_hash, hash))
      return fail(ErrorCode::unauthenticated, "not logged in (unknown session)");
    if (s->expires_at <= now || s->last_seen_at + ctx_.options.session_idle_timeout <= now)
      return fail(ErrorCode::unauthenticated, "your session has expired; log in again");
    p = RL_TRY(principal_in(tx, s->user_id, s->org_id, "user:" + s->user_id));
    return {};
  }));
  p.session_hash = s->token_hash;
  p.csrf_token = s->csrf_token;
  // Sliding idle expiry, written at most once a minute per session to keep reads read-only.
  if (now - s->last_seen_at > std::chrono::minutes(1)) {
    s->last_seen_at = now;
    RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) { return tx.update_session(*s); }));
  }
  return p;
}

Result<Principal> Auth::token(std::string_view secret) {
  const auto now = ctx_.clock.now();
  const auto hash = formats::sha256_hex(secret);
  Principal p;
  // One snapshot for the token and its owner's membership: this runs on every API request.
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    const auto key = RL_TRY(tx.api_token_by_hash(hash));
    const auto token = key ? tx.get<ApiToken>(key->first, key->second) : Result<ApiToken>(fail(ErrorCode::not_found, ""));
    if (!token || !secure_equal(token->token_hash, hash))
      return fail(ErrorCode::unauthenticated, "the API token is not valid");
    if (token->revoked_at) return fail(ErrorCode::unauthenticated, "the API token was revoked");
    if (token->expires_at && *token->expires_at <= now)
      return fail(ErrorCode::unauthenticated, "the API token has expired");
    p = RL_TRY(principal_in(tx, token->user_id, token->header.org_id, "token:" + token->header.id));
    p.token_id = token->header.id;
    return {};
  }));
  return p;
}

Result<Principal> Auth::switch_organization(const Principal& who, const Id& org_id) {
  if (who.session_hash.empty())
    return fail(ErrorCode::validation, "only a login session can switch organization");
  auto next = principal_for(who.user_id, org_id, who.actor);
  if (!next) return fail(ErrorCode::not_found, "organization " + org_id + " does not exist", "/organization_id");
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    auto s = RL_TRY(tx.find_session(who.session_hash));
    if (!s) return fail(ErrorCode::unauthenticated, "your session has ended");
    s->org_id = org_id;
    return tx.update_session(*s);
  }));
  next->session_hash = who.session_hash;
  next->csrf_token = who.csrf_token;
  return next;
}

Status Auth::confirm_password(const Principal& who, std::string_view password) {
  std::optional<User> user;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    user = RL_TRY(tx.get_global<User>(who.user_id));
    return {};
  }));
  if (!password_matches(user->password_hash, password))
    return fail(ErrorCode::unauthenticated, "the password is wrong", "/password");
  return {};
}

Result<Principal> Auth::operator_principal(const std::string& login, const Id& org_id,
                                           const std::string& as_email) {
  const std::string actor = "cli:" + login;
  if (as_email.empty()) {
    Principal p;
    p.org_id = org_id;
    p.role = Role::admin;
    p.actor = actor;
    p.display_name = login;
    p.local_operator = true;
    return p;
  }
  std::optional<Id> user_id;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    user_id = RL_TRY(tx.user_id_by_email(as_email));
    return {};
  }));
  if (!user_id) return fail(ErrorCode::not_found, "no user with e-mail " + as_email, "--as");
  // The member acts: the journal names them (as a login would), not the operator's login.
  auto p = principal_for(*user_id, org_id, "user:" + *user_id);
  if (!p) return fail(ErrorCode::not_found, as_email + " is not a member of this organization", "--as");
  return p;
}

}  // namespace riskloop::app
