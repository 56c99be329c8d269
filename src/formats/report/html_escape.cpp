// HTML/XML text escaping with UTF-8 repair.
#include "formats/report/html_escape.hpp"

#include <cstdint>

namespace riskloop::formats {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at `s[i]` (a lead byte >= 0x80), or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t extra;
  std::uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    extra = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + extra >= s.size()) return 0;
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || cp == 0xFFFE || cp == 0xFFFF)
    return 0;
  return extra + 1;
}

}  // namespace

void append_html(std::string& out, std::string_view text) {
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  const auto flush = [&](std::size_t end) { out.append(text.substr(plain, end - plain)); };
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::string_view replacement;
    std::size_t length = 1;
    if (c >= 0x80) {
      length = utf8_sequence(text, i);
      if (length > 0) {
        i += length;
        continue;
      }
      length = 1;
      replacement = kReplacement;
    } else {
      switch (c) {
        case '&':
          replacement = "&amp;";
          break;
        case '<':
          replacement = "&lt;";
          break;
        case '>':
          replacement = "&gt;";
          break;
        case '"':
          replacement = "&quot;";
          break;
        case '\'':
          replacement = "&#39;";
          break;
        case '\t':
        case '\n':
        case '\r':
          break;
        default:
          if (c < 0x20 || c == 0x7F) replacement = kReplacement;
      }
      if (replacement.empty()) {
        ++i;
        continue;
      }
    }
    flush(i);
    out.append(replacement);
    i += length;
    plain = i;
  }
  flush(text.size());
}

std::string html_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  append_html(out, text);
  return out;
}

}  // namespace riskloop::formats
