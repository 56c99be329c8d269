// Probabilities of harm: the range check every entry point applies, and their one text form.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace riskloop::risk {

// Ok when `value` is finite and in [0, 1]; otherwise a validation error at `location` that says
// what was given and what is allowed.
Status check_probability(std::string_view location, double value);

// The one text form of a probability, for screens, reports, exports and messages alike: written
// as people write it, in plain decimal notation, never with an exponent or floating-point noise.
// The rule: the shortest text of at most 6 significant digits that reads back as the same double;
// a value that needs more digits (P1 x P2 = 1.0000000000000002e-06) is rounded to 6 significant
// digits. Trailing zeros are dropped, zero is "0" (never "-0").
//   1e-06 -> "0.000001"   0.005000000000000001 -> "0.005"   0.25 -> "0.25"   1 -> "1"
//   2.5e-07 -> "0.00000025"   0.123456789 -> "0.123457"
std::string format_probability(double value);

}  // namespace riskloop::risk
