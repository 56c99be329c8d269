// UTC instants with millisecond precision, their one text form, and the Clock seam.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace riskloop {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-25T15:06:11.123Z": the only text form riskloop writes (journal, rows, API).
std::string format_timestamp(Timestamp t);
// Accepts exactly the form above; nullopt otherwise.
std::optional<Timestamp> parse_timestamp(std::string_view text);

// Time is passed in, never read from a global, so the domain model stays deterministic in tests.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

// Identifiers for new records (time-ordered UUIDv7 text in production).
class IdSource {
 public:
  virtual ~IdSource() = default;
  virtual std::string next_id() = 0;
};

}  // namespace riskloop
