// Probabilities of harm: the range check every entry point applies, and their one text form.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace riskloop::risk {

// Ok when `value` is finite and in [0, 1]; otherwise a validation error at `location` that says
// what was given and what is allowed.
Status check_probability(std::string_view location, double value);

// Shortest text that reads back as the same double: "1e-06", "0.25", "1".
std::string format_probability(double value);

}  // namespace riskloop::risk
