// Login redirects, HTML errors and the form CSRF check of web UI routes.
#include "http/page_access.hpp"

#include <cctype>

#include "formats/report/html_escape.hpp"
#include "http/problem.hpp"
#include "http/request_auth.hpp"

namespace riskloop::http {
namespace {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// The path (and query) of the page to come back to after logging in: our own paths only.
std::string return_path(const RequestView& request) {
  std::string_view target;
  std::string joined;
  if (request.hx_request == "true" && !request.hx_current_url.empty()) {
    // HX-Current-URL is absolute: keep what follows the authority.
    auto url = request.hx_current_url;
    if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
      url.remove_prefix(scheme + 3);
      const auto slash = url.find('/');
      url = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
    }
    target = url;
  } else if (request.method == Method::get) {
    joined = std::string(request.path);
    if (!request.query.empty()) joined += "?" + std::string(request.query);
    target = joined;
  }
  if (!is_local_path(target)) return "/";
  return std::string(target);
}

}  // namespace

bool is_local_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return false;
  for (const unsigned char c : path)
    if (c <= 0x20 || c == 0x7f || c == '\\') return false;
  return true;
}

Response login_redirect(const RequestView& request, bool expired) {
  std::string location = "/login?next=" + percent_encode(return_path(request));
  if (expired) location += "&expired=1";
  Response r;
  if (request.hx_request == "true") {
    r.status = 200;
    r.headers.push_back({"HX-Redirect", location});
  } else {
    r.status = 303;
    r.headers.push_back({"Location", location});
  }
  r.content_type = kHtmlContentType;
  return r;
}

Response page_problem(const Error& raw, bool htmx, std::string_view request_id) {
  const Error error = shown_error(raw, request_id);
  Response r;
  r.status = http_status(error.code);
  r.content_type = kHtmlContentType;
  std::string message = formats::html_escaped(error.message);
  if (!error.location.empty()) message += " (" + formats::html_escaped(error.location) + ")";
  if (htmx) {
    // Shown in the page's alert region whatever element made the request.
    r.body = "<p class=\"alert alert-error\" role=\"alert\"><strong>Error:</strong> " + message +
             "</p>";
    r.headers.push_back({"HX-Retarget", "#flash"});
    r.headers.push_back({"HX-Reswap", "innerHTML"});
    return r;
  }
  r.body =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
      std::to_string(r.status) +
      " - riskloop</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main "
      "class=\"error-page\"><h1>" +
      (r.status == 403   ? std::string("Not allowed")
       : r.status == 404 ? std::string("Not found")
                         : "Error " + std::to_string(r.status)) +
      "</h1><p role=\"alert\">" + message +
      "</p><p><a href=\"/dashboard\">Back to the dashboard</a></p></main></body></html>";
  return r;
}

Status check_page_csrf(const app::Principal& principal, bool by_cookie, const RequestView& request,
                       const FormFields& form) {
  if (!by_cookie || !changes_state(request.method)) return {};
  const std::string_view sent = !request.csrf_token.empty() ? request.csrf_token
                                                            : std::string_view(form.get("_csrf"));
  if (sent.empty())
    return fail(ErrorCode::forbidden,
                "this form has no CSRF token; reload the page and submit it again");
  if (principal.csrf_token.empty() || !constant_time_equal(sent, principal.csrf_token))
    return fail(ErrorCode::forbidden,
                "this form's CSRF token does not match your session; reload the page and submit "
                "it again");
  return {};
}

}  // namespace riskloop::http
