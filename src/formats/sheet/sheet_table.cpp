// Messages about sheet cells.
#include "formats/sheet/sheet_table.hpp"

namespace riskloop::formats {

std::string SheetIssue::location() const {
  std::string out = "row " + std::to_string(row);
  if (!column.empty()) out += ", column \"" + column + "\"";
  return out;
}

std::string SheetIssue::describe() const {
  return location() + ": " + message;
}

std::string quote_cell(std::string_view value) {
  constexpr std::size_t kShown = 60;
  std::size_t cut = value.size();
  std::size_t points = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (points++ == kShown) {
      cut = i;
      break;
    }
  }
  std::string out = "\"";
  for (std::size_t i = 0; i < cut; ++i) {
    const char c = value[i];
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else
      out += c;
  }
  if (cut < value.size()) out += "...";
  out += '"';
  return out;
}

}  // namespace riskloop::formats
