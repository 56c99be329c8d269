// The OpenAPI 3.1 document, generated from the route table so it can't drift from the code:
// every route, its parameters, body and response schemas (from the types' field lists), and the
// problem-details shape of every error.
#include <set>

#include "http/router.hpp"

namespace riskloop::http {
namespace {

std::string method_key(Method m) {
  std::string out(method_name(m));
  for (auto& ch : out) ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

nlohmann::json ref(std::string_view name) {
  return {{"$ref", "#/components/schemas/" + std::string(name)}};
}

nlohmann::json problem_schema() {
  const nlohmann::json text = {{"type", "string"}};
  return {{"type", "object"},
          {"description", "RFC 9457 problem details"},
          {"properties",
           {{"type", text},
            {"title", text},
            {"status", {{"type", "integer"}}},
            {"detail", text},
            {"code",
             {{"type", "string"},
              {"enum",
               {"malformed", "validation", "not_found", "conflict", "precondition_failed",
                "forbidden", "unauthenticated", "rate_limited", "too_large", "verification_failed",
                "storage", "internal"}}}},
            {"field", {{"type", "string"}, {"description", "JSON pointer into the request body"}}},
            {"parameter", {{"type", "string"}, {"description", "query or header parameter"}}}}},
          {"required", {"type", "title", "status", "detail", "code"}}};
}

nlohmann::json problem_response(std::string_view description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
}

// The errors an operation can answer with, beyond its own success status.
nlohmann::json error_responses(const RouteSpec& spec) {
  nlohmann::json out = nlohmann::json::object();
  if (spec.access == Access::authenticated) {
    out["401"] = problem_response("Not authenticated: no or invalid session or token");
    out["403"] = problem_response(
        "The role does not allow this, or a cookie-authenticated "
        "write lacks X-CSRF-Token");
  }
  if (!spec.body.name.empty()) {
    out["400"] = problem_response("Malformed JSON, invalid UTF-8 or nesting deeper than allowed");
    out["413"] = problem_response("The body is larger than allowed");
    out["415"] = problem_response("The body is not application/json");
    out["422"] = problem_response(
        "A member is unknown, of the wrong type or breaks a rule "
        "(`field` names it)");
  } else if (!spec.query.empty()) {
    out["422"] = problem_response("A query parameter is out of range (`parameter` names it)");
  }
  if (spec.pattern.find('{') != std::string_view::npos)
    out["404"] = problem_response("No such record in the caller's organization");
  if (changes_state(spec.method) && spec.access == Access::authenticated)
    out["409"] = problem_response("Conflicts with the current state");
  if (spec.if_match) {
    out["412"] = problem_response("If-Match does not name the current version");
    out["428"] = problem_response("If-Match is missing");
  }
  if (spec.idempotent) {
    out["409"] = problem_response(
        "Conflicts with the current state, or a request with the same Idempotency-Key is still "
        "being processed (retry after Retry-After)");
    out["422"] = problem_response(
        "A value breaks a rule, or the Idempotency-Key was already used for a different request "
        "(`parameter` names it)");
  }
  if (spec.operation_id == "login")
    out["429"] = problem_response("Too many failed logins; see Retry-After");
  out["default"] = problem_response("Any other error");
  return out;
}

bool has_version(const nlohmann::json& schema) {
  const auto props = schema.find("properties");
  return props != schema.end() && props->contains("version");
}

nlohmann::json operation(const Route& route, nlohmann::json& schemas) {
  const auto& spec = route.spec;
  nlohmann::json op = {
      {"operationId", spec.operation_id}, {"summary", spec.summary}, {"tags", {spec.tag}}};
  nlohmann::json params = nlohmann::json::array();
  for (const auto name : route.param_names)
    params.push_back(
        {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  for (const auto& q : spec.query)
    params.push_back({{"name", q.name},
                      {"in", "query"},
                      {"required", false},
                      {"description", q.description},
                      {"schema", {{"type", q.type}}}});
  if (spec.if_match)
    params.push_back({{"name", "If-Match"},
                      {"in", "header"},
                      {"required", true},
                      {"description", "the ETag of the version the change is based on, e.g. \"3\""},
                      {"schema", {{"type", "string"}}}});
  if (spec.idempotent)
    params.push_back(
        {{"name", "Idempotency-Key"},
         {"in", "header"},
         {"required", false},
         {"description",
          "1 to 255 visible ASCII characters (no spaces), new for each request: a retry with the same key, "
          "query and body answers with the first answer (header Idempotent-Replayed: true)"},
         {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", 255}}}});
  if (!params.empty()) op["parameters"] = std::move(params);

  if (!spec.body.name.empty()) {
    schemas[std::string(spec.body.name)] = spec.body.build();
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", ref(spec.body.name)}}}}}};
  }

  nlohmann::json success = {{"description", spec.response_description}};
  if (!spec.response.name.empty()) {
    schemas[std::string(spec.response.name)] = spec.response.build();
    nlohmann::json schema = ref(spec.response.name);
    if (spec.list)
      schema = {{"type", "object"},
                {"properties",
                 {{"items", {{"type", "array"}, {"items", schema}}},
                  {"next",
                   {{"anyOf", {{{"type", "string"}}, {{"type", "null"}}}},
                    {"description", "pass as ?after= for the next page; null on the last"}}}}},
                {"required", {"items", "next"}}};
    success["content"] = {{"application/json", {{"schema", schema}}}};
  }
  // Versioned records (their schema has `version`) come with their ETag.
  if (!spec.list && !spec.response.name.empty() &&
      has_version(schemas[std::string(spec.response.name)]))
    success["headers"] = {
        {"ETag",
         {{"description", "the record's version, e.g. \"3\""}, {"schema", {{"type", "string"}}}}}};
  op["responses"] = error_responses(spec);
  op["responses"][std::to_string(spec.status)] = std::move(success);

  if (spec.access == Access::open) op["security"] = nlohmann::json::array();
  return op;
}

}  // namespace

nlohmann::json openapi_document(const RouteTable& routes) {
  nlohmann::json schemas = {{"Problem", problem_schema()}};
  nlohmann::json paths = nlohmann::json::object();
  std::set<std::string> tags;
  for (const auto& route : routes.routes()) {
    paths[std::string(route.spec.pattern)][method_key(route.spec.method)] =
        operation(route, schemas);
    tags.insert(std::string(route.spec.tag));
  }
  nlohmann::json tag_list = nlohmann::json::array();
  for (const auto& t : tags) tag_list.push_back({{"name", t}});
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "riskloop API"},
        {"version", "1"},
        {"description",
         "ISO 14971 risk management. JSON bodies; errors are RFC 9457 problem details; single "
         "records carry their version as ETag, and PUT/PATCH/DELETE need it in If-Match; lists "
         "are pages {items, next} continued with ?after=next. Authenticate with a bearer API "
         "token, or log in for a session cookie, in which case writes need X-CSRF-Token."}}},
      {"tags", std::move(tag_list)},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(schemas)},
        {"securitySchemes",
         {{"bearerToken",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"description", "an API token rl_... from POST /api/v1/tokens"}}},
          {"sessionCookie",
           {{"type", "apiKey"},
            {"in", "cookie"},
            {"name", "rl_session"},
            {"description",
             "from POST /api/v1/auth/login; named __Host-rl_session when the server "
             "runs with secure cookies (behind TLS); writes also need the X-CSRF-Token "
             "header"}}}}}}},
      {"security",
       {{{"bearerToken", nlohmann::json::array()}}, {{"sessionCookie", nlohmann::json::array()}}}},
  };
}

}  // namespace riskloop::http
