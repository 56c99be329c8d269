// Font fallback per character (cached per face), one glyph per character (no kerning, ligatures
// or complex shaping), and greedy line breaking at UAX #14 opportunities.
#include "formats/pdf/pdf_text.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "formats/pdf/utf8_decode.hpp"

namespace riskloop::formats::pdf {
namespace {

constexpr char32_t kLineBreak = 0x0A;
constexpr std::uint32_t kKnown = 1u << 31;

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

bool is_right_to_left(char32_t c) {
  switch (u_charDirection(static_cast<UChar32>(c))) {
    case U_RIGHT_TO_LEFT:
    case U_RIGHT_TO_LEFT_ARABIC:
    case U_RIGHT_TO_LEFT_EMBEDDING:
    case U_RIGHT_TO_LEFT_OVERRIDE:
    case U_RIGHT_TO_LEFT_ISOLATE:
      return true;
    default:
      return false;
  }
}

bool breaking_space(char32_t c) {
  return c == U' ' || c == 0x3000;
}

struct Placed {
  FontSet::Glyph glyph;
  double advance;
  bool space;
};

void emit(const TextStyle& style, const std::vector<Placed>& glyphs, std::size_t begin,
          std::size_t end, double width, std::vector<TextLine>& out) {
  while (end > begin && glyphs[end - 1].space) width -= glyphs[--end].advance;
  TextLine line{style, {}, width};
  line.glyphs.reserve(end - begin);
  for (auto i = begin; i < end; ++i) line.glyphs.push_back(glyphs[i].glyph);
  out.push_back(std::move(line));
}

void wrap_paragraph(const TextStyle& style, const std::vector<Placed>& glyphs,
                    const std::vector<std::uint8_t>& may_break, double max_width,
                    std::vector<TextLine>& out) {
  std::size_t start = 0, opportunity = std::string::npos;
  double width = 0, width_before = 0;
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    const auto& g = glyphs[i];
    if (i > start && may_break[i]) {
      opportunity = i;
      width_before = width;
    }
    // Spaces may hang past the edge: they are not drawn at the end of a line.
    if (!g.space && width + g.advance > max_width && i > start) {
      if (opportunity != std::string::npos) {
        emit(style, glyphs, start, opportunity, width_before, out);
        width -= width_before;
        start = opportunity;
      } else {
        emit(style, glyphs, start, i, width, out);
        start = i;
        width = 0;
      }
      opportunity = std::string::npos;
    }
    width += g.advance;
  }
  emit(style, glyphs, start, glyphs.size(), width, out);
}

}  // namespace

FontSet::FontSet(std::vector<FontSlot> regular, std::vector<FontSlot> bold)
    : breaks_(std::make_unique<LineBreaks>()) {
  for (int face = 0; face < 2; ++face) {
    auto& slots = face == 0 ? regular : bold;
    auto& chain = face == 0 ? regular_ : bold_;
    for (auto& slot : slots) {
      if (slot.font == nullptr) {
        unavailable_[face].push_back(std::move(slot.unavailable));
        continue;
      }
      chain.push_back(static_cast<std::uint8_t>(fonts_.size()));
      fonts_.push_back(slot.font);
    }
    bmp_[face].assign(0x10000, 0);
  }
}

TextProblem FontSet::problem(char32_t c, std::string_view text, std::size_t position) const {
  std::size_t end = std::min<std::size_t>(text.size(), 120);
  // Cut at a character boundary: never before a continuation byte.
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  std::string cut(text.substr(0, end));
  if (end < text.size()) cut += "\xE2\x80\xA6";
  return {c, std::move(cut), position, place_};
}

FontSet::Glyph FontSet::resolve(Face face, char32_t c, std::string_view text,
                                std::size_t position) {
  if (!right_to_left_ && is_right_to_left(c)) right_to_left_ = problem(c, text, position);
  for (auto index : chain(face)) {
    auto& font = *fonts_[index];
    if (const auto glyph = font.glyph_of(c); glyph != 0) return {font.cid(c, glyph), index};
  }
  const auto& unavailable = unavailable_[face == Face::bold];
  if (!unavailable.empty()) {
    if (!missing_font_) missing_font_.emplace(problem(c, text, position), unavailable.front());
  } else {
    bool listed = false;
    for (const auto& p : undrawable_) listed = listed || p.character == c;
    if (!listed) undrawable_.push_back(problem(c, text, position));
  }
  const auto index = chain(face).front();
  auto& font = *fonts_[index];
  auto replacement = font.glyph_of(kReplacementCharacter);
  if (replacement == 0) replacement = font.glyph_of(U'?');
  return {font.cid(c, replacement), index};
}

