// Big-endian reads of TrueType table fields. Callers check the bounds first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace riskloop::formats::ttf {

inline std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(b[at]) << 8) |
                                    static_cast<unsigned char>(b[at + 1]));
}
inline std::int16_t i16(std::string_view b, std::size_t at) {
  return static_cast<std::int16_t>(u16(b, at));
}
inline std::uint32_t u32(std::string_view b, std::size_t at) {
  return (std::uint32_t{u16(b, at)} << 16) | u16(b, at + 2);
}

inline void put_u16(std::string& out, std::size_t at, std::uint32_t v) {
  out[at] = static_cast<char>((v >> 8) & 0xFF);
  out[at + 1] = static_cast<char>(v & 0xFF);
}
inline void put_u32(std::string& out, std::size_t at, std::uint32_t v) {
  put_u16(out, at, v >> 16);
  put_u16(out, at + 2, v & 0xFFFF);
}
inline void append_u16(std::string& out, std::uint32_t v) {
  out += static_cast<char>((v >> 8) & 0xFF);
  out += static_cast<char>(v & 0xFF);
}
inline void append_u32(std::string& out, std::uint32_t v) {
  append_u16(out, v >> 16);
  append_u16(out, v & 0xFFFF);
}

}  // namespace riskloop::formats::ttf
