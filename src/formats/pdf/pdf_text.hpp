// Text for PDF pages: styles, the fonts of a document (a fallback chain per face, chosen per
// character), and turning UTF-8 into lines of glyphs measured by their widths, wrapped to a width
// at the line break opportunities of UAX #14.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "formats/pdf/line_break.hpp"
#include "formats/pdf/pdf_font.hpp"

namespace riskloop::formats::pdf {

enum class Face { regular, bold };

using Rgb = std::uint32_t;  // 0xRRGGBB

struct TextStyle {
  Face face = Face::regular;
  double size = 9;  // points
  Rgb colour = 0x111111;
};

// A font of a fallback chain: loaded, or the reason it could not be (then `font` is null).
struct FontSlot {
  PdfFont* font = nullptr;
  std::string unavailable;  // e.g. "Noto Sans CJK SC: cannot read the font file ..."
};

// A character the text could not be drawn with as asked, and where it was met.
struct TextProblem {
  char32_t character = 0;
  std::string text;       // the text it is in (cut to 120 bytes)
  std::size_t position = 0;  // 1-based character position in `text`
  std::string place;      // what the caller set with set_place (e.g. the report section)
};

// The fonts of one document. Each face has a chain of fonts; a character is drawn with the first
// font of its face's chain that has a glyph for it. A character no loaded font has is drawn with
// the first font's replacement glyph (U+FFFD), still extracting as itself, and is recorded: as
// `missing_font` when a font of the chain could not be loaded (it might have had the glyph),
// else in `undrawable`. Right-to-left characters (bidi class R or AL: Hebrew, Arabic, Urdu, ...)
// are drawn in logical order, unshaped, and the first one is recorded in `right_to_left`.
// Resource names are /F1, /F2, ... in the order fonts were added.
class FontSet {
 public:
  // `regular` and `bold` are the chains; the first slot of each must hold a font.
  FontSet(std::vector<FontSlot> regular, std::vector<FontSlot> bold);
  FontSet(PdfFont& regular, PdfFont& bold) : FontSet({{&regular, {}}}, {{&bold, {}}}) {}

  // A drawn glyph: CID in font `font` (an index into fonts()).
  struct Glyph {
    std::uint16_t cid;
    std::uint8_t font;
  };
  // The glyph that draws `c` in `face`; `text` and `position` (1-based) say where it is, for
  // the problems recorded.
  Glyph glyph(Face face, char32_t c, std::string_view text, std::size_t position);
  // The first font of the face's chain: its ascent and descent set the line's.
  PdfFont& primary(Face face) { return *fonts_[chain(face).front()]; }
  const std::vector<PdfFont*>& fonts() const { return fonts_; }
  static std::string resource(std::size_t font) { return "F" + std::to_string(font + 1); }
  LineBreaks& line_breaks() { return *breaks_; }

  // Names where text is laid out now (e.g. "5 Hazard identification") for the problems.
  void set_place(std::string place) { place_ = std::move(place); }
  const std::optional<TextProblem>& right_to_left() const { return right_to_left_; }
  // The first character that needed a font that could not be loaded, and why it could not.
  const std::optional<std::pair<TextProblem, std::string>>& missing_font() const {
    return missing_font_;
  }
  // Each character no font has, once, where it was first met.
  const std::vector<TextProblem>& undrawable() const { return undrawable_; }

 private:
  const std::vector<std::uint8_t>& chain(Face face) const {
    return face == Face::bold ? bold_ : regular_;
  }
  Glyph resolve(Face face, char32_t c, std::string_view text, std::size_t position);
  TextProblem problem(char32_t c, std::string_view text, std::size_t position) const;

  std::vector<PdfFont*> fonts_;
  std::vector<std::uint8_t> regular_, bold_;  // indices into fonts_
  std::vector<std::string> unavailable_[2];   // per face: fonts of the chain not loaded
  std::vector<std::uint32_t> bmp_[2];         // per face: (1 << 31 | font << 16 | cid) or 0
  std::unordered_map<char32_t, Glyph> astral_[2];
  std::unique_ptr<LineBreaks> breaks_;
  std::string place_;
  std::optional<TextProblem> right_to_left_;
  std::optional<std::pair<TextProblem, std::string>> missing_font_;
  std::vector<TextProblem> undrawable_;
};

// One line as it is drawn: glyphs of one style and their total advance in points.
struct TextLine {
  TextStyle style;
  std::vector<FontSet::Glyph> glyphs;
  double width = 0;
};

// The text on one line: line breaks and tabs count as spaces; other control characters and
// invalid UTF-8 become U+FFFD.
TextLine shape_line(FontSet& fonts, const TextStyle& style, std::string_view utf8);

// Appends the lines of `utf8` no wider than `max_width` points: a new line at each line break
// of the text (LF, CR LF or CR), otherwise at the last UAX #14 break opportunity that fits
// (spaces at the end of a line are not drawn), and inside a word that is longer than a line.
// Empty text gives no line; an empty line inside the text stays.
void wrap_text(FontSet& fonts, const TextStyle& style, std::string_view utf8, double max_width,
               std::vector<TextLine>& out);

// `utf8` as it is when it fits in `max_width`, else cut and ended with "…".
std::string fit_text(FontSet& fonts, const TextStyle& style, std::string_view utf8,
                     double max_width);

}  // namespace riskloop::formats::pdf
