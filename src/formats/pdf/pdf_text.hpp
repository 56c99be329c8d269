// Text for PDF pages: styles, the fonts of a document by face, and turning UTF-8 into lines of
// CIDs measured by their glyph widths, wrapped to a width.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/pdf/pdf_font.hpp"

namespace riskloop::formats::pdf {

enum class Face { regular, bold };

using Rgb = std::uint32_t;  // 0xRRGGBB

struct TextStyle {
  Face face = Face::regular;
  double size = 9;  // points
  Rgb colour = 0x111111;
};

// The fonts of one document, by face; their resource names are /F1 (regular) and /F2 (bold).
class FontSet {
 public:
  FontSet(PdfFont& regular, PdfFont& bold) : regular_(regular), bold_(bold) {}
  PdfFont& font(Face face) { return face == Face::bold ? bold_ : regular_; }
  static std::string_view resource(Face face) { return face == Face::bold ? "F2" : "F1"; }

 private:
  PdfFont& regular_;
  PdfFont& bold_;
};

// One line as it is drawn: CIDs of one style and their total advance in points.
struct TextLine {
  TextStyle style;
  std::vector<std::uint16_t> cids;
  double width = 0;
};

// The text on one line: line breaks and tabs count as spaces; other control characters and
// invalid UTF-8 become U+FFFD.
TextLine shape_line(FontSet& fonts, const TextStyle& style, std::string_view utf8);

// Appends the lines of `utf8` no wider than `max_width` points: a new line at each line break
// of the text (LF, CR LF or CR), otherwise at the last space that fits, and inside a word that
// is longer than a line. Empty text gives no line; an empty line inside the text stays.
void wrap_text(FontSet& fonts, const TextStyle& style, std::string_view utf8, double max_width,
               std::vector<TextLine>& out);

// `utf8` as it is when it fits in `max_width`, else cut and ended with "…".
std::string fit_text(FontSet& fonts, const TextStyle& style, std::string_view utf8,
                     double max_width);

}  // namespace riskloop::formats::pdf
