// Date fields of UDI carriers (GS1 General Specifications 7.12 for the century; HIBCC date
// formats of the secondary data).
#include "formats/udi/udi_dates.hpp"

#include <cstdio>
#include <string>

namespace riskloop::udi::detail {
namespace {

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

tl::unexpected<ParseError> bad(std::size_t position, std::string reason) {
  return tl::unexpected(ParseError{position, std::move(reason)});
}

}  // namespace

int full_year(int yy, int reference_year) {
  const int century = reference_year - reference_year % 100;
  const int d = yy - reference_year % 100;
  if (d >= 51) return century - 100 + yy;
  if (d <= -50) return century + 100 + yy;
  return century + yy;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

std::uint64_t digits_value(std::string_view digits) {
  std::uint64_t v = 0;
  for (char c : digits) v = v * 10 + std::uint64_t(c - '0');
  return v;
}

std::optional<UdiDate> yymmdd(std::string_view d, int reference_year) {
  const auto two_at = [&](std::size_t i) { return (d[i] - '0') * 10 + (d[i + 1] - '0'); };
  UdiDate out{.year = full_year(two_at(0), reference_year), .month = two_at(2), .day = two_at(4)};
  if (out.month < 1 || out.month > 12) return std::nullopt;
  const int last = days_in_month(out.year, out.month);
  if (out.day == 0) {
    out.day = last;
    out.day_from_month_end = true;
  } else if (out.day > last) {
    return std::nullopt;
  }
  return out;
}

tl::expected<UdiDate, ParseError> read_date(std::string_view text, std::size_t position,
                                            std::string_view layout, bool day_zero,
                                            int reference_year) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] < '0' || text[i] > '9')
      return bad(position + i, std::string("expected a digit of the date (") + std::string(layout) +
                                   "), found '" + text[i] + "'");
  int year = 0, month = 0, day = 0, julian = 0, hour = -1, minute = -1;
  std::size_t month_at = 0, day_at = 0, julian_at = 0, hour_at = 0, minute_at = 0;
  for (std::size_t i = 0; i < layout.size();) {
    std::size_t run = 1;
    while (i + run < layout.size() && layout[i + run] == layout[i]) ++run;
    const int v = int(digits_value(text.substr(i, run)));
    switch (layout[i]) {
      case 'Y':
        year = run == 2 ? full_year(v, reference_year) : v;
        break;
      case 'M':
        month = v, month_at = i;
        break;
      case 'D':
        day = v, day_at = i;
        break;
      case 'J':
        julian = v, julian_at = i;
        break;
      case 'H':
        hour = v, hour_at = i;
        break;
      case 'N':
        minute = v, minute_at = i;
        break;
      default:
        break;
    }
    i += run;
  }
  UdiDate d{.year = year, .month = month, .day = day, .hour = hour, .minute = minute};
  if (layout.find('J') != std::string_view::npos) {
    const bool leap = days_in_month(year, 2) == 29;
    const int last = leap ? 366 : 365;
    if (julian < 1 || julian > last)
      return bad(position + julian_at, "day of the year " + std::to_string(julian) +
                                           " does not exist in " + std::to_string(year) +
                                           " (001.." + std::to_string(last) + ")");
    d.month = 1;
    while (julian > days_in_month(year, d.month)) julian -= days_in_month(year, d.month++);
    d.day = julian;
  } else {
    if (month < 1 || month > 12)
      return bad(position + month_at, "month " + two(month) + " is not 01..12");
    const int last = days_in_month(year, month);
    if (layout.find('D') == std::string_view::npos || (day == 0 && day_zero)) {
      d.day = last;
      d.day_from_month_end = true;
    } else if (day < 1 || day > last) {
      return bad(position + day_at, "day " + two(day) + " does not exist in " +
                                        std::to_string(year) + "-" + two(month) + " (01.." +
                                        two(last) +
                                        (day_zero ? ", or 00 for the month's end)" : ")"));
    }
  }
  if (hour > 23) return bad(position + hour_at, "hour " + two(hour) + " is not 00..23");
  if (minute > 59) return bad(position + minute_at, "minute " + two(minute) + " is not 00..59");
  return d;
}

}  // namespace riskloop::udi::detail
