// Shortening statements for dense tables (statement_view.hpp).
#include "web/statement_view.hpp"

namespace riskloop::web {

std::string shorten(std::string_view text, std::size_t limit) {
  // Byte offset of the code point after the first `limit` (UTF-8: continuation bytes are
  // 10xxxxxx), or the end when the text has no more than `limit`.
  std::size_t points = 0, cut = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (points++ == limit) {
      cut = i;
      break;
    }
  }
  if (cut == text.size()) return std::string(text);
  auto kept = text.substr(0, cut);
  // At a word boundary when one is in the last fifth (texts without spaces, as in Chinese, are
  // cut at the character).
  if (const auto space = kept.find_last_of(" \t\n");
      space != std::string_view::npos && space >= kept.size() - kept.size() / 5)
    kept = kept.substr(0, space);
  while (!kept.empty() && std::string_view(" \t\n,;:-").find(kept.back()) != std::string_view::npos)
    kept.remove_suffix(1);
  return std::string(kept) + "…";
}

Data statement(std::string_view text, std::size_t limit) {
  Data d;
  auto shown = shorten(text, limit);
  d.set("shortened", flag(shown != text));
  d.set("short", std::move(shown));
  d.set("full", std::string(text));
  return d;
}

}  // namespace riskloop::web
