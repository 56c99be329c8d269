// RFC 6266 section 4.3: both parameters, the extended one last; RFC 8187 section 3.2.1 attr-char.
#include "http/content_disposition.hpp"

namespace riskloop::http {
namespace {

bool attr_char(unsigned char b) {
  return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
         std::string_view("!#$&+-.^_`|~").find(static_cast<char>(b)) != std::string_view::npos;
}

}  // namespace

std::string content_disposition(std::string_view disposition, std::string_view ascii_fallback,
                                std::string_view utf8_name) {
  std::string fallback;
  for (char c : ascii_fallback) {
    const auto b = static_cast<unsigned char>(c);
    fallback += (b < 0x20 || b > 0x7E || c == '"' || c == '\\' || c == '%') ? '_' : c;
  }
  std::string out = std::string(disposition) + "; filename=\"" + fallback + "\"";
  if (utf8_name == ascii_fallback) return out;
  out += "; filename*=UTF-8''";
  constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : utf8_name) {
    const auto b = static_cast<unsigned char>(c);
    if (attr_char(b)) {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

}  // namespace riskloop::http
