// A TrueType font file read for embedding in PDF: metrics, the character map and the glyph
// outlines, and subsets of it that keep glyph ids (so CIDs can stay equal to glyph ids).
// Tables read: head, hhea, hmtx, maxp, cmap (formats 4 and 12), loca, glyf, and when present
// OS/2 (cap height, weight), post (italic angle) and name (PostScript name).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace riskloop::formats {

class TrueTypeFont {
 public:
  // Reads and checks a .ttf file. Errors name the file and say what is missing or malformed.
  [[nodiscard]] static Result<TrueTypeFont> load(const std::filesystem::path& path);
  // The same for bytes in memory; `origin` names them in errors and is the fallback PostScript
  // name.
  [[nodiscard]] static Result<TrueTypeFont> parse(std::string bytes, std::string_view origin);

  // Glyph of a character; 0 (.notdef) when the font has none.
  std::uint16_t glyph_of(char32_t code_point) const;
  std::uint16_t glyph_count() const { return glyph_count_; }
  // Advance width of a glyph in font units; glyph < glyph_count().
  std::uint16_t advance(std::uint16_t glyph) const { return advances_[glyph]; }

  int units_per_em() const { return units_per_em_; }
  int ascent() const { return ascent_; }    // font units, positive
  int descent() const { return descent_; }  // font units, negative
  int cap_height() const { return cap_height_; }
  int weight() const { return weight_; }  // 400 regular, 700 bold
  double italic_angle() const { return italic_angle_; }
  std::span<const int, 4> bounding_box() const { return bbox_; }  // xMin yMin xMax yMax
  const std::string& postscript_name() const { return postscript_name_; }

  // A font program with the tables PDF needs for a CIDFontType2 (head, hhea, hmtx, maxp, loca,
  // glyf, cvt, fpgm, prep). Glyph g keeps its id; only the outlines of `used` glyphs, of glyph 0
  // and of the components of composite glyphs are kept, the others are empty. Glyph
  // glyph_count() + i is appended as a copy of glyph `copies[i]`. Every id must be in range and
  // glyph_count() + copies.size() at most 65535.
  std::string subset(std::span<const std::uint16_t> used,
                     std::span<const std::uint16_t> copies) const;

 private:
  struct Table {
    std::uint32_t offset = 0, length = 0;
    bool present() const { return length > 0; }
  };
  struct Group {  // format 12 mapping of characters above U+FFFF
    char32_t first, last;
    std::uint32_t glyph;
  };

  TrueTypeFont() = default;
  Status read_tables(std::string_view origin);
  Status read_cmap(std::string_view origin);
  void read_names(std::string_view origin);
  std::string_view table_bytes(const Table& t) const {
    return std::string_view(bytes_).substr(t.offset, t.length);
  }
  std::string_view glyph_bytes(std::uint16_t glyph) const;

  std::string bytes_;
  Table head_, hhea_, hmtx_, maxp_, cmap_, loca_, glyf_, os2_, post_, name_, cvt_, fpgm_, prep_;
  std::uint16_t glyph_count_ = 0;
  int units_per_em_ = 1000, ascent_ = 0, descent_ = 0, cap_height_ = 0, weight_ = 400;
  double italic_angle_ = 0;
  int bbox_[4] = {0, 0, 0, 0};
  std::string postscript_name_;
  std::vector<std::uint16_t> advances_, left_bearings_;
  std::vector<std::uint32_t> glyph_offsets_;  // glyph_count + 1 offsets into glyf
  std::vector<std::uint16_t> bmp_;            // U+0000..U+FFFF -> glyph
  std::vector<Group> groups_;                 // sorted
};

}  // namespace riskloop::formats
