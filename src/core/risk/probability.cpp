// Range checks and text form of probabilities.
#include "core/risk/probability.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace riskloop::risk {

namespace {

// `value` in scientific notation with `digits` significant digits: "2.50000e-07".
std::string scientific(double value, int digits) {
  char buf[40];
  const auto r =
      std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific, digits - 1);
  return std::string(buf, r.ptr);
}

// "2.50000e-07" -> "0.00000025": the mantissa's digits placed by the exponent, trailing zeros
// of the fraction dropped.
std::string plain_decimal(const std::string& sci) {
  const auto e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  const int exponent = std::atoi(sci.c_str() + e + 1);
  bool negative = false;
  if (!mantissa.empty() && mantissa.front() == '-') {
    negative = true;
    mantissa.erase(0, 1);
  }
  std::string digits;
  for (char ch : mantissa)
    if (ch != '.') digits.push_back(ch);
  // The decimal point goes after `point` digits (may be <= 0 or past the end).
  const int point = exponent + 1;
  std::string out;
  if (point <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= static_cast<int>(digits.size())) {
    out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<std::size_t>(point)) + "." +
          digits.substr(static_cast<std::size_t>(point));
  }
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return negative ? "-" + out : out;
}

}  // namespace

std::string format_probability(double value, ProbabilityText form) {
  if (value == 0.0 || !std::isfinite(value)) {
    if (value == 0.0) return "0";
    return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
  }
  if (form == ProbabilityText::exact) {
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    return plain_decimal(std::string(buf, r.ptr));
  }
  constexpr int kMaxDigits = 6;
  for (int digits = 1; digits < kMaxDigits; ++digits) {
    const auto text = scientific(value, digits);
    double back = 0.0;
    std::from_chars(text.data(), text.data() + text.size(), back);
    if (back == value) return plain_decimal(text);
  }
  return plain_decimal(scientific(value, kMaxDigits));
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
