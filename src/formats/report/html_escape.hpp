// The one escaping function for text placed in HTML and SVG (element content and quoted
// attribute values alike). Every piece of data that reaches a report or a chart goes through it.
#pragma once

#include <string>
#include <string_view>

namespace riskloop::formats {

// Appends `text` with & < > " ' as character references. Bytes that are not valid UTF-8, and
// control characters other than tab, line feed and carriage return (which XML cannot hold),
// become U+FFFD, so the output is always well-formed UTF-8 for HTML and XML parsers.
void append_html(std::string& out, std::string_view text);

// The same, as a new string.
std::string html_escaped(std::string_view text);

}  // namespace riskloop::formats
