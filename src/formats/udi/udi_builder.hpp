// What the GS1 and HIBCC parsers share: failing with a position, and filling a Udi.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "formats/udi/udi.hpp"

namespace riskloop::udi::detail {

inline tl::unexpected<ParseError> bad(std::size_t position, std::string reason) {
  return tl::unexpected(ParseError{position, std::move(reason)});
}

// `c` for a message: 'A', or its code when not printable ("byte 0x1D").
std::string shown_char(char c);

// Appends an element; fails at `position` when the Udi already holds kMaxElements.
tl::expected<void, ParseError> push_element(Udi& udi, std::string_view ai, std::string_view name,
                                            std::string_view value, std::size_t position);

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

// The GS1 parser from offset `start` of `text` (after a symbology identifier), in the
// human-readable form when text[start] is '(' and the raw form otherwise.
ParseResult parse_gs1_at(std::string_view text, std::size_t start, const ParseOptions& options);
// The HIBCC parser from offset `start` of `text`.
ParseResult parse_hibcc_at(std::string_view text, std::size_t start, const ParseOptions& options);

}  // namespace riskloop::udi::detail
