// A TrueType font as one PDF document uses it: every character drawn gets a CID, the font
// remembers which, and at the end writes itself as a Type0 font (Identity-H) over a
// CIDFontType2 with CIDToGIDMap Identity, a W array of the widths used, the subset font program
// and a ToUnicode CMap, so that text can be extracted and searched.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/pdf/pdf_document.hpp"
#include "formats/pdf/true_type_font.hpp"

namespace riskloop::formats::pdf {

class PdfFont {
 public:
  // `font` must outlive this object.
  explicit PdfFont(const TrueTypeFont& font);

  // The CID that draws `code_point`. Normally the character's glyph id. When the font has no
  // glyph for it (e.g. CJK in DejaVu Sans), or its glyph already stands for another character
  // (e.g. U+00A0 and U+0020), the CID is a copy of that glyph (of .notdef for a missing one)
  // appended to the embedded font, so ToUnicode maps every CID to exactly one character and
  // text extraction gives back what was written. Past 65535 glyphs, missing characters share
  // .notdef.
  std::uint16_t cid(char32_t code_point);
  // Advance of a CID in thousandths of an em, as written in the W array.
  int width(std::uint16_t cid) const { return widths_[cid]; }
  // In thousandths of an em.
  int ascent() const { return scaled(font_.ascent()); }
  int descent() const { return scaled(font_.descent()); }

  // Writes the font objects into `doc` and returns the Type0 font's object. Call once, after
  // all text is laid out.
  ObjectId embed(PdfDocument& doc) const;

 private:
  int scaled(int font_units) const;
  std::string to_unicode_cmap(const std::vector<std::uint16_t>& cids) const;
  std::string widths_array(const std::vector<std::uint16_t>& cids) const;
  std::uint16_t copy_of(std::uint16_t glyph, char32_t code_point);

  static constexpr char32_t kNone = 0xFFFFFFFF;
  const TrueTypeFont& font_;
  std::vector<int> widths_;                 // per CID
  std::vector<char32_t> characters_;        // per CID: the character it stands for, or kNone
  std::vector<std::uint16_t> copies_;       // CID glyph_count() + i copies glyph copies_[i]
  std::vector<std::int32_t> bmp_cids_;      // U+0000..U+FFFF -> CID, -1 not yet asked
  std::unordered_map<char32_t, std::uint16_t> other_cids_;
};

}  // namespace riskloop::formats::pdf
