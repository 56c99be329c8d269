// The server log, through spdlog: one line per HTTP request and the causes of server errors, as
// text for people or as one JSON object per line for log collectors (`riskloop serve
// --log-format`). Process-wide, like the spdlog default logger it configures.
//
// A request line carries: request id, user (the principal's actor, or "-"), method, route
// pattern (never the raw path, which holds ids), status and duration in milliseconds. Nothing
// else of a request is ever logged: no cookies, Authorization, passwords or bodies.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <spdlog/common.h>

namespace spdlog::sinks {
class sink;
}

namespace riskloop::http {

enum class LogFormat {
  text,  // "2026-12-02T07:00:00.123Z info request id=... user=... method=GET route=... ..."
  json,  // {"time":"...","level":"info","msg":"request","request_id":"...",...}
};

// Reads "text" or "json" into `out`; false for anything else.
bool parse_log_format(std::string_view name, LogFormat& out);

// Replaces the default logger: `sink` (stderr when null) in `format`. Call once at start-up,
// before the server runs (tests call it around their case).
void configure_server_log(LogFormat format, std::shared_ptr<spdlog::sinks::sink> sink = nullptr);

// A field of a log line; values are text (numbers are written by the caller).
struct LogField {
  std::string_view name;
  std::string value;
  bool number = false;  // JSON: written without quotes
};

// One event: `message` is a fixed phrase ("request", "request failed"), the specifics go into
// fields, so both formats carry the same information.
void log_event(spdlog::level::level_enum level, std::string_view message,
               std::initializer_list<LogField> fields);

struct RequestLogLine {
  std::string_view request_id;
  std::string_view user;    // "-" when unauthenticated
  std::string_view method;
  std::string_view route;   // the matched pattern, or "-" when none matched
  int status = 0;
  double duration_ms = 0;
};
void log_request(const RequestLogLine& line);

// The request id to use: a sane incoming X-Request-Id (1 to 128 characters of letters, digits
// and -_.:@), else a new random one (32 hex digits).
std::string request_id_for(std::string_view incoming);

}  // namespace riskloop::http
