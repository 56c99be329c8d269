// Range checks and text form of probabilities.
#include "core/risk/probability.hpp"

#include <charconv>
#include <cmath>

namespace riskloop::risk {

std::string format_probability(double value) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, r.ptr);
}

Status check_probability(std::string_view location, double value) {
  if (!std::isfinite(value))
    return fail(ErrorCode::validation, "must be a finite probability between 0 and 1",
                std::string(location));
  if (value < 0.0 || value > 1.0)
    return fail(ErrorCode::validation,
                "must be a probability between 0 and 1, got " + format_probability(value),
                std::string(location));
  return {};
}

}  // namespace riskloop::risk
