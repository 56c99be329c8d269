// Probabilities of harm: the range check every entry point applies, and their one text form.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace riskloop::risk {

// Ok when `value` is finite and in [0, 1]; otherwise a validation error at `location` that says
// what was given and what is allowed.
Status check_probability(std::string_view location, double value);

enum class ProbabilityText {
  for_people,  // screens, reports, messages: at most 6 significant digits
  exact,       // exports and form values: reads back as the same double, so nothing is lost
};

// The one text form of a probability: written as people write it, in plain decimal notation,
// never with an exponent; trailing zeros dropped, zero is "0" (never "-0").
//  - for_people: the shortest text of at most 6 significant digits that reads back as the same
//    double; a value that needs more (P1 x P2 = 1.0000000000000002e-06) is rounded to 6
//    significant digits, so floating-point noise never shows.
//  - exact: the shortest text that reads back as the same double. A value a person typed is
//    written as typed; only a value with more digits (1/3) keeps them, so that an exported sheet
//    or a re-saved form never changes a stored value.
//   1e-06 -> "0.000001"   0.005000000000000001 -> "0.005" (exact: "0.005000000000000001")
//   0.25 -> "0.25"   1 -> "1"   2.5e-07 -> "0.00000025"   0.123456789 -> "0.123457"
std::string format_probability(double value, ProbabilityText form = ProbabilityText::for_people);

}  // namespace riskloop::risk
