// Authentication: passwords, sessions, API tokens, throttling of failed logins.
#include "app/auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <atomic>

#include "app/recorder.hpp"
#include "core/text_rules.hpp"
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
  p.language = user->language;
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

std::string account_throttle_key(std::string_view email) {
  // The login name as the store keeps it (trimmed, lower case), cut to the longest valid e-mail
  // address: a client cannot make keys of any size, nor dodge the count with "ADMIN@...".
  std::string key = "account:";
  for (const char c : trim_blanks(email).substr(0, 254))
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  return key;
}

std::string address_throttle_key(std::string_view address) {
  return "address:" + std::string(address.substr(0, 64));
}

namespace {

struct Counted {
  std::optional<Timestamp> refused_until;  // set when an attempt is over its limit
  bool locked_now = false;                 // this attempt reached a limit and set the lock
};

// Counts this attempt against each throttle key in one transaction, before the password is
// checked, so that racing attempts cannot all pass a check made before any of them counted.
Result<Counted> count_attempts(AppContext& ctx, Timestamp now,
                               std::initializer_list<std::pair<std::string, int>> keys) {
  const auto& o = ctx.options;
  Counted out;
  RL_CHECK(ctx.store.transaction([&](store::Tx& tx) -> Status {
    out = {};
    for (const auto& [key, limit] : keys) {
      const auto t = RL_TRY(tx.count_attempt(key, now, now - o.failure_window, limit, now + o.lockout));
      if (t.failures > limit && t.locked_until && (!out.refused_until || *t.locked_until > *out.refused_until))
        out.refused_until = t.locked_until;
      out.locked_now = out.locked_now || t.failures == limit;
    }
    return {};
  }));
  return out;
}

tl::unexpected<Error> too_many(Timestamp until) {
  return fail(ErrorCode::rate_limited,
              "too many failed logins; try again after " + format_timestamp(until));
}

}  // namespace

Result<LoginResult> Auth::login(const LoginInput& in, std::string_view address) {
  const auto now = ctx_.clock.now();
  const auto& o = ctx_.options;
  const std::string account_key = account_throttle_key(in.email);
  const std::string address_key = address_throttle_key(address);
  // Now and then (at most once a minute per process; any node may do it, the rows are shared),
  // not on every login: expired sessions and throttle rows go.
  static std::atomic<std::int64_t> last_purge{0};
  const auto minute = std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
  if (auto seen = last_purge.load(); seen != minute && last_purge.compare_exchange_strong(seen, minute))
    RL_CHECK(purge_expired(now));

  const auto counted = RL_TRY(count_attempts(ctx_, now, {{account_key, o.max_failures_per_account},
                                                         {address_key, o.max_failures_per_address}}));
  if (counted.refused_until) return too_many(*counted.refused_until);

  std::optional<User> user;
  std::vector<Id> orgs;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    if (const auto id = RL_TRY(tx.user_id_by_email(in.email))) {
      user = RL_TRY(tx.get_global<User>(*id));
      orgs = RL_TRY(tx.user_org_ids(*id));
    }
    return {};
  }));

  // Always pay for one argon2id verification, known account or not.
  const bool ok = password_matches(user ? user->password_hash : decoy_hash(o.password_cost), in.password) && user;
  // A wrong password stays counted; a right one takes its count back (clearing the account's).
  if (!ok) return fail(ErrorCode::unauthenticated, kBadLogin);
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    RL_CHECK(tx.clear_throttle(account_key));
    return tx.release_attempt(address_key, o.max_failures_per_address);
  }));
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
                   random_secret(""), now, result.expires_at, now, now, std::nullopt};
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) { return tx.insert_session(s); }));
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
  p.session_signed = s->signed_at.has_value();
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
  next->session_signed = who.session_signed;
  next->csrf_token = who.csrf_token;
  return next;
}

Status Auth::confirm_password(const Principal& who, std::string_view password,
                              std::string_view purpose, std::string_view location) {
  if (who.user_id.empty())
    return fail(ErrorCode::forbidden, "only a person can confirm with a password (--as EMAIL)");
  const auto now = ctx_.clock.now();
  std::optional<User> user;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    user = RL_TRY(tx.get_global<User>(who.user_id));
    return {};
  }));
  // One throttle with logins: guessing through the signature form locks the login too.
  const auto key = account_throttle_key(user->email);
  const auto counted =
      RL_TRY(count_attempts(ctx_, now, {{key, ctx_.options.max_failures_per_account}}));
  if (counted.refused_until)
    return fail(ErrorCode::rate_limited, "too many wrong passwords; your account is locked until " +
                                             format_timestamp(*counted.refused_until),
                std::string(location));
  if (password_matches(user->password_hash, password))
    return ctx_.store.transaction([&](store::Tx& tx) { return tx.clear_throttle(key); });
  // Administrators see every failure (admin page, GET /api/v1/security-events).
  RL_CHECK(ctx_.store.transaction([&](store::Tx& tx) -> Status {
    SecurityEvent e;
    e.kind = "password_recheck_failed";
    e.user_id = who.user_id;
    e.purpose = std::string(purpose);
    e.locked = counted.locked_now;
    Recorder rec(tx, who, now);
    return rec.create(e, ctx_.ids.next_id());
  }));
  return fail(ErrorCode::unauthenticated, "the password is wrong", std::string(location));
}

Status Auth::purge_expired(Timestamp now) {
  const auto& o = ctx_.options;
  return ctx_.store.transaction([&](store::Tx& tx) -> Status {
    const auto purged = RL_TRY(tx.purge_expired_logins(
        now, now - o.session_idle_timeout, now - std::max(o.failure_window, o.lockout)));
    (void)purged;
    return {};
  });
}

Result<std::vector<SecurityEvent>> Auth::security_events(const Principal& who,
                                                         const std::string& after, int limit) {
  RL_CHECK(require(who, Permission::manage_members, "see the organization's security events"));
  std::vector<SecurityEvent> out;
  RL_CHECK(ctx_.store.read([&](store::Tx& tx) -> Status {
    out = RL_TRY(tx.list<SecurityEvent>(
        who.org_id, {.after_id = after, .limit = std::clamp(limit, 1, ctx_.options.max_page_size)}));
    return {};
  }));
  return out;
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
