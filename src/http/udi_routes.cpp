// /api/v1/udi/parse: checks a UDI carrier (GS1 element string or HIBCC data, docs/formats/udi.md)
// and answers what it says, or a 422 problem naming the position and the reason.
#include <chrono>

#include <nlohmann/json.hpp>

#include "formats/udi/udi.hpp"
#include "http/problem.hpp"
#include "http/rest_conventions.hpp"
#include "http/routes.hpp"

namespace riskloop::http {
namespace {

// Longer than any symbol can carry (a GS1 DataMatrix holds at most 2,335 characters).
constexpr std::size_t kMaxCode = 4096;

nlohmann::json input_schema() {
  return {{"type", "object"},
          {"properties",
           {{"code",
             {{"type", "string"},
              {"maxLength", kMaxCode},
              {"description",
               "the UDI as scanned or printed: (01)...(17)..., the raw GS1 element string with "
               "group separators (U+001D), or HIBCC data +LIC...; an HIBCC primary and "
               "secondary symbol may be sent separated by a line feed"}}}}},
          {"required", {"code"}},
          {"additionalProperties", false}};
}

nlohmann::json udi_schema() {
  using nlohmann::json;
  const json text = {{"type", {"string", "null"}}};
  json element = {{"type", "object"}, {"properties", json::object()}};
  for (const char* name : {"ai", "flag", "name", "value"})
    element["properties"][name] = {{"type", "string"}};
  element["properties"]["position"] = {{"type", "integer"}};
  json properties = json::object();
  properties["issuer"] = {{"enum", {"GS1", "HIBCC"}}};
  for (const char* name : {"di", "lot", "serial", "production_date", "labeler", "product",
                           "unit_of_measure", "link_character"})
    properties[name] = text;
  properties["expiry"] = {{"type", {"string", "null"}}, {"description", "YYYY-MM-DD[THH:MM]"}};
  properties["quantity"] = {{"type", {"integer", "null"}}};
  properties["check_character"] = {{"type", "string"}};
  properties["elements"] = {{"type", "array"}, {"items", element}};
  return {{"type", "object"},
          {"properties", properties},
          {"required", {"issuer", "di", "lot", "serial", "expiry", "elements"}}};
}

int year_of(Timestamp t) {
  return int(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(t)).year());
}

Response parse_udi(Call& c) {
  const auto code = c.body.find("code");
  if (code == c.body.end() || !code->is_string())
    return problem(Error{ErrorCode::validation, "code must be a string", "/code"});
  for (const auto& [key, _] : c.body.items())
    if (key != "code")
      return problem(Error{ErrorCode::validation, "unknown member " + key, "/" + key});
  const auto& text = code->get_ref<const std::string&>();
  if (text.size() > kMaxCode)
    return problem(Error{ErrorCode::validation,
                         "at most " + std::to_string(kMaxCode) + " characters", "/code"});
  const udi::ParseOptions options{.reference_year = year_of(c.app().clock().now())};
  const auto parsed = udi::parse(text, options);
  if (!parsed) {
    Response r = problem(Error{ErrorCode::validation, parsed.error().message(), "/code"});
    auto body = nlohmann::json::parse(r.body);
    body["position"] = parsed.error().position;
    body["reason"] = parsed.error().reason;
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
  }
  Response r;
  r.body = udi::to_json(*parsed).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace

void add_udi_routes(RouteTable& routes) {
  routes.add({.method = Method::post,
              .pattern = "/api/v1/udi/parse",
              .operation_id = "parseUdi",
              .summary = "Check a UDI carrier (GS1 element string or HIBCC data, "
                         "docs/formats/udi.md) and return its fields. Stores nothing. An invalid "
                         "code is a 422 problem whose `position` (0-based, in bytes of the code) "
                         "and `reason` say what was expected where",
              .tag = "udi",
              .handler = &parse_udi,
              .body = {"UdiParseInput", &input_schema},
              .response_description = "What the UDI says",
              .response = {"Udi", &udi_schema},
              .permission = Permission::read});
}

}  // namespace riskloop::http
