// Route matching and the common steps of every API call (authentication, CSRF, content type,
// JSON parsing), so resource handlers only deal with their resource.
#include "http/router.hpp"

#include <cctype>
#include <exception>

#include "core/text_rules.hpp"
#include "formats/json/record_json.hpp"
#include "http/page_access.hpp"
#include "http/problem.hpp"
#include "http/request_auth.hpp"
#include "http/request_language.hpp"
#include "http/server_log.hpp"

namespace riskloop::http {
namespace {

constexpr std::string_view kMethodNames[] = {"GET",   "HEAD",   "POST",    "PUT",
                                             "PATCH", "DELETE", "OPTIONS", "OTHER"};

// Splits "/a/b/c" into {"a","b","c"}; false if there are more than `out.size()` segments.
template <std::size_t N>
bool split_path(std::string_view path, std::array<std::string_view, N>& out, std::size_t& count) {
  count = 0;
  if (path.empty() || path.front() != '/') return false;
  path.remove_prefix(1);
  for (;;) {
    if (count == N) return false;
    const auto slash = path.find('/');
    out[count++] = path.substr(0, slash);
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// JSON endpoints accept application/json (and the JSON merge-patch type for PATCH), in UTF-8.
// Requiring it also means a cross-site HTML form, which can only send form or text types,
// never reaches a JSON handler.
Status check_json_content_type(const RequestView& request) {
  const auto semi = request.content_type.find(';');
  const auto media = trim_blanks(request.content_type.substr(0, semi));
  const bool json =
      equals_ignoring_case(media, "application/json") ||
      (request.method == Method::patch && equals_ignoring_case(media, "application/merge-patch+json"));
  if (!json)
    return fail(ErrorCode::malformed,
                media.empty() ? std::string("the request has a JSON body but no Content-Type; send "
                                            "Content-Type: application/json")
                              : "Content-Type " + std::string(media) +
                                    " is not supported here; send application/json");
  if (semi != std::string_view::npos) {
    auto params = request.content_type.substr(semi + 1);
    while (!params.empty()) {
      const auto next = params.find(';');
      const auto param = trim_blanks(params.substr(0, next));
      const auto eq = param.find('=');
      if (eq != std::string_view::npos && equals_ignoring_case(trim_blanks(param.substr(0, eq)), "charset")) {
        auto charset = trim_blanks(param.substr(eq + 1));
        if (charset.size() >= 2 && charset.front() == '"')
          charset = charset.substr(1, charset.size() - 2);
        if (!equals_ignoring_case(charset, "utf-8"))
          return fail(ErrorCode::malformed,
                      "JSON bodies must be UTF-8, not " + std::string(charset));
      }
      if (next == std::string_view::npos) break;
      params.remove_prefix(next + 1);
    }
  }
  return {};
}

// If-Match: exactly one strong ETag as sent in ETag, e.g. "3".
Result<std::int64_t> parse_if_match(std::string_view value) {
  value = trim_blanks(value);
  const auto bad = [&] {
    return fail(ErrorCode::malformed,
                "If-Match must be the ETag of the version you read, such as \"3\" (with the "
                "quotes), as returned in the ETag header",
                parameter_location("If-Match"));
  };
  if (value.size() < 3 || value.size() > 20 || value.front() != '"' || value.back() != '"')
    return bad();
  std::int64_t version = 0;
  for (char c : value.substr(1, value.size() - 2)) {
    if (c < '0' || c > '9') return bad();
    version = version * 10 + (c - '0');
  }
  return version;
}

Response unknown_route(const RouteMatch& match, const RequestView& request) {
  if (match.path_known) {
    auto r = problem(405, Error{ErrorCode::not_found,
                                std::string(method_name(request.method)) + " is not allowed on " +
                                    std::string(request.path) + "; allowed: " + match.allow,
                                {}});
    r.headers.push_back({"Allow", match.allow});
    return r;
  }
  // A person who followed a stale link or mistyped an address gets the site's page, not JSON.
  if (!request.path.starts_with("/api/"))
    return page_problem(Error{ErrorCode::not_found,
                              "There is no page at " + std::string(request.path) + ".",
                              {}},
                        request.hx_request == "true", request.request_id);
  return problem(Error{ErrorCode::not_found,
                       "there is no resource at " + std::string(request.path) +
                           " (the API is described at /api/v1/openapi.json)",
                       {}});
}

Response authentication_failed(const Error& error, const RequestView& request) {
  auto r = problem(error);
  if (r.status == 401 && !request.authorization.empty()) {
    for (auto& h : r.headers)
      if (h.name == "WWW-Authenticate")
        h.value = "Bearer realm=\"riskloop\", error=\"invalid_token\"";
  }
  return r;
}

// What a permission lets one do, in the words of a refusal ("your role (auditor) may not ...").
std::string_view action_of(Permission p) {
  switch (p) {
    case Permission::read: return "read the organization's records";
    case Permission::write_products: return "change products";
    case Permission::write_risk: return "change risk files";
    case Permission::sign_risk: return "sign risk decisions or change risk policies";
    case Permission::write_vigilance: return "change complaints and vigilance records";
    case Permission::manage_members: return "manage the organization's members";
    case Permission::manage_own_tokens: return "manage API tokens";
  }
  return "do this";
}

Response run(Service& service, const RouteMatch& match, const RequestView& request,
             std::string* actor) {
  const Route& route = *match.route;
  Call call{service, request, route, match.params, {}, {}, {}, {}};

  for (std::size_t i = 0; i < route.param_names.size(); ++i)
    if (!percent_decode(match.params[i], false))
      return problem(
          Error{ErrorCode::not_found, "there is no resource at " + std::string(request.path), {}});

  // The caller first: nothing of the body is parsed for someone who may not call the route.
  std::optional<Caller> caller;
  if (route.spec.access != Access::open) {
    const bool secure = service.options.secure_cookies;
    auto found = request.caller ? *request.caller : authenticate(service.app, request, secure);
    if (!found) {
      if (route.spec.access == Access::authenticated)
        return authentication_failed(found.error(), request);
      if (found.error().code != ErrorCode::unauthenticated)
        return page_problem(found.error(), call.htmx(), request.request_id);
      return login_redirect(request, session_secret(request, secure).has_value());
    }
    if (actor) *actor = found->principal.actor;
    caller = std::move(*found);
  }

  // Web UI forms (routes without a JSON body): parsed here, since the CSRF token may be in them.
  if (route.spec.body.name.empty() && is_form_content_type(request.content_type)) {
    auto form = parse_form(request.content_type, request.body);
    if (!form)
      return route.spec.access == Access::page
                 ? page_problem(form.error(), call.htmx(), request.request_id)
                                               : problem(form.error());
    call.form = std::move(*form);
  }

  if (route.spec.access == Access::authenticated) {
    if (auto csrf = check_csrf(*caller, request); !csrf) return problem(csrf.error());
    call.principal = std::move(caller->principal);
  } else if (route.spec.access == Access::page) {
    if (auto csrf = check_page_csrf(caller->principal, caller->by_cookie, request, call.form);
        !csrf)
      return page_problem(csrf.error(), call.htmx(), request.request_id);
    call.principal = std::move(caller->principal);
  }

  // The user's own choice of language outranks the browser's Accept-Language.
  std::optional<LanguageScope> chosen_language;
  if (const auto language = language_of_tag(call.principal.language))
    chosen_language.emplace(*language);

  if (route.spec.permission) {
    if (auto allowed = app::require(call.principal, *route.spec.permission,
                                    action_of(*route.spec.permission));
        !allowed)
      return route.spec.access == Access::page
                 ? page_problem(allowed.error(), call.htmx(), request.request_id)
                 : problem(allowed.error());
  }

  // Only writes are conditional here; a GET always returns the current version.
  if (request.has_if_match && changes_state(request.method)) {
    auto version = parse_if_match(request.if_match);
    if (!version) return problem(version.error());
    call.if_match = *version;
  } else if (route.spec.if_match) {
    return problem(428, Error{ErrorCode::precondition,
                              std::string(method_name(request.method)) +
                                  " needs If-Match with the ETag of the version you read "
                                  "(GET it first), so that it cannot overwrite someone else's "
                                  "change",
                              parameter_location("If-Match")});
  }

  if (!route.spec.body.name.empty()) {
    if (auto ct = check_json_content_type(request); !ct) return problem(415, ct.error());
    auto body = formats::parse_json_body(request.body, service.options.json_max_depth);
    if (!body) return problem(body.error());
    call.body = std::move(*body);
  }

  return route.spec.handler(call);
}

}  // namespace

std::string_view method_name(Method m) {
  return kMethodNames[static_cast<std::size_t>(m)];
}

Method method_from_name(std::string_view name) {
  for (std::size_t i = 0; i + 1 < std::size(kMethodNames); ++i)
    if (kMethodNames[i] == name) return static_cast<Method>(i);
  return Method::other;
}

void RouteTable::add(RouteSpec spec) {
  Route route{std::move(spec), {}, {}};
  std::array<std::string_view, 16> parts;
  std::size_t count = 0;
  const bool ok = split_path(route.spec.pattern, parts, count);
  if (!ok) std::terminate();  // a malformed pattern is a programming error
  for (std::size_t i = 0; i < count; ++i) {
    const auto seg = parts[i];
    route.segments.push_back(seg);
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}')
      route.param_names.push_back(seg.substr(1, seg.size() - 2));
  }
  if (route.param_names.size() > kMaxPathParams) std::terminate();
  routes_.push_back(std::move(route));
}

RouteMatch RouteTable::match(Method method, std::string_view path) const {
  RouteMatch out;
  std::array<std::string_view, 16> parts;
  std::size_t count = 0;
  if (!split_path(path, parts, count)) return out;
  // HEAD is GET without the body (the server drops it).
  const Method wanted = method == Method::head ? Method::get : method;
  for (const auto& route : routes_) {
    if (route.segments.size() != count) continue;
    std::array<std::string_view, kMaxPathParams> params{};
    std::size_t n = 0;
    bool same = true;
    for (std::size_t i = 0; i < count && same; ++i) {
      const auto seg = route.segments[i];
      if (seg.size() > 2 && seg.front() == '{') {
        if (parts[i].empty())
          same = false;
        else
          params[n++] = parts[i];
      } else {
        same = seg == parts[i];
      }
    }
    if (!same) continue;
    out.path_known = true;
    if (route.spec.method == wanted) {
      out.route = &route;
      out.params = params;
      return out;
    }
    if (!out.allow.empty()) out.allow += ", ";
    out.allow += method_name(route.spec.method);
  }
  return out;
}

std::string Call::param(std::size_t i) const {
  return percent_decode(raw_params[i], false).value_or(std::string());
}

Response dispatch(Service& service, const RouteMatch& match, const RequestView& request,
                  std::string* actor) {
  const std::string_view route = match.route ? match.route->spec.pattern : std::string_view("-");
  const LanguageScope language(negotiate_language(request.accept_language));
  try {
    Response r = match.route ? run(service, match, request, actor) : unknown_route(match, request);
    if (r.status >= 500 && r.content_type == kProblemContentType) {
      // A server failure's message is for the operator (it may quote the database or name server
      // files); the client gets the request id to quote.
      log_event(spdlog::level::err, "request failed",
                {{"request_id", std::string(request.request_id)},
                 {"method", std::string(method_name(request.method))},
                 {"route", std::string(route)},
                 {"cause", r.body}});
      const auto code = r.status == 503 ? ErrorCode::storage : ErrorCode::internal;
      r = problem(r.status, Error{code, server_failure_message(code, request.request_id), {}});
    }
    if (r.status == 429) {
      const auto seconds =
          std::chrono::duration_cast<std::chrono::seconds>(service.app.options().lockout);
      r.headers.push_back({"Retry-After", std::to_string(seconds.count())});
    }
    return r;
  } catch (const std::exception& e) {
    // A bug or resource exhaustion: say so without echoing anything of the request.
    log_event(spdlog::level::err, "request failed",
              {{"request_id", std::string(request.request_id)},
               {"method", std::string(method_name(request.method))},
               {"route", std::string(route)},
               {"cause", e.what()}});
    return problem(Error{ErrorCode::internal,
                         "internal error; the server log has the details (request id " +
                             std::string(request.request_id) + ")",
                         {}});
  }
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<std::optional<std::string>> query_param(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) != name) continue;
    const auto raw = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    auto value = percent_decode(raw, true);
    if (!value)
      return fail(ErrorCode::malformed, "is not valid percent-encoding", parameter_location(name));
    return std::optional<std::string>(std::move(*value));
  }
  return std::optional<std::string>();
}

}  // namespace riskloop::http
