// The server log (see server_log.hpp).
#include "http/server_log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/time.hpp"

namespace riskloop::http {
namespace {

std::atomic<LogFormat> g_format{LogFormat::text};

// Text values are quoted when they hold a blank, a quote or nothing, so a line splits cleanly on
// spaces; control characters never reach the log.
void append_text_value(std::string& out, std::string_view v) {
  bool quote = v.empty();
  for (char c : v) quote = quote || c == ' ' || c == '"' || c == '=';
  if (quote) out += '"';
  for (char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      out += '?';
    else if (c == '"' && quote)
      out += "\\\"";
    else
      out += c;
  }
  if (quote) out += '"';
}

}  // namespace

bool parse_log_format(std::string_view name, LogFormat& out) {
  if (name == "text") return out = LogFormat::text, true;
  if (name == "json") return out = LogFormat::json, true;
  return false;
}

void configure_server_log(LogFormat format, std::shared_ptr<spdlog::sinks::sink> sink) {
  if (!sink) sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("riskloop", std::move(sink));
  // Both formats write the time and level themselves (UTC, the one text form riskloop uses).
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::info);
  // A request line is written when its response has gone out; a crash must not lose errors.
  logger->flush_on(spdlog::level::info);
  g_format = format;
  spdlog::set_default_logger(std::move(logger));
}

void log_event(spdlog::level::level_enum level, std::string_view message,
               std::initializer_list<LogField> fields) {
  if (!spdlog::default_logger_raw()->should_log(level)) return;
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now());
  const auto level_name = spdlog::level::to_string_view(level);
  std::string line;
  if (g_format == LogFormat::json) {
    nlohmann::ordered_json j;
    j["time"] = format_timestamp(now);
    j["level"] = std::string_view(level_name.data(), level_name.size());
    j["msg"] = message;
    for (const auto& f : fields) {
      if (f.number)
        j[std::string(f.name)] = nlohmann::ordered_json::parse(f.value, nullptr, false);
      else
        j[std::string(f.name)] = f.value;
    }
    line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    line = format_timestamp(now);
    line += ' ';
    line.append(level_name.data(), level_name.size());
    line += ' ';
    line += message;
    for (const auto& f : fields) {
      line += ' ';
      line += f.name;
      line += '=';
      append_text_value(line, f.value);
    }
  }
  spdlog::log(level, "{}", line);
}

void log_request(const RequestLogLine& r) {
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f", r.duration_ms);
  log_event(spdlog::level::info, "request",
            {{"request_id", std::string(r.request_id)},
             {"user", std::string(r.user)},
             {"method", std::string(r.method)},
             {"route", std::string(r.route)},
             {"status", std::to_string(r.status), true},
             {"duration_ms", ms, true}});
}

std::string request_id_for(std::string_view incoming) {
  bool sane = !incoming.empty() && incoming.size() <= 128;
  for (char c : incoming)
    sane = sane && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == ':' || c == '@');
  if (sane) return std::string(incoming);
  // Correlation only, not a secret: a per-thread generator is enough.
  thread_local std::mt19937_64 random{std::random_device{}()};
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return out;
}

}  // namespace riskloop::http
