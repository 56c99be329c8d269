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

// The login form's CSRF token (login CSRF: another site must not log a browser in to an account
// of its choosing). Before there is a session the token lives in a cookie of its own, set with the
// form, and the form echoes it in its `_csrf` field (double submit).
inline constexpr std::string_view kLoginCsrfCookie = "rl_login_csrf";

// `base` as the browser stores it: with the "__Host-" prefix when `secure` (the browser then
// accepts it only from HTTPS, with Path=/ and no Domain, so no other host can set it).
std::string cookie_name(std::string_view base, bool secure);

// A bearer token when Authorization is present (any other scheme is refused), else the session
// cookie (named for `secure_cookies`, see session_cookie_name); `unauthenticated` when neither is
// present or valid. The caller runs this on a thread that may block on the store.
Result<Caller> authenticate(app::App& app, const RequestView& request, bool secure_cookies);

// `forbidden` when a cookie-authenticated request changes state without the session's CSRF token.
Status check_csrf(const Caller& caller, const RequestView& request);

// The value of cookie `name` in a Cookie header.
std::optional<std::string_view> cookie_value(std::string_view cookie_header, std::string_view name);

// "__Host-rl_session" when cookies are secure, else "rl_session".
std::string session_cookie_name(bool secure);
// The session secret sent by the browser, if any.
std::optional<std::string_view> session_secret(const RequestView& request, bool secure);

// Set-Cookie values for a new session and for logging out.
std::string session_cookie(std::string_view secret, std::chrono::seconds max_age, bool secure);
std::string cleared_session_cookie(bool secure);
std::string login_csrf_cookie(std::string_view token, bool secure);
std::string cleared_login_csrf_cookie(bool secure);
// The login form's token from the request's cookie ("" if none).
std::string_view login_csrf_token(const RequestView& request, bool secure);

// Comparison whose time depends only on the lengths, so a token can't be guessed byte by byte.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace riskloop::http
