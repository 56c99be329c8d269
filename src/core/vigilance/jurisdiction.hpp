// Jurisdiction codes of vigilance: ISO 3166-1 alpha-2 country codes, and "EU" for the European
// Union, whose rules (MDR) apply in every member state.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace riskloop::vigilance {

// Two capital letters ("CN", "US", "EU"); fails (validation) at `location` otherwise.
inline Status check_jurisdiction(std::string_view code, std::string location) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
    return fail(ErrorCode::validation,
                "must be an ISO 3166 country code of two capital letters, like CN or US, or EU",
                std::move(location));
  return {};
}

}  // namespace riskloop::vigilance
