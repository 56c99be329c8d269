// Public holidays per country, which working-day reporting deadlines skip (21 CFR 803.53 counts
// "work days"; core/vigilance/reporting_deadline.hpp). Entered or imported by admins for the
// countries the organization reports in; a country without holidays counts Monday to Friday.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/record_declaration.hpp"
#include "core/vigilance/jurisdiction.hpp"
#include "core/vigilance/reporting_deadline.hpp"

namespace riskloop::vigilance {

inline constexpr FieldLimit kHolidayLimits[] = {
    {.field = "country", .required = true, .max_length = 2},
    {.field = "date", .required = true, .max_length = 10},
    {.field = "name", .required = true},
};
inline constexpr IndexDecl kHolidayIndexes[] = {
    {.first = "country", .second = "date", .unique = true}, {.first = "date"}};
inline constexpr std::string_view kHolidayColumns[] = {"country", "date", "name"};

struct Holiday {
  static constexpr std::string_view entity = "holiday";
  static constexpr std::string_view table = "holidays";
  static constexpr Scope scope = Scope::organization;
  static constexpr RecordDeclaration declaration{
      .path = "holidays",
      .title = "holiday",
      .plural = "holidays",
      .limits = kHolidayLimits,
      .indexes = kHolidayIndexes,
      .list_columns = kHolidayColumns,
      .permissions = {.create = Permission::manage_members,
                      .update = Permission::manage_members,
                      .remove = Permission::manage_members},
  };

  RecordHeader header;
  std::string country;  // ISO 3166-1 alpha-2, or "EU" for days every member state keeps
  std::string date;     // "2027-10-01"
  std::string name;     // "National Day 国庆节"

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("country", s.country);
    v("date", s.date);
    v("name", s.name);
  }
};

inline Status validate(const Holiday& h) {
  RL_CHECK(check_jurisdiction(h.country, "/country"));
  if (!parse_calendar_date(h.date))
    return fail(ErrorCode::validation, "must be a date like 2027-10-01, got \"" + h.date + "\"",
                "/date");
  return {};
}

}  // namespace riskloop::vigilance
