// Errors as RFC 9457 problem details (application/problem+json), the one error shape of the API:
//
//   {"type":"urn:riskloop:problem:validation","title":"The request breaks a rule","status":422,
//    "detail":"must have 1 to 200 characters","code":"validation","field":"/name"}
//
// `code` is the stable ErrorCode name (core/error.hpp); `status` follows from it (http_status),
// except for protocol errors that have their own status (405, 415, 428, 431) and keep the nearest
// code. Where the error is located: `field` (a JSON pointer into the request body) or `parameter`
// (a query or path parameter, from an Error location written "?name").
#pragma once

#include <string>

#include "core/error.hpp"
#include "http/router.hpp"

namespace riskloop::http {

inline constexpr std::string_view kProblemContentType = "application/problem+json";

// The response for `error`, with the status of its code.
Response problem(const Error& error);
// The response for `error` with an explicit status (protocol errors).
Response problem(int status, const Error& error);

// What a server failure (5xx: storage, internal, verification) says to a person: never the cause
// (a database message, a file path, an exception text) but where to find it, "... the server log
// has the details (request id X)".
std::string server_failure_message(ErrorCode code, std::string_view request_id);

// `error` as a person may see it: errors of the request (4xx) unchanged; a server failure's
// cause is logged with the request id and replaced by server_failure_message.
Error shown_error(const Error& error, std::string_view request_id);

// Location of a query or path parameter in an Error (shown as "parameter").
inline std::string parameter_location(std::string_view name) {
  return "?" + std::string(name);
}

}  // namespace riskloop::http
