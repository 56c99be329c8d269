// Logging in and out, sessions, API tokens and login throttling.
#pragma once

#include <string>

#include "app/app_context.hpp"
#include "app/principal.hpp"
#include "core/accounts.hpp"

namespace riskloop::app {

struct LoginResult {
  std::string session_secret;  // the cookie value; only its SHA-256 is stored
  Timestamp expires_at{};
  Principal principal;         // includes the session's CSRF token
};

class Auth {
 public:
  explicit Auth(AppContext& ctx) : ctx_(ctx) {}

  // Checks the password (argon2id), the account and address throttles, and opens a session in
  // the requested (or first) organization. Wrong e-mail and wrong password give the same error.
  Result<LoginResult> login(const LoginInput& in, std::string_view address);
  Status logout(const Principal& who);
  // The principal of a live session; expired or unknown sessions are `unauthenticated`.
  Result<Principal> session(std::string_view secret);
  // The principal of a live, unrevoked API token (acting with its owner's current role).
  Result<Principal> token(std::string_view secret);
  // Moves the session to another organization the user belongs to.
  Result<Principal> switch_organization(const Principal& who, const Id& org_id);
  // Re-authentication (electronic signatures, password change, policy migration): the
  // principal's own password. Counted with the account's logins (rate_limited when locked); a
  // wrong one is stored and journaled as a SecurityEvent for `purpose` ("signature") in the
  // principal's organization, and fails `unauthenticated` at `location`.
  Status confirm_password(const Principal& who, std::string_view password,
                          std::string_view purpose = "password confirmation",
                          std::string_view location = "/password");
  // Deletes expired sessions and throttle rows (start-up calls it; logins at most once a minute).
  Status purge_expired(Timestamp now);
  // The organization's security events (admins), oldest first.
  Result<std::vector<SecurityEvent>> security_events(const Principal& who, const std::string& after,
                                                     int limit);
  // A local operator (CLI), optionally acting as a user of the organization.
  Result<Principal> operator_principal(const std::string& login, const Id& org_id,
                                       const std::string& as_email);

 private:
  Result<Principal> principal_for(const Id& user_id, const Id& org_id, std::string actor);
  AppContext& ctx_;
};

// Throttle keys: the e-mail normalized (trimmed, lower case) and cut to 254 bytes; the address
// cut to 64 bytes.
std::string account_throttle_key(std::string_view email);
std::string address_throttle_key(std::string_view address);

// Password hashing (argon2id via libsodium).
Result<std::string> hash_password(std::string_view password, PasswordCost cost);
bool password_matches(std::string_view stored_hash, std::string_view password);
// 32 random bytes as URL-safe base64 without padding, with a prefix ("rl_" for tokens).
std::string random_secret(std::string_view prefix);

}  // namespace riskloop::app
