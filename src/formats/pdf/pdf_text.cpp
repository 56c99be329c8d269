// Shaping (one CID per character, no kerning or ligatures) and greedy line breaking.
#include "formats/pdf/pdf_text.hpp"

#include "formats/pdf/utf8_decode.hpp"

namespace riskloop::formats::pdf {
namespace {

constexpr char32_t kLineBreak = 0x0A;

// The character as drawn: tab as space, controls as U+FFFD; CR LF and CR as LF.
char32_t next_drawn(std::string_view text, std::size_t& at) {
  const auto c = next_code_point(text, at);
  if (c == 0x0D) {
    if (at < text.size() && text[at] == '\n') ++at;
    return kLineBreak;
  }
  if (c == 0x0A) return kLineBreak;
  if (c == 0x09) return U' ';
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return kReplacementCharacter;
  return c;
}

struct Glyph {
  std::uint16_t cid;
  double advance;
  bool space;
};

void emit(const TextStyle& style, const std::vector<Glyph>& glyphs, std::size_t begin,
          std::size_t end, double width, std::vector<TextLine>& out) {
  TextLine line{style, {}, width};
  line.cids.reserve(end - begin);
  for (auto i = begin; i < end; ++i) line.cids.push_back(glyphs[i].cid);
  out.push_back(std::move(line));
}

void wrap_paragraph(const TextStyle& style, const std::vector<Glyph>& glyphs, double max_width,
                    std::vector<TextLine>& out) {
  std::size_t start = 0, space = std::string::npos;
  double width = 0, width_before_space = 0;
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    const auto& g = glyphs[i];
    if (g.space) {
      space = i;
      width_before_space = width;
    } else if (width + g.advance > max_width && i > start) {
      if (space != std::string::npos && space > start) {
        emit(style, glyphs, start, space, width_before_space, out);
        width -= width_before_space + glyphs[space].advance;
        start = space + 1;
      } else {
        emit(style, glyphs, start, i, width, out);
        start = i;
        width = 0;
      }
      space = std::string::npos;
    }
    width += g.advance;
  }
  emit(style, glyphs, start, glyphs.size(), width, out);
}

}  // namespace

TextLine shape_line(FontSet& fonts, const TextStyle& style, std::string_view utf8) {
  auto& font = fonts.font(style.face);
  TextLine line{style, {}, 0};
  line.cids.reserve(utf8.size());
  int thousandths = 0;
  for (std::size_t at = 0; at < utf8.size();) {
    auto c = next_drawn(utf8, at);
    if (c == kLineBreak) c = U' ';
    const auto cid = font.cid(c);
    line.cids.push_back(cid);
    thousandths += font.width(cid);
  }
  line.width = thousandths * style.size / 1000.0;
  return line;
}

void wrap_text(FontSet& fonts, const TextStyle& style, std::string_view utf8, double max_width,
               std::vector<TextLine>& out) {
  auto& font = fonts.font(style.face);
  const double scale = style.size / 1000.0;
  std::vector<Glyph> glyphs;
  glyphs.reserve(utf8.size());
  for (std::size_t at = 0; at < utf8.size();) {
    const auto c = next_drawn(utf8, at);
    if (c == kLineBreak) {
      wrap_paragraph(style, glyphs, max_width, out);
      glyphs.clear();
      continue;
    }
    const auto cid = font.cid(c);
    glyphs.push_back({cid, font.width(cid) * scale, c == U' '});
  }
  if (!glyphs.empty()) wrap_paragraph(style, glyphs, max_width, out);
}

std::string fit_text(FontSet& fonts, const TextStyle& style, std::string_view utf8,
                     double max_width) {
  if (shape_line(fonts, style, utf8).width <= max_width) return std::string(utf8);
  const std::string ellipsis = "\xE2\x80\xA6";
  auto& font = fonts.font(style.face);
  double width = font.width(font.cid(U'\u2026')) * style.size / 1000.0;
  std::size_t at = 0;
  while (at < utf8.size()) {
    auto next = at;
    const auto c = next_drawn(utf8, next);
    const double advance = font.width(font.cid(c == kLineBreak ? U' ' : c)) * style.size / 1000.0;
    if (width + advance > max_width) break;
    width += advance;
    at = next;
  }
  return std::string(utf8.substr(0, at)) + ellipsis;
}

}  // namespace riskloop::formats::pdf
