// Due dates of vigilance reports (see the header for the rules).
#include "core/vigilance/reporting_deadline.hpp"

#include <charconv>
#include <cstdio>

#include "core/vigilance/reporting_rule.hpp"

namespace riskloop::vigilance {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Timestamp end_of(sys_days day) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(sys_days{day + days{1}}) -
         std::chrono::milliseconds{1};
}

bool is_working_day(sys_days day, const HolidayDates& holidays) {
  const std::chrono::weekday wd{day};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday && !holidays.contains(day);
}

}  // namespace

std::optional<sys_days> parse_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  const auto number = [&](std::size_t at, std::size_t len, auto& out) {
    const char* end = text.data() + at + len;
    const auto r = std::from_chars(text.data() + at, end, out);
    return r.ec == std::errc{} && r.ptr == end;
  };
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string format_calendar_date(sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

Result<Timestamp> report_due(Timestamp awareness, std::optional<std::int64_t> value,
                             DeadlineUnit unit, const HolidayDates& holidays) {
  if (unit == DeadlineUnit::no_fixed_period)
    return fail(ErrorCode::validation,
                "the rule sets no fixed period: its wording says when to report", "deadline_unit");
  if (unit == DeadlineUnit::days_before_action)
    return fail(ErrorCode::validation,
                "the rule counts days before an action, not from awareness: plan the report "
                "before the action is taken",
                "deadline_unit");
  if (!value || *value < 0)
    return fail(ErrorCode::validation, "the rule has no period to count", "deadline_value");
  const sys_days aware_day = std::chrono::floor<days>(awareness);
  switch (unit) {
    case DeadlineUnit::hours:
      return awareness + std::chrono::hours{*value};
    case DeadlineUnit::calendar_days:
      return end_of(aware_day + days{*value});
    case DeadlineUnit::working_days: {
      sys_days day = aware_day;
      for (std::int64_t left = *value; left > 0;) {
        day += days{1};
        if (is_working_day(day, holidays)) --left;
      }
      return end_of(day);
    }
    case DeadlineUnit::months: {
      const std::chrono::year_month_day ymd{aware_day};
      const auto target = ymd.year() / ymd.month() + std::chrono::months{*value};
      const auto last = (target / std::chrono::last).day();
      const auto d = ymd.day() > last ? last : ymd.day();
      return end_of(sys_days{target / d});
    }
    default:
      break;
  }
  return fail(ErrorCode::internal, "unknown deadline unit");
}

}  // namespace riskloop::vigilance
