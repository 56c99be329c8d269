// Problem details: the mapping from riskloop errors to RFC 9457 responses.
#include "http/problem.hpp"

#include <nlohmann/json.hpp>

#include "http/server_log.hpp"

namespace riskloop::http {
namespace {

// Short, fixed summaries: `detail` carries the specifics.
std::string_view title_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::malformed:
      return "The request cannot be read";
    case ErrorCode::validation:
      return "The request breaks a rule";
    case ErrorCode::not_found:
      return "Not found";
    case ErrorCode::conflict:
      return "Conflict with the current state";
    case ErrorCode::precondition:
      return "The record has changed";
    case ErrorCode::forbidden:
      return "Not allowed";
    case ErrorCode::unauthenticated:
      return "Authentication required";
    case ErrorCode::rate_limited:
      return "Too many attempts";
    case ErrorCode::too_large:
      return "The request is too large";
    case ErrorCode::verification:
      return "Integrity check failed";
    case ErrorCode::storage:
      return "The store is unavailable";
    case ErrorCode::internal:
      return "Internal error";
  }
  return "Error";
}

}  // namespace

std::string server_failure_message(ErrorCode code, std::string_view request_id) {
  const std::string what = code == ErrorCode::storage        ? "the store is unavailable"
                           : code == ErrorCode::verification ? "an integrity check failed"
                                                             : "internal error";
  return what + "; the server log has the details (request id " + std::string(request_id) + ")";
}

Error shown_error(const Error& error, std::string_view request_id) {
  if (http_status(error.code) < 500) return error;
  log_event(spdlog::level::err, "request failed",
            {{"request_id", std::string(request_id)},
             {"cause", error.message + (error.location.empty() ? "" : " (" + error.location + ")")}});
  return Error{error.code, server_failure_message(error.code, request_id), {}};
}

Response problem(const Error& error) {
  return problem(http_status(error.code), error);
}

Response problem(int status, const Error& error) {
  const std::string code(to_string(error.code));
  nlohmann::json body = {
      {"type", "urn:riskloop:problem:" + code},
      {"title", title_of(error.code)},
      {"status", status},
      {"detail", error.message},
      {"code", code},
  };
  if (!error.location.empty()) {
    if (error.location.front() == '/')
      body["field"] = error.location;
    else if (error.location.front() == '?')
      body["parameter"] = error.location.substr(1);
    else
      body["location"] = error.location;
  }
  Response r;
  r.status = status;
  r.content_type = kProblemContentType;
  // Messages may quote user input; replace rather than throw on bytes that are not UTF-8.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (status == 401) r.headers.push_back({"WWW-Authenticate", "Bearer realm=\"riskloop\""});
  return r;
}

}  // namespace riskloop::http
