// A font as one PDF document uses it: every character drawn gets a CID, the font remembers which,
// and at the end writes itself as a Type0 font (Identity-H) with a W array of the widths used,
// a subset font program made by HarfBuzz and a ToUnicode CMap, so that text can be extracted and
// searched. TrueType outlines become a CIDFontType2 (FontFile2, CIDToGIDMap stream); CFF
// outlines a CIDFontType0 (FontFile3 /CIDFontType0C).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "formats/pdf/open_type_font.hpp"
#include "formats/pdf/pdf_document.hpp"

namespace riskloop::formats::pdf {

class PdfFont {
 public:
  // `font` must outlive this object.
  explicit PdfFont(const OpenTypeFont& font);

  // Glyph of a character in this font; 0 when it has none.
  std::uint16_t glyph_of(char32_t code_point) const { return font_.glyph_of(code_point); }
  // The CID that draws `glyph` and extracts as `code_point`; call once per character. TrueType:
  // a CID of its own per character, so ToUnicode maps every CID to exactly one character even
  // when two characters share a glyph, or a character is drawn with another's glyph (a
  // replacement). CFF: the glyph's CID (OpenTypeFont::cid_of), extracting as the first
  // character it was asked for.
  std::uint16_t cid(char32_t code_point, std::uint16_t glyph);
  // Advance of a CID in thousandths of an em, as written in the W array.
  int width(std::uint16_t cid) const { return widths_[cid]; }
  // In thousandths of an em.
  int ascent() const { return scaled(font_.ascent()); }
  int descent() const { return scaled(font_.descent()); }
  const OpenTypeFont& font() const { return font_; }
  // Whether any character was drawn with this font (unused fonts are not embedded).
  bool used() const { return used_ > 0; }

  // Writes the font objects into `doc` and returns the Type0 font's object. Call once, after
  // all text is laid out. Fails when HarfBuzz cannot subset the font.
  [[nodiscard]] Result<ObjectId> embed(PdfDocument& doc) const;

 private:
  int scaled(int font_units) const;
  std::vector<std::uint16_t> used_cids() const;
  std::string to_unicode_cmap(const std::vector<std::uint16_t>& cids) const;
  std::string widths_array(const std::vector<std::uint16_t>& cids) const;

  static constexpr char32_t kNone = 0xFFFFFFFF;
  const OpenTypeFont& font_;
  std::vector<int> widths_;             // per CID
  std::vector<char32_t> characters_;    // per CID: the character it stands for, or kNone
  std::vector<std::uint16_t> glyphs_;   // per CID: glyph id in the font
  std::size_t used_ = 0;
};

}  // namespace riskloop::formats::pdf