FontSet::Glyph FontSet::glyph(Face face, char32_t c, std::string_view text,
                              std::size_t position) {
  const int f = face == Face::bold;
  if (c < 0x10000) {
    auto& known = bmp_[f][c];
    if (known & kKnown)
      return {static_cast<std::uint16_t>(known & 0xFFFF),
              static_cast<std::uint8_t>((known >> 16) & 0xFF)};
    const auto g = resolve(face, c, text, position);
    known = kKnown | (std::uint32_t{g.font} << 16) | g.cid;
    return g;
  }
  if (const auto it = astral_[f].find(c); it != astral_[f].end()) return it->second;
  const auto g = resolve(face, c, text, position);
  astral_[f].emplace(c, g);
  return g;
}

TextLine shape_line(FontSet& fonts, const TextStyle& style, std::string_view utf8) {
  TextLine line{style, {}, 0};
  line.glyphs.reserve(utf8.size());
  int thousandths = 0;
  std::size_t position = 0;
  for (std::size_t at = 0; at < utf8.size();) {
    auto c = next_drawn(utf8, at);
    if (c == kLineBreak) c = U' ';
    const auto g = fonts.glyph(style.face, c, utf8, ++position);
    line.glyphs.push_back(g);
    thousandths += fonts.fonts()[g.font]->width(g.cid);
  }
  line.width = thousandths * style.size / 1000.0;
  return line;
}

void wrap_text(FontSet& fonts, const TextStyle& style, std::string_view utf8, double max_width,
               std::vector<TextLine>& out) {
  const double scale = style.size / 1000.0;
  std::vector<Placed> glyphs;
  std::vector<char32_t> characters;
  std::vector<std::uint8_t> may_break;
  glyphs.reserve(utf8.size());
  characters.reserve(utf8.size());
  double width = 0;
  const auto flush = [&] {
    // Most cells fit on one line: no break opportunities needed (the result is the same).
    if (width <= max_width) {
      emit(style, glyphs, 0, glyphs.size(), width, out);
    } else {
      fonts.line_breaks().find(characters, may_break);
      wrap_paragraph(style, glyphs, may_break, max_width, out);
    }
    width = 0;
    glyphs.clear();
    characters.clear();
  };
  std::size_t position = 0;
  for (std::size_t at = 0; at < utf8.size();) {
    const auto c = next_drawn(utf8, at);
    ++position;
    if (c == kLineBreak) {
      flush();
      continue;
    }
    const auto g = fonts.glyph(style.face, c, utf8, position);
    glyphs.push_back({g, fonts.fonts()[g.font]->width(g.cid) * scale, breaking_space(c)});
    width += glyphs.back().advance;
    characters.push_back(c);
  }
  if (!glyphs.empty()) flush();
}

std::string fit_text(FontSet& fonts, const TextStyle& style, std::string_view utf8,
                     double max_width) {
  if (shape_line(fonts, style, utf8).width <= max_width) return std::string(utf8);
  const std::string ellipsis = "\xE2\x80\xA6";
  const auto advance = [&](char32_t c, std::size_t position) {
    const auto g = fonts.glyph(style.face, c, utf8, position);
    return fonts.fonts()[g.font]->width(g.cid) * style.size / 1000.0;
  };
  double width = advance(U'\u2026', 0);
  std::size_t at = 0, position = 0;
  while (at < utf8.size()) {
    auto next = at;
    const auto c = next_drawn(utf8, next);
    const double w = advance(c == kLineBreak ? U' ' : c, ++position);
    if (width + w > max_width) break;
    width += w;
    at = next;
  }
  return std::string(utf8.substr(0, at)) + ellipsis;
}

}  // namespace riskloop::formats::pdf
