// Reading UTF-8 one code point at a time. Whatever is not valid UTF-8 (stray continuation
// bytes, overlong forms, surrogates, values above U+10FFFF, truncated sequences) becomes U+FFFD.
#pragma once

#include <cstddef>
#include <string_view>

namespace riskloop::formats {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// The code point starting at `text[at]`; advances `at` past it (by one byte when invalid).
// `at` must be less than text.size().
inline char32_t next_code_point(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) {
    ++at;
    return lead;
  }
  std::size_t length = 0;
  char32_t value = 0, minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    ++at;
    return kReplacementCharacter;
  }
  if (at + length > text.size()) {
    ++at;
    return kReplacementCharacter;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(at + i);
    if ((next & 0xC0) != 0x80) {
      ++at;
      return kReplacementCharacter;
    }
    value = (value << 6) | (next & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    ++at;
    return kReplacementCharacter;
  }
  at += length;
  return value;
}

}  // namespace riskloop::formats
