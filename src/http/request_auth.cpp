// Authentication of API requests and the CSRF check.
#include "http/request_auth.hpp"

#include <cctype>

#include "core/text_rules.hpp"

namespace riskloop::http {
namespace {

std::string cookie_attributes(bool secure) {
  // SameSite=Strict keeps the cookie off cross-site requests; HttpOnly keeps it from scripts.
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

}  // namespace

Result<Caller> authenticate(app::App& app, const RequestView& request, bool secure_cookies) {
  if (!request.authorization.empty()) {
    const auto value = trim_blanks(request.authorization);
    const auto space = value.find(' ');
    if (space == std::string_view::npos || !equals_ignoring_case(value.substr(0, space), "Bearer"))
      return fail(ErrorCode::unauthenticated,
                  "the Authorization header must be \"Bearer <token>\" with an API token");
    const auto token = trim_blanks(value.substr(space + 1));
    if (token.empty())
      return fail(ErrorCode::unauthenticated, "the Authorization header holds no token");
    auto principal = app.auth().token(token);
    if (!principal) return tl::unexpected(principal.error());
    return Caller{std::move(*principal), false};
  }
  if (const auto secret = session_secret(request, secure_cookies); secret && !secret->empty()) {
    auto principal = app.auth().session(*secret);
    if (!principal) return tl::unexpected(principal.error());
    return Caller{std::move(*principal), true};
  }
  return fail(ErrorCode::unauthenticated,
              "log in (POST /api/v1/auth/login) or send an API token as \"Authorization: Bearer "
              "<token>\"");
}

Status check_csrf(const Caller& caller, const RequestView& request) {
  if (!caller.by_cookie || !changes_state(request.method)) return {};
  if (request.csrf_token.empty())
    return fail(ErrorCode::forbidden,
                "this request changes data and is authenticated by a session cookie, so it must "
                "carry the session's CSRF token in the X-CSRF-Token header (the token is returned "
                "by POST /api/v1/auth/login and GET /api/v1/auth/whoami)");
  if (caller.principal.csrf_token.empty() ||
      !constant_time_equal(request.csrf_token, caller.principal.csrf_token))
    return fail(ErrorCode::forbidden,
                "the X-CSRF-Token header does not match this session's CSRF token");
  return {};
}

std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    auto pair = trim_blanks(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (trim_blanks(pair.substr(0, eq)) != name) continue;
    auto value = trim_blanks(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    return value;
  }
  return std::nullopt;
}

std::string session_cookie_name(bool secure) {
  return cookie_name(kSessionCookie, secure);
}

std::optional<std::string_view> session_secret(const RequestView& request, bool secure) {
  return cookie_value(request.cookie, session_cookie_name(secure));
}

std::string session_cookie(std::string_view secret, std::chrono::seconds max_age, bool secure) {
  return session_cookie_name(secure) + "=" + std::string(secret) +
         "; Max-Age=" + std::to_string(std::max<std::int64_t>(0, max_age.count())) +
         cookie_attributes(secure);
}

std::string cleared_session_cookie(bool secure) {
  return session_cookie_name(secure) + "=; Max-Age=0" + cookie_attributes(secure);
}

std::string cookie_name(std::string_view base, bool secure) {
  return (secure ? "__Host-" : "") + std::string(base);
}

std::string login_csrf_cookie(std::string_view token, bool secure) {
  // Long enough to fill in the form at leisure; a new form reuses a live token.
  return cookie_name(kLoginCsrfCookie, secure) + "=" + std::string(token) + "; Max-Age=7200" +
         cookie_attributes(secure);
}

std::string cleared_login_csrf_cookie(bool secure) {
  return cookie_name(kLoginCsrfCookie, secure) + "=; Max-Age=0" + cookie_attributes(secure);
}

std::string_view login_csrf_token(const RequestView& request, bool secure) {
  return cookie_value(request.cookie, cookie_name(kLoginCsrfCookie, secure)).value_or("");
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Both tokens are ours and of fixed length, so leaking the length costs nothing.
  if (a.size() != b.size()) return false;
  volatile unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff = diff | static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace riskloop::http
