// Dates as UDI carriers write them: two-digit years, GS1 YYMMDD with day 00, HIBCC Julian days.
#pragma once

#include <cstddef>
#include <string_view>

#include "formats/udi/udi.hpp"

namespace riskloop::udi::detail {

// The four-digit year of a two-digit year `yy` (0..99), GS1 General Specifications 7.12: with
// d = yy - (reference_year mod 100), d in 51..99 is the previous century, d in -99..-50 the
// next, anything else the reference year's century.
int full_year(int yy, int reference_year);

// Days in month `month` (1..12) of `year` (proleptic Gregorian).
int days_in_month(int year, int month);

// The value of `digits` (ASCII digits only, at most 18 of them).
std::uint64_t digits_value(std::string_view digits);

// A valid GS1 date YYMMDD (digits already checked; day 00 the month's end), or nullopt when it
// is not one: then read_date says why.
std::optional<UdiDate> yymmdd(std::string_view digits, int reference_year);

// Reads a date laid out by `layout` from `text`, which starts at input offset `position`.
// Layout letters: Y (two-digit year, century by full_year), C (four-digit year), M month,
// D day, J day of the year (three digits), H hour, N minute. `day_zero` allows DD = 00 (the
// last day of the month, day_from_month_end). `text` must have exactly the layout's length.
tl::expected<UdiDate, ParseError> read_date(std::string_view text, std::size_t position,
                                            std::string_view layout, bool day_zero,
                                            int reference_year);

}  // namespace riskloop::udi::detail
