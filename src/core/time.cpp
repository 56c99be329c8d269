// Formatting and strict parsing of UTC timestamps.
#include "core/time.hpp"

#include <charconv>
#include <cstdio>

namespace riskloop {

namespace {

void put_digits(char* out, unsigned value, int n) {
  for (int i = n - 1; i >= 0; --i, value /= 10) out[i] = char('0' + value % 10);
}

}  // namespace

std::string format_timestamp(Timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  const int y = int(ymd.year());
  if (y >= 0 && y <= 9999) {  // every real time; written by hand (this runs for every record)
    std::string out = "0000-00-00T00:00:00.000Z";
    put_digits(&out[0], unsigned(y), 4);
    put_digits(&out[5], unsigned(ymd.month()), 2);
    put_digits(&out[8], unsigned(ymd.day()), 2);
    put_digits(&out[11], unsigned(hms.hours().count()), 2);
    put_digits(&out[14], unsigned(hms.minutes().count()), 2);
    put_digits(&out[17], unsigned(hms.seconds().count()), 2);
    put_digits(&out[20], unsigned(hms.subseconds().count()), 3);
    return out;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                int(hms.subseconds().count()));
  return buf;
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  using namespace std::chrono;
  // YYYY-MM-DDTHH:MM:SS.mmmZ
  if (s.size() != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != '.' || s[23] != 'Z')
    return std::nullopt;
  int y, mo, d, h, mi, se, ms;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) ||
      !digits(s, 11, 2, h) || !digits(s, 14, 2, mi) || !digits(s, 17, 2, se) ||
      !digits(s, 20, 3, ms))
    return std::nullopt;
  const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 59) return std::nullopt;
  return sys_days{ymd} + hours{h} + minutes{mi} + seconds{se} + milliseconds{ms};
}

}  // namespace riskloop
