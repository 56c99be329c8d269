// What Access::page routes answer instead of problem+json: a redirect to the login page when the
// session is missing or has expired, and errors as a short HTML page (or, for htmx requests, as a
// message placed in the page's #flash region).
#pragma once

#include "http/router.hpp"

namespace riskloop::http {

inline constexpr std::string_view kHtmlContentType = "text/html; charset=utf-8";

// A path of this site that is safe to redirect to: it starts with one '/' (not "//" or "/\",
// which browsers read as another host) and holds no backslash, control character (browsers drop
// tabs and newlines, so "/\t/evil.example" would become "//evil.example") or space.
bool is_local_path(std::string_view path);

// 303 to /login?next=<the page> (htmx requests: HX-Redirect, which htmx follows with a full page
// load). `expired` adds a note that the session ended.
Response login_redirect(const RequestView& request, bool expired);

// The error as HTML with the status of its code; a server failure shows only where its cause
// is logged (shown_error).
Response page_problem(const Error& error, bool htmx, std::string_view request_id);

// The same CSRF rule as check_csrf, with the token taken from the X-CSRF-Token header (htmx sends
// it on every request) or else from the form field `_csrf` (plain forms).
Status check_page_csrf(const app::Principal& principal, bool by_cookie, const RequestView& request,
                       const FormFields& form);

}  // namespace riskloop::http
