// Validation of text fields at the boundary: encoding, length, control characters.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace riskloop {

bool is_valid_utf8(std::string_view text);

// ASCII case-insensitive equality (header names, media types, column names).
bool equals_ignoring_case(std::string_view a, std::string_view b);
// `s` without leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view s);

struct TextRule {
  std::size_t min_length = 0;  // in code points
  std::size_t max_length = 200;
  bool multiline = false;      // allow \n, \r and \t
};

// Checks `value` of the field at JSON pointer `location`; the error says what is allowed.
Status check_text(std::string_view location, std::string_view value, TextRule rule);

// Lower-case ASCII e-mail address with one '@' and a dot in the domain; at most 254 bytes.
Status check_email(std::string_view location, std::string_view value);

}  // namespace riskloop
