// When a vigilance report is due: the awareness instant plus a rule's period (docs/vigilance.md).
//
// - hours: the awareness instant plus that many hours;
// - calendar days: the end (23:59:59.999 UTC) of the day that many days after the awareness day
//   ("within 30 calendar days after the day you become aware", 21 CFR 803.50);
// - working days: the end of the n-th working day after the awareness day, Monday to Friday less
//   the holidays given ("5 work days", 21 CFR 803.53);
// - months: the end of the same day of the month that many months later (the last day of a
//   shorter month).
// Days are counted in UTC: the stored awareness instant decides. A rule with no fixed period, or
// one counted before an action, has no due date from an awareness date: asking fails, saying so.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/time.hpp"

namespace riskloop::vigilance {

enum class DeadlineUnit;

using HolidayDates = std::set<std::chrono::sys_days>;

// "2027-10-01" as a day; nullopt unless it is exactly that form and a real date.
std::optional<std::chrono::sys_days> parse_calendar_date(std::string_view text);
std::string format_calendar_date(std::chrono::sys_days day);

// The due instant, or a validation error naming why there is none (no number, or a unit that
// does not run from awareness).
[[nodiscard]] Result<Timestamp> report_due(Timestamp awareness, std::optional<std::int64_t> value,
                                           DeadlineUnit unit, const HolidayDates& holidays);

}  // namespace riskloop::vigilance
