// Text validation shared by every record that accepts text from people or files.
#include "core/text_rules.hpp"

#include <cctype>
#include <string>

namespace riskloop {

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += extra + 1;
  }
  return true;
}

namespace {

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

Status check_text(std::string_view location, std::string_view value, TextRule rule) {
  const std::string where(location);
  if (!is_valid_utf8(value)) return fail(ErrorCode::validation, "is not valid UTF-8", where);
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    const bool allowed_space = rule.multiline && (c == '\n' || c == '\r' || c == '\t');
    if ((u < 0x20 || u == 0x7F) && !allowed_space)
      return fail(ErrorCode::validation,
                  rule.multiline ? "contains a control character" : "must be a single line of text",
                  where);
  }
  const auto n = code_points(value);
  if (n < rule.min_length)
    return fail(ErrorCode::validation,
                rule.min_length == 1 ? "must not be empty"
                                     : "must have at least " + std::to_string(rule.min_length) +
                                           " characters",
                where);
  if (n > rule.max_length)
    return fail(ErrorCode::validation,
                "must have at most " + std::to_string(rule.max_length) + " characters (has " +
                    std::to_string(n) + ")",
                where);
  return {};
}

Status check_email(std::string_view location, std::string_view value) {
  const std::string where(location);
  const auto at = value.find('@');
  const bool shape = value.size() <= 254 && at != std::string_view::npos && at > 0 &&
                     value.find('@', at + 1) == std::string_view::npos &&
                     value.find('.', at) != std::string_view::npos && value.back() != '.';
  if (!shape) return fail(ErrorCode::validation, "is not an e-mail address like name@example.org", where);
  for (char c : value) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    std::string_view("@.-_+").find(c) != std::string_view::npos;
    if (!ok)
      return fail(ErrorCode::validation,
                  "may hold only lower-case letters, digits and . - _ + @", where);
  }
  return {};
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace riskloop
