// What every web UI handler uses: the page layout (who is logged in, where, what they may do),
// HTML and fragment responses, redirects that work for plain forms and htmx alike, errors, and
// query parameters.
#pragma once

#include <string>
#include <string_view>

#include "http/page_access.hpp"
#include "http/router.hpp"
#include "web/templates.hpp"

namespace riskloop::web {

using http::Call;
using http::Response;

// The data every page template sees: user, organization(s), role flags (can_write_risk, can_sign,
// can_write_products, can_manage, read_only), the CSRF token and the asset URLs. `nav` marks the
// active section of the navigation ("dashboard", "products", ...).
Data base_data(Call& c, std::string_view nav = {});

// Template `tmpl` inside the layout, titled `title`; `data` should start from base_data.
Response page(Call& c, std::string_view tmpl, std::string_view title, Data data, int status = 200);
// Template `tmpl` alone (htmx fragments).
Response fragment(std::string_view tmpl, const Data& data, int status = 200);
Response html(std::string body, int status = 200);

// After a write: htmx requests get HX-Redirect (a full page load), plain forms 303 See Other.
Response redirect(Call& c, const std::string& location);

// The error as a page (or for htmx as a message in #flash), with the status of its code.
Response error_response(Call& c, const Error& error);

// A decoded query parameter ("" when absent or not valid percent-encoding).
std::string query(const Call& c, std::string_view name);

// The permission checks the templates use, for handlers too.
bool can(const Call& c, Permission p);

// An out-of-band update of the #flash region, appended to a fragment: "Saved." notices.
std::string flash_oob(std::string_view message);

// In a handler: the value of a Result, or the error as a page.
#define RL_WEB_TRY(call, expr)                                                             \
  __extension__({                                                                          \
    auto&& rl_web_result_ = (expr);                                                        \
    if (!rl_web_result_) return ::riskloop::web::error_response(call, rl_web_result_.error()); \
    std::move(*rl_web_result_);                                                            \
  })

#define RL_WEB_CHECK(call, expr)                                                              \
  do {                                                                                        \
    auto&& rl_web_status_ = (expr);                                                           \
    if (!rl_web_status_) return ::riskloop::web::error_response(call, rl_web_status_.error()); \
  } while (0)

}  // namespace riskloop::web
