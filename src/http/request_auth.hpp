// Who is calling: a bearer API token (scripts) or a session cookie (the UI), and the CSRF rule
// that protects cookie-authenticated writes.
//
// Browsers attach cookies to cross-site requests but never an Authorization header, so only
// cookie-authenticated POST/PUT/PATCH/DELETE must prove they come from our own pages by echoing
// the session's CSRF token in X-CSRF-Token. Bearer requests need no CSRF token.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "app/principal.hpp"
#include "http/router.hpp"

namespace riskloop::http {

inline constexpr std::string_view kSessionCookie = "rl_session";

struct Caller {
  app::Principal principal;
  bool by_cookie = false;
};

// A bearer token when Authorization is present (any other scheme is refused), else the session
// cookie; `unauthenticated` when neither is present or valid. The caller runs this on a thread
// that may block on the store.
Result<Caller> authenticate(app::App& app, const RequestView& request);

// `forbidden` when a cookie-authenticated request changes state without the session's CSRF token.
Status check_csrf(const Caller& caller, const RequestView& request);

// The value of cookie `name` in a Cookie header.
std::optional<std::string_view> cookie_value(std::string_view cookie_header, std::string_view name);

// Set-Cookie values for a new session and for logging out.
std::string session_cookie(std::string_view secret, std::chrono::seconds max_age, bool secure);
std::string cleared_session_cookie(bool secure);

// Comparison whose time depends only on the lengths, so a token can't be guessed byte by byte.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace riskloop::http
