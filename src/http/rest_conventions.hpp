// Conventions every resource follows: JSON bodies, ETag = record version, If-Match on writes,
// cursor pagination ({"items":[...],"next":"<cursor>"|null}), and errors as problem details.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/accounts.hpp"
#include "formats/json/record_json.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"

// In a handler: the value of a Result, or return its error as a problem response.
#define RL_HTTP_TRY(expr)                                                            \
  __extension__({                                                                    \
    auto&& rl_http_result_ = (expr);                                                 \
    if (!rl_http_result_) return ::riskloop::http::problem(rl_http_result_.error()); \
    std::move(*rl_http_result_);                                                     \
  })

#define RL_HTTP_CHECK(expr)                                                          \
  do {                                                                               \
    auto&& rl_http_status_ = (expr);                                                 \
    if (!rl_http_status_) return ::riskloop::http::problem(rl_http_status_.error()); \
  } while (0)

namespace riskloop::http {

// Serializes `body`; bytes that are not UTF-8 (never stored, but never trusted) are replaced.
std::string dump_json(const nlohmann::json& body);

Response json_response(int status, const nlohmann::json& body);
// The media type of a Content-Type header, lower case and without parameters: "text/csv".
std::string media_type(std::string_view content_type);
// 415 unless the request's body is text/csv: a browser form on another site can never post one.
std::optional<Response> require_csv(const Call& call);
Response no_content();

// The ETag of a record version: "3".
std::string etag(std::int64_t version);

// One record with its ETag; `location` (for 201) is the new record's URL.
template <Record T>
Response record_response(const T& rec, int status = 200, std::string location = {}) {
  Response r = json_response(status, formats::to_json(rec));
  r.headers.push_back({"ETag", etag(rec.header.version)});
  if (!location.empty()) r.headers.push_back({"Location", std::move(location)});
  return r;
}

// ?after=<cursor>&limit=<n>: limit 1..max_page_size, default min(100, max_page_size).
Result<app::Page> page_from_query(const Call& call);

// {"items":[...],"next":...}: next is the last item's cursor when the page is full (there may be
// more), null otherwise.
template <class T, class ToJson, class CursorOf>
Response page_response(const std::vector<T>& items, int limit, ToJson to_json, CursorOf cursor_of) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  nlohmann::json body = {{"items", std::move(list)}, {"next", nullptr}};
  if (!items.empty() && static_cast<int>(items.size()) >= limit)
    body["next"] = cursor_of(items.back());
  return json_response(200, body);
}

// The request body decoded onto `target` (absent members keep their value): PATCH decodes onto
// the current state, POST and PUT onto defaults.
template <class T>
Status decode_body(const Call& call, T& target) {
  return formats::decode_fields(call.body, target);
}

// Fails with `validation` naming the member when the body lacks it.
Status require_member(const Call& call, std::string_view name);

}  // namespace riskloop::http
